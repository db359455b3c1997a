/**
 * What a FunctionGraph draws, computed: the graph of f as polylines (broken
 * where f is undefined or jumps, ending exactly where it leaves the view),
 * the point (x, f(x)) with its tangent, the rise-over-run triangle with its
 * labels, and where the axes' numbers go. Pure TypeScript (no Motion Canvas
 * import): the component wires its signals to these functions and draws what
 * they return.
 *
 * @remarks
 * Coordinates are the component's local pixels, origin at the centre of the
 * plot, y down: the math point (u, v) is at
 * `[numberToPoint(xScale, u), −numberToPoint(yScale, v)]`.
 */
import {derivativeAt, valueAt} from '../math/derivative';
import {formatFixed, formatNumber} from '../math/format';
import {graphPolylines} from '../math/sampling';
import {numberToPoint, pointToNumber} from '../math/scale';
import type {Derivative, RealFunction, Scale, Vector2} from '../math/types';

/** A plot's ranges and pixel size. */
export interface Plot {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
  /** Pixel width of the plot (the horizontal axis's length). */
  readonly width: number;
  /** Pixel height of the plot (the vertical axis's length). */
  readonly height: number;
}

/** How far beyond the plot's top and bottom (px) the graph is still drawn. */
export const GRAPH_CLIP_MARGIN = 40;

/** Distance from an axis to its numbers: half a tick (11 px) and a 10 px gap, as NumberLine draws them. */
export const AXIS_LABEL_GAP = 21;

/** Rises shorter than this (px) get their label lifted above the tangent line. */
export const RISE_LABEL_CLEARANCE = 36;

/** Distance from the run to its label, and from the rise to its label (px). */
const RUN_LABEL_GAP = 30;
const RISE_LABEL_GAP = 16;

/** The horizontal axis's Scale. */
export function xScale(plot: Plot): Scale {
  return {min: plot.xMin, max: plot.xMax, length: plot.width};
}

/** The vertical axis's Scale (min at the bottom). */
export function yScale(plot: Plot): Scale {
  return {min: plot.yMin, max: plot.yMax, length: plot.height};
}

/** Local pixel position of the math point (u, v). */
export function plotPoint(plot: Plot, u: number, v: number): Vector2 {
  return [numberToPoint(xScale(plot), u), -numberToPoint(yScale(plot), v)];
}

/** Where the axes cross: at 0 on each, or at the end nearest 0 when 0 is out of range. */
export function axisCrossing(plot: Plot): Vector2 {
  const clampTo = (lo: number, hi: number) => Math.min(Math.max(0, lo), hi);
  const u = clampTo(
    Math.min(plot.xMin, plot.xMax),
    Math.max(plot.xMin, plot.xMax),
  );
  const v = clampTo(
    Math.min(plot.yMin, plot.yMax),
    Math.max(plot.yMin, plot.yMax),
  );
  return plotPoint(plot, u, v);
}

/** |pixel y| beyond which the graph is not drawn. */
export function graphClip(plot: Plot): number {
  return Math.abs(plot.height) / 2 + GRAPH_CLIP_MARGIN;
}

/**
 * The graph of f as polylines in local pixels: {@link graphPolylines}
 * (adaptive, broken where f is undefined or jumps), with every end that
 * leaves the view moved to where the curve really crosses the clip line
 * (graphPolylines clamps such points to the clip line, which tilts the last
 * segment off the curve).
 */
export function graphLines(f: RealFunction, plot: Plot): Vector2[][] {
  const xs = xScale(plot);
  const ys = yScale(plot);
  const clip = graphClip(plot);
  const lines = graphPolylines(f, xs, ys, {clipPx: clip});
  /** The math x of a pixel point, and how far outside the clip f(x) really is (px, ≤ 0 inside). */
  const outside = (u: number): number => {
    const v = valueAt(f, u);
    return v === undefined ? Infinity : Math.abs(numberToPoint(ys, v)) - clip;
  };
  /** The point of the curve on the clip line between u (inside) and w (outside). */
  const crossing = (u: number, w: number): Vector2 => {
    let inside = u;
    let out = w;
    for (let i = 0; i < 64; i++) {
      const mid = (inside + out) / 2;
      if (mid === inside || mid === out) break;
      if (outside(mid) > 0) out = mid;
      else inside = mid;
    }
    return plotPoint(plot, inside, valueAt(f, inside)!);
  };
  const result: Vector2[][] = [];
  for (const line of lines) {
    const us = line.map(p => pointToNumber(xs, p[0]));
    let current: Vector2[] = [];
    const flush = () => {
      if (current.length >= 2) result.push(current);
      current = [];
    };
    line.forEach((p, i) => {
      if (outside(us[i]) <= 1e-9) {
        // A true point of the curve (within float noise of the clip line).
        if (current.length === 0 && i > 0 && outside(us[i - 1]) > 1e-9) {
          current.push(crossing(us[i], us[i - 1]));
        }
        current.push(p);
        return;
      }
      // A clamped point: end the run where the curve leaves the view.
      if (current.length > 0) current.push(crossing(us[i - 1], us[i]));
      flush();
    });
    flush();
  }
  return result;
}

