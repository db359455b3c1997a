/**
 * The geometry of a warped grid: a plane whose grid lines bend under a 2D
 * map, a tiny square followed through the warp, and the readouts beside it
 * (J, det J, the orientation and the area factor). Pure TypeScript (no
 * Motion Canvas import): the WarpedGrid component draws exactly what these
 * functions return, and {@link warpedGridProbe} reports it.
 *
 * @remarks
 * Every drawn point is lerp(p, map(p), t). Zooming magnifies about the drawn
 * followed point, which keeps its place on screen, while the square keeps its
 * pixel size: its side in math units is `squareSize / zoom`, so zoomed in far
 * enough its image is the parallelogram of the linear map J. The area factor
 * shown is the drawn one (the signed area of the drawn outline over the
 * source square's area), which tends to det J as the square shrinks; the
 * orientation marker and its colour read the sign of that same drawn area.
 */
import {determinant, formatFixed, niceStep, texFixed} from '../math';
import type {Map2D, Matrix2, Orientation, Scale, Vector2} from '../math';
import {COLORS, STROKES} from '../theme';
import {type StretchStyle, stretchStyle} from './stretchStyle';
import {logLerp, zoomLevel} from './zoom';

/** A point of the plane: math units (y up) or local pixels (y down), as named. */
export type Point = Vector2;

/** The four corners of the square, counterclockwise from the lower left. */
export type Quad = [Point, Point, Point, Point];

/**
 * Colours of the square's four corners, counterclockwise from the lower
 * left: following them around tells the orientation at a glance.
 */
export const CORNER_COLORS: readonly string[] = [
  COLORS.flip,
  COLORS.dx,
  COLORS.output,
  COLORS.third,
];

/** Samples per warped grid line: enough for a sine of period 2π to bend smoothly. */
export const LINE_SAMPLES = 72;

/** Samples per edge of the tiny square, so its image shows its curvature. */
export const EDGE_SAMPLES = 12;

/** Extra math units of grid beyond the frame at zoom 1: a warp pulls them in. */
export const DEFAULT_WARP_MARGIN = 1.5;

/** The smallest zoom the geometry accepts: a zoom of 0 would have no view. */
const MIN_ZOOM = 1e-6;

/**
 * How close an area ratio must be to 0 or 1 to be named a collapse or "no
 * stretch": half the last digit of a two-decimal readout, so the name never
 * disagrees with the number printed beside it ("1.00" is "no stretch").
 */
export const AREA_TOLERANCE = 0.005;

/** Where the readout rows sit below the panel's anchor, in pixels. */
export const READOUT_ROWS = {
  jacobian: 0,
  det: 130,
  orientation: 210,
  areaFactor: 270,
} as const;

/** What a warped grid is asked to show at one moment: its props. */
export interface WarpedGridInput {
  /** The map of the plane. */
  readonly map: Map2D;
  /** Horizontal axis at zoom 1 (its length is the plane's pixel width). */
  readonly xScale: Scale;
  /** Vertical axis at zoom 1 (min at the bottom). */
  readonly yScale: Scale;
  /** Blend from identity (0) to the map (1). */
  readonly t: number;
  /** Math-unit spacing of the grid lines at zoom 1; 0 picks a nice step. */
  readonly gridStep: number;
  /** The followed point (math units). */
  readonly point: Point;
  /** Side of the tiny square at zoom 1 (math units). */
  readonly squareSize: number;
  /** Magnification about the drawn point. */
  readonly zoom: number;
  /** Math units of grid drawn beyond the frame. */
  readonly warpMargin: number;
  /** The matrix's name in the readouts: J for a Jacobian (the default), A for a matrix. */
  readonly matrixName?: string;
  /**
   * A close-up: the grid claims its picture is the linear map J, so its
   * square must be drawn where lerp(I, J, t) puts it (a checker holds it to
   * that within a pixel).
   */
  readonly closeUp?: boolean;
}

/** The axes as seen at the current zoom. */
export interface GridView {
  readonly x: Scale;
  readonly y: Scale;
}

/** Where p is drawn at blend t: lerp(p, map(p), t). */
export function blend(map: Map2D, p: Point, t: number): Point {
  if (t === 0) return [p[0], p[1]];
  const q = map.value(p);
  return [p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t];
}

