import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import * as M from '../../src/math';
import type {RealFunction} from '../../src/math';
import {
  close,
  exprArb,
  isTame,
  samplesIn,
  stableDifference,
  xArb,
} from './helpers';

const builtIns: ReadonlyArray<[string, RealFunction, [number, number]]> = [
  ['identity', M.identity, [-5, 5]],
  ['constant(2.5)', M.constant(2.5), [-5, 5]],
  ['square', M.square, [-5, 5]],
  ['cube', M.cube, [-5, 5]],
  ['power(4)', M.power(4), [-3, 3]],
  ['power(-1)', M.power(-1), [0.1, 5]],
  ['power(-3) for negative x', M.power(-3), [-5, -0.2]],
  ['power(0.5)', M.power(0.5), [0.05, 5]],
  ['power(2.7)', M.power(2.7), [0.05, 3]],
  ['sin', M.sin, [-7, 7]],
  ['cos', M.cos, [-7, 7]],
  ['exp', M.exp, [-5, 5]],
  ['ln', M.ln, [0.05, 10]],
  ['reciprocal', M.reciprocal, [0.05, 5]],
  ['reciprocal for negative x', M.reciprocal, [-5, -0.05]],
  ['sqrt', M.sqrt, [0.01, 9]],
  ['linear(2, 1)', M.linear(2, 1), [-5, 5]],
  ['linear(-3, 0.5)', M.linear(-3, 0.5), [-5, 5]],
];

describe('derivatives of the built-ins', () => {
  for (const [name, f, [lo, hi]] of builtIns) {
    it(`${name}: f'(x) matches central differences on [${lo}, ${hi}]`, () => {
      for (const x of samplesIn(lo, hi, 41)) {
        const exact = M.derivativeAt(f, x);
        expect(exact.defined).toBe(true);
        const numeric = stableDifference(f, x);
        expect(numeric).toBeDefined();
        if (exact.defined)
          expect(close(exact.value, numeric!, 1e-5)).toBe(true);
        expect(f.slope(x)).toBe(exact.defined ? exact.value : NaN);
      }
    });
  }

  it('the combinators follow the sum, difference, product and quotient rules', () => {
    const f = M.sin;
    const g = M.square;
    for (const x of samplesIn(0.2, 3, 15)) {
      const [fv, gv] = [Math.sin(x), x * x];
      const [fd, gd] = [Math.cos(x), 2 * x];
      expect(M.add(f, g).slope(x)).toBeCloseTo(fd + gd, 12);
      expect(M.subtract(f, g).slope(x)).toBeCloseTo(fd - gd, 12);
      expect(M.multiply(f, g).slope(x)).toBeCloseTo(fd * gv + fv * gd, 12);
      expect(M.divide(f, g).slope(x)).toBeCloseTo(
        (fd * gv - fv * gd) / (gv * gv),
        10,
      );
      expect(M.scaleBy(-4, f).slope(x)).toBeCloseTo(-4 * fd, 12);
    }
  });
});

describe('random compositions', () => {
  it('derivativeAt matches central differences wherever both are defined', () => {
    let checked = 0;
    fc.assert(
      fc.property(exprArb, xArb, (e, x) => {
        const fn = e.fn;
        if (!isTame(e, x)) return true;
        const exact = M.derivativeAt(fn, x);
        const numeric = stableDifference(fn, x);
        if (!exact.defined || numeric === undefined) return true;
        checked++;
        return close(exact.value, numeric, 1e-4);
      }),
      {numRuns: 500},
    );
    // Guard against a generator (or derivativeAt) that makes everything undefined.
    expect(checked).toBeGreaterThan(150);
  });

  it('value and derivativeAt never give NaN or throw for finite x', () => {
    fc.assert(
      fc.property(
        exprArb,
        fc.double({noNaN: true, noDefaultInfinity: true}),
        ({fn}, x) => {
          const d = M.derivativeAt(fn, x);
          const v = M.valueAt(fn, x);
          return (
            (d.defined ? Number.isFinite(d.value) : d.reason.length > 0) &&
            (v === undefined || Number.isFinite(v))
          );
        },
      ),
      {numRuns: 300},
    );
  });
});

describe('the chain rule', () => {
  it("derivativeAt(compose(f, g), x) = f'(g(x))·g'(x) = chainAt([g, f], x).product", () => {
    fc.assert(
      fc.property(exprArb, exprArb, xArb, (f, g, x) => {
        const whole = M.derivativeAt(M.compose(f.fn, g.fn), x);
        const gx = g.fn.value(x);
        const inner = M.derivativeAt(g.fn, x);
        const outer = M.derivativeAt(f.fn, gx);
        const chain = M.chainAt([g.fn, f.fn], x);
        if (!whole.defined || !inner.defined || !outer.defined) return true;
        // Both sides are the same dual arithmetic in different roundings;
        // compare only where no cancellation can blow the rounding up.
        if (!isTame(g, x) || !isTame(f, gx)) return true;
        const product = outer.value * inner.value;
        return (
          chain.product.defined &&
          close(whole.value, product, 1e-8) &&
          close(chain.product.value, product, 1e-12) &&
          close(chain.value, M.compose(f.fn, g.fn).value(x), 1e-12)
        );
      }),
      {numRuns: 400},
    );
  });
});

