import {describe, expect, it} from 'vitest';
import {numberToPoint} from '../../src/math';
import {COLORS} from '../../src/theme';
import {checkNumberLine} from '../../src/truth/numberLine';
import {probeScene, renderStill, typedProbe} from '../helpers/render';
import {nearestColor} from './mappingPixels';

const PROJECT = 'scenes/demos/mapping.ts';
const SCENE = 'number-line';

// Each probe seeks the scene in the browser: probe each moment once and reuse it.
const probes = new Map<number, ReturnType<typeof probeScene>>();
function probeAt(t: number) {
  if (!probes.has(t)) probes.set(t, probeScene(PROJECT, SCENE, t, ['line']));
  return probes.get(t)!;
}

/** What the demo line drew at t (grows 0–1 s, zooms to [1.4, 1.6] over 2–6 s). */
async function line(t: number) {
  return typedProbe((await probeAt(t)).line, 'line', 'NumberLine');
}

/** The numbers a viewer can read (opacity above one half). */
async function readable(t: number) {
  return (await line(t)).labels.filter(l => l.alpha > 0.5);
}

describe('NumberLine', () => {
  it('labels the integers −3..4 where numberToPoint puts them', async () => {
    const labels = await readable(1.5);
    expect(labels.map(l => l.value)).toEqual([-3, -2, -1, 0, 1, 2, 3, 4]);
    expect(labels[0]!.text).toBe('−3');
    const scale = {min: -3, max: 4, length: 1400};
    for (const l of labels)
      expect(l.point).toBeCloseTo(numberToPoint(scale, l.value), 6);
  });

  it('draws only the truth while growing and zooming: every tick and number where its number is', async () => {
    for (const t of [0.5, 1.5, 3.2, 4.8, 6.5, 8]) {
      expect(checkNumberLine(await line(t), null)).toEqual([]);
    }
  });

  it('grows from its min end, with no tick ahead of the drawn line', async () => {
    const p = await line(0.5);
    expect(p.drawn).toBeGreaterThan(0.2);
    expect(p.drawn).toBeLessThan(0.8);
    expect(p.ticks.length).toBeGreaterThan(0);
    for (const t of p.ticks) expect(t.point).toBeLessThanOrEqual(p.reach);
  });

  it('re-spaces its labels while zooming instead of crowding them', async () => {
    for (const t of [3.2, 4.8, 6.5]) {
      const labels = await readable(t);
      expect(labels.length).toBeGreaterThanOrEqual(3);
      for (let i = 1; i < labels.length; i++) {
        expect(labels[i]!.point - labels[i - 1]!.point).toBeGreaterThan(70);
      }
    }
  });

  it('shows the zoomed range [1.4, 1.6] with labels of its own step', async () => {
    const p = await line(6.5);
    expect(p.min).toBeCloseTo(1.4, 9);
    expect(p.max).toBeCloseTo(1.6, 9);
    expect((await readable(6.5)).map(l => l.text)).toContain('1.50');
  });

  it('draws the tick at 0 in the line colour where the math puts it (headless Chromium)', async () => {
    const still = await renderStill(PROJECT, SCENE, 1.5, {preset: 'hd'});
    const [lx, ly] = (await probeAt(1.5)).line.position;
    const x0 = lx + numberToPoint({min: -3, max: 4, length: 1400}, 0);
    // The tick rises 11 px above the line; 8 px up is tick, not line.
    expect(nearestColor(still, x0, ly - 8, COLORS.input, 3)).toBeLessThan(
      Infinity,
    );
    // Halfway between ticks, 8 px above the line, is background.
    const mid = lx + numberToPoint({min: -3, max: 4, length: 1400}, 0.5);
    expect(nearestColor(still, mid, ly - 9, COLORS.input, 1)).toBe(Infinity);
  });
});
