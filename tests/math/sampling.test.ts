import {describe, expect, it} from 'vitest';
import * as M from '../../src/math';
import type {Scale, Vector2} from '../../src/math';

const xScale: Scale = {min: -5, max: 5, length: 1000};
const yScale: Scale = {min: -5, max: 5, length: 600};

const allFinite = (lines: Vector2[][]) =>
  lines.every(l =>
    l.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y)),
  );
const longestSegment = (lines: Vector2[][]) =>
  Math.max(
    ...lines.flatMap(l =>
      l.slice(1).map((p, i) => Math.hypot(p[0] - l[i][0], p[1] - l[i][1])),
    ),
  );

describe('samplePoints', () => {
  it('gives count evenly spaced points with exact ends', () => {
    expect(M.samplePoints(0, 1, 5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const pts = M.samplePoints(-0.1, 0.7, 9);
    expect(pts[0]).toBe(-0.1);
    expect(pts[8]).toBe(0.7);
    expect(M.samplePoints(2, 3, 1)).toEqual([2]);
  });

  it('rejects a bad count, naming it', () => {
    expect(() => M.samplePoints(0, 1, 2.5)).toThrow(
      'samplePoints: expected an integer count ≥ 1, got 2.5',
    );
  });
});

describe('sampleFunction', () => {
  it('skips the points where f is undefined', () => {
    const pts = M.sampleFunction(M.sqrt, -1, 1, 5);
    expect(pts).toEqual([
      {x: 0, y: 0},
      {x: 0.5, y: Math.sqrt(0.5)},
      {x: 1, y: 1},
    ]);
  });
});

describe('graphPolylines', () => {
  it('draws x² as one polyline in pixels, y up = negative pixel y', () => {
    const lines = M.graphPolylines(M.square, xScale, yScale);
    expect(lines).toHaveLength(1);
    const line = lines[0];
    expect(line[0][0]).toBe(-500);
    expect(line.at(-1)![0]).toBe(500);
    // (0, 0) is the centre; a unit is 100 px across and 60 px up, so a point
    // (px, py) is (x, y) = (px / 100, −py / 60), and y must be x².
    expect(line).toContainEqual([0, 0]);
    for (const [px, py] of line) {
      if (Math.abs(py) < 1500) expect(-py / 60).toBeCloseTo((px / 100) ** 2, 9);
    }
    expect(allFinite(lines)).toBe(true);
  });

  it('keeps segments short on steep parts (x³ leaves the view steeply)', () => {
    const lines = M.graphPolylines(M.cube, xScale, yScale, {maxSegmentPx: 4});
    expect(longestSegment(lines)).toBeLessThanOrEqual(4 + 1e-9);
  });

  it('breaks 1/x at its asymptote into two polylines, clipped', () => {
    const lines = M.graphPolylines(M.reciprocal, xScale, yScale);
    expect(lines).toHaveLength(2);
    expect(allFinite(lines)).toBe(true);
    const clip = 2 * 1000;
    for (const l of lines)
      for (const [, y] of l) expect(Math.abs(y)).toBeLessThanOrEqual(clip);
    expect(lines[0].every(([x]) => x < 0)).toBe(true);
    expect(lines[1].every(([x]) => x > 0)).toBe(true);
  });

  it('starts √x at its domain boundary x = 0 and draws nothing for x < 0', () => {
    const lines = M.graphPolylines(M.sqrt, xScale, yScale);
    expect(lines).toHaveLength(1);
    expect(lines[0][0][0]).toBeGreaterThanOrEqual(0);
    expect(lines[0][0][0]).toBeLessThan(0.01);
  });

  it('draws nothing for a function undefined everywhere in view', () => {
    expect(
      M.graphPolylines(M.compose(M.ln, M.linear(0, -1)), xScale, yScale),
    ).toEqual([]);
  });

  it('never draws beyond clipPx, even for e^x far above the view', () => {
    const lines = M.graphPolylines(
      M.compose(M.exp, M.linear(10, 0)),
      xScale,
      yScale,
      {
        clipPx: 800,
      },
    );
    for (const l of lines)
      for (const [, y] of l) expect(Math.abs(y)).toBeLessThanOrEqual(800);
  });
});
