/**
 * Points on graphs for components to draw: even samples, and adaptive
 * polylines in pixels that stay smooth on steep parts and break where f is
 * undefined, so nothing draws NaN or a line to ±1e12 px.
 */
import {valueAt} from './derivative';
import {numberToPoint} from './scale';
import type {RealFunction, Scale, Vector2} from './types';

/**
 * `count` evenly spaced numbers from min to max inclusive, with exact ends.
 *
 * @remarks
 * count = 1 gives [min]. Each point is min·(1 − t) + max·t, so the first is
 * exactly min and the last exactly max.
 */
export function samplePoints(
  min: number,
  max: number,
  count: number,
): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) {
    throw new Error(
      `samplePoints: expected a finite range, got [${min}, ${max}]`,
    );
  }
  if (!Number.isInteger(count) || count < 1) {
    throw new Error(
      `samplePoints: expected an integer count ≥ 1, got ${count}`,
    );
  }
  if (count === 1) return [min];
  const points: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = i / (count - 1);
    points.push(i === count - 1 ? max : min * (1 - t) + max * t);
  }
  return points;
}

/** A sampled point of a graph, in math coordinates. */
export interface GraphPoint {
  readonly x: number;
  readonly y: number;
}

/**
 * The points (x, f(x)) at `count` evenly spaced x in [min, max], skipping
 * the x where f is undefined (so the array may be shorter than count).
 */
export function sampleFunction(
  f: RealFunction,
  min: number,
  max: number,
  count: number,
): GraphPoint[] {
  const points: GraphPoint[] = [];
  for (const x of samplePoints(min, max, count)) {
    const y = valueAt(f, x);
    if (y !== undefined) points.push({x, y});
  }
  return points;
}

/** Options of {@link graphPolylines}. */
export interface GraphOptions {
  /** Initial number of even segments over the x range (default 256). */
  readonly samples?: number;
  /** A segment longer than this on screen is subdivided (default 4 px). */
  readonly maxSegmentPx?: number;
  /** How many times a segment may be halved (default 12: 4096 pieces per sample). */
  readonly maxDepth?: number;
  /**
   * |pixel y| beyond which a point is clipped (default: twice the larger scale
   * length). A segment with both ends beyond it is dropped.
   */
  readonly clipPx?: number;
  /** Cap on the total number of points, against pathological functions (default 20000). */
  readonly maxPoints?: number;
}

type Sample = {x: number; p: Vector2 | undefined; out: boolean};

/**
 * The graph of f as polylines in PIXELS, broken where f is undefined or leaves the view.
 *
 * @remarks
 * Pixel x is `numberToPoint(xScale, x)`; pixel y is `−numberToPoint(yScale, y)`:
 * math y points up, Motion Canvas y points down, so larger y is a smaller pixel y.
 * Both are offsets from the centre of the axes, as a Motion Canvas node uses.
 *
 * Sampling is adaptive: starting from `samples` even segments, a segment whose
 * on-screen length exceeds `maxSegmentPx` is halved (up to `maxDepth` times),
 * so steep parts (√x near 0, 1/x near 0) stay smooth while flat parts stay
 * cheap. A segment is not drawn when either end is undefined, when both ends are
 * beyond `clipPx` (an asymptote crossing such as 1/x at 0), or when after the
 * deepest halving it still jumps more than `clipPx / 4` (a discontinuity).
 * Points beyond `clipPx` are clamped to ±clipPx so nothing is drawn at 1e12 px.
 */
export function graphPolylines(
  f: RealFunction,
  xScale: Scale,
  yScale: Scale,
  opts: GraphOptions = {},
): Vector2[][] {
  const samples = opts.samples ?? 256;
  const maxSegmentPx = opts.maxSegmentPx ?? 4;
  const maxDepth = opts.maxDepth ?? 12;
  const clipPx =
    opts.clipPx ??
    2 * Math.max(Math.abs(xScale.length), Math.abs(yScale.length));
  const maxPoints = opts.maxPoints ?? 20000;
  if (!Number.isInteger(samples) || samples < 1) {
    throw new Error(
      `graphPolylines: expected an integer samples ≥ 1, got ${samples}`,
    );
  }
  if (!(maxSegmentPx > 0)) {
    throw new Error(
      `graphPolylines: expected maxSegmentPx > 0, got ${maxSegmentPx}`,
    );
  }
  const jumpPx = clipPx / 4;

  const sample = (x: number): Sample => {
    const y = valueAt(f, x);
    if (y === undefined) return {x, p: undefined, out: false};
    const py = -numberToPoint(yScale, y);
    if (!Number.isFinite(py)) return {x, p: undefined, out: false};
    const out = Math.abs(py) > clipPx;
    const clamped = Math.max(-clipPx, Math.min(clipPx, py));
    // + 0 turns −0 into 0.
    return {x, p: [numberToPoint(xScale, x) + 0, clamped + 0], out};
  };

  const lines: Vector2[][] = [];
  let current: Vector2[] = [];
  let budget = maxPoints;
  const breakLine = () => {
    if (current.length >= 2) lines.push(current);
    current = [];
  };
  const emit = (s: Sample) => {
    const last = current[current.length - 1];
    if (!last || last[0] !== s.p![0] || last[1] !== s.p![1]) current.push(s.p!);
    budget--;
  };

  // Walks the segment a → b, having already emitted a if it is drawable.
  const walk = (a: Sample, b: Sample, depth: number): void => {
    const bothDefined = a.p !== undefined && b.p !== undefined;
    const length = bothDefined
      ? Math.hypot(b.p![0] - a.p![0], b.p![1] - a.p![1])
      : Infinity;
    const mixed = (a.p === undefined) !== (b.p === undefined);
    const needsSplit =
      depth < maxDepth &&
      budget > 0 &&
      !(a.out && b.out) &&
      (mixed || (bothDefined && length > maxSegmentPx));
    if (needsSplit) {
      const m = sample((a.x + b.x) / 2);
      walk(a, m, depth + 1);
      walk(m, b, depth + 1);
      return;
    }
    const drawable =
      bothDefined &&
      !(a.out && b.out) &&
      !(depth >= maxDepth && length > jumpPx);
    if (drawable) {
      if (current.length === 0) emit(a);
      emit(b);
    } else {
      breakLine();
    }
  };

  const xs = samplePoints(xScale.min, xScale.max, samples + 1);
  let previous = sample(xs[0]);
  for (let i = 1; i < xs.length; i++) {
    const next = sample(xs[i]);
    walk(previous, next, 0);
    previous = next;
  }
  breakLine();
  return lines;
}
