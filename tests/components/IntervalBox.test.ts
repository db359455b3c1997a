import {describe, expect, it} from 'vitest';
import {COLORS} from '../../src/theme';
import {
  beatTimes,
  probeScene,
  renderStill,
  typedProbe,
} from '../helpers/render';
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

async function box(t: number) {
  const probe = await probeAt(t);
  return {
    box: typedProbe(probe.box, 'box', 'IntervalBox'),
    position: probe.box.position,
  };
}

const beats = beatTimes(PROJECT, SCENE);
async function during(name: string) {
  const {start, end} = (await beats)[name];
  return (start + end) / 2;
}

describe('IntervalBox', () => {
  it("the image box's ends are f(x) and f(x + dx), and a, b land as b, a where x² flips", async () => {
    const {box: b} = await box(await during('flipped'));
    expect(b.input).toEqual([-1, -0.5]);
    expect(b.output).toEqual([1, 0.25]);
    expect(b.orientation).toBe('flipped');
    expect(b.kind).toBe('flip');
    // a's end landed on f(a), right of b's end.
    const [a, bEnd] = b.movingEnds!;
    expect(a[0]).toBeCloseTo(b.outputPixels[0]!, 6);
    expect(bEnd[0]).toBeCloseTo(b.outputPixels[1]!, 6);
    expect(a[0]).toBeGreaterThan(bEnd[0]);
  });

  it('reads both lengths and their ratio from the math, live as x and dx move', async () => {
    const {box: b} = await box(await during('stretched'));
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
    const t = await during('flipped');
    const {box: b, position} = await box(t);
    const still = await renderStill(PROJECT, 'interval-box', t);
    const y = b.movingEnds![0][1] + position[1];
    // The right edge of the image box (a's end, at f(a) = 1) is stroked in the flip colour.
    expect(
      nearestColor(still, position[0] + b.outputPixels[0]!, y, COLORS.flip, 3),
    ).toBeLessThan(Infinity);
  });

  it('lands an interval holding the turning point on its true image [0, 1], folded, drawn from f(0) (headless Chromium)', async () => {
    const t = await during('folded');
    const {box: b, position} = await box(t);
    expect(b.input[0]).toBeCloseTo(-0.6, 12);
    expect(b.folds).toHaveLength(1);
    expect(b.folds[0]).toBeCloseTo(0, 12);
    expect(b.span[0]).toBeCloseTo(0, 12);
    expect(b.span[1]).toBeCloseTo(1, 12);
    expect(b.kind).toBe('squish');
    expect(b.drawn.pieces).toHaveLength(2);
    // The image box reaches down to f(0) = 0, left of both ends' images.
    const zero = b.lines.output.origin[0];
    const left = Math.min(...b.drawn.pieces.map(p => p.left));
    expect(left).toBeCloseTo(zero, 6);
    expect(left).toBeLessThan(
      Math.min(b.outputPixels[0]!, b.outputPixels[1]!) - 10,
    );
    const still = await renderStill(PROJECT, SCENE, t);
    const y = b.drawn.pieces[0].y + position[1];
    // The stroke of the box's left edge sits at 0 on the output line, in the dx colour.
    expect(
      nearestColor(still, position[0] + left, y - 15, COLORS.dx, 3),
    ).toBeLessThan(Infinity);
  });
});
