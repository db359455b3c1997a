/**
 * The local geometry of a zoom inset: a framed, magnified view of the
 * neighbourhood of x on the input line and of f(x) on the output line, with
 * local ticks at x − dx, x, x + dx, their images, the dashed connectors
 * between them and a caption naming the stretch. Pure TypeScript (no Motion
 * Canvas import): the ZoomInset component draws exactly what
 * {@link zoomInsetGeometry} returns.
 *
 * @remarks
 * Both inner lines share one magnification, `zoom` × the unmagnified line's
 * pixels per unit, so what the frame shows is the local linear map: the
 * images of x ± dx sit (f(x + dx) − f(x − dx)) / 2dx ≈ f'(x) times as far
 * apart as x ± dx. Coordinates are the inset's own pixels, origin at the
 * frame's centre, y down.
 */
import {derivativeAt, valueAt} from '../math/derivative';
import {formatFixed, formatNumber} from '../math/format';
import {samplePoints} from '../math/sampling';
import {numberToPoint} from '../math/scale';
import {niceStep} from '../math/ticks';
import type {RealFunction} from '../math/types';
import {type StretchStyle, stretchStyle} from './stretchStyle';
import {logLerp} from './zoom';

/** A point in the inset's pixels (origin at the frame's centre, y down). */
export type Px = readonly [x: number, y: number];

/** Pixels the inner lines leave free inside the frame (half on each side). */
export const INSET_MARGIN = 100;
/** Height of the boxes marking [x, x + dx] and its image. */
export const BOX_HEIGHT = 26;
/** The image box is never drawn narrower than this, so a collapse stays visible. */
export const MIN_BOX_WIDTH = 3;
/** Pixels per unit of the unmagnified line when the inset has neither a unit nor a source line. */
export const DEFAULT_UNIT = 200;
/** The dots' half-spread, as a fraction of the visible half-range, when none is given. */
export const DEFAULT_SPREAD = 0.25;
/** How far from the lens's centre its connectors start (its radius). */
export const LENS_RADIUS = 15;

/** What an inset is asked to show: its signals, read once. */
export interface ZoomInsetSpec {
  readonly fn: RealFunction;
  /** The point x whose neighbourhood is magnified. */
  readonly point: number;
  /** Magnification relative to the unmagnified line (10: ten times closer). */
  readonly zoom: number;
  /** Pixels per unit of the unmagnified line. */
  readonly baseUnit: number;
  /** The local step dx; 0 (or less) picks a nice step for the visible range. */
  readonly dx: number;
  readonly frameWidth: number;
  readonly frameHeight: number;
  /** How many local dots the close-up carries (0: none). */
  readonly dotCount?: number;
  /** The dots' half-spread as a fraction of the visible half-range: their pixel spread stays fixed as the zoom grows. */
  readonly spread?: number;
  /** How far the dots have travelled from the input line to the output line, 0 to 1. */
  readonly progress?: number;
  /** Which readout the close-up writes under its frame. */
  readonly readout?: InsetReadoutKind;
}

/** The close-up's readout: none, the landed spacing (largest gap ÷ smallest gap) or the local factor (output span ÷ input span). */
export type InsetReadoutKind = 'none' | 'spacing' | 'factor';

/** One local dot of the close-up: its number, its image, and where it is drawn now. */
export interface CloseUpDot {
  readonly value: number;
  /** f(value), or null where f is undefined there. */
  readonly image: number | null;
  /** Its place on the magnified input line. */
  readonly input: Px;
  /** Its image's place on the magnified output line, or null where f is undefined. */
  readonly output: Px | null;
  /** Where it is drawn now: on the straight path from input to output, `progress` of the way. */
  readonly at: Px;
  /** Its place in the row, 0 (leftmost input) to 1: the gradient colour it wears. */
  readonly shade: number;
}

/** A readout of the landed dots: what it names, its value and its text. */
export interface InsetReadout {
  readonly kind: Exclude<InsetReadoutKind, 'none'>;
  /** The number, or null where it is undefined (a dot without an image, or no gap at all). */
  readonly value: number | null;
  readonly text: string;
}

/** Where an inner number line lies in the inset: its range, pixel length and centre. */
export interface InsetLine {
  readonly min: number;
  readonly max: number;
  readonly length: number;
  readonly x: number;
  readonly y: number;
}

