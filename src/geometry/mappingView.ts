/**
 * What a MappingView draws, computed: the input line above, the output line
 * below, sample dots flowing from x to f(x) in a straight line, their
 * ghosts and arrows, and a copy of the input line deforming onto the output
 * line. Pure TypeScript (no Motion Canvas import): the component only wires
 * signals to these functions and strokes what they return.
 *
 * @remarks
 * Coordinates are the component's local pixels: the lines are horizontal,
 * centred on x = 0, the input line at y = −gap/2 and the output line at
 * y = +gap/2 (y points down, as in Motion Canvas).
 */
import {numberToPoint} from '../math/scale';
import {niceTicks} from '../math/ticks';
import {samplePoints} from '../math/sampling';
import {valueAt} from '../math/derivative';
import type {RealFunction, Scale, Vector2} from '../math/types';
import {STROKES, gradientColor} from '../theme';

/** Where a mapping's two lines are: their ranges and pixel lengths, and the gap between them. */
export interface MappingLayout {
  /** The input line (above). */
  readonly input: Scale;
  /** The output line (below). */
  readonly output: Scale;
  /** Vertical distance from the input line down to the output line (px). */
  readonly gap: number;
}

/** How the dots travel: each for `duration` seconds, leaving `stagger` seconds after the previous one. */
export interface Flow {
  readonly duration: number;
  readonly stagger: number;
}

/** One sample dot: where it starts, where it lands and where it is now. */
export interface MappedDot {
  readonly x: number;
  /** f(x); samples where f is undefined have no dot. */
  readonly fx: number;
  /** Its place in the sample row (counting samples without a dot): it sets the colour. */
  readonly index: number;
  /** Its own progress from the input line (0) to the output line (1), eased. */
  readonly t: number;
  readonly color: string;
  /** x on the input line. */
  readonly from: Vector2;
  /** Where it lands: f(x) on the output line (possibly beyond its drawn ends), shifted by `offset` px vertically. */
  readonly to: Vector2;
  /** Where it is drawn: on the route from `from` to `to` at progress t ({@link arcPoint}). */
  readonly position: Vector2;
  /** Whether f(x) lies on the drawn part of the output line. */
  readonly onLine: boolean;
  /** Vertical shift (px) of its landing place from f(x) on the output line: 0 unless it rides a shifted copy. */
  readonly offset: number;
  /** The bow of its route, as a fraction of the chord (0: straight). */
  readonly bend: number;
  /** Whether it rides the deforming copy of the input line (its progress is the copy's). */
  readonly riding: boolean;
}

/**
 * How a point of the input line travels to its image: its progress t, the
 * vertical shift (px) of its landing place from f(x) on the output line, and
 * the bow of its route as a fraction of the chord (0 is straight).
 */
export interface Route {
  readonly t: number;
  readonly offset: number;
  readonly bend: number;
}

/**
 * The copy of the input line split at `at` for x²-like maps that send −x and
 * x to one place: inputs below `at` travel on their own route (a bow onto a
 * lane of their own), later, so they never land on the others.
 */
export interface Fold {
  /** The input where the line is split: x < at is the folded part. */
  readonly at: number;
  /** The folded part's route. */
  readonly route: Route;
}

/** The arrow from a sample's x towards its f(x), grown to some progress. */
export interface MappingArrow {
  readonly x: number;
  readonly color: string;
  /** Its tail, a little past the dot at x. */
  readonly start: Vector2;
  /** Its tip, at `progress` of the way to just before f(x). */
  readonly tip: Vector2;
  /** The arrowhead's three corners. */
  readonly head: readonly [Vector2, Vector2, Vector2];
  /** Stroke width (px). */
  readonly width: number;
  /** Opacity before the arrows' own opacity. */
  readonly alpha: number;
}

/** A point of the deforming copy of the input line, and the x it carries. */
export interface CopyPoint {
  readonly x: number;
  readonly at: Vector2;
}

/** A tick carried by the deforming copy. */
export interface CopyTick extends CopyPoint {
  readonly color: string;
}

/** Number of sample dots when no samples are given. */
export const DEFAULT_SAMPLE_COUNT = 41;

/** Number of points the deforming copy is drawn through (so it bends smoothly). */
export const COPY_POINTS = 400;

