/**
 * What a map does to a tiny interval [x, x + dx]: where its ends land, and the
 * lesson's words for the stretch (stretch, squish, flip, collapse).
 */
import {derivativeAt} from './derivative';
import {formatFactor} from './format';
import type {
  Derivative,
  IntervalImage,
  RealFunction,
  StretchKind,
} from './types';

/**
 * The lesson's classification of a stretch factor f'(x).
 *
 * @remarks
 * |f'| < tolerance → collapse; |f' − 1| < tolerance → unit; f' > 1 → stretch;
 * 0 < f' < 1 → squish; f' < 0 → flip, whose `size` compares |f'| with 1 (within
 * the same tolerance). `factor` is always the magnitude |f'(x)|, the number a
 * caption says ("Flip and scale by 2" for f' = −2); the sign is in `kind`.
 */
export function classifyStretch(
  d: Derivative | number,
  tolerance = 1e-9,
): StretchKind {
  let v: number;
  if (typeof d === 'number') {
    if (!Number.isFinite(d)) {
      return {kind: 'undefined', reason: `the stretch factor is ${d}`};
    }
    v = d;
  } else if (d.defined) {
    v = d.value;
  } else {
    return {kind: 'undefined', reason: d.reason};
  }
  const size = Math.abs(v);
  if (size < tolerance) return {kind: 'collapse', factor: 0};
  if (Math.abs(v - 1) < tolerance) return {kind: 'unit', factor: 1};
  if (v > 0) {
    return v > 1 ? {kind: 'stretch', factor: v} : {kind: 'squish', factor: v};
  }
  const flipSize =
    Math.abs(size - 1) < tolerance ? 'unit' : size > 1 ? 'stretch' : 'squish';
  return {kind: 'flip', factor: size, size: flipSize};
}

/**
 * The caption of a stretch: "Scale by 3", "Scale by 1/2", "Flip and scale by 2",
 * "Flip", "Collapse", "No stretch" or "Undefined".
 */
export function describeStretch(k: StretchKind): string {
  switch (k.kind) {
    case 'stretch':
    case 'squish':
      return `Scale by ${formatFactor(k.factor)}`;
    case 'unit':
      return 'No stretch';
    case 'flip':
      return k.size === 'unit'
        ? 'Flip'
        : `Flip and scale by ${formatFactor(k.factor)}`;
    case 'collapse':
      return 'Collapse';
    case 'undefined':
      return 'Undefined';
  }
}

/** A one-word label of a stretch: "stretch", "squish", "flip", "collapse", "no stretch" or "undefined". */
export function stretchName(
  k: StretchKind,
): 'stretch' | 'squish' | 'flip' | 'collapse' | 'no stretch' | 'undefined' {
  return k.kind === 'unit' ? 'no stretch' : k.kind;
}

/**
 * The image of [x, x + dx] under f: both ends mapped, order kept, signed lengths.
 *
 * @remarks
 * `output` is `[f(x), f(x + dx)]` in that order, so a flip shows as
 * output[0] > output[1] (for dx > 0). `ratio` is the finite-dx stretch
 * (f(x + dx) − f(x)) / dx, which tends to `stretchFactor` = f'(x) as dx → 0.
 * `orientation` describes these two actual ends ('collapsed' only when they
 * land on the same number), while `stretch` classifies f'(x), the limit: for
 * x² at 0 with dx = 0.1 the ends keep their order, yet the stretch is a collapse.
 */