/** One local tick x + k·dx, where it is on the input line and where its image lands. */
export interface LocalTick {
  readonly k: -1 | 0 | 1;
  readonly value: number;
  /** f(value), or null where f is undefined there. */
  readonly image: number | null;
  readonly input: Px;
  /** The image's point on the output line, or null where f is undefined. */
  readonly output: Px | null;
}

/** A box drawn on a line: its centre and size. */
export interface InsetBox {
  readonly center: Px;
  readonly width: number;
  readonly height: number;
}

/** Everything an inset draws, in its own pixels. */
export interface ZoomInsetGeometry {
  /** Half the visible range, in numbers, of each inner line. */
  readonly radius: number;
  /** f(x), the centre of the output neighbourhood (x itself where f is undefined, so the frame stays drawable). */
  readonly center: number;
  /** The local step dx of the ticks x ± dx. */
  readonly step: number;
  /** Pixels per unit on both inner lines: zoom × the base unit. */
  readonly unit: number;
  readonly inputLine: InsetLine;
  readonly outputLine: InsetLine;
  /** x − dx, x, x + dx, in that order. */
  readonly ticks: readonly [LocalTick, LocalTick, LocalTick];
  /** The dashed arrows from each local tick to its image (null where f is undefined). */
  readonly connectors: readonly (readonly [Px, Px] | null)[];
  /** The box on [x, x + dx]. */
  readonly inputBox: InsetBox;
  /** The box on its image, [f(x), f(x + dx)] (null where f is undefined at an end). */
  readonly outputBox: InsetBox | null;
  /** The stretch f'(x): the caption, its colour and the image box's colour. */
  readonly style: StretchStyle;
  /** The magnification as written in the frame's corner, e.g. "×10". */
  readonly zoomLabel: string;
  /** The close-up's local dots, left to right on the input line (none when `dotCount` is 0). */
  readonly dots: readonly CloseUpDot[];
  /** The readout of the landed dots, or null for none. */
  readonly readout: InsetReadout | null;
}

/** The pixel length of the inner lines of a frame `frameWidth` wide. */
export function insetLineLength(frameWidth: number): number {
  return frameWidth - INSET_MARGIN;
}

/** Half the visible range, in numbers, of the inner lines at magnification `zoom`. */
export function insetRadius(
  frameWidth: number,
  baseUnit: number,
  zoom: number,
): number {
  return insetLineLength(frameWidth) / 2 / (baseUnit * Math.max(1e-9, zoom));
}

/** How far (in pixels) the drawn images of x ± dx may be from 2·f'(x)·dx apart. */
export const LINEAR_PX = 0.5;

/**
 * The local step dx at a magnification: `dx` when given (> 0), otherwise a
 * nice step for the visible half-range `radius`, shrunk where |f'(x)| > 1
 * spreads the images, so x ± dx and their images stay inside the frame. Each
 * tenfold zoom makes it ten times smaller.
 *
 * @remarks
 * Where f curves too much for the frame to look linear yet, the step is
 * refined further (1, 0.5, 0.2, 0.1, ...) until the images of x ± dx are
 * 2·f'(x)·dx apart within {@link LINEAR_PX} px (at `unit` pixels per unit)
 * and inside f's domain: the drawn stretch is the f'(x) the caption names.
 * (For x², whose images of x ± dx are exactly 2·f'(x)·dx apart, the nice
 * step stands.)
 */
export function localStep(
  fn: RealFunction,
  point: number,
  radius: number,
  unit: number,
  dx = 0,
): number {
  if (dx > 0) return dx;
  const d = derivativeAt(fn, point);
  const spread = Math.max(1, d.defined ? Math.abs(d.value) * 1.3 : 1);
  const r = radius / spread;
  let step = niceStep(point - r, point + r, 4);
  if (!d.defined) return step;
  const linear = (h: number) => {
    const a = fn.value(point - h);
    const b = fn.value(point + h);
    return (
      Number.isFinite(a) &&
      Number.isFinite(b) &&
      Math.abs(b - a - 2 * h * d.value) * unit <= LINEAR_PX
    );
  };
  for (let i = 0; i < 40 && !linear(step); i++) {
    step = niceStep(0, step, 2);
  }
  return step;
}

