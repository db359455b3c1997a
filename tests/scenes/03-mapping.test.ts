import {describe, expect, it} from 'vitest';
import {SAMPLES, moments} from '../../scenes/03-mapping.timing';
import {
  add,
  compose,
  identity,
  linear,
  samplePoints,
  scaleBy,
  sin,
  square,
  valueAt,
} from '../../src/math';
import {nearestColor} from '../components/mappingPixels';
import {probeScene, renderStill} from '../helpers/render';

const PROJECT = 'scenes/chapter12.ts';
const KEYS = ['mapping'];
const SCENE = '03-mapping';

// Each probe starts its own browser: probe each moment once, for every key, and reuse it.
const probes = new Map<number, ReturnType<typeof probeScene>>();
function probeAt(t: number) {
  if (!probes.has(t)) probes.set(t, probeScene(PROJECT, SCENE, t, KEYS));
  return probes.get(t)!;
}
const at = moments();

interface DotProbe {
  x: number;
  fx: number;
  t: number;
  onLine: boolean;
  position: [number, number];
  expected: [number, number];
  color: string;
}

async function mapping(t: number) {
  const p = await probeAt(t);
  return {
    position: p.mapping.position,
    ...(p.mapping.custom as {dots: DotProbe[]; tickProgress: number}),
  };
}

describe('03-mapping', () => {
  it('sends the integers −2..3 to their squares on the output line', async () => {
    const m = await mapping(at.integersLanded);
    expect(m.dots.map(d => d.x)).toEqual([-2, -1, 0, 1, 2, 3]);
    expect(m.dots.map(d => d.fx)).toEqual([4, 1, 0, 1, 4, 9]);
    for (const d of m.dots) {
      expect(d.t).toBe(1);
      expect(d.position[0]).toBeCloseTo(d.expected[0], 6);
      expect(d.position[1]).toBeCloseTo(d.expected[1], 6);
    }
  });

  it('lands every dense dot at x² ', async () => {
    const m = await mapping(at.denseLanded);
    const xs = samplePoints(
      SAMPLES.dense.min,
      SAMPLES.dense.max,
      SAMPLES.dense.count,
    );
    expect(m.dots.map(d => d.x)).toEqual(xs);
    for (const d of m.dots) {
      expect(d.fx).toBe(valueAt(square, d.x));
      expect(d.position[0]).toBeCloseTo(d.expected[0], 6);
    }
  });

  it('has deformed the copy of the input line onto the output line', async () => {
    const m = await mapping(at.deformed);
    expect(m.tickProgress).toBe(1);
  });

  it('maps the gentler example x + ½ sin 2x, built from the combinators', async () => {
    const gentle = add(identity, scaleBy(0.5, compose(sin, linear(2, 0))));
    const m = await mapping(at.gentleDeformed);
    expect(m.tickProgress).toBe(1);
    for (const d of m.dots) expect(d.fx).toBeCloseTo(valueAt(gentle, d.x)!, 12);
  });

  it('draws the dot for x = 3 at 9 in its gradient colour (headless Chromium)', async () => {
    const m = await mapping(at.integersLanded);
    const still = await renderStill(PROJECT, SCENE, at.integersLanded);
    const d = m.dots.find(d => d.x === 3)!;
    expect(
      nearestColor(
        still,
        m.position[0] + d.expected[0],
        m.position[1] + d.expected[1],
        d.color,
        3,
        30,
      ),
    ).toBeLessThan(Infinity);
  });
});
