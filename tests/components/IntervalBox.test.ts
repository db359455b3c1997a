import {describe, expect, it} from 'vitest';
import {COLORS} from '../../src/theme';
import {probeScene, renderStill} from '../helpers/render';
import {nearestColor} from './mappingPixels';

const PROJECT = 'scenes/demos/mapping.ts';
const SCENE = 'interval-box';
const KEYS = ['box'];

// Each probe starts its own browser: probe each moment once, for every key, and reuse it.
const probes = new Map<number, ReturnType<typeof probeScene>>();
function probeAt(t: number) {
  if (!probes.has(t)) probes.set(t, probeScene(PROJECT, SCENE, t, KEYS));
  return probes.get(t)!;
}

interface BoxProbe {
  input: [number, number];
  output: [number, number];
  inputLength: number;
  outputLength: number;
  ratio: number | null;
  stretchFactor: number | null;
  kind: string;
  orientation: string;
  outputPixels: [number, number];
  movingEnds: [[number, number], [number, number]];
  readouts: {text: string; value: number | null}[];
}

async function box(
  t: number,
): Promise<{box: BoxProbe; position: [number, number]}> {
  const probe = await probeAt(t);
  return {box: probe.box.custom as BoxProbe, position: probe.box.position};
}

describe('IntervalBox', () => {
  it("the image box's ends are f(x) and f(x + dx), and a, b land as b, a where x² flips", async () => {
    const {box: b} = await box(3);
    expect(b.input).toEqual([-1, -0.5]);
    expect(b.output).toEqual([1, 0.25]);
    expect(b.orientation).toBe('flipped');
    expect(b.kind).toBe('flip');
    // a's end landed on f(a), right of b's end.
    expect(b.movingEnds[0][0]).toBeCloseTo(b.outputPixels[0], 6);
    expect(b.movingEnds[1][0]).toBeCloseTo(b.outputPixels[1], 6);
    expect(b.movingEnds[0][0]).toBeGreaterThan(b.movingEnds[1][0]);
  });

  it('reads both lengths and their ratio from the math, live as x and dx move', async () => {
    const {box: b} = await box(7.5);
    expect(b.input).toEqual([1.5, 1.75]);
    expect(b.ratio).toBeCloseTo(3.25, 9);
    expect(b.stretchFactor).toBe(3);
    expect(b.readouts.map(r => r.value)).toEqual([
      b.inputLength,
      b.outputLength,
      b.ratio,
    ]);
    expect(b.readouts[2]!.text).toMatch(/3\.25$/);
  });

  it('draws the flipped image in the flip colour at f(x) (headless Chromium)', async () => {
    const {box: b, position} = await box(3);
    const still = await renderStill(PROJECT, 'interval-box', 3);
    const y = b.movingEnds[0][1] + position[1];
    // The right edge of the image box (a's end, at f(a) = 1) is stroked in the flip colour.
    expect(
      nearestColor(still, position[0] + b.outputPixels[0], y, COLORS.flip, 3),
    ).toBeLessThan(Infinity);
  });
});