/** The magnification as the frame writes it: whole numbers from ×1 up, two significant digits below. */
export function zoomLabel(zoom: number): string {
  if (!Number.isFinite(zoom)) return `×${formatNumber(zoom)}`;
  const shown = zoom >= 0.5 ? Math.round(zoom) : Number(zoom.toPrecision(2));
  return `×${formatNumber(shown)}`;
}

/**
 * The magnification at progress t (already eased) of a zoom from `from` to
 * `to`: evenly in log scale, so each tenfold zoom takes the same time.
 */
export function magnificationAt(from: number, to: number, t: number): number {
  return logLerp(from, to, t);
}

/**
 * The close-up's local dots: `count` numbers evenly spaced over
 * point ± spread × radius (the visible half-range), so their pixel spread on
 * the input line stays fixed while the zoom shrinks the neighbourhood they span.
 */
export function closeUpValues(
  point: number,
  radius: number,
  spread: number,
  count: number,
): number[] {
  if (count <= 0) return [];
  const s = spread * radius;
  return samplePoints(point - s, point + s, count);
}

/**
 * How unevenly a row of dots lands: the largest gap between consecutive
 * images over the smallest. 1 means evenly spaced, as a linear map lands
 * them; null with fewer than two gaps, an undefined image or a zero gap.
 *
 * @remarks
 * For x² and dots x + kh, the gaps are h(2x + (2k + 1)h): zooming in (h → 0
 * with x fixed) takes the ratio to 1 as long as f'(x) ≠ 0.
 */
export function landedSpacingRatio(
  images: readonly (number | null)[],
): number | null {
  if (images.length < 3) return null;
  let largest = 0;
  let smallest = Infinity;
  for (let i = 1; i < images.length; i++) {
    const a = images[i - 1];
    const b = images[i];
    if (a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b))
      return null;
    const gap = Math.abs(b - a);
    largest = Math.max(largest, gap);
    smallest = Math.min(smallest, gap);
  }
  return smallest > 0 ? largest / smallest : null;
}

/**
 * The local factor of a row of dots: the span of their images over their own
 * span. It is f'(x) where f is linear, and → |f'(x)| as the row shrinks
 * around x; at a collapse (f'(x) = 0) it goes to 0 with the row's width.
 * Null where an image is undefined or the row has no width.
 */
export function spanFactor(
  values: readonly number[],
  images: readonly (number | null)[],
): number | null {
  if (values.length < 2 || images.length !== values.length) return null;
  if (images.some(y => y === null || !Number.isFinite(y))) return null;
  const ys = images as readonly number[];
  const span = Math.max(...values) - Math.min(...values);
  if (!(span > 0)) return null;
  return (Math.max(...ys) - Math.min(...ys)) / span;
}

/** The words before a readout's number: few, and the same as the math's name for it. */
export const READOUT_LABELS: Readonly<
  Record<Exclude<InsetReadoutKind, 'none'>, string>
> = {
  spacing: 'largest gap ÷ smallest gap',
  factor: 'output span ÷ input span',
};

/**
 * A small positive number with two significant digits (0.064, 0.000064),
 * at least two decimals (3.00), so the readout shows a factor going to 0.
 */
export function readoutDigits(value: number): number {
  const a = Math.abs(value);
  if (!(a > 0) || !Number.isFinite(a)) return 2;
  return Math.min(8, Math.max(2, Math.ceil(-Math.log10(a)) + 1));
}

/** The close-up's readout of its landed dots: the spacing ratio or the local factor, as written. */
export function insetReadout(
  kind: InsetReadoutKind,
  values: readonly number[],
  images: readonly (number | null)[],
): InsetReadout | null {
  if (kind === 'none' || values.length === 0) return null;
  const value =
    kind === 'spacing'
      ? landedSpacingRatio(images)
      : spanFactor(values, images);
  const digits = kind === 'spacing' ? 2 : readoutDigits(value ?? 0);
  const number = value === null ? 'undefined' : formatFixed(value, digits);
  return {kind, value, text: `${READOUT_LABELS[kind]} = ${number}`};
}

/** The pixel point of the number v on an inner line. */
export function pointOnLine(line: InsetLine, v: number): Px {
  return [line.x + numberToPoint(line, v), line.y];
}

function boxBetween(p: Px, q: Px, minWidth = 0): InsetBox {
  return {
    center: [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2],
    width: Math.max(minWidth, Math.abs(q[0] - p[0])),
    height: BOX_HEIGHT,
  };
}

