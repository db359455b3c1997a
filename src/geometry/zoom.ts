/**
 * Zooming in log space, and the tick levels that follow a zoom: the one
 * place a number line, a zoom inset and a warped grid decide how a zoom
 * moves and which ticks or grid lines it shows. Pure TypeScript.
 */

/**
 * A magnitude between `from` and `to` at progress t, evenly in log space:
 * each tenfold change takes the same share of t. Both must be non-zero and of
 * one sign (the sign is kept); otherwise the two are interpolated linearly.
 */
export function logLerp(from: number, to: number, t: number): number {
  if (t <= 0) return from;
  if (t >= 1) return to;
  if (!(from * to > 0)) return from + (to - from) * t;
  const a = Math.log(Math.abs(from));
  const b = Math.log(Math.abs(to));
  return Math.sign(from) * Math.exp(a + (b - a) * t);
}

/**
 * The visible range of a line zooming from [min0, max0] to [min1, max1] at
 * progress t: its centre moves linearly, its width changes evenly in log
 * space (so tick steps change at an even pace).
 */
export function zoomRange(
  from: readonly [number, number],
  to: readonly [number, number],
  t: number,
): [number, number] {
  if (t <= 0) return [from[0], from[1]];
  if (t >= 1) return [to[0], to[1]];
  const c =
    (from[0] + from[1]) / 2 +
    t * ((to[0] + to[1]) / 2 - (from[0] + from[1]) / 2);
  const w = logLerp(from[1] - from[0], to[1] - to[0], t);
  return [c - w / 2, c + w / 2];
}

/** Which density of ticks (or grid lines) a zoom shows. */
export interface ZoomLevel {
  /** Whole levels passed: the step is `base / ratio^level`. */
  readonly level: number;
  /** The step of the lines fully shown. */
  readonly step: number;
  /** The step of the next, finer lines, fading in. */
  readonly finerStep: number;
  /** Opacity of the finer lines, 0 to 1: how far the zoom is towards the next level. */
  readonly fade: number;
}

/**
 * The tick level at magnification `zoom` (≥ 1 shows finer steps): each
 * `ratio`-fold zoom divides the step by `ratio`, and the finer lines fade in
 * over the way there, so lines stay attached to the numbers and their density
 * on screen stays even. Zooms below 1 keep the base step.
 */
export function zoomLevel(
  zoom: number,
  baseStep: number,
  ratio = 2,
): ZoomLevel {
  if (!(zoom > 0) || !Number.isFinite(zoom)) {
    throw new Error(`zoomLevel: expected a finite zoom > 0, got ${zoom}`);
  }
  if (!(baseStep > 0) || !Number.isFinite(baseStep)) {
    throw new Error(`zoomLevel: expected a finite step > 0, got ${baseStep}`);
  }
  if (!(ratio > 1))
    throw new Error(`zoomLevel: expected a ratio > 1, got ${ratio}`);
  const raw = Math.log(zoom) / Math.log(ratio);
  // Absorb float noise at exact powers (log(8)/log(2) = 2.9999999999999996).
  const exact = Math.abs(raw - Math.round(raw)) < 1e-9 ? Math.round(raw) : raw;
  const level = Math.max(0, Math.floor(exact));
  const fade = Math.max(0, exact - level);
  const step = baseStep / ratio ** level;
  return {level, step, finerStep: step / ratio, fade};
}
