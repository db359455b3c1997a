/**
 * Everything ChainStack draws, as numbers: each line's scale and y, the
 * interval on each line, the boxes, the swept trapezoids, the box in flight,
 * the length labels and the readouts. Pure TypeScript (no Motion Canvas
 * import), so every shape on screen is a tested function of the math.
 *
 * @remarks
 * The interval on the first line is centred on the point,
 * [x − dx/2, x + dx/2], and the box on line k is its true image under the
 * composition of the first k maps: the least and greatest value over the
 * interval ({@link imageSet}), not just the images of the two ends, since a
 * map can fold the interval back on itself. Centring makes the drawn length
 * f'·dx up to a third-order error (a left-end interval is off at second
 * order), which is what lets a label "f'(g(x))·g'(x)·dx" name the box it
 * sits on.
 */
import {
  chainAt,
  composeAll,
  formatFixed,
  imageSet,
  numberToPoint,
} from '../math';
import type {Derivative, RealFunction, Scale} from '../math';
import {COLORS} from '../theme';
import {stretchStyle} from './stretchStyle';

/** Pixel layout of a stack (at 1920×1080). */
export const CHAIN_STACK_LAYOUT = {
  /** Height of an interval box on its line. */
  boxHeight: 34,
  /** Where a map's swept region starts below its line: under the tick numbers. */
  trapezoidTop: 60,
  /** Gap between a line's end and the names / readouts beside it. */
  sideGap: 44,
  /** Gap between the top of a box and its length label. */
  labelGap: 10,
  /** How far the arrow between two lines stays from each line. */
  arrowInset: 40,
  /** Diameter of the point's marker on a line: wider than the line, narrower than a 0.04-wide box at 520 px a unit. */
  markerSize: 16,
} as const;

/** Colours of the stacked lines, top to bottom (cycled past the third). */
export const LINE_COLORS = [COLORS.input, COLORS.output, COLORS.third] as const;

/** The colour of line k (0-based, top to bottom). */
export function lineColor(k: number): string {
  return LINE_COLORS[k % LINE_COLORS.length];
}

/** A point in the component's pixels: x along the lines, y down. */
export type PointPx = [x: number, y: number];

/** What the stack is asked to draw. */
export interface ChainStackInput {
  /** The maps, applied in order: fns[0] takes line 1 to line 2, ... */
  readonly fns: readonly RealFunction[];
  /** The range of each line, top to bottom (fns.length + 1 entries). */
  readonly ranges: readonly (readonly [number, number])[];
  /** Pixel length of every line. */
  readonly length: number;
  /** Vertical pixels between consecutive lines. */
  readonly gap: number;
  /** The point: the centre of the interval on the first line. */
  readonly x: number;
  /** Length of the interval on the first line. */
  readonly dx: number;
}

/** Where the interval lands on one line, in that line's numbers. */
export interface LineImage {
  /** Where the interval's two ends land, in order: [F(x − dx/2), F(x + dx/2)]. */
  readonly ends: readonly [number, number];
  /** The true image of the interval: [least, greatest] value of F over it. */
  readonly span: readonly [number, number];
  /** Inputs inside the interval where F folds back (F' changes sign). */
  readonly folds: readonly number[];
  /** Whether F keeps the order of the ends, reverses it, or sends both to one number. */
  readonly orientation: 'kept' | 'flipped' | 'collapsed';
}

/** A box on a line, in pixels. */
export interface BoxPx {
  readonly left: number;
  readonly right: number;
  readonly centre: number;
  readonly width: number;
  readonly y: number;
  /** The box end on the side where x − dx/2 landed: left unless the ends land in reverse order. */
  readonly start: number;
  /** The other end. */
  readonly end: number;
}

/** The point's image on one line (x, g(x), f(g(x)), ...) and where its marker sits. */
export interface MarkerPx {
  /** The number it marks, in the line's numbers. */
  readonly value: number;
  /** Its centre, on the line, in pixels. */
  readonly at: PointPx;
}

