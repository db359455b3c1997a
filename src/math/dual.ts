/**
 * Dual numbers: forward-mode automatic differentiation in a few lines.
 *
 * Why dual numbers and not mathjs (or another symbolic library):
 * - the derivative is exact to rounding (no finite-difference step to tune,
 *   no cancellation error near steep parts);
 * - it is tiny and dependency-free: each operation is two lines, easy to read
 *   and test, and it runs identically in Node and in the browser;
 * - there is no expression parser: functions are built from typed combinators,
 *   so a typo is a compile error, not a runtime parse failure;
 * - the LaTeX of each function is built alongside its value, from the same
 *   combinators, so what a scene prints is what it evaluates.
 */
import type {Dual} from './types';

/** A dual number from its parts. */
export function dual(value: number, deriv = 0): Dual {
  return {value, deriv};
}

/** The dual number of the variable itself at x: `x + 1·ε`. */
export function variable(x: number): Dual {
  return {value: x, deriv: 1};
}

/** Sum of two dual numbers. */
export function dualAdd(a: Dual, b: Dual): Dual {
  return {value: a.value + b.value, deriv: a.deriv + b.deriv};
}

/** Difference of two dual numbers. */
export function dualSub(a: Dual, b: Dual): Dual {
  return {value: a.value - b.value, deriv: a.deriv - b.deriv};
}

/** Product of two dual numbers. @remarks (uv)' = u'v + uv'. */
export function dualMul(a: Dual, b: Dual): Dual {
  return {
    value: a.value * b.value,
    deriv: a.deriv * b.value + a.value * b.deriv,
  };
}

/** Quotient of two dual numbers. @remarks (u/v)' = (u'v − uv') / v². */
export function dualDiv(a: Dual, b: Dual): Dual {
  return {
    value: a.value / b.value,
    deriv: (a.deriv * b.value - a.value * b.deriv) / (b.value * b.value),
  };
}

/** A dual number times a real constant. */
export function dualScale(k: number, a: Dual): Dual {
  return {value: k * a.value, deriv: k * a.deriv};
}

/** sin of a dual number. @remarks sin' = cos. */
export function dualSin(a: Dual): Dual {
  return {value: Math.sin(a.value), deriv: Math.cos(a.value) * a.deriv};
}

/** cos of a dual number. @remarks cos' = −sin. */
export function dualCos(a: Dual): Dual {
  return {value: Math.cos(a.value), deriv: -Math.sin(a.value) * a.deriv};
}

/** e to a dual number. @remarks exp' = exp. */
export function dualExp(a: Dual): Dual {
  const e = Math.exp(a.value);
  return {value: e, deriv: e * a.deriv};
}

/** Natural log of a dual number. @remarks ln' x = 1/x; NaN for x < 0, −∞ at 0. */
export function dualLn(a: Dual): Dual {
  return {value: Math.log(a.value), deriv: a.deriv / a.value};
}

/** Square root of a dual number. @remarks √' x = 1/(2√x): infinite at 0. */
export function dualSqrt(a: Dual): Dual {
  const r = Math.sqrt(a.value);
  return {value: r, deriv: a.deriv / (2 * r)};
}

/**
 * A dual number to a real power n.
 *
 * @remarks
 * (xⁿ)' = n·xⁿ⁻¹. Math.pow handles integer n for negative x; a non-integer n
 * gives NaN there (outside the real domain). n = 0 is the constant 1 everywhere,
 * special-cased so that 0·0⁻¹ does not turn into NaN.
 */
export function dualPow(a: Dual, n: number): Dual {
  if (n === 0) return {value: 1, deriv: 0};
  return {
    value: Math.pow(a.value, n),
    deriv: n * Math.pow(a.value, n - 1) * a.deriv,
  };
}