/** Half the height of a carried tick (px). */
export const COPY_TICK_HALF = 16;

/** Rows with more dots than this get thinner, fainter arrows. */
const DENSE_ROW = 12;

/** a at t = 0, b at t = 1, exactly. */
function lerp(a: Vector2, b: Vector2, t: number): Vector2 {
  return [a[0] * (1 - t) + b[0] * t, a[1] * (1 - t) + b[1] * t];
}

/**
 * The point at progress t on the bowed route from a to b: the chord's point
 * plus `bend`·|b − a|·sin(πt) along the chord's normal (the chord turned a
 * quarter clockwise on screen, y down), so the route leaves a and reaches b
 * exactly, and bulges most at its middle. bend = 0 is the straight chord.
 */
export function arcPoint(
  a: Vector2,
  b: Vector2,
  t: number,
  bend: number,
): Vector2 {
  const p = lerp(a, b, t);
  if (bend === 0 || t <= 0 || t >= 1) return p;
  const d: Vector2 = [b[0] - a[0], b[1] - a[1]];
  const k = bend * Math.sin(Math.PI * t);
  return [p[0] - d[1] * k, p[1] + d[0] * k];
}

/** Which route x takes: the fold's below its `at`, the main one otherwise. */
export function routeOf(x: number, main: Route, fold: Fold | null): Route {
  return fold && x < fold.at ? fold.route : main;
}

/** Where x sits on the input line. */
export function inputPoint(layout: MappingLayout, x: number): Vector2 {
  return [numberToPoint(layout.input, x), -layout.gap / 2];
}

/** Where y sits on the output line (beyond its ends when y is out of its range). */
export function outputPoint(layout: MappingLayout, y: number): Vector2 {
  return [numberToPoint(layout.output, y), layout.gap / 2];
}

/** Whether y falls on the drawn part of the output line. */
export function onOutputLine(layout: MappingLayout, y: number): boolean {
  return (
    Math.abs(numberToPoint(layout.output, y)) <=
    Math.abs(layout.output.length) / 2 + 1e-6
  );
}

/** The sample inputs in use: the given ones, or 41 evenly spaced over the input range. */
export function sampleInputs(
  samples: readonly number[],
  min: number,
  max: number,
): number[] {
  return samples.length > 0
    ? [...samples]
    : samplePoints(min, max, DEFAULT_SAMPLE_COUNT);
}

/** The colour of sample `index` of a row of `count`: red at the left end through to yellow. */
export function sampleColor(index: number, count: number): string {
  return gradientColor(count > 1 ? index / (count - 1) : 0);
}

/** Seconds from the first dot's departure to the last dot's landing. */
export function flowLength(flow: Flow, count: number): number {
  return (
    Math.max(1e-6, flow.duration) +
    Math.max(0, flow.stagger) * Math.max(0, count - 1)
  );
}

/** Ease in and out, cubic: slow start, fast middle, slow landing (as Motion Canvas's easeInOutCubic). */
export function easeInOutCubic(t: number): number {
  return t < 0.5 ? 4 * t ** 3 : 1 - (2 - 2 * t) ** 3 / 2;
}

/**
 * The eased progress of dot `index` when the whole staggered flow is at
 * `progress` (0 to 1, linear in time): it leaves `index·stagger` seconds in
 * and travels for `duration` seconds.
 */
export function dotProgress(
  progress: number,
  index: number,
  count: number,
  flow: Flow,
): number {
  const duration = Math.max(1e-6, flow.duration);
  const clock = progress * flowLength(flow, count);
  const u = (clock - index * Math.max(0, flow.stagger)) / duration;
  return easeInOutCubic(Math.min(1, Math.max(0, u)));
}

/**
 * Every sample dot with f defined there, in sample order, at its place when
 * the flow is at `progress`: on the straight path from x on the input line
 * to f(x) on the output line.
 */