/** One line of the stack. */
export interface ChainLineGeometry {
  readonly index: number;
  readonly scale: Scale;
  readonly y: number;
  readonly color: string;
  readonly image: LineImage;
  readonly box: BoxPx;
  /** Colour of the box: the dx yellow, red once the composition so far flips (stretchStyle). */
  readonly boxColor: string;
  /** The chain of the first k maps at x (k ≥ 1); on the first line, a product of 1. */
  readonly runningProduct: Derivative;
  /**
   * The length a label on this line names: |running product|·dx (dx on the
   * first line), in the line's numbers; NaN where a factor is undefined.
   */
  readonly labelValue: number;
  /** Anchor of the length label: centred over the box (the label's bottom edge). */
  readonly labelAt: PointPx;
  /** Anchor of the line's name (its right edge), left of the line. */
  readonly nameAt: PointPx;
  /** Anchor of the running-product readout (its left edge), right of the line. */
  readonly productAt: PointPx;
  /** The point's marker: x on the first line, its image under the first k maps on line k; null where that is undefined. */
  readonly marker: MarkerPx | null;
}

/** One map of the stack, between line i and line i + 1. */
export interface ChainStageGeometry {
  readonly index: number;
  /** The map's stretch factor where it is applied: g'(x), f'(g(x)), ... */
  readonly factor: Derivative;
  /**
   * The region swept by the map: [start, end] on line i, then [end, start]
   * on line i + 1. It crosses itself when the map reverses the interval.
   */
  readonly trapezoid: readonly [PointPx, PointPx, PointPx, PointPx];
  /** The arrow beside the lines, from line i down to line i + 1. */
  readonly arrow: readonly [PointPx, PointPx];
  /** Anchor of the map's name (its right edge). */
  readonly nameAt: PointPx;
  /** Anchor of the factor readout (its left edge). */
  readonly readoutAt: PointPx;
  /** Colour of the factor readout: the colour of the line it lands on. */
  readonly color: string;
}

/** The whole stack at one point. */
export interface ChainStackGeometry {
  readonly x: number;
  readonly dx: number;
  /** The interval on the first line, [x − dx/2, x + dx/2]. */
  readonly interval: readonly [number, number];
  /** Each stage's factor and their product (chainAt). */
  readonly factors: readonly Derivative[];
  readonly product: Derivative;
  readonly lines: readonly ChainLineGeometry[];
  readonly stages: readonly ChainStageGeometry[];
}

/** The box between two lines while a stage flows. */
export interface MovingBox {
  readonly stage: number;
  /** How far it has gone, 0 (on line `stage`) to 1 (on line `stage` + 1). */
  readonly s: number;
  readonly left: number;
  readonly right: number;
  readonly centre: number;
  readonly width: number;
  readonly y: number;
  readonly color: string;
}

function assertFinite(where: string, name: string, v: number): void {
  if (!Number.isFinite(v)) {
    throw new Error(`${where}: expected a finite ${name}, got ${v}`);
  }
}

/** The interval on the first line: [x − dx/2, x + dx/2], centred on the point. */
export function centredInterval(x: number, dx: number): [number, number] {
  assertFinite('centredInterval', 'x', x);
  assertFinite('centredInterval', 'dx', dx);
  if (!(dx > 0)) {
    throw new Error(`centredInterval: expected dx > 0, got ${dx}`);
  }
  return [x - dx / 2, x + dx / 2];
}

/** The composition of the first k maps (line 1 to line k + 1); the identity for k = 0. */
export function compositionTo(
  fns: readonly RealFunction[],
  k: number,
): RealFunction {
  return composeAll(...fns.slice(0, k).reverse());
}

/** Where the interval [a, b] lands under F: its ends in order and its true image. */
export function imageOf(f: RealFunction, a: number, b: number): LineImage {
  const ends: [number, number] = [f.value(a), f.value(b)];
  const {span, folds} = imageSet(f, a, b);
  const orientation =
    ends[0] === ends[1] ? 'collapsed' : ends[1] > ends[0] ? 'kept' : 'flipped';
  return {ends, span, folds, orientation};
}

/** The scale of each line: `ranges` when given (one per line), otherwise [min, max] for all. */
export function lineRanges(
  lineCount: number,
  ranges: readonly (readonly [number, number])[] | null | undefined,
  min: number,
  max: number,
): [number, number][] {
  return Array.from({length: lineCount}, (_, k) => {
    const r = ranges?.[k] ?? [min, max];
    return [r[0], r[1]];
  });
}