/** The zoom as the geometry uses it: never below a tiny positive number. */
function safeZoom(zoom: number): number {
  return Math.max(zoom, MIN_ZOOM);
}

/** The drawn position of the followed point: the centre the zoom magnifies about. */
export function focusOf(input: WarpedGridInput): Point {
  return blend(input.map, input.point, input.t);
}

/**
 * The axes as seen at magnification `zoom` about the drawn point `focus`,
 * which therefore keeps its place on screen.
 */
export function gridView(
  xScale: Scale,
  yScale: Scale,
  zoom: number,
  focus: Point,
): GridView {
  const k = 1 / safeZoom(zoom);
  const about = (s: Scale, c: number): Scale => ({
    min: c + (s.min - c) * k,
    max: c + (s.max - c) * k,
    length: s.length,
  });
  return {x: about(xScale, focus[0]), y: about(yScale, focus[1])};
}

/** The view of a grid's input: {@link gridView} about its drawn point. */
export function viewOf(input: WarpedGridInput): GridView {
  return gridView(input.xScale, input.yScale, input.zoom, focusOf(input));
}

/**
 * The map from math units to local pixels (origin at the plane's centre,
 * y down) for a view. The scales are checked once here, not per point.
 */
export function pixelMapper(view: GridView): (p: Point) => Point {
  for (const [name, s] of [
    ['x', view.x],
    ['y', view.y],
  ] as const) {
    if (
      !Number.isFinite(s.min) ||
      !Number.isFinite(s.max) ||
      !Number.isFinite(s.length) ||
      s.min === s.max
    ) {
      throw new Error(
        `pixelMapper: expected a finite ${name} scale with min !== max, got [${s.min}, ${s.max}] over ${s.length} px`,
      );
    }
  }
  const kx = view.x.length / (view.x.max - view.x.min);
  const ky = view.y.length / (view.y.max - view.y.min);
  const x0 = view.x.min;
  const y0 = view.y.min;
  const hx = view.x.length / 2;
  const hy = view.y.length / 2;
  return p => [(p[0] - x0) * kx - hx, hy - (p[1] - y0) * ky];
}

/** A rectangle in local pixels: its centre and its width and height. */
export interface PixelRect {
  readonly centre: Point;
  readonly size: Point;
}

/**
 * The region another view shows, in this view's local pixels: where a
 * close-up's window lies on the plane it magnifies.
 */
export function windowIn(view: GridView, inner: GridView): PixelRect {
  const toPx = pixelMapper(view);
  const a = toPx([inner.x.min, inner.y.min]);
  const b = toPx([inner.x.max, inner.y.max]);
  return {
    centre: [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2],
    size: [Math.abs(b[0] - a[0]), Math.abs(b[1] - a[1])],
  };
}

/** The square's side in math units at a zoom: it keeps its pixel size, so it shrinks as the zoom grows. */
export function squareSide(squareSize: number, zoom: number): number {
  return squareSize / safeZoom(zoom);
}

/** The corners of the square of side h centred on p, counterclockwise from the lower left. */
export function squareCorners(p: Point, h: number): Quad {
  const [x, y] = p;
  const a = h / 2;
  return [
    [x - a, y - a],
    [x + a, y - a],
    [x + a, y + a],
    [x - a, y + a],
  ];
}

/**
 * The square's outline at blend t: each edge cut into `edgeSamples`
 * segments, every cut carried by lerp(p, map(p), t). Starts at the lower-left
 * corner; corner i is point `i · edgeSamples`.
 */
export function squareOutline(
  map: Map2D,
  corners: Quad,
  t: number,
  edgeSamples = EDGE_SAMPLES,
): Point[] {
  const points: Point[] = [];
  for (let i = 0; i < 4; i++) {
    const a = corners[i];
    const b = corners[(i + 1) % 4];
    for (let k = 0; k < edgeSamples; k++) {
      const s = k / edgeSamples;
      points.push(
        blend(map, [a[0] + (b[0] - a[0]) * s, a[1] + (b[1] - a[1]) * s], t),
      );
    }
  }
  return points;
}