describe('composition', () => {
  it('compose(sin, square) is sin(x²)', () => {
    const f = M.compose(M.sin, M.square);
    expect(f.value(1.3)).toBe(Math.sin(1.69));
    expect(f.slope(1.3)).toBeCloseTo(Math.cos(1.69) * 2.6, 12);
  });

  it('composeAll(f, g, h) = f(g(h(x))), and composeAll() is the identity', () => {
    const f = M.composeAll(M.exp, M.sin, M.linear(2, 0));
    expect(f.value(0.7)).toBe(Math.exp(Math.sin(1.4)));
    expect(f.tex()).toBe('e^{\\sin\\left(2x\\right)}');
    expect(M.composeAll().value(4)).toBe(4);
  });

  it('a hand-written RealFunction without dual composes through its slope', () => {
    const twice: RealFunction = {
      tex: (a = 'x') => `2${a}`,
      value: x => 2 * x,
      slope: () => 2,
    };
    const f = M.compose(M.square, twice);
    expect(f.value(3)).toBe(36);
    expect(f.slope(3)).toBe(24);
  });
});

describe('LaTeX', () => {
  const cases: ReadonlyArray<[string, RealFunction, string]> = [
    ['identity', M.identity, 'x'],
    ['square', M.square, 'x^{2}'],
    ['cube', M.cube, 'x^{3}'],
    ['sin', M.sin, '\\sin x'],
    ['cos', M.cos, '\\cos x'],
    ['exp', M.exp, 'e^{x}'],
    ['ln', M.ln, '\\ln x'],
    ['reciprocal', M.reciprocal, '\\frac{1}{x}'],
    ['sqrt', M.sqrt, '\\sqrt{x}'],
    ['power(-2)', M.power(-2), 'x^{-2}'],
    ['linear(3, 0)', M.linear(3, 0), '3x'],
    ['linear(2, 1)', M.linear(2, 1), '2x + 1'],
    ['linear(2, -1)', M.linear(2, -1), '2x - 1'],
    ['linear(1, 0.5)', M.linear(1, 0.5), 'x + 0.5'],
    ['linear(-1, 2)', M.linear(-1, 2), '-x + 2'],
    ['sin(x²)', M.compose(M.sin, M.square), '\\sin\\left(x^{2}\\right)'],
    ['(sin x)²', M.compose(M.square, M.sin), '\\left(\\sin x\\right)^{2}'],
    [
      '(x + 1)²',
      M.compose(M.square, M.linear(1, 1)),
      '\\left(x + 1\\right)^{2}',
    ],
    [
      'x + 0.5 sin 2x',
      M.add(M.identity, M.scaleBy(0.5, M.compose(M.sin, M.linear(2, 0)))),
      'x + 0.5\\sin\\left(2x\\right)',
    ],
    [
      'e^{sin x²}',
      M.composeAll(M.exp, M.sin, M.square),
      'e^{\\sin\\left(x^{2}\\right)}',
    ],
    ['ln(cos x)', M.compose(M.ln, M.cos), '\\ln\\left(\\cos x\\right)'],
    ['√(2x + 1)', M.compose(M.sqrt, M.linear(2, 1)), '\\sqrt{2x + 1}'],
    ['x sin x', M.multiply(M.identity, M.sin), 'x\\sin x'],
    ['sin x / x', M.divide(M.sin, M.identity), '\\frac{\\sin x}{x}'],
    [
      'x − (2x + 1)',
      M.subtract(M.identity, M.linear(2, 1)),
      'x - \\left(2x + 1\\right)',
    ],
    ['sin x − (−3x)', M.subtract(M.sin, M.linear(-3, 0)), '\\sin x + 3x'],
    ['x + (−3x)', M.add(M.identity, M.linear(-3, 0)), 'x - 3x'],
    ['−sin x', M.scaleBy(-1, M.sin), '-\\sin x'],
    [
      '(x+1)(x−1)',
      M.multiply(M.linear(1, 1), M.linear(1, -1)),
      '\\left(x + 1\\right)\\left(x - 1\\right)',
    ],
  ];
  it('drops factors of ±1 and never fuses a number with a letter', () => {
    expect(M.multiply(M.constant(1), M.identity).tex()).toBe('x');
    expect(M.multiply(M.identity, M.constant(-1)).tex()).toBe('-x');
    expect(M.multiply(M.constant(-2), M.identity).tex()).toBe('-2x');
    expect(M.multiply(M.identity, M.constant(2)).tex()).toBe('x \\cdot 2');
    expect(M.multiply(M.scaleBy(-2, M.constant(1)), M.power(1.5)).tex()).toBe(
      '-2 \\cdot 1 \\cdot x^{\\frac{3}{2}}',
    );
  });

  for (const [name, f, tex] of cases) {
    it(`${name} prints as ${tex}`, () => expect(f.tex()).toBe(tex));
  }

  it('never prints "1x" or "+ -"', () => {
    fc.assert(
      fc.property(exprArb, ({fn}) => {
        const tex = fn.tex();
        return !/(^|[^0-9.])1x/.test(tex) && !tex.includes('+ -');
      }),
      {numRuns: 300},
    );
  });

  it('takes the argument name: square.tex("t") is t^{2}, sin.tex("x^{2}") is \\sin\\left(x^{2}\\right)', () => {
    expect(M.square.tex('t')).toBe('t^{2}');
    expect(M.sin.tex('\\theta')).toBe('\\sin \\theta');
    expect(M.sin.tex('x^{2}')).toBe('\\sin\\left(x^{2}\\right)');
    expect(M.square.tex('x + 1')).toBe('\\left(x + 1\\right)^{2}');
  });
});