/** The y of line k in a stack of `lineCount` lines: the stack is centred on the node. */
export function lineY(k: number, lineCount: number, gap: number): number {
  return (k - (lineCount - 1) / 2) * gap;
}

/**
 * Ranges of a common width, one per line, each centred on where the
 * interval travels on that line while the point moves from `from` to `to`:
 * every line has the same pixels per unit (so box lengths compare across
 * lines), and the box never leaves a line.
 *
 * @throws When a line's travel (with the interval) does not fit in `width`.
 */
export function rangesAround(
  fns: readonly RealFunction[],
  from: number,
  to: number,
  dx: number,
  width: number,
): [number, number][] {
  const [a] = centredInterval(Math.min(from, to), dx);
  const [, b] = centredInterval(Math.max(from, to), dx);
  return Array.from({length: fns.length + 1}, (_, k) => {
    const [lo, hi] = imageSet(compositionTo(fns, k), a, b).span;
    if (!(hi - lo <= width)) {
      throw new Error(
        `rangesAround: line ${k + 1} travels over [${lo}, ${hi}], wider than ${width}`,
      );
    }
    const c = (lo + hi) / 2;
    return [c - width / 2, c + width / 2];
  });
}

/**
 * Ranges of each line's own width, each covering where the interval travels
 * on that line while the point moves from `from` to `to`, widened to whole
 * multiples of `step`: a sweep where every line keeps its marker and box in
 * view, each line with its own scale (so the boxes' lengths compare by their
 * labels and ticks, not by their pixels).
 *
 * @throws When `step` is not a positive number or a line's travel is undefined.
 */
export function rangesCovering(
  fns: readonly RealFunction[],
  from: number,
  to: number,
  dx: number,
  step: number,
): [number, number][] {
  assertFinite('rangesCovering', 'step', step);
  if (!(step > 0)) {
    throw new Error(`rangesCovering: expected step > 0, got ${step}`);
  }
  const [a] = centredInterval(Math.min(from, to), dx);
  const [, b] = centredInterval(Math.max(from, to), dx);
  return Array.from({length: fns.length + 1}, (_, k) => {
    const [lo, hi] = imageSet(compositionTo(fns, k), a, b).span;
    if (!(Number.isFinite(lo) && Number.isFinite(hi))) {
      throw new Error(
        `rangesCovering: line ${k + 1} travels over [${lo}, ${hi}], expected finite numbers`,
      );
    }
    // A line the point does not move along still gets a range, step wide.
    const min = Math.floor(lo / step) * step;
    const max = Math.ceil(hi / step) * step;
    return [min, max > min ? max : min + step];
  });
}

/** The point's marker on a line: where `value` sits on `scale`, or null when it is not a number. */
export function markerOf(
  scale: Scale,
  value: number,
  y: number,
): MarkerPx | null {
  if (!Number.isFinite(value)) return null;
  return {value, at: [numberToPoint(scale, value), y]};
}

/** The absolute value of a derivative, NaN where undefined. */
function magnitude(d: Derivative): number {
  return d.defined ? Math.abs(d.value) : Number.NaN;
}

/** The box of an image on a line, in pixels. */
function boxOf(scale: Scale, image: LineImage, y: number): BoxPx {
  const p0 = numberToPoint(scale, image.span[0]);
  const p1 = numberToPoint(scale, image.span[1]);
  const left = Math.min(p0, p1);
  const right = Math.max(p0, p1);
  // The start is the box end on the side where x − dx/2 landed, by the order
  // of the two ends' images (with a fold inside, the side they keep).
  const pa = numberToPoint(scale, image.ends[0]);
  const pb = numberToPoint(scale, image.ends[1]);
  const startLeft = pa <= pb;
  return {
    left,
    right,
    centre: (left + right) / 2,
    width: right - left,
    y,
    start: startLeft ? left : right,
    end: startLeft ? right : left,
  };
}