export function mappedDots(
  fn: RealFunction,
  layout: MappingLayout,
  xs: readonly number[],
  progress: number,
  flow: Flow,
  ride: {main: Route; fold: Fold | null} | null = null,
): MappedDot[] {
  const dots: MappedDot[] = [];
  xs.forEach((x, index) => {
    const fx = valueAt(fn, x);
    if (fx === undefined) return;
    // A riding dot goes where the copy takes its x; a flowing one on its own clock, straight.
    const route: Route = ride
      ? routeOf(x, ride.main, ride.fold)
      : {t: dotProgress(progress, index, xs.length, flow), offset: 0, bend: 0};
    const from = inputPoint(layout, x);
    const image = outputPoint(layout, fx);
    const to: Vector2 = [image[0], image[1] + route.offset];
    dots.push({
      x,
      fx,
      index,
      t: route.t,
      color: sampleColor(index, xs.length),
      from,
      to,
      position: arcPoint(from, to, route.t, route.bend),
      onLine: onOutputLine(layout, fx),
      offset: route.offset,
      bend: route.bend,
      riding: ride !== null,
    });
  });
  return dots;
}

/** Opacity of the dot itself: one whose image is off the output line fades as it travels towards the edge. */
export function dotAlpha(dot: MappedDot, opacity: number): number {
  return opacity * (dot.onLine ? 1 : 1 - dot.t);
}

/** Opacity of the faint ghost a dot leaves on the input line once it departs. */
export function ghostAlpha(
  dot: MappedDot,
  opacity: number,
  ghostOpacity: number,
): number {
  return ghostOpacity * 0.35 * Math.min(1, Math.max(0, dot.t * 6)) * opacity;
}

/**
 * The arrows from x towards where its dot lands, grown to `progress`, for
 * the dots whose x is in `only` (every dot when it is empty); none for a dot
 * whose landing place is closer than three dot radii, or whose route bows
 * (an arrow is straight). Dense rows (more than 12 dots) get thinner,
 * fainter arrows.
 */
export function mappingArrows(
  dots: readonly MappedDot[],
  radius: number,
  progress: number,
  only: readonly number[] = [],
): MappingArrow[] {
  const dense = dots.length > DENSE_ROW && only.length === 0;
  const width = dense ? 2 : STROKES.arrow;
  const headLength = dense ? 10 : 16;
  const arrows: MappingArrow[] = [];
  for (const dot of dots) {
    if (only.length > 0 && !only.includes(dot.x)) continue;
    if (dot.bend !== 0) continue;
    const dx = dot.to[0] - dot.from[0];
    const dy = dot.to[1] - dot.from[1];
    const length = Math.hypot(dx, dy);
    if (length < 3 * radius) continue;
    const unit: Vector2 = [dx / length, dy / length];
    const start: Vector2 = [
      dot.from[0] + unit[0] * 1.6 * radius,
      dot.from[1] + unit[1] * 1.6 * radius,
    ];
    const end: Vector2 = [
      dot.to[0] - unit[0] * 1.6 * radius,
      dot.to[1] - unit[1] * 1.6 * radius,
    ];
    const tip = lerp(start, end, progress);
    const side: Vector2 = [
      -unit[1] * headLength * 0.5,
      unit[0] * headLength * 0.5,
    ];
    const back: Vector2 = [
      tip[0] - unit[0] * headLength,
      tip[1] - unit[1] * headLength,
    ];
    arrows.push({
      x: dot.x,
      color: dot.color,
      start,
      tip,
      head: [
        [tip[0] + unit[0] * 2, tip[1] + unit[1] * 2],
        [back[0] + side[0], back[1] + side[1]],
        [back[0] - side[0], back[1] - side[1]],
      ],
      width,
      alpha: (dense ? 0.45 : 0.8) * (dot.onLine ? 1 : 0.5),
    });
  }
  return arrows;
}

/** The ticks the deforming copy carries: the given ones, or ticks at half the line's step. */
export function carriedTicks(
  ticks: readonly number[],
  layout: MappingLayout,
): number[] {
  if (ticks.length > 0) return [...ticks];
  const {min, max, length} = layout.input;
  return niceTicks(min, max, (length / 140) * 2);
}

/**
 * Whether the image of [a, b] under f is one unbroken piece on the output
 * line, so the copy may be drawn straight from a to b.
 *
 * @remarks
 * Halves [a, b] towards the half whose image jumps further (at least 20
 * times, at most down to ~1e-12 of x): a continuous f leaves a jump of
 * nothing there; a pole or a step leaves a jump of pixels. An undefined
 * midpoint breaks too.
 */
