import {describe, expect, it} from 'vitest';
import {DX, X, moments} from '../../scenes/04-zoom.timing';
import {
  derivativeAt,
  formatFixed,
  imageOfInterval,
  square,
} from '../../src/math';
import {COLORS} from '../../src/theme';
import {nearestColor} from '../components/mappingPixels';
import {probeScene, renderStill} from '../helpers/render';

const PROJECT = 'scenes/chapter12.ts';
const KEYS = ['box', 'slope', 'definition', 'inset'];
const SCENE = '04-zoom';

// Each probe starts its own browser: probe each moment once, for every key, and reuse it.
const probes = new Map<number, ReturnType<typeof probeScene>>();
function probeAt(t: number) {
  if (!probes.has(t)) probes.set(t, probeScene(PROJECT, SCENE, t, KEYS));
  return probes.get(t)!;
}
const at = moments();

interface BoxProbe {
  x: number;
  dx: number;
  ratio: number;
  landed: number;
  readouts: {value: number | null; text: string}[];
}

describe('04-zoom', () => {
  const steps = [
    {moment: at.first, dx: DX.first, ratio: '3.50'},
    {moment: at.second, dx: DX.second, ratio: '3.10'},
    {moment: at.third, dx: DX.third, ratio: '3.01'},
  ];
  for (const step of steps) {
    it(`reads the ratio ${step.ratio} from imageOfInterval when dx = ${step.dx}`, async () => {
      const p = await probeAt(step.moment);
      const box = p.box.custom as BoxProbe;
      const image = imageOfInterval(square, X, step.dx);
      expect(box.x).toBe(X);
      expect(box.dx).toBeCloseTo(step.dx, 12);
      expect(box.landed).toBe(1);
      expect(box.ratio).toBeCloseTo((image.ratio as {value: number}).value, 9);
      expect(formatFixed(image.ratio, 2)).toBe(step.ratio);
      expect(box.readouts[2]!.text).toMatch(
        new RegExp(`= \\s*${step.ratio.replace('.', '\\.')}$`),
      );
    });
  }

  it("ends on f'(x) = 3, the limit of the ratios, beside the definition", async () => {
    const p = await probeAt(at.definition);
    const slope = p.slope.custom as {value: number; text: string};
    expect(slope.value).toBe(
      (derivativeAt(square, X) as {value: number}).value,
    );
    expect(slope.value).toBe(3);
    expect(p.slope.opacity).toBeGreaterThan(0.99);
    expect(p.definition.opacity).toBeGreaterThan(0.99);
    expect((p.inset.custom as {caption: string; zoom: number}).caption).toBe(
      'Scale by 3',
    );
    expect((p.inset.custom as {zoom: number}).zoom).toBeCloseTo(10, 9);
  });

  it("draws the magnified image box in the dx colour where the inset's math puts it (headless Chromium)", async () => {
    const p = await probeAt(at.third);
    const still = await renderStill(PROJECT, SCENE, at.third);
    const inset = p.inset.custom as {outputPixels: number[]};
    const [ix, iy] = p.inset.position;
    // The image box runs from f(x) to f(x + dx); the inset's output line is 0.2·360 + 20 px
    // below its centre and the box's top edge 13 px above that line.
    const y = iy + 0.2 * 360 + 20;
    const middle = ix + (inset.outputPixels[1]! + inset.outputPixels[2]!) / 2;
    expect(nearestColor(still, middle, y - 13, COLORS.dx, 4, 50)).toBeLessThan(
      Infinity,
    );
  });
});
