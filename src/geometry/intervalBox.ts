/**
 * The geometry of an interval box: [a, b] on an input line, its true image
 * on an output line, and the copy that travels from one to the other. Pure
 * TypeScript (no Motion Canvas import): the IntervalBox component draws
 * exactly what {@link intervalBoxGeometry} returns.
 *
 * @remarks
 * The travelling copy is cut at the interval's turning points (its folds):
 * each piece carries its ends from x to f(x), so a piece that reverses
 * flips over and, landed, the pieces overlap where the map folds the
 * interval onto itself. Their union is the true image [min f, max f], not
 * [f(a), f(b)]. The box's colour and case name classify the stretch it
 * shows end to end: (f(b) − f(a)) / (b − a), with its sign.
 */
import {derivativeAt} from '../math/derivative';
import {imageOfInterval} from '../math/interval';
import type {IntervalImage, RealFunction} from '../math/types';
import {COLORS} from '../theme';
import type {ReadoutProbe} from './readout';
import {type StretchStyle, stretchStyle} from './stretchStyle';

/** A point of the plane, in pixels. */
export type Px = [x: number, y: number];

/**
 * Where a number line lies, in the box's pixel coordinates: the number v is
 * drawn at `origin + v · unit`.
 */
export interface LinePlacement {
  readonly origin: Px;
  readonly unit: Px;
}

/** The pixel point of the number v on a line. */
export function pointOn(line: LinePlacement, v: number): Px {
  return [line.origin[0] + v * line.unit[0], line.origin[1] + v * line.unit[1]];
}

/** A line's placement from the pixel points of 0 and 1 on it. */
export function placementFrom(zero: Px, one: Px): LinePlacement {
  return {origin: zero, unit: [one[0] - zero[0], one[1] - zero[1]]};
}

/** A drawn box: its horizontal pixel extent and its vertical centre. */
export interface BoxRect {
  readonly left: number;
  readonly right: number;
  readonly y: number;
}

/** What the box is asked to show. */
export interface IntervalBoxInput {
  readonly fn: RealFunction;
  /** The input interval's ends, in order: [a, b] (b < a runs backwards). */
  readonly a: number;
  readonly b: number;
  /** The point the scene names (the centre of a centred box), or null. */
  readonly at: number | null;
  /** How far the copy has travelled, 0 (on the input line) to 1 (landed). */
  readonly landed: number;
  readonly input: LinePlacement;
  readonly output: LinePlacement;
}

/** Everything the box draws, in pixels. */
export interface IntervalBoxGeometry {
  readonly image: IntervalImage;
  /** The stretch the box shows end to end: its colour, case name and caption. */
  readonly style: StretchStyle;
  /** Where the copy is cut: a, the folds in order from a, then b. */
  readonly knots: readonly number[];
  /** The lines the box was laid out on. */
  readonly lines: {
    readonly input: LinePlacement;
    readonly output: LinePlacement;
  };
  /** The ends a and b on the input line. */
  readonly inputEnds: readonly [Px, Px];
  /** The box on the input line. */
  readonly inputBox: BoxRect;
  /** The travelling copy, one box per piece between knots (none before it leaves). */
  readonly pieces: readonly BoxRect[];
  /** Where the ends a and b of the copy are now (null where f is undefined at an end). */
  readonly ends: readonly [Px, Px] | null;
  /** Colour of the travelling copy now: the dx yellow until halfway, then the case's colour. */
  readonly color: string;
  /** The landed image's pixel extent along the output line (the union of the pieces, landed). */
  readonly span: readonly [number, number] | null;
  /** A collapse's marker (the image is a point in the limit): at f of the named point. */
  readonly collapse: {readonly point: Px; readonly alpha: number} | null;
}

function lerpPx(p: Px, q: Px, t: number): Px {
  return [p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t];
}

function rectBetween(p: Px, q: Px): BoxRect {
  return {
    left: Math.min(p[0], q[0]),
    right: Math.max(p[0], q[0]),
    y: (p[1] + q[1]) / 2,
  };
}

/** The stretch an interval box shows end to end: output length over input length, with its sign. */
export function shownStretch(image: IntervalImage): StretchStyle {
  return stretchStyle(image.ratio);
}