/** Polylines as SVG path data (one subpath each, to 1/100 px). */
export function polylinePath(lines: readonly (readonly Vector2[])[]): string {
  return lines
    .map(line =>
      line
        .map(
          (p, i) =>
            `${i === 0 ? 'M' : 'L'}${p[0].toFixed(2)} ${p[1].toFixed(2)}`,
        )
        .join(''),
    )
    .join('');
}

/**
 * The part of the polylines drawn when a path is trimmed to `end` (0 to 1)
 * of its length, as Motion Canvas trims a Path: by arc length over every
 * drawn segment, gaps between subpaths not counted.
 */
export function trimPolylines(
  lines: readonly (readonly Vector2[])[],
  end: number,
): Vector2[][] {
  const length = (a: Vector2, b: Vector2) =>
    Math.hypot(b[0] - a[0], b[1] - a[1]);
  const total = lines.reduce(
    (sum, line) =>
      sum + line.slice(1).reduce((s, p, i) => s + length(line[i], p), 0),
    0,
  );
  if (end >= 1) return lines.map(line => [...line]);
  let budget = Math.max(0, end) * total;
  const result: Vector2[][] = [];
  for (const line of lines) {
    if (budget <= 0) break;
    const kept: Vector2[] = [line[0]];
    for (let i = 1; i < line.length && budget > 0; i++) {
      const d = length(line[i - 1], line[i]);
      if (d <= budget) {
        kept.push(line[i]);
        budget -= d;
      } else {
        const k = budget / d;
        kept.push([
          line[i - 1][0] + (line[i][0] - line[i - 1][0]) * k,
          line[i - 1][1] + (line[i][1] - line[i - 1][1]) * k,
        ]);
        budget = 0;
      }
    }
    if (kept.length >= 2) result.push(kept);
  }
  return result;
}

/** A text label: what it says and its anchor (local px). */
export interface GraphLabel {
  readonly text: string;
  readonly position: Vector2;
}

/** The point at x with its tangent and its rise-over-run triangle. */
export interface TangentGeometry {
  readonly x: number;
  /** f(x), undefined where f is. */
  readonly value: number | undefined;
  /** f'(x). */
  readonly slope: Derivative;
  /** The triangle's run (math units). */
  readonly run: number;
  /** f'(x)·run: the tangent's rise over the run. */
  readonly rise: Derivative;
  /** Whether f(x) and f'(x) both exist, so point, tangent and triangle can be drawn. */
  readonly defined: boolean;
  /** (x, f(x)); the axis point (x, 0) where f is undefined (then nothing is drawn). */
  readonly point: Vector2;
  /** End of the run: (x + run, f(x)). */
  readonly runCorner: Vector2;
  /** Top of the rise: (x + run, f(x) + f'(x)·run), on the tangent. */
  readonly riseCorner: Vector2;
  /** A tangent segment of fixed pixel length centred on the point. */
  readonly tangent: readonly [Vector2, Vector2];
  /** "run = 1", centred under (or over) the run. */
  readonly runLabel: GraphLabel;
  /** "rise = 1.25", beside the rise; its text starts at the anchor (ends there when run < 0). */
  readonly riseLabel: GraphLabel;
  /** The rise label's Motion Canvas offset: [−1, 0] (left edge at the anchor) or [1, 0]. */
  readonly riseLabelOffset: Vector2;
}