/** Everything the inset draws for a function, a point, a magnification and a frame. */
export function zoomInsetGeometry(spec: ZoomInsetSpec): ZoomInsetGeometry {
  const {fn, point, frameWidth, frameHeight} = spec;
  const length = insetLineLength(frameWidth);
  const radius = insetRadius(frameWidth, spec.baseUnit, spec.zoom);
  const center = valueAt(fn, point) ?? point;
  const step = localStep(fn, point, radius, length / (2 * radius), spec.dx);
  const lineY = frameHeight * 0.2;
  const inputLine: InsetLine = {
    min: point - radius,
    max: point + radius,
    length,
    x: 0,
    y: -lineY - 20,
  };
  const outputLine: InsetLine = {
    min: center - radius,
    max: center + radius,
    length,
    x: 0,
    y: lineY + 20,
  };
  const tick = (k: -1 | 0 | 1): LocalTick => {
    const value = point + k * step;
    const image = valueAt(fn, value) ?? null;
    return {
      k,
      value,
      image,
      input: pointOnLine(inputLine, value),
      output: image === null ? null : pointOnLine(outputLine, image),
    };
  };
  const ticks = [tick(-1), tick(0), tick(1)] as const;
  const [, here, right] = ticks;
  const progress = Math.min(1, Math.max(0, spec.progress ?? 0));
  const values = closeUpValues(
    point,
    radius,
    spec.spread ?? DEFAULT_SPREAD,
    spec.dotCount ?? 0,
  );
  const dots = values.map((value, i): CloseUpDot => {
    const image = valueAt(fn, value) ?? null;
    const input = pointOnLine(inputLine, value);
    const output = image === null ? null : pointOnLine(outputLine, image);
    const to = output ?? input;
    return {
      value,
      image,
      input,
      output,
      // Exactly on a line at either end, so a landed dot is where its image is.
      at:
        progress >= 1
          ? to
          : progress <= 0
            ? input
            : [
                input[0] + (to[0] - input[0]) * progress,
                input[1] + (to[1] - input[1]) * progress,
              ],
      shade: values.length > 1 ? i / (values.length - 1) : 0,
    };
  });
  return {
    radius,
    center,
    step,
    unit: length / (2 * radius),
    inputLine,
    outputLine,
    ticks,
    connectors: ticks.map(t =>
      t.output ? ([t.input, t.output] as const) : null,
    ),
    inputBox: boxBetween(here.input, right.input),
    outputBox:
      here.output && right.output
        ? boxBetween(here.output, right.output, MIN_BOX_WIDTH)
        : null,
    style: stretchStyle(derivativeAt(fn, point)),
    zoomLabel: zoomLabel(spec.zoom),
    dots,
    readout: insetReadout(
      spec.readout ?? 'none',
      values,
      dots.map(d => d.image),
    ),
  };
}

/**
 * The line from the lens (at `lens`, a circle of {@link LENS_RADIUS}) to the
 * corner on `side` (−1 left, 1 right) of the frame's edge that faces it.
 */
export function lensConnector(
  lens: Px,
  side: -1 | 1,
  frameWidth: number,
  frameHeight: number,
): [Px, Px] {
  const y = lens[1] < 0 ? -frameHeight / 2 : frameHeight / 2;
  const corner: Px = [(side * frameWidth) / 2, y];
  const dx = corner[0] - lens[0];
  const dy = corner[1] - lens[1];
  const d = Math.hypot(dx, dy);
  const start: Px =
    d > LENS_RADIUS
      ? [lens[0] + (dx / d) * LENS_RADIUS, lens[1] + (dy / d) * LENS_RADIUS]
      : lens;
  return [start, corner];
}