/** The signed area of a polygon (shoelace), positive when it runs counterclockwise with y up. */
export function polygonArea(points: readonly Point[]): number {
  let twice = 0;
  for (let i = 0; i < points.length; i++) {
    const [x0, y0] = points[i];
    const [x1, y1] = points[(i + 1) % points.length];
    twice += x0 * y1 - x1 * y0;
  }
  return twice / 2;
}

/** Which way the orientation marker turns. */
export type MarkerDirection = 'counterclockwise' | 'clockwise' | 'none';

/** What the orientation row says. */
export type OrientationText =
  'orientation kept' | 'orientation flipped' | 'area collapsed';

/**
 * The marker's direction for a drawn area ratio: counterclockwise while the
 * drawn square keeps its orientation, clockwise once it is flipped, none
 * when its area has collapsed (within {@link AREA_TOLERANCE}).
 */
export function markerDirection(areaRatio: number): MarkerDirection {
  if (!Number.isFinite(areaRatio) || Math.abs(areaRatio) < AREA_TOLERANCE) {
    return 'none';
  }
  return areaRatio > 0 ? 'counterclockwise' : 'clockwise';
}

/** The orientation row's words for a marker direction. */
export function orientationText(direction: MarkerDirection): OrientationText {
  return direction === 'clockwise'
    ? 'orientation flipped'
    : direction === 'none'
      ? 'area collapsed'
      : 'orientation kept';
}

/** The area factor row: "area × 2.00 (stretch)", "area × −1.25 (flip)". */
export function areaFactorText(ratio: number, style: StretchStyle): string {
  return `area × ${formatFixed(ratio)} (${style.name})`;
}

/** The colour and name of an area ratio, as every stretch in the chapter is coloured and named. */
export function areaStyle(ratio: number): StretchStyle {
  return stretchStyle(ratio, AREA_TOLERANCE);
}

/** The tiny square as drawn now, and what its drawn area says. */
export interface TinySquare {
  /** Side of the source square, math units. */
  readonly side: number;
  /** The source square's corners (t = 0), math units. */
  readonly source: Quad;
  /** Its corners as drawn now, lerp(c, map(c), t), math units. */
  readonly corners: Quad;
  /** The drawn outline (edges subdivided), math units. */
  readonly outline: Point[];
  /** The source square's outline, math units. */
  readonly sourceOutline: Point[];
  /** Signed area of the drawn outline, math units² (positive = counterclockwise). */
  readonly signedArea: number;
  /** The drawn area factor: signedArea / side². */
  readonly areaRatio: number;
  /** Colour and name of the drawn area factor. */
  readonly style: StretchStyle;
  readonly markerDirection: MarkerDirection;
  readonly orientationText: OrientationText;
  /** The area factor row's text. */
  readonly areaFactorText: string;
}

/** The tiny square of a grid's input, its drawn area and the words for it. */
export function tinySquare(input: WarpedGridInput): TinySquare {
  const side = squareSide(input.squareSize, input.zoom);
  const source = squareCorners(input.point, side);
  const corners = source.map(c => blend(input.map, c, input.t)) as Quad;
  const outline = squareOutline(input.map, source, input.t);
  const sourceOutline = squareOutline(input.map, source, 0);
  const signedArea = polygonArea(outline);
  const areaRatio = signedArea / (side * side);
  const style = areaStyle(areaRatio);
  const direction = markerDirection(areaRatio);
  return {
    side,
    source,
    corners,
    outline,
    sourceOutline,
    signedArea,
    areaRatio,
    style,
    markerDirection: direction,
    orientationText: orientationText(direction),
    areaFactorText: areaFactorText(areaRatio, style),
  };
}

/** The marker's diameter: a bit over half the drawn square's pixel size, at least 24 px. */
export function markerDiameter(view: GridView, side: number): number {
  const perUnit = Math.abs(view.x.length / (view.x.max - view.x.min));
  return Math.max(24, side * perUnit * 0.5);
}

/** The Jacobian as drawn at blend t: lerp(I, J, t), the linear map the square undergoes on screen. */
export function drawnJacobian(j: Matrix2, t: number): Matrix2 {
  const [[a, b], [c, d]] = j;
  return [
    [1 + (a - 1) * t, b * t],
    [c * t, 1 + (d - 1) * t],
  ];
}

