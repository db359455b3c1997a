import {describe, expect, it} from 'vitest';
import {numberToPoint} from '../../src/math';
import {COLORS} from '../../src/theme';
import {probeScene, renderStill} from '../helpers/render';
import {nearestColor} from './mappingPixels';

const PROJECT = 'scenes/demos/mapping.ts';
const SCENE = 'number-line';
const KEYS = ['line'];

// Each probe starts its own browser: probe each moment once, for every key, and reuse it.
const probes = new Map<number, ReturnType<typeof probeScene>>();
function probeAt(t: number) {
  if (!probes.has(t)) probes.set(t, probeScene(PROJECT, SCENE, t, KEYS));
  return probes.get(t)!;
}

interface LineProbe {
  min: number;
  max: number;
  length: number;
  labels: {value: number; text: string; point: number}[];
}

async function line(t: number): Promise<LineProbe> {
  const probe = await probeAt(t);
  return probe.line.custom as LineProbe;
}

describe('NumberLine', () => {
  it('labels the integers −3..4 where numberToPoint puts them', async () => {
    const p = await line(1.5);
    expect(p.labels.map(l => l.value)).toEqual([-3, -2, -1, 0, 1, 2, 3, 4]);
    expect(p.labels[0]!.text).toBe('−3');
    const scale = {min: -3, max: 4, length: 1400};
    for (const l of p.labels)
      expect(l.point).toBeCloseTo(numberToPoint(scale, l.value), 6);
  });

  it('re-spaces its labels while zooming instead of crowding them', async () => {
    for (const t of [3.2, 4.8, 6.5]) {
      const p = await line(t);
      expect(p.labels.length).toBeGreaterThanOrEqual(3);
      for (let i = 1; i < p.labels.length; i++) {
        expect(
          Math.abs(p.labels[i]!.point - p.labels[i - 1]!.point),
        ).toBeGreaterThan(70);
      }
    }
  });

  it('shows the zoomed range [1.4, 1.6] with labels of its own step', async () => {
    const p = await line(6.5);
    expect(p.min).toBeCloseTo(1.4, 9);
    expect(p.max).toBeCloseTo(1.6, 9);
    expect(p.labels.map(l => l.text)).toContain('1.50');
  });

  it('draws the tick at 0 in the line colour where the math puts it (headless Chromium)', async () => {
    const still = await renderStill(PROJECT, 'number-line', 1.5, {
      preset: 'hd',
    });
    const probe = await probeAt(1.5);
    const [lx, ly] = probe.line.position;
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