/** The point at x on the graph of f, its tangent (`tangentLength` px long) and the triangle over `run`. */
export function tangentAt(
  f: RealFunction,
  plot: Plot,
  x: number,
  run: number,
  tangentLength: number,
): TangentGeometry {
  const value = valueAt(f, x);
  const slope = derivativeAt(f, x);
  const defined = value !== undefined && slope.defined;
  const rise: Derivative = slope.defined
    ? {defined: true, value: slope.value * run}
    : slope;
  const v = value ?? 0;
  const point = plotPoint(plot, x, v);
  const runCorner = plotPoint(plot, x + run, v);
  const riseCorner = plotPoint(
    plot,
    x + run,
    v + (rise.defined ? rise.value : 0),
  );
  // The tangent's direction on screen: one unit of x along, f'(x) units of y up.
  const ux = numberToPoint(xScale(plot), 1) - numberToPoint(xScale(plot), 0);
  const uy = numberToPoint(yScale(plot), 1) - numberToPoint(yScale(plot), 0);
  const s = slope.defined ? slope.value : 0;
  const sign = run < 0 ? -1 : 1;
  const dx = sign * ux;
  const dy = -sign * s * uy;
  const norm = Math.hypot(dx, dy) || 1;
  const half = tangentLength / 2;
  const d: Vector2 = [(dx / norm) * half, (dy / norm) * half];
  const above = riseCorner[1] > runCorner[1];
  const lift =
    Math.abs(riseCorner[1] - runCorner[1]) < RISE_LABEL_CLEARANCE
      ? -RISE_LABEL_CLEARANCE
      : 0;
  return {
    x,
    value,
    slope,
    run,
    rise,
    defined,
    point,
    runCorner,
    riseCorner,
    tangent: [
      [point[0] - d[0], point[1] - d[1]],
      [point[0] + d[0], point[1] + d[1]],
    ],
    runLabel: {
      text: `run = ${formatNumber(run)}`,
      position: [
        (point[0] + runCorner[0]) / 2,
        runCorner[1] + (above ? -RUN_LABEL_GAP : RUN_LABEL_GAP),
      ],
    },
    riseLabel: {
      text: `rise = ${formatFixed(rise)}`,
      position: [
        runCorner[0] + (run >= 0 ? RISE_LABEL_GAP : -RISE_LABEL_GAP),
        Math.min(runCorner[1], riseCorner[1]) +
          lift +
          Math.abs(riseCorner[1] - runCorner[1]) / 2,
      ],
    },
    riseLabelOffset: [run >= 0 ? -1 : 1, 0],
  };
}

/** A tick of an axis, as NumberLine reports it. */
export interface AxisTick {
  readonly value: number;
  readonly text: string;
  /** Offset along the axis from its centre (px; up for the vertical axis). */
  readonly point: number;
  readonly labelAlpha: number;
}

/** A number drawn beside an axis. */
export interface AxisNumber {
  readonly axis: 'x' | 'y';
  readonly value: number;
  readonly text: string;
  /** Its anchor: the top centre (x axis) or the right middle (y axis) of the text. */
  readonly position: Vector2;
  readonly alpha: number;
}

/**
 * The axes' numbers, placed by the graph rather than by its NumberLines so
 * that the two 0s (each crossed by the other axis) can be left out, as on
 * any graph.
 */
export function axisNumbers(
  xTicks: readonly AxisTick[],
  yTicks: readonly AxisTick[],
  crossing: Vector2,
): AxisNumber[] {
  const shown = (t: AxisTick) => t.value !== 0 && t.labelAlpha > 0.01;
  return [
    ...xTicks.filter(shown).map((t): AxisNumber => ({
      axis: 'x',
      value: t.value,
      text: t.text,
      position: [t.point, crossing[1] + AXIS_LABEL_GAP],
      alpha: t.labelAlpha,
    })),
    ...yTicks.filter(shown).map((t): AxisNumber => ({
      axis: 'y',
      value: t.value,
      text: t.text,
      position: [crossing[0] - AXIS_LABEL_GAP, -t.point],
      alpha: t.labelAlpha,
    })),
  ];
}