/** Everything an interval box draws for the given interval, function, lines and progress. */
export function intervalBoxGeometry(
  box: IntervalBoxInput,
): IntervalBoxGeometry {
  const {fn, a, b, input, output} = box;
  const t = Math.min(1, Math.max(0, box.landed));
  const image = imageOfInterval(fn, a, b - a);
  const style = shownStretch(image);
  const folds = a <= b ? image.folds : [...image.folds].reverse();
  const knots = [a, ...folds, b];
  const inputEnds: [Px, Px] = [pointOn(input, a), pointOn(input, b)];
  const inputBox = rectBetween(...inputEnds);
  const finite = knots.every(k => Number.isFinite(fn.value(k)));
  const travel = (k: number) =>
    lerpPx(pointOn(input, k), pointOn(output, fn.value(k)), t);
  const moving = finite ? knots.map(travel) : null;
  const pieces =
    moving && t > 0
      ? moving.slice(1).map((p, i) => rectBetween(moving[i], p))
      : [];
  const spanPx =
    finite && Number.isFinite(image.span[0])
      ? ([image.span[0], image.span[1]].map(v => pointOn(output, v)[0]) as [
          number,
          number,
        ])
      : null;
  let collapse: IntervalBoxGeometry['collapse'] = null;
  if (style.kind === 'collapse' && t > 0) {
    const x = box.at ?? folds[0] ?? a;
    const fx = fn.value(x);
    if (Number.isFinite(fx)) {
      collapse = {
        point: pointOn(output, fx),
        alpha: Math.min(1, Math.max(0, (t - 0.6) / 0.4)),
      };
    }
  }
  return {
    image,
    style,
    knots,
    lines: {input, output},
    inputEnds,
    inputBox,
    pieces,
    ends: moving ? [moving[0], moving[moving.length - 1]] : null,
    color: t > 0.5 ? style.color : COLORS.dx,
    span: spanPx ? [Math.min(...spanPx), Math.max(...spanPx)] : null,
    collapse,
  };
}

/** The slope f'(at) the scene names, or null (none named, or undefined there). */
export function slopeAt(fn: RealFunction, at: number | null): number | null {
  if (at === null) return null;
  const d = derivativeAt(fn, at);
  return d.defined ? d.value : null;
}

/** What an IntervalBox reports it drew (JSON-safe), for tests and the frame sweep. */
export interface IntervalBoxProbe {
  readonly type: 'IntervalBox';
  /** LaTeX of the function on screen. */
  readonly fnTex: string;
  /** The point the scene names (the box's centre), or null. */
  readonly at: number | null;
  /** The left end of the interval (as x0 was) and its signed length. */
  readonly x: number;
  readonly dx: number;
  readonly input: readonly [number, number];
  /** f at the two ends, in order. */
  readonly output: readonly [number, number];
  /** The true image [min f, max f]. */
  readonly span: readonly [number, number];
  readonly folds: readonly number[];
  readonly inputLength: number;
  readonly outputLength: number;
  readonly ratio: number | null;
  /** f'(at) when the scene names a point, else f' at the left end. */
  readonly stretchFactor: number | null;
  readonly kind: string;
  /** The case's one-word name and its colour. */
  readonly name: string;
  readonly caseColor: string;
  readonly orientation: IntervalImage['orientation'];
  readonly landed: number;
  /** Opacity of the whole box (composed with its ancestors) and of the input box. */
  readonly opacity: number;
  readonly inputOpacity: number;
  /** The lines' placements in the box's pixels. */
  readonly lines: {
    readonly input: LinePlacement;
    readonly output: LinePlacement;
  };
  /** What is drawn, in the box's pixels. */
  readonly drawn: {
    readonly inputBox: BoxRect;
    readonly pieces: readonly BoxRect[];
    readonly color: string;
    readonly collapse: {readonly point: Px; readonly alpha: number} | null;
  };
  /** Pixel x of the input ends, and of f at each end on the output line (null where undefined). */
  readonly inputPixels: readonly [number, number];
  readonly outputPixels: readonly [number | null, number | null];
  /** The travelling ends a and b, as drawn. */
  readonly movingEnds: readonly [Px, Px] | null;
  /** The readouts: input length, output length, ratio. */
  readonly readouts: readonly ReadoutProbe[];
  /** Opacity of the readout column (composed). */
  readonly readoutOpacity: number;
}

declare module '../truth/types' {
  interface ProbeTypes {
    IntervalBox: IntervalBoxProbe;
  }
}
