import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {
  cube,
  imageOfInterval,
  imageSet,
  linear,
  sin,
  square,
} from '../../src/math';

describe('imageSet: the true image of an interval', () => {
  it('is [min, max] of f, folding at the turning point inside', () => {
    // The example: x² over [−0.15, 0.35] is [0, 0.1225], not [0.0225, 0.1225].
    const r = imageSet(square, -0.15, 0.35);
    expect(r.folds).toEqual([0]);
    expect(r.span[0]).toBe(0);
    expect(r.span[1]).toBeCloseTo(0.1225, 15);
  });

  it('finds every turning point of sin over [0, 7], to full precision', () => {
    const r = imageSet(sin, 0, 7);
    expect(r.folds).toHaveLength(2);
    expect(r.folds[0]).toBeCloseTo(Math.PI / 2, 12);
    expect(r.folds[1]).toBeCloseTo((3 * Math.PI) / 2, 12);
    expect(r.span).toEqual([-1, 1]);
  });

  it('has no fold where f′ touches 0 without changing sign (x³ at 0)', () => {
    const r = imageSet(cube, -0.5, 0.5);
    expect(r.folds).toEqual([]);
    expect(r.span).toEqual([-0.125, 0.125]);
  });

  it('is the ends for a monotonic map, whichever way the interval runs', () => {
    expect(imageSet(linear(-2, 1), 0, 1)).toEqual({span: [-1, 1], folds: []});
    expect(imageSet(square, 1.75, 1.25).span).toEqual([1.5625, 3.0625]);
  });

  it('a turning point at an end is not a fold inside', () => {
    expect(imageSet(square, 0, 0.5)).toEqual({span: [0, 0.25], folds: []});
  });

  it('contains f at every point of the interval (property)', () => {
    fc.assert(
      fc.property(
        fc.double({min: -3, max: 3, noNaN: true}),
        fc.double({min: 0.001, max: 4, noNaN: true}),
        fc.double({min: 0, max: 1, noNaN: true}),
        (a, len, u) => {
          const f = sin;
          const {span} = imageSet(f, a, a + len);
          const v = f.value(a + u * len);
          return v >= span[0] - 1e-12 && v <= span[1] + 1e-12;
        },
      ),
    );
  });

  it('is reported by imageOfInterval beside the two ends', () => {
    const image = imageOfInterval(square, -0.25, 0.5);
    expect(image.output).toEqual([0.0625, 0.0625]);
    expect(image.span).toEqual([0, 0.0625]);
    expect(image.folds).toEqual([0]);
  });

  it('rejects infinite ends, naming them', () => {
    expect(() => imageSet(square, 0, Infinity)).toThrow(/\[0, Infinity\]/);
  });
});