/** What a FunctionGraph reports it drew (scene pixels at 1920×1080, origin at the centre, y down). */
export interface FunctionGraphProbe {
  type: 'FunctionGraph';
  /** The plot's frame: the math point (u, v) is drawn at origin + u·ex + v·ey. */
  frame: {
    origin: Vector2;
    ex: Vector2;
    ey: Vector2;
  };
  range: {
    xMin: number;
    xMax: number;
    yMin: number;
    yMax: number;
  };
  /** The drawn axes, each from its min to its max. */
  axes: {
    x: [Vector2, Vector2];
    y: [Vector2, Vector2];
  };
  /** The axes' numbers, with their anchors (see {@link AxisNumber}). */
  axisNumbers: {axis: 'x' | 'y'; text: string; position: Vector2}[];
  /** The graph as drawn: the polylines up to `end` of their length. */
  graph: {
    end: number;
    lines: Vector2[][];
  };
  /** LaTeX of the graph's name, or null when none is shown. */
  label: string | null;
  /** The point's x. */
  x: number;
  /** f(x) as the graph holds it, null where undefined. */
  fx: number | null;
  /** f'(x) as the graph holds it, null where undefined. */
  slope: number | null;
  /** The point (x, f(x)), null where f(x) is undefined. */
  point: Vector2 | null;
  /** The tangent segment, null where it is not drawn. */
  tangent: [Vector2, Vector2] | null;
  /** The triangle [point, end of run, top of rise] and its labels, null where it is not drawn. */
  triangle: {
    corners: [Vector2, Vector2, Vector2];
    run: {text: string; position: Vector2};
    rise: {text: string; position: Vector2};
  } | null;
  /** The slope readout's text. */
  readout: string;
  /** Opacity of each part (before the node's own). */
  opacity: {
    tangent: number;
    triangle: number;
    readout: number;
    label: number;
  };
}

declare module '../truth/types' {
  interface ProbeTypes {
    FunctionGraph: FunctionGraphProbe;
  }
}

/** Everything a FunctionGraph draws at one moment, in its local pixels. */
export interface FunctionGraphState {
  readonly plot: Plot;
  /** The graph's polylines, whole. */
  readonly lines: readonly (readonly Vector2[])[];
  /** How much of the graph is drawn, 0 to 1. */
  readonly graphEnd: number;
  readonly label: string | null;
  readonly labelOpacity: number;
  readonly tangent: TangentGeometry;
  readonly axisNumbers: readonly AxisNumber[];
  /** The drawn axes' ends at their min and max (local px). */
  readonly axes: {
    readonly x: readonly [Vector2, Vector2];
    readonly y: readonly [Vector2, Vector2];
  };
  readonly readout: string;
  readonly tangentOpacity: number;
  readonly triangleOpacity: number;
  readonly readoutOpacity: number;
}

/**
 * The probe of a FunctionGraph's state, mapped into scene pixels by
 * `toScene` (the component's local-to-scene transform).
 */
export function functionGraphProbe(
  state: FunctionGraphState,
  toScene: (p: Vector2) => Vector2,
): FunctionGraphProbe {
  const {plot, tangent: g} = state;
  const origin = toScene(plotPoint(plot, 0, 0));
  const along = (p: Vector2): Vector2 => {
    const q = toScene(p);
    return [q[0] - origin[0], q[1] - origin[1]];
  };
  return {
    type: 'FunctionGraph',
    frame: {
      origin,
      ex: along(plotPoint(plot, 1, 0)),
      ey: along(plotPoint(plot, 0, 1)),
    },
    range: {
      xMin: plot.xMin,
      xMax: plot.xMax,
      yMin: plot.yMin,
      yMax: plot.yMax,
    },
    axes: {
      x: [toScene(state.axes.x[0]), toScene(state.axes.x[1])],
      y: [toScene(state.axes.y[0]), toScene(state.axes.y[1])],
    },
    axisNumbers: state.axisNumbers.map(n => ({
      axis: n.axis,
      text: n.text,
      position: toScene(n.position),
    })),
    graph: {
      end: state.graphEnd,
      lines: trimPolylines(state.lines, state.graphEnd).map(line =>
        line.map(toScene),
      ),
    },
    label: state.label && state.labelOpacity > 0 ? state.label : null,
    x: g.x,
    fx: g.value ?? null,
    slope: g.slope.defined ? g.slope.value : null,
    point: g.value === undefined ? null : toScene(g.point),
    tangent: g.defined ? [toScene(g.tangent[0]), toScene(g.tangent[1])] : null,
    triangle: g.defined
      ? {
          corners: [
            toScene(g.point),
            toScene(g.runCorner),
            toScene(g.riseCorner),
          ],
          run: {text: g.runLabel.text, position: toScene(g.runLabel.position)},
          rise: {
            text: g.riseLabel.text,
            position: toScene(g.riseLabel.position),
          },
        }
      : null,
    readout: state.readout,
    opacity: {
      tangent: state.tangentOpacity,
      triangle: state.triangleOpacity,
      readout: state.readoutOpacity,
      label: state.labelOpacity,
    },
  };
}