/** Everything the stack draws at its point. */
export function chainStackGeometry(input: ChainStackInput): ChainStackGeometry {
  const {fns, ranges, length, gap, x, dx} = input;
  const n = fns.length;
  if (n === 0) {
    throw new Error('chainStackGeometry: expected at least one map, got none');
  }
  if (ranges.length !== n + 1) {
    throw new Error(
      `chainStackGeometry: expected ${n + 1} ranges (one per line), got ${ranges.length}`,
    );
  }
  assertFinite('chainStackGeometry', 'length', length);
  assertFinite('chainStackGeometry', 'gap', gap);
  const interval = centredInterval(x, dx);
  const L = CHAIN_STACK_LAYOUT;
  const half = length / 2;
  const chain = chainAt(fns, x);

  const lines: ChainLineGeometry[] = ranges.map((range, k) => {
    const scale: Scale = {min: range[0], max: range[1], length};
    const y = lineY(k, n + 1, gap);
    const through = compositionTo(fns, k);
    const image = imageOf(through, interval[0], interval[1]);
    const box = boxOf(scale, image, y);
    const runningProduct: Derivative =
      k === 0 ? {defined: true, value: 1} : chainAt(fns.slice(0, k), x).product;
    return {
      index: k,
      scale,
      y,
      color: lineColor(k),
      image,
      box,
      boxColor: k === 0 ? COLORS.dx : stretchStyle(runningProduct).color,
      runningProduct,
      labelValue: magnitude(runningProduct) * dx,
      labelAt: [box.centre, y - L.boxHeight / 2 - L.labelGap],
      nameAt: [-half - L.sideGap, y],
      productAt: [half + L.sideGap, y],
      marker: markerOf(scale, through.value(x), y),
    };
  });

  const stages: ChainStageGeometry[] = chain.stages.map((stage, i) => {
    const top = lines[i];
    const bottom = lines[i + 1];
    const y0 = top.y + L.trapezoidTop;
    const y1 = bottom.y - L.boxHeight / 2;
    const middle = (top.y + bottom.y) / 2;
    return {
      index: i,
      factor: stage.factor,
      trapezoid: [
        [top.box.start, y0],
        [top.box.end, y0],
        [bottom.box.end, y1],
        [bottom.box.start, y1],
      ],
      arrow: [
        [-half - L.sideGap / 2, top.y + L.arrowInset],
        [-half - L.sideGap / 2, bottom.y - L.arrowInset],
      ],
      nameAt: [-half - L.sideGap, middle],
      readoutAt: [half + L.sideGap, middle],
      color: lineColor(i + 1),
    };
  });

  return {
    x,
    dx,
    interval,
    factors: chain.stages.map(s => s.factor),
    product: chain.product,
    lines,
    stages,
  };
}

function lerp(a: number, b: number, s: number): number {
  return a + (b - a) * s;
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}

/**
 * The box in flight at `progress` (stage i flows while progress is in
 * (i, i + 1)): each end moves from its place on line i to its place on line
 * i + 1, so a flipping map shrinks the box through zero and opens it
 * reversed. Null when no stage is flowing.
 */
export function movingBox(
  geometry: ChainStackGeometry,
  progress: number,
): MovingBox | null {
  const n = geometry.stages.length;
  const p = Math.min(n, Math.max(0, progress));
  const i = Math.min(Math.floor(p), n - 1);
  const s = p - i;
  if (!(s > 0 && s < 1)) return null;
  const from = geometry.lines[i];
  const to = geometry.lines[i + 1];
  const a = lerp(from.box.start, to.box.start, s);
  const b = lerp(from.box.end, to.box.end, s);
  const left = Math.min(a, b);
  const right = Math.max(a, b);
  return {
    stage: i,
    s,
    left,
    right,
    centre: (left + right) / 2,
    width: right - left,
    y: lerp(from.y, to.y, s),
    color: to.boxColor,
  };
}

/** Opacity of the box (and label) on line k: the first line always, line k once the interval has arrived. */
export function boxOpacity(k: number, progress: number): number {
  return k === 0 || progress >= k ? 1 : 0;
}

/** Opacity of map i's swept region: it fades in as the stage starts. */
export function trapezoidOpacity(i: number, progress: number): number {
  return clamp01((progress - i) * 4);
}

