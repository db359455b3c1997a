import {describe, expect, it} from 'vitest';
import {DX, X} from '../../scenes/04-zoom.timing';
import {
  derivativeAt,
  formatFixed,
  imageOfInterval,
  square,
} from '../../src/math';
import {COLORS} from '../../src/theme';
import {nearestColor} from '../components/mappingPixels';
import {
  beatTimes,
  probeScene,
  renderStill,
  typedProbe,
} from '../helpers/render';

const PROJECT = 'scenes/chapter12.ts';
const KEYS = ['box', 'slope', 'definition', 'inset'];
const SCENE = '04-zoom';

// Each probe starts its own browser: probe each moment once, for every key, and reuse it.
const probes = new Map<number, ReturnType<typeof probeScene>>();
function probeAt(t: number) {
  if (!probes.has(t)) probes.set(t, probeScene(PROJECT, SCENE, t, KEYS));
  return probes.get(t)!;
}
/** The middle of a beat, in seconds from the scene's start. */
const beats = beatTimes(PROJECT, SCENE);
async function middleOf(name: string) {
  const {start, end} = (await beats)[name];
  return (start + end) / 2;
}

describe('04-zoom', () => {
  const steps = [
    {beat: 'first', dx: DX.first, ratio: '3.50'},
    {beat: 'second', dx: DX.second, ratio: '3.10'},
    {beat: 'third', dx: DX.third, ratio: '3.01'},
  ];
  for (const step of steps) {
    it(`reads the ratio ${step.ratio} from imageOfInterval when dx = ${step.dx}`, async () => {
      const p = await probeAt(await middleOf(step.beat));
      const box = typedProbe(p.box, 'box', 'IntervalBox');
      const image = imageOfInterval(square, X, step.dx);
      expect(box.x).toBe(X);
      expect(box.dx).toBeCloseTo(step.dx, 12);
      expect(box.landed).toBe(1);
      expect(image.ratio.defined).toBe(true);
      expect(box.ratio).toBeCloseTo(
        image.ratio.defined ? image.ratio.value : NaN,
        9,
      );
      expect(formatFixed(image.ratio, 2)).toBe(step.ratio);
      expect(box.readouts[2]!.text).toMatch(
        new RegExp(`= \\s*${step.ratio.replace('.', '\\.')}$`),
      );
    });
  }

  it("ends on f'(x) = 3, the limit of the ratios, beside the definition", async () => {
    const p = await probeAt(await middleOf('hold-definition'));
    const slope = typedProbe(p.slope, 'slope', 'Readout');
    const inset = typedProbe(p.inset, 'inset', 'ZoomInset');
    expect(derivativeAt(square, X)).toEqual({defined: true, value: 3});
    expect(slope.value).toBe(3);
    expect(p.slope.opacity).toBeGreaterThan(0.99);
    expect(p.definition.opacity).toBeGreaterThan(0.99);
    expect(inset.caption).toBe('Scale by 3');
    expect(inset.zoom).toBeCloseTo(10, 9);
  });

  it("draws the magnified image box in the dx colour where the inset's math puts it (headless Chromium)", async () => {
    const t = await middleOf('third');
    const p = await probeAt(t);
    const still = await renderStill(PROJECT, SCENE, t);
    const inset = typedProbe(p.inset, 'inset', 'ZoomInset');
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
