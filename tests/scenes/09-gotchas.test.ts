import {describe, expect, it} from 'vitest';
import {
  classifyStretch,
  derivativeAt,
  describeStretch,
  formatFixed,
} from '../../src/math';
import {COLORS} from '../../src/theme';
import {
  FLAT_DXS,
  FLAT_F,
  FLAT_X,
  FLIP_DX,
  FLIP_F,
  FLIP_X,
  LOCAL_DX,
  LOCAL_F,
  WORDS,
  moments,
} from '../../scenes/09-gotchas.timing';
import {probeScene, renderStill} from '../helpers/render';
import {hasColorNear} from '../components/graphPixels';

const PROJECT = 'scenes/chapter12.ts';
const SCENE = '09-gotchas';

interface BoxProbe {
  x: number;
  dx: number;
  input: [number, number];
  output: [number, number];
  ratio: number | null;
  stretchFactor: number | null;
  kind: string;
  orientation: string;
  outputPixels: [number, number];
  movingEnds: [[number, number], [number, number]];
  readouts: {label: string; value: number | null; text: string}[];
}

interface ReadoutProbe {
  label: string;
  value: number | null;
  text: string;
}

/** The number at the end of a readout's text ("f'(x) = −3.00" → "−3.00"). */
function numberOf(text: string): string {
  return text.trim().split(/\s+/).pop() ?? '';
}

describe('09-gotchas', () => {
  const m = moments();

  it("beat 1: as the probe sweeps x, the box and its readout change with f'(x) there", async () => {
    const [from, to] = m.sweep;
    const seen = new Set<string>();
    for (const t of [
      from - 0.3,
      from + 0.4 * (to - from),
      from + 0.8 * (to - from),
      to - 0.1,
    ]) {
      const p = await probeScene(PROJECT, SCENE, t, [
        'title',
        'localBox',
        'localSlope',
      ]);
      expect(p.title.text).toBe(WORDS.localTitle);
      const box = p.localBox.custom as BoxProbe;
      const slope = p.localSlope.custom as ReadoutProbe;
      const x = box.input[0] + LOCAL_DX / 2;
      expect(numberOf(slope.text)).toBe(formatFixed(derivativeAt(LOCAL_F, x)));
      // The centred box's output / input is f'(x) itself for x².
      expect(box.ratio).toBeCloseTo(slope.value!, 9);
      seen.add(numberOf(slope.text));
    }
    expect(seen.size).toBeGreaterThanOrEqual(3);
  });

  it('beat 2: f\'(x) = −3 flips [a, b] and triples it: readout −3.00, caption "Flip and scale by 3"', async () => {
    const p = await probeScene(PROJECT, SCENE, m.flipHeld, [
      'title',
      'flipBox',
      'flipSlope',
      'flipStretch',
    ]);
    expect(p.title.text).toBe(WORDS.flipTitle);
    const slope = p.flipSlope.custom as ReadoutProbe;
    expect(slope.value).toBe(-3);
    expect(numberOf(slope.text)).toBe('\u22123.00');
    expect(p.flipStretch.text).toBe('Flip and scale by 3');
    expect(p.flipStretch.text).toBe(
      describeStretch(classifyStretch(derivativeAt(FLIP_F, FLIP_X))),
    );
    const box = p.flipBox.custom as BoxProbe;
    expect(box.orientation).toBe('flipped');
    expect(box.output[1] - box.output[0]).toBeCloseTo(-3 * FLIP_DX, 12);
    expect(numberOf(box.readouts[2].text)).toBe('\u22123.00');
  });

  it('beat 3: x² at 0 collapses [0, dx] to a point at the flat spot: readouts 0.00', async () => {
    const p = await probeScene(PROJECT, SCENE, m.flatHeld, [
      'title',
      'flatBox',
      'flatSlope',
      'flatStretch',
      'flatGraph',
    ]);
    expect(p.title.text).toBe(WORDS.flatTitle);
    const slope = p.flatSlope.custom as ReadoutProbe;
    expect(numberOf(slope.text)).toBe('0.00');
    expect(numberOf(slope.text)).toBe(
      formatFixed(derivativeAt(FLAT_F, FLAT_X)),
    );
    expect(p.flatStretch.text).toBe('Collapse');
    const graph = p.flatGraph.custom as {
      x: number;
      slope: number;
      readoutText: string;
    };
    expect(graph.x).toBe(FLAT_X);
    expect(numberOf(graph.readoutText)).toBe('0.00');
    const box = p.flatBox.custom as BoxProbe;
    expect(box.kind).toBe('collapse');
    expect(box.dx).toBeCloseTo(FLAT_DXS[FLAT_DXS.length - 1], 12);
    // The image is (nearly) a point at f(0) = 0: its length is dx², tiny.
    expect(Math.abs(box.output[1] - box.output[0])).toBeLessThan(0.01);
  });

  it('draws the flipped image in the flip colour at f(a) and f(b) (headless Chromium)', async () => {
    const p = await probeScene(PROJECT, SCENE, m.flipHeld, ['flipBox']);
    const box = p.flipBox.custom as BoxProbe;
    const [ox, oy] = p.flipBox.position;
    const still = await renderStill(PROJECT, SCENE, m.flipHeld);
    const y = box.movingEnds[0][1] + oy - 10;
    for (const px of box.outputPixels) {
      expect(hasColorNear(still, px + ox, y, COLORS.flip, 4)).toBe(true);
    }
  });
});
