/**
 * Small independent helpers the checkers share: they recompute from the
 * math and compare with what a component reports it drew. Pure.
 */
import {COLORS} from '../theme';

/** The number at the end of a readout's text ("ratio =  3.00" → 3, "− 2.50" → −2.5), or null. */
export function numberInText(
  text: string,
): {value: number; decimals: number} | null {
  const m = /([\u2212-]?)\s*(\d+)(?:\.(\d+))?\s*$/.exec(
    text.replace(/\u00a0/g, ' '),
  );
  if (!m) return null;
  const digits = m[3] ?? '';
  const value = Number(`${m[2]}${digits ? `.${digits}` : ''}`);
  return {value: m[1] ? -value : value, decimals: digits.length};
}

/**
 * Problems with a readout's text: it must print `value` rounded to the
 * decimals it shows ("undefined" where the value is null).
 */
export function checkReadoutText(
  what: string,
  text: string,
  value: number | null,
): string[] {
  if (value === null) {
    return /undefined\s*$/.test(text)
      ? []
      : [`${what} reads "${text.trim()}" for an undefined value`];
  }
  const shown = numberInText(text);
  if (!shown) return [`${what} reads "${text.trim()}": no number in it`];
  const half =
    0.5 * 10 ** -shown.decimals + 1e-9 * Math.max(1, Math.abs(value));
  return Math.abs(shown.value - value) <= half
    ? []
    : [`${what} reads ${shown.value} but stands for ${value}`];
}

/** a and b agree within a relative tolerance, or an absolute one near zero. */
export function close(
  a: number,
  b: number,
  relative: number,
  absolute: number,
): boolean {
  return (
    Math.abs(a - b) <=
    Math.max(absolute, relative * Math.max(Math.abs(a), Math.abs(b)))
  );
}

/** Every non-finite number in a JSON value, by path ("drawn.pieces[0].left"). */
export function nonFinite(value: unknown, path = ''): string[] {
  if (typeof value === 'number')
    return Number.isFinite(value) ? [] : [path || '(value)'];
  if (Array.isArray(value))
    return value.flatMap((v, i) => nonFinite(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) =>
      nonFinite(v, path ? `${path}.${k}` : k),
    );
  }
  return [];
}

/** A number in a message: at most 4 decimals, no float noise. */
export const fmt = (v: number) => String(Number(v.toFixed(4)));

/** A pixel point in a message. */
export const pt = (p: readonly number[]) => `(${fmt(p[0])}, ${fmt(p[1])})`;

/**
 * The min and max of f over [a, b], by dense sampling (independent of any
 * turning-point search); `[NaN, NaN]` where f is not finite at a sample.
 */
export function sampledRange(
  f: (x: number) => number,
  a: number,
  b: number,
  samples = 4000,
): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i <= samples; i++) {
    const v = f(i === samples ? b : a + ((b - a) * i) / samples);
    if (!Number.isFinite(v)) return [Number.NaN, Number.NaN];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/**
 * The cases a drawn stretch ratio r is compatible with, when a drawn length
 * is known to within `tolerance` in ratio units (1 px over the input length).
 */
export function compatibleKinds(r: number, tolerance: number): Set<string> {
  const kinds = new Set<string>();
  if (Math.abs(r) <= tolerance) kinds.add('collapse');
  if (Math.abs(r - 1) <= tolerance) kinds.add('unit');
  if (r >= 1 - tolerance) kinds.add('stretch');
  if (r >= -tolerance && r <= 1 + tolerance) kinds.add('squish');
  if (r <= tolerance) kinds.add('flip');
  return kinds;
}

/** The colour and name each case is shown with (the house style, written out for checking). */
export const CASE_LOOK: Record<string, {color: string; name: string}> = {
  stretch: {color: COLORS.dx, name: 'stretch'},
  squish: {color: COLORS.dx, name: 'squish'},
  unit: {color: COLORS.dx, name: 'no stretch'},
  flip: {color: COLORS.flip, name: 'flip'},
  collapse: {color: COLORS.collapse, name: 'collapse'},
  undefined: {color: COLORS.muted, name: 'undefined'},
};