/**
 * The matrix a blend of two matrices is at progress s: entry by entry,
 * lerp(a, b, s). A linear map morphing from a to b passes through every
 * determinant between det a and det b (a flip passes through a collapse).
 */
export function blendMatrix(a: Matrix2, b: Matrix2, s: number): Matrix2 {
  const mix = (u: number, v: number) => u + (v - u) * s;
  return [
    [mix(a[0][0], b[0][0]), mix(a[0][1], b[0][1])],
    [mix(a[1][0], b[1][0]), mix(a[1][1], b[1][1])],
  ];
}

/**
 * The Jacobian row: `J = \begin{bmatrix} 1.00 & 1.00 \\ -1.00 & 1.00 \end{bmatrix}`,
 * or a plain matrix under another name (`A = ...`).
 */
export function jacobianTex(j: Matrix2, name = 'J'): string {
  const [[a, b], [c, d]] = j;
  return `${name} = \\begin{bmatrix} ${texFixed(a)} & ${texFixed(b)} \\\\ ${texFixed(c)} & ${texFixed(d)} \\end{bmatrix}`;
}

/** The det J row, with the colour and name of det J as a stretch. */
export interface DetReadout {
  readonly det: number;
  readonly tex: string;
  readonly style: StretchStyle;
}

/** The det J row for the Jacobian at the point: `\det J = 2.00` (or `\det A`), coloured by its kind. */
export function detReadout(j: Matrix2, name = 'J'): DetReadout {
  const det = determinant(j);
  return {
    det,
    tex: `\\det ${name} = ${texFixed(det)}`,
    style: stretchStyle(det, AREA_TOLERANCE),
  };
}

/** Orientation of det J at the point, with the same tolerance as the names. */
export function orientationOf(det: number): Orientation {
  if (!Number.isFinite(det) || Math.abs(det) < AREA_TOLERANCE) {
    return 'degenerate';
  }
  return det > 0 ? 'kept' : 'flipped';
}

/** One set of grid lines drawn in one style: polylines in local pixels. */
export interface GridLayer {
  readonly paths: Point[][];
  readonly stroke: string;
  readonly lineWidth: number;
  readonly opacity: number;
}

/** A region of the plane worth drawing, in math units. */
interface Region {
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
}

/** Math-unit spacing of the grid at zoom 1: the given step, or a nice one for the x range. */
export function baseGridStep(input: WarpedGridInput): number {
  return input.gridStep > 0
    ? input.gridStep
    : niceStep(input.xScale.min, input.xScale.max, 8);
}

/**
 * The grid's level at the current zoom: each doubling halves the spacing and
 * fades the new lines in, so lines stay attached to the plane and their
 * density on screen stays even.
 */
export function gridLevel(input: WarpedGridInput) {
  return zoomLevel(safeZoom(input.zoom), baseGridStep(input));
}

/** Where a warped line is sampled: {@link LINE_SAMPLES} even fractions of it, ends exact. */
const LINE_PARAMS: readonly number[] = Array.from(
  {length: LINE_SAMPLES},
  (_, i) => i / (LINE_SAMPLES - 1),
);

/**
 * The grid as pixel polylines, back to front: a faint unwarped copy (once
 * the warp has begun), the warped lines, the next finer lines fading in, and
 * the axes.
 *
 * @remarks
 * A line drawn with t = 0 is straight, so it gets its two ends only: the
 * same stroke as 72 collinear samples, at a fraction of the cost.
 */
