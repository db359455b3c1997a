import {describe, expect, it} from 'vitest';
import {
  type LinePlacement,
  intervalBoxGeometry,
  pointOn,
} from '../../src/geometry/intervalBox';
import {linear, sin, square} from '../../src/math';
import {COLORS} from '../../src/theme';

// An input line at y = 0 and an output line at y = 300, both 100 px per unit.
const INPUT: LinePlacement = {origin: [0, 0], unit: [100, 0]};
const OUTPUT: LinePlacement = {origin: [0, 300], unit: [100, 0]};
const box = (
  a: number,
  b: number,
  landed: number,
  fn = square,
  at: number | null = null,
) => intervalBoxGeometry({fn, a, b, at, landed, input: INPUT, output: OUTPUT});

describe('intervalBoxGeometry', () => {
  it('lands [−0.15, 0.35] under x² on its true image [0, 0.1225], folded at 0', () => {
    const g = box(-0.15, 0.35, 1, square, 0.1);
    expect(g.knots).toEqual([-0.15, 0, 0.35]);
    expect(g.pieces).toHaveLength(2);
    expect(g.span![0]).toBeCloseTo(0, 9);
    expect(g.span![1]).toBeCloseTo(12.25, 9);
    // The two pieces overlap on [0, 0.0225]: the fold.
    const [left, right] = g.pieces;
    expect(left.left).toBeCloseTo(0, 9);
    expect(left.right).toBeCloseTo(2.25, 9);
    expect(right.left).toBeCloseTo(0, 9);
    expect(right.right).toBeCloseTo(12.25, 9);
    // Shown end to end: output / input = (0.1225 − 0.0225) / 0.5 = 0.2, a squish.
    expect(g.style.kind).toBe('squish');
    expect(g.color).toBe(COLORS.dx);
  });

  it('a box centred on x² turning point collapses, with its marker at f(0)', () => {
    const g = box(-0.25, 0.25, 1, square, 0);
    expect(g.style.kind).toBe('collapse');
    expect(g.color).toBe(COLORS.collapse);
    expect(g.collapse!.point).toEqual(pointOn(OUTPUT, 0));
    expect(g.collapse!.alpha).toBe(1);
    expect(g.span).toEqual([0, 6.25]);
  });

  it('a flipping box lands with its ends crossed, in the flip colour', () => {
    const g = box(-1, -0.5, 1);
    expect(g.style.kind).toBe('flip');
    expect(g.color).toBe(COLORS.flip);
    const [a, b] = g.ends!;
    expect(a[0]).toBeCloseTo(100, 9); // f(−1) = 1
    expect(b[0]).toBeCloseTo(25, 9); // f(−0.5) = 0.25
    expect(a[0]).toBeGreaterThan(b[0]);
  });

  it('carries each end in a straight line from x to f(x), the dx colour until halfway', () => {
    const g = box(1.25, 1.75, 0.25);
    expect(g.ends![0][0]).toBeCloseTo(125 + (156.25 - 125) * 0.25, 9);
    expect(g.ends![0][1]).toBeCloseTo(75, 9);
    expect(g.color).toBe(COLORS.dx);
    expect(box(1.25, 1.75, 0).pieces).toEqual([]);
  });

  it('the input box is [a, b] on the input line, whichever way dx runs', () => {
    expect(box(1.75, 1.25, 0).inputBox).toEqual({left: 125, right: 175, y: 0});
  });

  it('cuts at every fold: sin over [0, 7] lands as three pieces spanning [−1, 1]', () => {
    const g = box(0, 7, 1, sin);
    expect(g.pieces).toHaveLength(3);
    expect(g.span![0]).toBeCloseTo(-100, 9);
    expect(g.span![1]).toBeCloseTo(100, 9);
  });

  it('a linear map is one piece, classified by its slope', () => {
    const g = box(0, 1, 1, linear(3, 0));
    expect(g.pieces).toHaveLength(1);
    expect(g.style.caption).toBe('Scale by 3');
  });
});