/** Opacity of map i's factor readout: it appears as the interval arrives on line i + 1. */
export function factorOpacity(i: number, progress: number): number {
  return clamp01((progress - i - 0.7) / 0.3);
}

/** Opacity of the running-product readout on line k (k ≥ 2): with the factor that completes it. */
export function productOpacity(k: number, progress: number): number {
  return factorOpacity(k - 1, progress);
}

/** A readout as the probe reports it. */
export interface ChainStackReadoutProbe {
  /** The text before " = ". */
  label: string;
  /** The number it shows, unrounded; null when undefined. */
  value: number | null;
  /** The whole text on screen. */
  text: string;
  opacity: number;
}

/** A box as the probe reports it. */
export interface ChainStackBoxProbe {
  /** Left and right ends along the line, in the component's pixels. */
  left: number;
  right: number;
  /** Its centre's y, in the component's pixels. */
  y: number;
  /** The ends in scene coordinates (origin at the centre, y down). */
  sceneLeft: [number, number];
  sceneRight: [number, number];
  opacity: number;
  color: string;
}

/** A length label as the probe reports it. */
export interface ChainStackLabelProbe {
  /** Its LaTeX ('' when the line has none). */
  tex: string;
  /**
   * The length it names, in the line's numbers: |the first k factors' product|·dx
   * (dx on the first line); null where a factor is undefined.
   */
  value: number | null;
  /** Its anchor (bottom centre), in the component's pixels. */
  x: number;
  y: number;
  opacity: number;
}

/** The point's marker on a line, as the probe reports it. */
export interface ChainStackMarkerProbe {
  /** The number it claims to mark (x, g(x), f(g(x)), ...). */
  value: number;
  /** Its centre, in the component's pixels. */
  x: number;
  y: number;
  opacity: number;
}

/** One line as the probe reports it. */
export interface ChainStackLineProbe {
  /** Its name (LaTeX). */
  name: string;
  /** The numbers at its left and right ends. */
  range: [number, number];
  /** Its pixel length. */
  length: number;
  /** Its y, in the component's pixels. */
  y: number;
  /** Where the interval's ends land on it, in order: [F(x − dx/2), F(x + dx/2)]. */
  ends: [number, number];
  /** The interval on it: [least, greatest] of the composition over [x − dx/2, x + dx/2]. */
  interval: [number, number];
  box: ChainStackBoxProbe;
  label: ChainStackLabelProbe;
  /** The running-product readout beside it (lines 3, 4, ...); null on the first two. */
  product: ChainStackReadoutProbe | null;
  /** The point's marker on it; null where the composition is undefined at the point. */
  marker: ChainStackMarkerProbe | null;
}

/** One map as the probe reports it. */
export interface ChainStackStageProbe {
  /** Its name (LaTeX). */
  name: string;
  /** Its factor at the point it is applied; null when undefined. */
  factor: number | null;
  readout: ChainStackReadoutProbe;
  /** The swept region's corners in the component's pixels: [start, end] on line i, [end, start] on line i + 1. */
  trapezoid: [number, number][];
  trapezoidOpacity: number;
}

/** The box in flight, as the probe reports it. */
export interface ChainStackMovingProbe {
  left: number;
  right: number;
  y: number;
  opacity: number;
}

/** What a ChainStack drew, JSON-safe (no functions, no NaN). */
export interface ChainStackProbe {
  type: 'ChainStack';
  /** The point: the centre of the interval on the first line. */
  x: number;
  dx: number;
  progress: number;
  /** Each stage's factor (null when undefined) and their product. */
  factors: (number | null)[];
  product: number | null;
  productText: string;
  /** The factor readouts' and running-product readouts' texts, as on screen. */
  factorReadouts: string[];
  productReadouts: string[];
  lines: ChainStackLineProbe[];
  stages: ChainStackStageProbe[];
  /** The box between two lines while a stage flows; null otherwise. */
  moving: ChainStackMovingProbe | null;
}

declare module '../truth/types' {
  interface ProbeTypes {
    ChainStack: ChainStackProbe;
  }
}

