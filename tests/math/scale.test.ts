import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {normalize, numberToPoint, pointToNumber} from '../../src/math';
import type {Scale} from '../../src/math';

const line: Scale = {min: -3, max: 3, length: 600};

describe('numberToPoint', () => {
  it('maps min to −length/2, max to +length/2 and the midpoint to 0', () => {
    expect(numberToPoint(line, -3)).toBe(-300);
    expect(numberToPoint(line, 3)).toBe(300);
    expect(numberToPoint(line, 0)).toBe(0);
    expect(numberToPoint(line, 1.5)).toBe(150);
  });

  it('runs backwards on a reversed scale', () => {
    expect(numberToPoint({min: 3, max: -3, length: 600}, 3)).toBe(-300);
    expect(numberToPoint({min: 3, max: -3, length: 600}, 1)).toBeCloseTo(
      -100,
      9,
    );
  });

  it('rejects a degenerate scale and names the input', () => {
    expect(() => numberToPoint({min: 2, max: 2, length: 100}, 1)).toThrow(
      /numberToPoint: expected a scale with min !== max, got min = max = 2/,
    );
  });

  it('rejects a non-finite number and names it', () => {
    expect(() => numberToPoint(line, NaN)).toThrow(
      'numberToPoint: expected a finite number, got NaN',
    );
    expect(() => pointToNumber(line, Infinity)).toThrow(
      'pointToNumber: expected a finite point, got Infinity',
    );
  });
});

const scaleArb = fc
  .tuple(
    fc.double({min: -1e6, max: 1e6, noNaN: true}),
    fc.double({min: 1e-3, max: 1e6, noNaN: true}),
    fc.boolean(),
    fc.double({min: 10, max: 4000, noNaN: true}),
  )
  .map(([min, span, reversed, length]) =>
    reversed
      ? {min: min + span, max: min, length}
      : {min, max: min + span, length},
  );

describe('pointToNumber', () => {
  it('pointToNumber(numberToPoint(x)) ≈ x for every scale and x', () => {
    fc.assert(
      fc.property(
        scaleArb,
        fc.double({min: -2, max: 3, noNaN: true}),
        (s, t) => {
          const x = s.min + t * (s.max - s.min);
          const back = pointToNumber(s, numberToPoint(s, x));
          const span = Math.abs(s.max - s.min);
          return Math.abs(back - x) <= 1e-9 * (span + Math.abs(x));
        },
      ),
    );
  });

  it('numberToPoint(pointToNumber(p)) ≈ p for every scale and p', () => {
    fc.assert(
      fc.property(
        scaleArb,
        fc.double({min: -1, max: 1, noNaN: true}),
        (s, t) => {
          const p = t * s.length;
          // The number in between is rounded to a double: near a large min with a
          // tiny span, one ulp of the number is many ulps of a pixel.
          const ulps = (Math.abs(s.min) + Math.abs(s.max)) * Number.EPSILON;
          const tolerance =
            1e-9 + (8 * ulps * s.length) / Math.abs(s.max - s.min);
          return (
            Math.abs(numberToPoint(s, pointToNumber(s, p)) - p) <= tolerance
          );
        },
      ),
    );
  });

  it('maps the ends of the line back to min and max', () => {
    expect(pointToNumber(line, -300)).toBe(-3);
    expect(pointToNumber(line, 300)).toBe(3);
  });
});

describe('normalize', () => {
  it('normalize(a, b)(x) gives t in [0, 1] along [a, b]', () => {
    expect(normalize(2, 6)(2)).toBe(0);
    expect(normalize(2, 6)(6)).toBe(1);
    expect(normalize(2, 6)(3)).toBe(0.25);
    expect(normalize(6, 2)(3)).toBe(0.75);
  });

  it('a degenerate range gives 0.5', () => {
    expect(normalize(1, 1)(1)).toBe(0.5);
    expect(normalize(1, 1)(7)).toBe(0.5);
  });
});
