import fc from 'fast-check';
import * as M from '../../src/math';
import type {RealFunction} from '../../src/math';

/** The symmetric difference quotient (f(x + h) − f(x − h)) / 2h. */
export function centralDifference(
  f: RealFunction,
  x: number,
  h = 1e-5,
): number {
  return (f.value(x + h) - f.value(x - h)) / (2 * h);
}

/**
 * A trustworthy numeric derivative or undefined: two step sizes must agree, and
 * so must the one-sided quotients, which rules out points next to a
 * singularity or a kink (|x| at 1e-162: both central quotients say 0, but the
 * forward one says 1 and the backward one −1).
 */
export function stableDifference(
  f: RealFunction,
  x: number,
): number | undefined {
  const h = 1e-5;
  const a = centralDifference(f, x, 1e-4);
  const b = centralDifference(f, x, h);
  const forward = (f.value(x + h) - f.value(x)) / h;
  const backward = (f.value(x) - f.value(x - h)) / h;
  if (![a, b, forward, backward].every(Number.isFinite)) return undefined;
  // Rounding in f itself, magnified by 1/h: where f is huge (e^{e^{3}}) the
  // quotient is noise however the step is chosen.
  const noise =
    (Number.EPSILON * (Math.abs(f.value(x + h)) + Math.abs(f.value(x - h)))) /
    (2 * h);
  if (noise > 1e-6 * (1 + Math.abs(b))) return undefined;
  if (Math.abs(a - b) > 1e-4 * (1 + Math.abs(b))) return undefined;
  // One-sided quotients are only first-order accurate: a loose bound suffices
  // to tell a kink from a smooth point.
  if (Math.abs(forward - backward) > 1e-2 * (1 + Math.abs(b))) return undefined;
  return b;
}

/** |a − b| ≤ tol·(1 + |b|). */
export function close(a: number, b: number, tol = 1e-6): boolean {
  return Math.abs(a - b) <= tol * (1 + Math.abs(b));
}

/** A labelled function, so a failing property prints which function it was. */
export interface Expr {
  readonly label: string;
  readonly fn: RealFunction;
  /** Every subexpression, this one included, for {@link isTame}. */
  readonly parts: readonly RealFunction[];
}

/** The bound on intermediate values and slopes that {@link isTame} allows. */
const TAME = 1e4;

/**
 * Whether every subexpression of e has a finite value and slope of moderate
 * size at x.
 *
 * @remarks
 * Random trees build things like 1/x² − x⁻² (0 everywhere, from two terms of
 * 1e10 near x = 1e-5) or x/(x + 3) near −3: in doubles any result there is
 * dominated by cancellation, in the exact derivative and in difference
 * quotients alike; so is a 0/0 form such as (x + 3)/(x(x + 3)) at −3 + 1e-13.
 * Comparing them tests floating point, not calculus, so properties only
 * compare where every intermediate is 0 or between 1e-4 and 1e4 in size.
 */
export function isTame(e: Expr, x: number): boolean {
  return e.parts.every(p => {
    const v = p.value(x);
    const d = p.slope(x);
    return (
      Number.isFinite(v) &&
      Number.isFinite(d) &&
      Math.abs(v) <= TAME &&
      Math.abs(d) <= TAME &&
      (v === 0 || Math.abs(v) >= 1 / TAME)
    );
  });
}

const leaf: fc.Arbitrary<Expr> = fc.oneof(
  fc.constant({label: 'x', fn: M.identity, parts: [M.identity]}),
  fc.integer({min: -3, max: 3}).map(c => {
    const fn = M.constant(c);
    return {label: String(c), fn, parts: [fn]};
  }),
  fc
    .tuple(fc.integer({min: -3, max: 3}), fc.integer({min: -3, max: 3}))
    .map(([a, b]) => {
      const fn = M.linear(a, b);
      return {label: `${a}x+${b}`, fn, parts: [fn]};
    }),
);

const unaries: ReadonlyArray<[string, RealFunction]> = [
  ['sin', M.sin],
  ['cos', M.cos],
  ['exp', M.exp],
  ['ln', M.ln],
  ['sqrt', M.sqrt],
  ['recip', M.reciprocal],
  ['square', M.square],
  ['cube', M.cube],
  ['pow(-2)', M.power(-2)],
  ['pow(1.5)', M.power(1.5)],
];

const binaries: ReadonlyArray<
  [string, (f: RealFunction, g: RealFunction) => RealFunction]
> = [
  ['+', M.add],
  ['-', M.subtract],
  ['*', M.multiply],
  ['/', M.divide],
  ['∘', M.compose],
];

/** Random expression trees over the whole function set and every combinator. */
export const exprArb: fc.Arbitrary<Expr> = fc.letrec<{expr: Expr}>(tie => ({
  expr: fc.oneof(
    {depthSize: 'small', withCrossShrink: true},
    leaf,
    fc.tuple(fc.constantFrom(...unaries), tie('expr')).map(([[name, u], e]) => {
      const fn = M.compose(u, e.fn);
      return {label: `${name}(${e.label})`, fn, parts: [fn, ...e.parts]};
    }),
    fc
      .tuple(fc.constantFrom(...binaries), tie('expr'), tie('expr'))
      .map(([[name, op], a, b]) => {
        const fn = op(a.fn, b.fn);
        // For a composition the outer tree is evaluated at b(x), not x: its
        // parts are checked as compositions with b.
        const aParts =
          name === '∘' ? a.parts.map(p => M.compose(p, b.fn)) : a.parts;
        return {
          label: `(${a.label} ${name} ${b.label})`,
          fn,
          parts: [fn, ...aParts, ...b.parts],
        };
      }),
    fc.tuple(fc.integer({min: -3, max: 3}), tie('expr')).map(([k, e]) => {
      const fn = M.scaleBy(k, e.fn);
      return {label: `${k}·${e.label}`, fn, parts: [fn, ...e.parts]};
    }),
  ),
})).expr;

/**
 * Sample points for properties in [−3, 3]. Nonzero magnitudes below 1e-6 are
 * left out (0 itself stays): random trees often hold a removable singularity
 * such as x·(c + 1/x), whose evaluation in doubles, exact derivative and
 * difference quotients alike, loses about ε/|x| to cancellation, and below
 * 1e-154 x·x underflows altogether. That is floating point, not calculus.
 */
export const xArb = fc
  .double({min: -3, max: 3, noNaN: true})
  .filter(x => x === 0 || Math.abs(x) >= 1e-6);

/** n evenly spaced points in [lo, hi]. */
export function samplesIn(lo: number, hi: number, n: number): number[] {
  return Array.from({length: n}, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}
