/**
 * Numbers as the screen shows them: no float noise, no "−0", a real minus
 * sign (U+2212), and "undefined" where a derivative does not exist.
 */
import type {Derivative} from './types';

/** The typographic minus sign used on screen. */
export const MINUS = '\u2212';

function withMinus(s: string): string {
  return s.startsWith('-') ? MINUS + s.slice(1) : s;
}

/** True when the string shows only zeros, e.g. "-0.00": it must print without a sign. */
function isZeroString(s: string): boolean {
  return /^-?0*\.?0*$/.test(s);
}

/**
 * How many decimals print `step` exactly (0.25 → 2, 0.5 → 1, 1 → 0, 20 → 0).
 *
 * @remarks
 * Looks for the smallest k with step·10^k an integer, up to a relative
 * tolerance, so a step carrying float noise still gets the intended count.
 */
export function decimalsFor(step: number): number {
  const s = Math.abs(step);
  if (!Number.isFinite(s) || s === 0) return 0;
  for (let k = 0; k <= 15; k++) {
    const scaled = s * Math.pow(10, k);
    if (Math.abs(scaled - Math.round(scaled)) <= 1e-9 * Math.max(1, scaled)) {
      return k;
    }
  }
  return 15;
}

/**
 * A number as a clean label: shortest form, or as many decimals as `step` needs.
 *
 * @remarks
 * Without a step the number is rounded to 12 significant digits first, which
 * removes float noise (0.1 + 0.2 → "0.3"). With a step every label of a line has
 * the same number of decimals (step 0.5: "1.0", "1.5"), as d3's tick format does.
 * NaN prints as "undefined", infinities as "∞" and "−∞".
 */
export function formatNumber(x: number, step?: number): string {
  if (Number.isNaN(x)) return 'undefined';
  if (x === Infinity) return '∞';
  if (x === -Infinity) return `${MINUS}∞`;
  let s: string;
  if (step !== undefined && Number.isFinite(step) && step !== 0) {
    s = Number(x.toPrecision(15)).toFixed(decimalsFor(step));
  } else {
    s = String(Number(x.toPrecision(12)));
  }
  if (isZeroString(s)) s = s.replace('-', '');
  return withMinus(s);
}

/**
 * A number (or a derivative) with a fixed number of decimals: "3.00", "−2.00", "0.00".
 *
 * @remarks
 * Never "−0.00": a value that rounds to zero prints unsigned. A Derivative with
 * `defined: false`, NaN and ±Infinity all print as "undefined".
 */
export function formatFixed(d: number | Derivative, digits = 2): string {
  let v: number;
  if (typeof d === 'number') {
    v = d;
  } else if (d.defined) {
    v = d.value;
  } else {
    return 'undefined';
  }
  if (!Number.isFinite(v)) return 'undefined';
  let s = v.toFixed(digits);
  if (isZeroString(s)) s = s.replace('-', '');
  return withMinus(s);
}

// The fractions a caption says in words; 1e-9 absorbs rounding in f'(x).
const SIMPLE_FRACTIONS: ReadonlyArray<readonly [number, string]> = [
  [1 / 2, '1/2'],
  [1 / 3, '1/3'],
  [2 / 3, '2/3'],
  [1 / 4, '1/4'],
  [3 / 4, '3/4'],
];

/**
 * A friendly factor for captions: "3", "1/2", "2/3", otherwise two decimals ("1.50").
 *
 * @remarks
 * Integers and the fractions 1/2, 1/3, 2/3, 1/4, 3/4 are recognised within
 * 1e-9; negatives get the minus sign "−". Non-finite values print "undefined".
 */
export function formatFactor(x: number): string {
  if (!Number.isFinite(x)) return 'undefined';
  const tolerance = 1e-9;
  const sign = x < 0 ? MINUS : '';
  const a = Math.abs(x);
  const rounded = Math.round(a);
  if (Math.abs(a - rounded) < tolerance) {
    return rounded === 0 ? '0' : sign + String(rounded);
  }
  for (const [value, text] of SIMPLE_FRACTIONS) {
    if (Math.abs(a - value) < tolerance) return sign + text;
  }
  return formatFixed(x, 2);
}

/**
 * A formatted number as LaTeX: the typographic minus becomes TeX's `-`, and
 * "undefined" becomes `\text{undefined}`.
 */
export function texNumber(text: string): string {
  return text
    .replace(/\u2212/g, '-')
    .replace(/^undefined$/, '\\text{undefined}');
}

/** A number (or a derivative) with fixed decimals, as LaTeX: `texFixed(-2)` is `-2.00`. */
export function texFixed(d: number | Derivative, digits = 2): string {
  return texNumber(formatFixed(d, digits));
}
