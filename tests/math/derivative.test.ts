import {describe, expect, it} from 'vitest';
import * as M from '../../src/math';

describe("derivativeAt where f' does not exist", () => {
  const undefinedCases: ReadonlyArray<
    [string, M.RealFunction, number, RegExp]
  > = [
    ['√x at 0 (infinite slope)', M.sqrt, 0, /infinite/],
    ['1/x at 0 (not in the domain)', M.reciprocal, 0, /outside the domain/],
    ['ln at −1 (outside the domain)', M.ln, -1, /x = −1 is outside the domain/],
    ['ln at 0 (outside the domain)', M.ln, 0, /outside the domain/],
    ['√x at −4 (outside the domain)', M.sqrt, -4, /outside the domain/],
    ['x^{1/3} at 0 (infinite slope)', M.power(1 / 3), 0, /infinite/],
    ['√(x²) at 0 (a corner)', M.compose(M.sqrt, M.square), 0, /does not exist/],
  ];
  for (const [name, f, x, reason] of undefinedCases) {
    it(`${name} is defined:false with a human reason, printed "undefined"`, () => {
      const d = M.derivativeAt(f, x);
      expect(d.defined).toBe(false);
      if (!d.defined) expect(d.reason).toMatch(reason);
      expect(M.formatFixed(d)).toBe('undefined');
      expect(Number.isNaN(f.slope(x))).toBe(true);
    });
  }

  it('a non-finite x is undefined, not an exception', () => {
    expect(M.derivativeAt(M.square, NaN).defined).toBe(false);
    expect(M.derivativeAt(M.square, Infinity).defined).toBe(false);
  });
});

describe('valueAt', () => {
  it('is f(x) inside the domain and undefined outside it', () => {
    expect(M.valueAt(M.square, 3)).toBe(9);
    expect(M.valueAt(M.sqrt, 0)).toBe(0);
    expect(M.valueAt(M.sqrt, -1)).toBeUndefined();
    expect(M.valueAt(M.reciprocal, 0)).toBeUndefined();
    expect(M.valueAt(M.ln, 0)).toBeUndefined();
    expect(M.valueAt(M.square, NaN)).toBeUndefined();
  });

  it('value() is NaN (never Infinity) outside the domain', () => {
    expect(M.reciprocal.value(0)).toBeNaN();
    expect(M.ln.value(0)).toBeNaN();
  });

  it('integer powers work for negative x; others are outside their domain there', () => {
    expect(M.power(3).value(-2)).toBe(-8);
    expect(M.power(-1).value(-4)).toBe(-0.25);
    expect(M.valueAt(M.power(0.5), -4)).toBeUndefined();
  });
});

describe('imageOfInterval', () => {
  it('maps both ends: output is [f(x), f(x + dx)]', () => {
    for (const [x, dx] of [
      [1.5, 0.1],
      [-1, 0.01],
      [0.25, 0.5],
      [2, -0.3],
    ]) {
      const image = M.imageOfInterval(M.square, x, dx);
      expect(image.input).toEqual([x, x + dx]);
      expect(image.output).toEqual([M.square.value(x), M.square.value(x + dx)]);
      expect(image.inputLength).toBe(dx);
      expect(image.outputLength).toBe(
        M.square.value(x + dx) - M.square.value(x),
      );
    }
  });

  it("at x = 1.5 the ratio converges to f'(x) = 3 as dx shrinks (0.5, 0.1, 0.01)", () => {
    const ratios = [0.5, 0.1, 0.01].map(dx => {
      const r = M.imageOfInterval(M.square, 1.5, dx).ratio;
      return r.defined ? r.value : NaN;
    });
    expect(ratios[0]).toBeCloseTo(3.5, 12);
    expect(ratios[1]).toBeCloseTo(3.1, 12);
    expect(ratios[2]).toBeCloseTo(3.01, 12);
    const image = M.imageOfInterval(M.square, 1.5, 0.01);
    expect(image.stretchFactor).toEqual({defined: true, value: 3});
    expect(image.stretch).toEqual({kind: 'stretch', factor: 3});
    expect(image.orientation).toBe('kept');
  });

  it('a flip shows as output[0] > output[1] (x² at −1)', () => {
    const image = M.imageOfInterval(M.square, -1, 0.1);
    expect(image.output[0]).toBeGreaterThan(image.output[1]);
    expect(image.outputLength).toBeLessThan(0);
    expect(image.orientation).toBe('flipped');
    expect(image.stretch.kind).toBe('flip');
  });

  it('a constant collapses the interval to a point', () => {
    const image = M.imageOfInterval(M.constant(2), 1, 0.1);
    expect(image.outputLength).toBe(0);
    expect(image.orientation).toBe('collapsed');
    expect(image.stretch.kind).toBe('collapse');
  });

  it('an end outside the domain makes the ratio and orientation undefined', () => {
    const image = M.imageOfInterval(M.sqrt, -0.05, 0.1);
    expect(image.ratio.defined).toBe(false);
    expect(image.orientation).toBe('undefined');
    expect(image.stretchFactor.defined).toBe(false);
  });

  it('rejects non-finite input, naming it', () => {
    expect(() => M.imageOfInterval(M.square, NaN, 0.1)).toThrow(
      'imageOfInterval: expected finite x and dx, got x = NaN, dx = 0.1',
    );
  });
});
