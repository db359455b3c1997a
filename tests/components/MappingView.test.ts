import {describe, expect, it} from 'vitest';
import {square, valueAt} from '../../src/math';
import {probeScene, renderStill} from '../helpers/render';
import {nearestColor} from './mappingPixels';

const PROJECT = 'scenes/demos/mapping.ts';
const SCENE = 'mapping-view';
const KEYS = ['mapping', 'undefined-mapping'];

// Each probe starts its own browser: probe each moment once, for every key, and reuse it.
const probes = new Map<number, ReturnType<typeof probeScene>>();
function probeAt(t: number) {
  if (!probes.has(t)) probes.set(t, probeScene(PROJECT, SCENE, t, KEYS));
  return probes.get(t)!;
}

interface DotProbe {
  x: number;
  fx: number;
  t: number;
  onLine: boolean;
  position: [number, number];
  expected: [number, number];
  color: string;
}

async function dots(
  t: number,
): Promise<{dots: DotProbe[]; origin: [number, number]}> {
  const probe = await probeAt(t);
  return {
    dots: (probe.mapping.custom as {dots: DotProbe[]}).dots,
    origin: probe.mapping.position,
  };
}

describe('MappingView', () => {
  it('after the flow, the dot for x stands at numberToPoint(f(x)) on the output line', async () => {
    const {dots: ds} = await dots(4.2);
    expect(ds.map(d => d.x)).toEqual([-2, -1, 0, 1, 2, 3]);
    for (const d of ds) {
      expect(d.fx).toBe(valueAt(square, d.x));
      expect(d.t).toBe(1);
      expect(d.position[0]).toBeCloseTo(d.expected[0], 6);
      expect(d.position[1]).toBeCloseTo(d.expected[1], 6);
    }
  });

  it('skips the points where f is undefined (ln at −1 and 0)', async () => {
    const probe = await probeAt(4.2);
    const ds = (probe['undefined-mapping'].custom as {dots: DotProbe[]}).dots;
    expect(ds.map(d => d.x)).toEqual([1, 2]);
    for (const d of ds) expect(Number.isFinite(d.fx)).toBe(true);
  });

  it('staggers the dense flow: early dots land while later ones still travel', async () => {
    const {dots: ds} = await dots(8.0);
    expect(ds).toHaveLength(41);
    expect(ds[0]!.t).toBe(1);
    expect(ds[40]!.t).toBeLessThan(1);
  });

  it('lands every dense dot whose image is on the output line', async () => {
    const {dots: ds} = await dots(9.0);
    for (const d of ds.filter(d => d.onLine)) {
      expect(d.position[0]).toBeCloseTo(d.expected[0], 6);
    }
    // 3.2² = 10.24 lies beyond the output line [−1, 10]: it is marked off the line.
    expect(ds[40]!.onLine).toBe(false);
  });

  it('draws the landed dot for x = 2 at f(2) = 4 in its gradient colour (headless Chromium)', async () => {
    const t = 4.2;
    const {dots: ds, origin} = await dots(t);
    const still = await renderStill(PROJECT, 'mapping-view', t);
    const d = ds.find(d => d.x === 2)!;
    expect(
      nearestColor(
        still,
        origin[0] + d.expected[0],
        origin[1] + d.expected[1],
        d.color,
        3,
        30,
      ),
    ).toBeLessThan(Infinity);
  });
});