/** A number for a JSON probe: null instead of NaN or ±Infinity. */
export function jsonNumber(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** A derivative's value for a JSON probe: null when undefined. */
export function derivativeValue(d: Derivative): number | null {
  return d.defined && Number.isFinite(d.value) ? d.value : null;
}

/** The texts a stack writes, for {@link describeChainStack}. */
export interface ChainStackTexts {
  /** Each line's name (LaTeX), top to bottom. */
  lineNames: readonly string[];
  /** Each map's name (LaTeX). */
  mapNames: readonly string[];
  /** Each factor readout's label. */
  factorLabels: readonly string[];
  /** Each line's length label (LaTeX, '' for none). */
  lengthLabels: readonly string[];
  /** The running product's label. */
  productLabel: string;
}

/** A readout's text: "label = number", the number as the screen formats it. */
export function readoutText(label: string, value: Derivative): string {
  const number = formatFixed(value);
  return label ? `${label} = ${number}` : number;
}

/**
 * The probe of a stack drawn exactly as the geometry says, at `progress`,
 * with the component's origin at `origin` in the scene and its markers at
 * opacity `markers`: what an honest ChainStack reports. (The component's own
 * probe reads its drawn nodes.)
 */
export function describeChainStack(
  geometry: ChainStackGeometry,
  progress: number,
  texts: ChainStackTexts,
  origin: readonly [number, number] = [0, 0],
  markers = 0,
): ChainStackProbe {
  const scene = (x: number, y: number): [number, number] => [
    origin[0] + x,
    origin[1] + y,
  ];
  const readout = (
    label: string,
    value: Derivative,
    opacity: number,
  ): ChainStackReadoutProbe => ({
    label,
    value: derivativeValue(value),
    text: readoutText(label, value),
    opacity,
  });
  const products = geometry.lines
    .filter(line => line.index >= 2)
    .map(line =>
      readout(
        texts.productLabel,
        line.runningProduct,
        productOpacity(line.index, progress),
      ),
    );
  const factorReadouts = geometry.stages.map(stage =>
    readout(
      texts.factorLabels[stage.index] ?? '',
      stage.factor,
      factorOpacity(stage.index, progress),
    ),
  );
  const moving = movingBox(geometry, progress);
  return {
    type: 'ChainStack',
    x: geometry.x,
    dx: geometry.dx,
    progress,
    factors: geometry.factors.map(derivativeValue),
    product: derivativeValue(geometry.product),
    productText: formatFixed(geometry.product),
    factorReadouts: factorReadouts.map(r => r.text),
    productReadouts: products.map(r => r.text),
    lines: geometry.lines.map(line => ({
      name: texts.lineNames[line.index] ?? '',
      range: [line.scale.min, line.scale.max],
      length: line.scale.length,
      y: line.y,
      ends: [line.image.ends[0], line.image.ends[1]],
      interval: [line.image.span[0], line.image.span[1]],
      box: {
        left: line.box.left,
        right: line.box.right,
        y: line.y,
        sceneLeft: scene(line.box.left, line.y),
        sceneRight: scene(line.box.right, line.y),
        opacity: boxOpacity(line.index, progress),
        color: line.boxColor,
      },
      label: {
        tex: texts.lengthLabels[line.index] ?? '',
        value: jsonNumber(line.labelValue),
        x: line.labelAt[0],
        y: line.labelAt[1],
        opacity: boxOpacity(line.index, progress),
      },
      product: line.index >= 2 ? products[line.index - 2] : null,
      marker: line.marker && {
        value: line.marker.value,
        x: line.marker.at[0],
        y: line.marker.at[1],
        opacity: markers,
      },
    })),
    stages: geometry.stages.map(stage => ({
      name: texts.mapNames[stage.index] ?? '',
      factor: derivativeValue(stage.factor),
      readout: factorReadouts[stage.index],
      trapezoid: stage.trapezoid.map(([x, y]) => [x, y]),
      trapezoidOpacity: trapezoidOpacity(stage.index, progress),
    })),
    moving: moving && {
      left: moving.left,
      right: moving.right,
      y: moving.y,
      opacity: 1,
    },
  };
}