export function imageOfInterval(
  f: RealFunction,
  x: number,
  dx: number,
): IntervalImage {
  if (!Number.isFinite(x) || !Number.isFinite(dx)) {
    throw new Error(
      `imageOfInterval: expected finite x and dx, got x = ${x}, dx = ${dx}`,
    );
  }
  const b = x + dx;
  const fa = f.value(x);
  const fb = f.value(b);
  const outputLength = fb - fa;
  const raw = outputLength / dx;
  let ratio: Derivative;
  if (dx === 0) {
    ratio = {defined: false, reason: 'dx = 0: the interval has no length'};
  } else if (!Number.isFinite(raw)) {
    ratio = {
      defined: false,
      reason: 'f is undefined at an end of the interval',
    };
  } else {
    ratio = {defined: true, value: raw + 0};
  }
  const stretchFactor = derivativeAt(f, x);
  let orientation: IntervalImage['orientation'];
  if (!Number.isFinite(outputLength) || dx === 0) orientation = 'undefined';
  else if (outputLength === 0) orientation = 'collapsed';
  else orientation = outputLength > 0 === dx > 0 ? 'kept' : 'flipped';
  const {span, folds} = imageSet(f, x, b);
  return {
    span,
    folds,
    input: [x, b],
    output: [fa, fb],
    inputLength: dx,
    outputLength,
    ratio,
    stretchFactor,
    stretch: classifyStretch(stretchFactor),
    orientation,
  };
}

/** Sign-change scans per interval when looking for turning points. */
const FOLD_SCAN = 64;

/**
 * The true image of [a, b] under f: `[min f, max f]` over the interval, and
 * the turning points inside it (where f' changes sign), in increasing order.
 *
 * @remarks
 * Extremes of a differentiable f sit at the ends or where f' = 0, so the
 * span is the min and max of f there. Turning points are found by scanning
 * f' at {@link FOLD_SCAN} + 1 even points for sign changes and bisecting
 * each to full precision; a double root (f' touching 0 without changing
 * sign, x³ at 0) is not a fold and does not change the span. A point where
 * f' vanishes exactly at a scan point counts once. Where f is not finite
 * somewhere scanned, the span is `[NaN, NaN]` and there are no folds.
 */
export function imageSet(
  f: RealFunction,
  a: number,
  b: number,
): {span: [number, number]; folds: number[]} {
  if (!Number.isFinite(a) || !Number.isFinite(b)) {
    throw new Error(
      `imageSet: expected finite interval ends, got [${a}, ${b}]`,
    );
  }
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const fail = {span: [Number.NaN, Number.NaN] as [number, number], folds: []};
  const values = [f.value(lo), f.value(hi)];
  if (!values.every(Number.isFinite)) return fail;
  const folds: number[] = [];
  if (hi > lo) {
    const slope = (x: number) => {
      const d = derivativeAt(f, x);
      return d.defined ? d.value : Number.NaN;
    };
    const xs = Array.from(
      {length: FOLD_SCAN + 1},
      (_, i) => lo + ((hi - lo) * i) / FOLD_SCAN,
    );
    const ds = xs.map(slope);
    for (const x of xs) if (!Number.isFinite(f.value(x))) return fail;
    // Compare each nonzero slope with the last nonzero one before it: a
    // zero at a scan point (x² at 0) lies between the two and is found by
    // the bisection.
    let prev = -1;
    for (let i = 0; i < xs.length; i++) {
      const d = ds[i];
      if (!Number.isFinite(d) || d === 0) continue;
      if (prev >= 0 && Math.sign(ds[prev]) !== Math.sign(d)) {
        folds.push(bisectSlope(slope, xs[prev], xs[i], Math.sign(ds[prev])));
      }
      prev = i;
    }
  }
  const inside = folds.filter(x => x > lo && x < hi);
  for (const x of inside) values.push(f.value(x));
  return {
    span: [Math.min(...values) + 0, Math.max(...values) + 0],
    folds: inside,
  };
}

/** The point in [lo, hi] where slope changes from the sign `from` to the other, to full precision. */
function bisectSlope(
  slope: (x: number) => number,
  lo: number,
  hi: number,
  from: number,
): number {
  for (let k = 0; k < 200; k++) {
    const mid = (lo + hi) / 2;
    if (mid <= lo || mid >= hi) break;
    const d = slope(mid);
    if (d === 0) return mid;
    if (Math.sign(d) === from) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
