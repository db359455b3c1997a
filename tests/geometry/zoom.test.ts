import {describe, expect, it} from 'vitest';
import {logLerp, zoomLevel, zoomRange} from '../../src/geometry/zoom';

describe('logLerp', () => {
  it('takes the same share of the time for each tenfold change', () => {
    expect(logLerp(1, 1000, 0)).toBe(1);
    expect(logLerp(1, 1000, 1 / 3)).toBeCloseTo(10, 9);
    expect(logLerp(1, 1000, 2 / 3)).toBeCloseTo(100, 9);
    expect(logLerp(1, 1000, 1)).toBe(1000);
  });
  it('keeps a negative sign, and falls back to linear across zero', () => {
    expect(logLerp(-1, -100, 0.5)).toBeCloseTo(-10, 9);
    expect(logLerp(-1, 1, 0.5)).toBe(0);
  });
});

describe('zoomRange', () => {
  it('moves the centre linearly and the width evenly in log space', () => {
    const [a, b] = zoomRange([-4, 4], [0.92, 1.08], 0.5);
    expect((a + b) / 2).toBeCloseTo(0.5, 12);
    expect(b - a).toBeCloseTo(Math.sqrt(8 * 0.16), 12);
    expect(zoomRange([-4, 4], [0.92, 1.08], 1)).toEqual([0.92, 1.08]);
  });
});

describe('zoomLevel', () => {
  it('halves the step at each doubling and fades the finer lines in between', () => {
    expect(zoomLevel(1, 1)).toEqual({
      level: 0,
      step: 1,
      finerStep: 0.5,
      fade: 0,
    });
    expect(zoomLevel(8, 1)).toEqual({
      level: 3,
      step: 0.125,
      finerStep: 0.0625,
      fade: 0,
    });
    const mid = zoomLevel(Math.SQRT2, 1);
    expect(mid.level).toBe(0);
    expect(mid.fade).toBeCloseTo(0.5, 12);
  });
  it('divides by ten per tenfold zoom with ratio 10, and keeps the base step below ×1', () => {
    expect(zoomLevel(1000, 0.5, 10).step).toBeCloseTo(0.0005, 15);
    expect(zoomLevel(0.25, 1).step).toBe(1);
  });
  it('rejects a zoom that is not a positive finite number, naming it', () => {
    expect(() => zoomLevel(0, 1)).toThrow(/zoom > 0, got 0/);
    expect(() => zoomLevel(Number.NaN, 1)).toThrow(/got NaN/);
  });
});
