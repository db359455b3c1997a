import {describe, expect, it} from 'vitest';
import * as M from '../../src/math';

const caption = (f: M.RealFunction, x: number) =>
  M.describeStretch(M.classifyStretch(M.derivativeAt(f, x)));

describe("the lesson's numbers for f(x) = x²", () => {
  it('at x = 1.5 it stretches by 3: "Scale by 3"', () => {
    expect(M.derivativeAt(M.square, 1.5)).toEqual({defined: true, value: 3});
    expect(M.classifyStretch(3)).toEqual({kind: 'stretch', factor: 3});
    expect(caption(M.square, 1.5)).toBe('Scale by 3');
    expect(M.stretchName(M.classifyStretch(3))).toBe('stretch');
  });

  it('at x = 0.25 it squishes by 1/2: "Scale by 1/2"', () => {
    expect(M.classifyStretch(M.derivativeAt(M.square, 0.25))).toEqual({
      kind: 'squish',
      factor: 0.5,
    });
    expect(caption(M.square, 0.25)).toBe('Scale by 1/2');
    expect(M.stretchName(M.classifyStretch(0.5))).toBe('squish');
  });

  it('at x = −1 it flips and scales by 2: "Flip and scale by 2"', () => {
    expect(M.classifyStretch(M.derivativeAt(M.square, -1))).toEqual({
      kind: 'flip',
      factor: 2,
      size: 'stretch',
    });
    expect(caption(M.square, -1)).toBe('Flip and scale by 2');
    expect(M.stretchName(M.classifyStretch(-2))).toBe('flip');
  });

  it('at x = 0 it collapses: "Collapse"', () => {
    expect(M.classifyStretch(M.derivativeAt(M.square, 0))).toEqual({
      kind: 'collapse',
      factor: 0,
    });
    expect(caption(M.square, 0)).toBe('Collapse');
    expect(M.stretchName(M.classifyStretch(0))).toBe('collapse');
  });

  it('at x = −0.5 it only flips: "Flip"', () => {
    expect(caption(M.square, -0.5)).toBe('Flip');
  });

  it('at x = 0.5 it does not stretch: "No stretch"', () => {
    expect(caption(M.square, 0.5)).toBe('No stretch');
    expect(M.stretchName(M.classifyStretch(1))).toBe('no stretch');
  });

  it('at x = −0.25 it flips and squishes: "Flip and scale by 1/2"', () => {
    expect(caption(M.square, -0.25)).toBe('Flip and scale by 1/2');
  });
});

describe('stretch captions', () => {
  it('say "Undefined" where f\' does not exist', () => {
    expect(caption(M.sqrt, 0)).toBe('Undefined');
    expect(M.stretchName(M.classifyStretch(M.derivativeAt(M.sqrt, 0)))).toBe(
      'undefined',
    );
  });

  it('classify a non-finite number as undefined', () => {
    expect(M.classifyStretch(NaN).kind).toBe('undefined');
    expect(M.classifyStretch(Infinity).kind).toBe('undefined');
  });

  it('use the tolerance for collapse and unit', () => {
    expect(M.classifyStretch(1e-12).kind).toBe('collapse');
    expect(M.classifyStretch(1 + 1e-12).kind).toBe('unit');
    expect(M.classifyStretch(0.01, 0.1).kind).toBe('collapse');
  });
});

describe('gotchas', () => {
  it("a function with f'(x) = −3 flips and triples", () => {
    const f = M.linear(-3, 1);
    expect(M.derivativeAt(f, 0.7)).toEqual({defined: true, value: -3});
    expect(M.describeStretch(M.classifyStretch(M.derivativeAt(f, 0.7)))).toBe(
      'Flip and scale by 3',
    );
    const image = M.imageOfInterval(f, 0.7, 0.1);
    expect(image.orientation).toBe('flipped');
    expect(image.output[0]).toBeGreaterThan(image.output[1]);
    expect(image.ratio.defined && image.ratio.value).toBeCloseTo(-3, 9);
  });

  it('the stretch factor is local: x² stretches differently at different x', () => {
    const factors = [0.25, 0.5, 1, 1.5].map(x =>
      M.formatFactor(M.square.slope(x)),
    );
    expect(factors).toEqual(['1/2', '1', '2', '3']);
  });
});

describe('the chain rule, in the lesson', () => {
  it('triple then double is ×6: chainAt([3x, 2x], x).product = 6', () => {
    const chain = M.chainAt([M.linear(3, 0), M.linear(2, 0)], 1);
    expect(chain.stages.map(s => s.factor)).toEqual([
      {defined: true, value: 3},
      {defined: true, value: 2},
    ]);
    expect(chain.product).toEqual({defined: true, value: 6});
    expect(chain.value).toBe(6);
    expect(chain.stages.map(s => [s.input, s.output])).toEqual([
      [1, 3],
      [3, 6],
    ]);
  });

  it('x → x² → sin(x²): stages x², then sin, factors 2x and cos(x²)', () => {
    const x = 1.2;
    const chain = M.chainAt([M.square, M.sin], x);
    expect(chain.stages[0].factor).toEqual({defined: true, value: 2 * x});
    expect(chain.stages[1].input).toBe(x * x);
    const f1 = chain.stages[1].factor;
    expect(f1.defined && f1.value).toBeCloseTo(Math.cos(x * x), 14);
    const whole = M.derivativeAt(M.compose(M.sin, M.square), x);
    expect(chain.product.defined && chain.product.value).toBeCloseTo(
      whole.defined ? whole.value : NaN,
      14,
    );
  });

  it('handles any number of stages, including one', () => {
    expect(M.chainAt([M.square], 3).product).toEqual({defined: true, value: 6});
    const four = M.chainAt(
      [M.linear(2, 0), M.linear(2, 0), M.linear(2, 0), M.linear(-1, 0)],
      1,
    );
    expect(four.product).toEqual({defined: true, value: -8});
    expect(four.value).toBe(-8);
  });

  it('is undefined when a stage is, and says which stage', () => {
    const chain = M.chainAt([M.linear(1, -1), M.sqrt, M.square], 1);
    expect(chain.product.defined).toBe(false);
    if (!chain.product.defined)
      expect(chain.product.reason).toMatch(/^stage 2: /);
    expect(chain.stages[2].input).toBe(0);
  });

  it('rejects an empty chain with a clear message', () => {
    expect(() => M.chainAt([], 1)).toThrow(
      'chainAt: expected at least one function, got an empty array',
    );
  });
});
