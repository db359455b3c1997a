/**
 * The derivative at a point, with a readable answer where it does not exist.
 */
import {variable} from './dual';
import {formatNumber} from './format';
import {dualOf} from './functions';
import type {Derivative, RealFunction} from './types';

/**
 * f'(x), or `{defined: false, reason}` where it does not exist; never NaN, never throws.
 *
 * @remarks
 * Evaluated with a dual number, so the value is exact to rounding. Three cases
 * are undefined: x outside the domain (f(x) is not a finite real: ln at −1,
 * 1/x at 0), an infinite slope (√x at 0: a vertical tangent), and a slope that
 * does not exist (e.g. √(x²) at 0, where the two one-sided slopes disagree).
 */
export function derivativeAt(f: RealFunction, x: number): Derivative {
  if (!Number.isFinite(x)) {
    return {defined: false, reason: `x must be a finite number, got ${x}`};
  }
  const at = `x = ${formatNumber(x)}`;
  let r;
  try {
    r = dualOf(f)(variable(x));
  } catch (e) {
    return {defined: false, reason: `f could not be evaluated at ${at}: ${e}`};
  }
  if (Number.isNaN(r.value)) {
    return {defined: false, reason: `${at} is outside the domain of f`};
  }
  if (!Number.isFinite(r.value)) {
    return {
      defined: false,
      reason: `${at} is outside the domain of f (f is infinite there)`,
    };
  }
  if (r.deriv === Infinity || r.deriv === -Infinity) {
    return {
      defined: false,
      reason: `the slope is infinite at ${at} (a vertical tangent)`,
    };
  }
  if (Number.isNaN(r.deriv)) {
    return {defined: false, reason: `f'(x) does not exist at ${at}`};
  }
  // + 0 turns −0 into 0.
  return {defined: true, value: r.deriv + 0};
}

/** f(x) where it is a finite real number, otherwise undefined; never NaN, never throws. */
export function valueAt(f: RealFunction, x: number): number | undefined {
  if (!Number.isFinite(x)) return undefined;
  try {
    const v = f.value(x);
    return Number.isFinite(v) ? v + 0 : undefined;
  } catch {
    return undefined;
  }
}