/** A zoom inset as drawn, for tests and the frame sweep (JSON-safe, in the inset's pixels). */
export interface ZoomInsetProbe {
  readonly type: 'ZoomInset';
  /** LaTeX of the function on screen. */
  readonly fnTex: string;
  readonly point: number;
  /** The magnification the lines are drawn at, relative to `baseUnit`. */
  readonly zoom: number;
  /** Pixels per unit of the unmagnified line. */
  readonly baseUnit: number;
  /** The local step drawn: ticks at point ± dx. */
  readonly dx: number;
  readonly inputLine: InsetLine;
  readonly outputLine: InsetLine;
  /** The local ticks x − dx, x, x + dx. */
  readonly ticks: readonly number[];
  /** f at each local tick, null where undefined. */
  readonly images: readonly (number | null)[];
  /** Pixel x of each local tick's dot on the input line. */
  readonly inputPixels: readonly number[];
  /** Pixel x of each image's dot on the output line, null where none is drawn. */
  readonly outputPixels: readonly (number | null)[];
  /** The dashed arrows drawn, tick to image (null where none is drawn). */
  readonly connectors: readonly (readonly [Px, Px] | null)[];
  /** The boxes drawn on [x, x + dx] and on its image (null where none is drawn). */
  readonly inputBox: {
    readonly left: number;
    readonly right: number;
    readonly y: number;
  };
  readonly outputBox: {
    readonly left: number;
    readonly right: number;
    readonly y: number;
  } | null;
  /** The caption, the case it names, and its colour (also the image box's stroke). */
  readonly caption: string;
  readonly kind: string;
  readonly color: string;
  /** The magnification written in the frame's corner. */
  readonly zoomLabel: string;
  /** Opacity of the inset and of its caption (composed with their ancestors). */
  readonly opacity: number;
  readonly captionOpacity: number;
  /** Opacity of the local ticks x ± dx, their arrows and boxes (composed). */
  readonly marksOpacity: number;
  /** How far the close-up's dots have travelled, input line (0) to output line (1). */
  readonly progress: number;
  /** The dots' half-spread as a fraction of the visible half-range. */
  readonly spread: number;
  /** The close-up's dots as drawn: each one's number and pixel point now (empty when it has none). */
  readonly dots: readonly {
    readonly value: number;
    readonly at: Px;
    /** Whether its image is drawn (false where f is undefined; such a dot stays on the input line, hidden once it would move). */
    readonly landed: boolean;
  }[];
  /** Opacity of the dots (composed). */
  readonly dotsOpacity: number;
  /** The readout under the frame, or null for none. */
  readonly readout: {
    readonly kind: Exclude<InsetReadoutKind, 'none'>;
    readonly text: string;
    readonly opacity: number;
  } | null;
}

declare module '../truth/types' {
  interface ProbeTypes {
    ZoomInset: ZoomInsetProbe;
  }
}

function extent(box: InsetBox) {
  return {
    left: box.center[0] - box.width / 2,
    right: box.center[0] + box.width / 2,
    y: box.center[1],
  };
}

/** What an inset drew, as its probe reports it. */
export function zoomInsetProbe(
  spec: ZoomInsetSpec,
  g: ZoomInsetGeometry = zoomInsetGeometry(spec),
  opacity: {
    readonly inset: number;
    readonly caption: number;
    readonly marks?: number;
    readonly dots?: number;
    readonly readout?: number;
  } = {
    inset: 1,
    caption: 1,
  },
): ZoomInsetProbe {
  return {
    type: 'ZoomInset',
    fnTex: spec.fn.tex(),
    point: spec.point,
    zoom: spec.zoom,
    baseUnit: spec.baseUnit,
    dx: g.step,
    inputLine: g.inputLine,
    outputLine: g.outputLine,
    ticks: g.ticks.map(t => t.value),
    images: g.ticks.map(t => t.image),
    inputPixels: g.ticks.map(t => t.input[0]),
    outputPixels: g.ticks.map(t => (t.output ? t.output[0] : null)),
    connectors: g.connectors,
    inputBox: extent(g.inputBox),
    outputBox: g.outputBox ? extent(g.outputBox) : null,
    caption: g.style.caption,
    kind: g.style.kind,
    color: g.style.color,
    zoomLabel: g.zoomLabel,
    opacity: opacity.inset,
    captionOpacity: opacity.caption,
    marksOpacity: opacity.marks ?? opacity.inset,
    progress: Math.min(1, Math.max(0, spec.progress ?? 0)),
    spread: spec.spread ?? DEFAULT_SPREAD,
    dots: g.dots.map(d => ({
      value: d.value,
      at: d.at,
      landed: d.output !== null,
    })),
    dotsOpacity: opacity.dots ?? opacity.inset,
    readout: g.readout
      ? {
          kind: g.readout.kind,
          text: g.readout.text,
          opacity: opacity.readout ?? opacity.inset,
        }
      : null,
  };
}