export function gridLayers(input: WarpedGridInput): GridLayer[] {
  const {map, xScale: xs, yScale: ys, t} = input;
  const z = safeZoom(input.zoom);
  const {step, finerStep, fade} = gridLevel(input);
  const view = viewOf(input);
  const toPx = pixelMapper(view);
  // Pre-image region worth drawing: the frame (plus margin) shrunk about the
  // point, widened at high zoom where J may squeeze a larger region into view.
  const [px, py] = input.point;
  const m = input.warpMargin;
  const spread = 2 - 1 / z;
  const dom = (c: number, lo: number, hi: number) =>
    [c + ((lo - m - c) * spread) / z, c + ((hi + m - c) * spread) / z] as const;
  const warped: Region = {
    x: dom(px, Math.min(xs.min, xs.max), Math.max(xs.min, xs.max)),
    y: dom(py, Math.min(ys.min, ys.max), Math.max(ys.min, ys.max)),
  };
  // The unwarped ghost only needs what the frame shows now, plus a step.
  const ghost: Region = {
    x: [
      Math.min(view.x.min, view.x.max) - step,
      Math.max(view.x.min, view.x.max) + step,
    ],
    y: [
      Math.min(view.y.min, view.y.max) - step,
      Math.max(view.y.min, view.y.max) + step,
    ],
  };

  const line = (from: Point, to: Point, warpT: number): Point[] => {
    if (warpT === 0) return [toPx(from), toPx(to)];
    return LINE_PARAMS.map(s =>
      toPx(
        blend(
          map,
          [from[0] + (to[0] - from[0]) * s, from[1] + (to[1] - from[1]) * s],
          warpT,
        ),
      ),
    );
  };
  const linesAt = (s: number, skipEven: boolean, warpT: number, r: Region) => {
    const paths: Point[][] = [];
    for (let k = Math.ceil(r.x[0] / s); k <= Math.floor(r.x[1] / s); k++) {
      if (skipEven && k % 2 === 0) continue;
      paths.push(line([k * s, r.y[0]], [k * s, r.y[1]], warpT));
    }
    for (let k = Math.ceil(r.y[0] / s); k <= Math.floor(r.y[1] / s); k++) {
      if (skipEven && k % 2 === 0) continue;
      paths.push(line([r.x[0], k * s], [r.x[1], k * s], warpT));
    }
    return paths;
  };

  const layers: GridLayer[] = [];
  if (t > 0) {
    layers.push({
      paths: linesAt(step, false, 0, ghost),
      stroke: COLORS.ghost,
      lineWidth: STROKES.grid,
      opacity: 0.35,
    });
  }
  layers.push({
    paths: linesAt(step, false, t, warped),
    stroke: COLORS.grid,
    lineWidth: STROKES.grid,
    opacity: 1,
  });
  if (fade > 0.01) {
    // The finer level's odd lines: its even ones are the lines above.
    layers.push({
      paths: linesAt(finerStep, true, t, warped),
      stroke: COLORS.grid,
      lineWidth: STROKES.grid,
      opacity: fade,
    });
  }
  layers.push({
    paths: [
      line([0, warped.y[0]], [0, warped.y[1]], t),
      line([warped.x[0], 0], [warped.x[1], 0], t),
    ],
    stroke: COLORS.axis,
    lineWidth: STROKES.grid + 1,
    opacity: 0.8,
  });
  return layers;
}

/**
 * The zoom between two magnifications at progress v, evenly in log space:
 * each second of a zoom magnifies by the same ratio.
 */
export function zoomBetween(from: number, to: number, v: number): number {
  return logLerp(from, to, v);
}

/** What the readout panel and the square show, as the component draws them. */
export interface WarpedGridReadouts {
  /** The panel's opacity as drawn (the grid's own opacity included). */
  readonly opacity: number;
  readonly jacobianTex: string;
  /** Opacity of the det and orientation rows as drawn (the panel's included). */
  readonly detOpacity: number;
  readonly detTex: string;
  readonly detColor: string;
  readonly detName: StretchStyle['name'];
  readonly orientationText: OrientationText;
  readonly orientationColor: string;
  /** The area factor row, with its own opacity as drawn (panel's included). */
  readonly areaFactor: {
    readonly text: string;
    readonly color: string;
    readonly name: StretchStyle['name'];
    readonly opacity: number;
  };
}

/**
 * What a WarpedGrid drew at one moment, JSON-safe: its inputs, the square as
 * drawn (math units and local pixels: origin at the plane's centre, y down),
 * and every readout with its colour and opacity.
 */
