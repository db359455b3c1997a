import {describe, expect, it} from 'vitest';
import type {MappingViewProbe} from '../../src/geometry/mappingView';
import {ln, square, valueAt} from '../../src/math';
import {checkMappingView} from '../../src/truth/mappingView';
import {
  beatTimes,
  probeScene,
  renderStill,
  typedProbe,
} from '../helpers/render';
import {nearestColor} from './mappingPixels';

const PROJECT = 'scenes/demos/mapping.ts';
const SCENE = 'mapping-view';
const KEYS = ['mapping', 'undefined-mapping'];

const beats = beatTimes(PROJECT, SCENE);

/** A moment `at` of the way through a beat (0 its start, 1 its end), in seconds. */
async function during(name: string, at = 0.5): Promise<number> {
  const span = (await beats)[name];
  if (!span) throw new Error(`no beat "${name}" in ${SCENE}`);
  return span.start + at * (span.end - span.start);
}

// Each probe seeks the scene from its start: probe each moment once, for every key, and reuse it.
const probes = new Map<number, ReturnType<typeof probeScene>>();
async function at(t: number) {
  if (!probes.has(t)) probes.set(t, probeScene(PROJECT, SCENE, t, KEYS));
  const nodes = await probes.get(t)!;
  return {
    mapping: typedProbe(nodes.mapping, 'mapping', 'MappingView'),
    logs: typedProbe(
      nodes['undefined-mapping'],
      'undefined-mapping',
      'MappingView',
    ),
  };
}

/** Where the number v is drawn on a line of the probe. */
function on(line: MappingViewProbe['output'], v: number): [number, number] {
  const k = (v - line.min) / (line.max - line.min);
  return [
    line.from[0] + k * (line.to[0] - line.from[0]),
    line.from[1] + k * (line.to[1] - line.from[1]),
  ];
}

describe('MappingView', () => {
  it('after the flow, the dot for x stands at f(x) on the output line', async () => {
    const {mapping: m} = await at(await during('integer-hold'));
    expect(m.dots.map(d => d.x)).toEqual([-2, -1, 0, 1, 2, 3]);
    for (const d of m.dots) {
      expect(d.fx).toBe(valueAt(square, d.x));
      expect(d.t).toBe(1);
      const [x, y] = on(m.output, d.fx);
      expect(d.position[0]).toBeCloseTo(x, 6);
      expect(d.position[1]).toBeCloseTo(y, 6);
      // Its ghost stays at x on the input line.
      const [gx, gy] = on(m.input, d.x);
      expect(d.ghost?.[0]).toBeCloseTo(gx, 6);
      expect(d.ghost?.[1]).toBeCloseTo(gy, 6);
    }
    expect(checkMappingView(m, square)).toEqual([]);
  });

  it('skips the points where f is undefined (ln at −1 and 0)', async () => {
    const {logs} = await at(await during('integer-hold'));
    expect(logs.samples).toEqual([-1, 0, 1, 2]);
    expect(logs.dots.map(d => d.x)).toEqual([1, 2]);
    expect(checkMappingView(logs, ln)).toEqual([]);
  });

  it('moves dots and arrows along their paths in flight', async () => {
    const {mapping: m} = await at(await during('integer-flow', 0.5));
    expect(m.dots.some(d => d.t > 0 && d.t < 1)).toBe(true);
    expect(m.arrows).toHaveLength(6);
    expect(checkMappingView(m, square)).toEqual([]);
  });

  it('staggers the dense flow: early dots land while later ones still travel', async () => {
    const {mapping: m} = await at(await during('dense-flow', 0.78));
    expect(m.dots).toHaveLength(41);
    expect(m.dots[0].t).toBe(1);
    expect(m.dots[40].t).toBeLessThan(1);
    expect(checkMappingView(m, square)).toEqual([]);
  });

  it('lands every dense dot whose image is on the output line, and hides the others', async () => {
    const {mapping: m} = await at(await during('dense-hold'));
    for (const d of m.dots.filter(d => d.onLine)) {
      expect(d.position[0]).toBeCloseTo(on(m.output, d.fx)[0], 6);
    }
    // 3.2² = 10.24 lies beyond the output line [−1, 10]: it is marked off the line, and not drawn landed.
    expect(m.dots[40].onLine).toBe(false);
    expect(m.dots[40].alpha).toBe(0);
    expect(checkMappingView(m, square)).toEqual([]);
  });

  it('deforms a copy of the input line onto the output line, just above it', async () => {
    const mid = (await at(await during('deform', 0.5))).mapping;
    expect(mid.copy?.t).toBeGreaterThan(0);
    expect(mid.copy?.t).toBeLessThan(1);
    expect(checkMappingView(mid, square)).toEqual([]);
    const {mapping: m} = await at(await during('deform-hold'));
    expect(m.copy?.t).toBe(1);
    expect(m.copy?.offset).toEqual([0, -34]);
    expect(checkMappingView(m, square)).toEqual([]);
  });

  it('moves riding dots with the deforming line: on its drawn line, at its progress', async () => {
    const {mapping: m} = await at(await during('ride', 0.5));
    const copy = m.copy!;
    expect(copy.t).toBeGreaterThan(0);
    expect(copy.t).toBeLessThan(1);
    for (const d of m.dots) {
      expect(d.riding).toBe(true);
      // x ≥ 0 travels with the copy; x < 0 waits for the fold.
      expect(d.t).toBe(d.x >= 0 ? copy.t : 0);
    }
    // A dot rides at its x: between the copy's drawn points on either side of it.
    const d = m.dots.find(d => d.x === 1.5)!;
    const run = copy.lines[0];
    const i = run.findIndex(p => p.x > d.x);
    const [a, b] = [run[i - 1], run[i]];
    const k = (d.x - a.x) / (b.x - a.x);
    expect(d.position[0]).toBeCloseTo(a.at[0] + k * (b.at[0] - a.at[0]), 0);
    expect(d.position[1]).toBeCloseTo(a.at[1] + k * (b.at[1] - a.at[1]), 0);
    expect(m.arrows.map(a => a.x)).toEqual([1, 2]);
    expect(checkMappingView(m, square)).toEqual([]);
  });

  it('folds the negative half over on arcs onto a lane above the positive half', async () => {
    const mid = (await at(await during('fold', 0.5))).mapping;
    expect(checkMappingView(mid, square)).toEqual([]);
    const {mapping: m} = await at(await during('fold-hold'));
    const fold = m.copy!.fold!;
    expect(fold.at).toBe(0);
    expect(fold.t).toBe(1);
    expect(fold.offset[1]).toBeLessThan(m.copy!.offset[1]);
    for (const d of m.dots.filter(d => d.x < 0)) {
      const twin = m.dots.find(e => Math.abs(e.x + d.x) < 1e-9)!;
      // Same f(x), same column, its own lane.
      expect(d.position[0]).toBeCloseTo(twin.position[0], 6);
      expect(twin.position[1] - d.position[1]).toBeCloseTo(
        m.copy!.offset[1] - fold.offset[1],
        6,
      );
    }
    expect(checkMappingView(m, square)).toEqual([]);
  });

  it('draws the landed dot for x = 2 at f(2) = 4 in its gradient colour (headless Chromium)', async () => {
    const t = await during('integer-hold');
    const {mapping: m} = await at(t);
    const still = await renderStill(PROJECT, SCENE, t);
    const d = m.dots.find(d => d.x === 2)!;
    const [x, y] = on(m.output, 4);
    expect(nearestColor(still, x, y, d.color, 3, 30)).toBeLessThan(Infinity);
  });
});