export function joins(
  fn: RealFunction,
  layout: MappingLayout,
  a: number,
  b: number,
): boolean {
  const px = (x: number): number | undefined => {
    const y = valueAt(fn, x);
    return y === undefined ? undefined : numberToPoint(layout.output, y);
  };
  let lo = a;
  let hi = b;
  let pLo = px(lo);
  let pHi = px(hi);
  if (pLo === undefined || pHi === undefined) return false;
  const width = 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
  for (let i = 0; i < 60 && hi - lo > width; i++) {
    // Twenty halvings down, a continuous f has left a jump of nothing.
    if (i >= 20 && Math.abs(pHi - pLo) < 0.01) return true;
    const mid = (lo + hi) / 2;
    const pMid = px(mid);
    if (pMid === undefined) return false;
    if (Math.abs(pMid - pLo) >= Math.abs(pHi - pMid)) {
      hi = mid;
      pHi = pMid;
    } else {
      lo = mid;
      pLo = pMid;
    }
  }
  return Math.abs(pHi - pLo) <= 0.5;
}

/**
 * The inputs the deforming copy is drawn through, `count` evenly spaced
 * over the input line, split into runs where f is undefined or jumps (a
 * run is drawn as one polyline; nothing joins across a break).
 */
export function copyRuns(
  fn: RealFunction,
  layout: MappingLayout,
  count = COPY_POINTS,
): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  let previous: number | undefined;
  for (const x of samplePoints(layout.input.min, layout.input.max, count)) {
    if (valueAt(fn, x) === undefined) {
      if (run.length > 0) runs.push(run);
      run = [];
      previous = undefined;
      continue;
    }
    if (previous !== undefined && !joins(fn, layout, previous, x)) {
      runs.push(run);
      run = [];
    }
    run.push(x);
    previous = x;
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/**
 * Where the copy of the input line puts x at progress t: from x on the input
 * line straight towards f(x) on the output line, shifted by `offset` px
 * vertically (the copy lands just above the output line, so the line's own
 * ticks stay readable); undefined where f is.
 */
export function copyPoint(
  fn: RealFunction,
  layout: MappingLayout,
  x: number,
  t: number,
  offset: number,
  bend = 0,
): Vector2 | undefined {
  const fx = valueAt(fn, x);
  if (fx === undefined) return undefined;
  const to = outputPoint(layout, fx);
  return arcPoint(inputPoint(layout, x), [to[0], to[1] + offset], t, bend);
}

/** The deforming copy at progress t (on routes bowed by `bend`): one polyline per run of {@link copyRuns}. */
export function copyLines(
  fn: RealFunction,
  layout: MappingLayout,
  runs: readonly (readonly number[])[],
  t: number,
  offset: number,
  bend = 0,
): CopyPoint[][] {
  return runs.map(run =>
    run.flatMap(x => {
      const at = copyPoint(fn, layout, x, t, offset, bend);
      return at ? [{x, at}] : [];
    }),
  );
}

/**
 * The ticks the copy carries at progress t, coloured along the row as the
 * dots are; with `keep`, only the ticks it accepts (their colours still
 * counted along the whole row).
 */
export function copyTicks(
  fn: RealFunction,
  layout: MappingLayout,
  ticks: readonly number[],
  t: number,
  offset: number,
  bend = 0,
  keep: (x: number) => boolean = () => true,
): CopyTick[] {
  return ticks.flatMap((x, i) => {
    if (!keep(x)) return [];
    const at = copyPoint(fn, layout, x, t, offset, bend);
    return at ? [{x, at, color: sampleColor(i, ticks.length)}] : [];
  });
}

/**
 * The copy's runs split at a fold: `main` holds x ≥ at, `folded` x ≤ at
 * (the split point ends both, so neither half stops short of it).
 */
export function splitRuns(
  fn: RealFunction,
  runs: readonly (readonly number[])[],
  at: number,
): {main: number[][]; folded: number[][]} {
  const main: number[][] = [];
  const folded: number[][] = [];
  const defined = valueAt(fn, at) !== undefined;
  for (const run of runs) {
    const lo = run.filter(x => x < at);
    const hi = run.filter(x => x >= at);
    const spans = run.length > 0 && run[0] < at && run[run.length - 1] >= at;
    if (lo.length > 0) folded.push(spans && defined ? [...lo, at] : lo);
    if (hi.length > 0)
      main.push(spans && defined && hi[0] !== at ? [at, ...hi] : hi);
  }
  return {main, folded};
}

/** What a MappingView reports it drew (scene pixels at 1920×1080, origin at the centre). */
export interface MappingViewProbe {
  type: 'MappingView';
  /** The input line: its range, and where its ends (at min and at max) are drawn. */
  input: MappingLineProbe;
  /** The output line, likewise. */
  output: MappingLineProbe;
  /** The sample inputs in use, dots or not. */
  samples: number[];
  /** Progress of the staggered flow, 0 to 1. */
  flowProgress: number;
  dotRadius: number;
  /** One record per sample with f defined, in sample order. */
  dots: MappingDotProbe[];
  /** The arrows drawn (none while they are hidden). */
  arrows: MappingArrowProbe[];
  /** The deforming copy of the input line, or null while it is hidden. */
  copy: MappingCopyProbe | null;
}

export interface MappingLineProbe {
  min: number;
  max: number;
  /** Where the number `min` is drawn. */
  from: Vector2;
  /** Where the number `max` is drawn. */
  to: Vector2;
}

export interface MappingDotProbe {
  x: number;
  fx: number;
  index: number;
  t: number;
  color: string;
  position: Vector2;
  onLine: boolean;
  /** The shift of its landing place from f(x) on the output line (a vector, scene px). */
  offset: Vector2;
  /** The bow of its route, as a fraction of the chord (0: straight). */
  bend: number;
  /** Whether it rides the deforming copy (it must then lie on the copy's drawn line). */
  riding: boolean;
  /** Opacity of the dot (its parents' opacity aside). */
  alpha: number;
  /** Where its ghost is drawn on the input line, or null when it has none. */
  ghost: Vector2 | null;
}

export interface MappingArrowProbe {
  x: number;
  color: string;
  start: Vector2;
  tip: Vector2;
  alpha: number;
}

export interface MappingCopyProbe {
  /** Its progress from the input line (0) to the output line (1). */
  t: number;
  /** The shift of the landed copy from the output line (a vector, scene px). */
  offset: Vector2;
  opacity: number;
  /** The copy's lines: every run when there is no fold, the runs of x ≥ fold.at otherwise. */
  lines: {x: number; at: Vector2}[][];
  ticks: {x: number; at: Vector2; color: string}[];
  /** The folded part (x ≤ at) on its own route, or null when the copy is not split. */
  fold: MappingFoldProbe | null;
}

export interface MappingFoldProbe {
  /** The input where the copy is split. */
  at: number;
  t: number;
  /** The shift of its landing place from the output line (a vector, scene px). */
  offset: Vector2;
  /** The bow of each point's route, as a fraction of its chord. */
  bend: number;
  lines: {x: number; at: Vector2}[][];
  ticks: {x: number; at: Vector2; color: string}[];
}

declare module '../truth/types' {
  interface ProbeTypes {
    MappingView: MappingViewProbe;
  }
}

/** Everything a MappingView draws at one moment, in its local pixels. */
export interface MappingViewState {
  readonly layout: MappingLayout;
  /**
   * Where the two drawn lines put their min and max (local px), as the line
   * nodes themselves place them; the layout's places when not given.
   */
  readonly lineEnds?: {
    readonly input: readonly [Vector2, Vector2];
    readonly output: readonly [Vector2, Vector2];
  };
  readonly samples: readonly number[];
  readonly flowProgress: number;
  readonly dotRadius: number;
  readonly dots: readonly MappedDot[];
  readonly dotOpacity: number;
  readonly ghostOpacity: number;
  /** The arrows drawn: none while their progress or opacity is 0. */
  readonly arrows: readonly MappingArrow[];
  readonly arrowOpacity: number;
  /** The deforming copy, or null while its opacity is 0. */
  readonly copy: {
    readonly t: number;
    readonly offset: number;
    readonly opacity: number;
    readonly lines: readonly (readonly CopyPoint[])[];
    readonly ticks: readonly CopyTick[];
    /** The folded part on its own route, when the copy is split. */
    readonly fold?: {
      readonly at: number;
      readonly route: Route;
      readonly lines: readonly (readonly CopyPoint[])[];
      readonly ticks: readonly CopyTick[];
    } | null;
  } | null;
}

/**
 * The probe of a MappingView's state, mapped into scene pixels by `toScene`
 * (the component's local-to-scene transform).
 */
export function mappingViewProbe(
  state: MappingViewState,
  toScene: (p: Vector2) => Vector2,
): MappingViewProbe {
  const {layout} = state;
  const vector = (v: Vector2): Vector2 => {
    const a = toScene([0, 0]);
    const b = toScene(v);
    return [b[0] - a[0], b[1] - a[1]];
  };
  const tick = (p: CopyTick) => ({x: p.x, at: toScene(p.at), color: p.color});
  const line = (
    scale: Scale,
    y: number,
    ends?: readonly [Vector2, Vector2],
  ): MappingLineProbe => ({
    min: scale.min,
    max: scale.max,
    from: toScene(ends?.[0] ?? [numberToPoint(scale, scale.min), y]),
    to: toScene(ends?.[1] ?? [numberToPoint(scale, scale.max), y]),
  });
  return {
    type: 'MappingView',
    input: line(layout.input, -layout.gap / 2, state.lineEnds?.input),
    output: line(layout.output, layout.gap / 2, state.lineEnds?.output),
    samples: [...state.samples],
    flowProgress: state.flowProgress,
    dotRadius: state.dotRadius,
    dots: state.dots.map(d => ({
      x: d.x,
      fx: d.fx,
      index: d.index,
      t: d.t,
      color: d.color,
      position: toScene(d.position),
      onLine: d.onLine,
      offset: vector([0, d.offset]),
      bend: d.bend,
      riding: d.riding,
      alpha: dotAlpha(d, state.dotOpacity),
      ghost:
        ghostAlpha(d, state.dotOpacity, state.ghostOpacity) > 0
          ? toScene(d.from)
          : null,
    })),
    arrows: state.arrows.map(a => ({
      x: a.x,
      color: a.color,
      start: toScene(a.start),
      tip: toScene(a.tip),
      alpha: a.alpha * state.arrowOpacity,
    })),
    copy: state.copy
      ? {
          t: state.copy.t,
          offset: vector([0, state.copy.offset]),
          opacity: state.copy.opacity,
          lines: state.copy.lines.map(run =>
            run.map(p => ({x: p.x, at: toScene(p.at)})),
          ),
          ticks: state.copy.ticks.map(tick),
          fold: state.copy.fold
            ? {
                at: state.copy.fold.at,
                t: state.copy.fold.route.t,
                offset: vector([0, state.copy.fold.route.offset]),
                bend: state.copy.fold.route.bend,
                lines: state.copy.fold.lines.map(run =>
                  run.map(p => ({x: p.x, at: toScene(p.at)})),
                ),
                ticks: state.copy.fold.ticks.map(tick),
              }
            : null,
        }
      : null,
  };
}

/**
 * The deforming copy as drawn: the whole copy on the main route, or, with a
 * fold, the part x ≥ fold.at on the main route and the part x ≤ fold.at on
 * the fold's (the split point ends both halves; its tick belongs to the main
 * part).
 */
export function deformedCopy(
  fn: RealFunction,
  layout: MappingLayout,
  runs: readonly (readonly number[])[],
  ticks: readonly number[],
  main: Route,
  fold: Fold | null,
  opacity: number,
): NonNullable<MappingViewState['copy']> {
  const halves = fold ? splitRuns(fn, runs, fold.at) : {main: runs, folded: []};
  const isMain = (x: number) => !fold || x >= fold.at;
  return {
    t: main.t,
    offset: main.offset,
    opacity,
    lines: copyLines(fn, layout, halves.main, main.t, main.offset, main.bend),
    ticks: copyTicks(fn, layout, ticks, main.t, main.offset, main.bend, isMain),
    fold: fold
      ? {
          at: fold.at,
          route: fold.route,
          lines: copyLines(
            fn,
            layout,
            halves.folded,
            fold.route.t,
            fold.route.offset,
            fold.route.bend,
          ),
          ticks: copyTicks(
            fn,
            layout,
            ticks,
            fold.route.t,
            fold.route.offset,
            fold.route.bend,
            x => !isMain(x),
          ),
        }
      : null,
  };
}