export interface WarpedGridProbe {
  readonly type: 'WarpedGrid';
  /** Blend from identity (0) to the map (1). */
  readonly t: number;
  readonly zoom: number;
  /** The followed point, math units. */
  readonly point: Point;
  /** The square's side at zoom 1 (the prop); its side now is `squareSide`. */
  readonly squareSize: number;
  readonly squareSide: number;
  /** The axes at zoom 1 (local pixels). */
  readonly xScale: Scale;
  readonly yScale: Scale;
  /** The axes as drawn now. */
  readonly view: GridView;
  /** The Jacobian at the point, of the full map. */
  readonly jacobian: Matrix2;
  /** det J at the point. */
  readonly det: number;
  readonly orientation: Orientation;
  /** det of lerp(I, J, t): the linear map the square undergoes on screen. */
  readonly drawnDet: number;
  /** The drawn corners, math units, counterclockwise from the lower left of the source. */
  readonly corners: Point[];
  /** The drawn corners, local pixels. */
  readonly cornerPixels: Point[];
  readonly sourceCornerPixels: Point[];
  readonly cornerColors: readonly string[];
  /** The drawn outline, local pixels (corner i at index i · outline.length / 4). */
  readonly outlinePixels: Point[];
  /** Signed area of the drawn outline, math units² (positive = counterclockwise). */
  readonly drawnSignedArea: number;
  /** drawnSignedArea over the source square's area. */
  readonly drawnAreaRatio: number;
  readonly centrePixel: Point;
  readonly markerDirection: MarkerDirection;
  readonly markerColor: string;
  /** Opacity of the square as drawn (the grid's own opacity included). */
  readonly squareOpacity: number;
  /** Whether the grid claims its picture is the linear map J (a close-up). */
  readonly closeUp: boolean;
  readonly readouts: WarpedGridReadouts;
}

declare module '../truth/types' {
  interface ProbeTypes {
    WarpedGrid: WarpedGridProbe;
  }
}

/** What the component adds to its inputs for a probe: opacities as drawn. */
export interface WarpedGridOpacities {
  /** The square's opacity as drawn. */
  readonly square: number;
  /** The readout panel's opacity as drawn. */
  readonly readouts: number;
  /** The det and orientation rows' opacity as drawn (the panel's included); the panel's when absent. */
  readonly det?: number;
  /** The area factor row's opacity as drawn (the panel's included). */
  readonly areaFactor: number;
}

/** The probe of a grid's input, drawn with the given opacities. */
export function warpedGridProbe(
  input: WarpedGridInput,
  opacity: WarpedGridOpacities,
): WarpedGridProbe {
  const view = viewOf(input);
  const toPx = pixelMapper(view);
  const sq = tinySquare(input);
  const jacobian = input.map.jacobian(input.point);
  const name = input.matrixName ?? 'J';
  const det = detReadout(jacobian, name);
  return {
    type: 'WarpedGrid',
    t: input.t,
    zoom: input.zoom,
    point: [input.point[0], input.point[1]],
    squareSize: input.squareSize,
    squareSide: sq.side,
    xScale: {...input.xScale},
    yScale: {...input.yScale},
    view,
    jacobian,
    det: det.det,
    orientation: orientationOf(det.det),
    drawnDet: determinant(drawnJacobian(jacobian, input.t)),
    corners: sq.corners,
    cornerPixels: sq.corners.map(toPx),
    sourceCornerPixels: sq.source.map(toPx),
    cornerColors: CORNER_COLORS,
    outlinePixels: sq.outline.map(toPx),
    drawnSignedArea: sq.signedArea,
    drawnAreaRatio: sq.areaRatio,
    centrePixel: toPx(focusOf(input)),
    markerDirection: sq.markerDirection,
    markerColor: sq.style.color,
    squareOpacity: opacity.square,
    closeUp: input.closeUp ?? false,
    readouts: {
      opacity: opacity.readouts,
      jacobianTex: jacobianTex(jacobian, name),
      detOpacity: opacity.det ?? opacity.readouts,
      detTex: det.tex,
      detColor: det.style.color,
      detName: det.style.name,
      orientationText: sq.orientationText,
      orientationColor: sq.style.color,
      areaFactor: {
        text: sq.areaFactorText,
        color: sq.style.color,
        name: sq.style.name,
        opacity: opacity.areaFactor,
      },
    },
  };
}
