import {
  Circle,
  Latex,
  Line,
  Node,
  NodeProps,
  Rect,
  Txt,
  computed,
  initial,
  signal,
  vector2Signal,
} from '@motion-canvas/2d';
import {
  PossibleVector2,
  SignalValue,
  SimpleSignal,
  ThreadGenerator,
  TimingFunction,
  Vector2,
  Vector2Signal,
  easeInOutCubic,
  map as lerp,
} from '@motion-canvas/core';
import {
  determinant,
  formatFixed,
  imageOfSquare,
  linearMap2D,
  niceStep,
  numberToPoint,
  orientation,
  samplePoints,
  signedArea,
} from '../math';
import type {
  Map2D,
  Matrix2,
  Orientation,
  Scale,
  Vector2 as Point,
} from '../math';
import {COLORS, FONTS, SIZES, STROKES} from '../theme';

/** The identity map of the plane: its image of a square is the square itself. */
const IDENTITY: Map2D = linearMap2D([
  [1, 0],
  [0, 1],
]);

/**
 * Colours of the square's four corners, in the order imageOfSquare returns
 * them: following them around tells the orientation at a glance.
 */
const CORNER_COLORS = [COLORS.flip, COLORS.dx, COLORS.output, COLORS.third];

/** Samples per grid line: enough for a sine of period 2π to bend smoothly. */
const LINE_SAMPLES = 72;

/** Samples per edge of the tiny square, so its image shows its curvature. */
const EDGE_SAMPLES = 12;

/** Extra math units of grid beyond the frame at zoom 1: a warp pulls them in. */
const DEFAULT_WARP_MARGIN = 1.5;

/** One set of grid lines drawn in one style: pixel polylines. */
interface GridLayer {
  paths: Vector2[][];
  stroke: string;
  lineWidth: number;
  opacity: number;
}

/** Marker state as drawn: the turning direction of the square's corners. */
export type MarkerDirection = 'counterclockwise' | 'clockwise' | 'none';

export interface WarpedGridProps extends NodeProps {
  /** The map of the plane; each point is drawn at lerp(p, map(p), t). */
  map: SignalValue<Map2D>;
  /** Horizontal axis of the plane at zoom 1 (its length is the plane's pixel width). */
  xScale?: SignalValue<Scale>;
  /** Vertical axis of the plane at zoom 1 (min at the bottom). */
  yScale?: SignalValue<Scale>;
  /** Blend from identity (0) to the map (1). */
  t?: SignalValue<number>;
  /** Math-unit spacing of the grid lines at zoom 1; 0 picks a nice step. */
  gridStep?: SignalValue<number>;
  /** The point whose tiny square is followed (math coordinates). */
  point?: SignalValue<PossibleVector2>;
  /** Side of the tiny square at zoom 1, in math units (it keeps its pixel size when zooming). */
  squareSize?: SignalValue<number>;
  /** Magnification around the drawn point. */
  zoom?: SignalValue<number>;
  /** Math units of grid drawn beyond the frame, so a warp never shows a bare edge. */
  warpMargin?: SignalValue<number>;
  /** Opacity of the tiny square, its corners and the orientation marker. */
  squareOpacity?: SignalValue<number>;
  /** Opacity of the faded copy of the square where it started (t = 0). */
  sourceOpacity?: SignalValue<number>;
  /** Opacity of the Jacobian / det J / orientation panel. */
  readoutOpacity?: SignalValue<number>;
  /** Where the readout panel's left edge sits, relative to the plane's centre. */
  readoutPosition?: SignalValue<PossibleVector2>;
}

/**
 * A plane whose subdivided grid bends under a 2D map, with a tiny square, its image, the Jacobian and det J.
 *
 * @remarks
 * Every drawn point is lerp(p, map(p), t). The tiny square's image is
 * {@link imageOfSquare}; its corners are coloured and a circular arrow inside
 * it turns counterclockwise while orientation is kept and clockwise once it
 * flips, read from the signed area of the square as drawn. Zooming magnifies
 * around the drawn point while the square keeps its pixel size, so it covers an
 * ever tinier neighbourhood and its image turns into a parallelogram: the
 * linear map J.
 *
 * @example
 * ```tsx
 * const grid = createRef<WarpedGrid>();
 * view.add(<WarpedGrid ref={grid} map={wavyMap} point={[1, 1]} />);
 * yield* grid().warp(2);
 * yield* grid().zoomTo(8, 2);
 * yield* grid().slideTo(FOLDING_FLIP_POINT, 3);
 * ```
 */
export class WarpedGrid extends Node {
  @signal()
  declare public readonly map: SimpleSignal<Map2D, this>;

  @initial({min: -4, max: 4, length: 800})
  @signal()
  declare public readonly xScale: SimpleSignal<Scale, this>;

  @initial({min: -4, max: 4, length: 800})
  @signal()
  declare public readonly yScale: SimpleSignal<Scale, this>;

  @initial(0)
  @signal()
  declare public readonly t: SimpleSignal<number, this>;

  @initial(0)
  @signal()
  declare public readonly gridStep: SimpleSignal<number, this>;

  @initial([1, 1])
  @vector2Signal('point')
  declare public readonly point: Vector2Signal<this>;

  @initial(0.8)
  @signal()
  declare public readonly squareSize: SimpleSignal<number, this>;

  @initial(1)
  @signal()
  declare public readonly zoom: SimpleSignal<number, this>;

  @initial(DEFAULT_WARP_MARGIN)
  @signal()
  declare public readonly warpMargin: SimpleSignal<number, this>;

  @initial(1)
  @signal()
  declare public readonly squareOpacity: SimpleSignal<number, this>;

  @initial(0.45)
  @signal()
  declare public readonly sourceOpacity: SimpleSignal<number, this>;

  @initial(1)
  @signal()
  declare public readonly readoutOpacity: SimpleSignal<number, this>;

  @initial(Vector2.zero)
  @vector2Signal('readoutPosition')
  declare public readonly readoutPosition: Vector2Signal<this>;

  public constructor(props: WarpedGridProps) {
    super(props);
    // A readout panel right of the plane unless the scene puts it elsewhere.
    if (props.readoutPosition === undefined) {
      this.readoutPosition(() => [this.planeWidth() / 2 + 60, -120]);
    }
    const corner = (i: number, source: boolean) => (
      <Circle
        size={source ? 14 : 20}
        fill={CORNER_COLORS[i]}
        position={() =>
          (source ? this.sourceCornerPixels() : this.cornerPixels())[i]
        }
      />
    );
    this.add(
      <>
        <Rect
          width={() => this.planeWidth()}
          height={() => this.planeHeight()}
          clip
        >
          <Node opacity={() => this.squareOpacity()}>
            <Line
              points={() => this.sourceOutline()}
              closed
              stroke={COLORS.dx}
              lineWidth={STROKES.box - 1}
              lineDash={[10, 8]}
              opacity={() => this.sourceOpacity()}
            />
            <Node opacity={() => this.sourceOpacity()}>
              {[0, 1, 2, 3].map(i => corner(i, true))}
            </Node>
            <Line
              points={() => this.imageOutline()}
              closed
              stroke={COLORS.dx}
              fill={COLORS.dx + '38'}
              lineWidth={STROKES.box}
            />
            {[0, 1, 2, 3].map(i => corner(i, false))}
            <Circle
              position={() => this.centrePixel()}
              size={() => this.markerSize()}
              startAngle={() =>
                this.markerDirection() === 'clockwise' ? -150 : 150
              }
              endAngle={() =>
                this.markerDirection() === 'clockwise' ? 120 : -120
              }
              counterclockwise={() => this.markerDirection() !== 'clockwise'}
              stroke={() => this.markerColor()}
              lineWidth={STROKES.arrow + 2}
              endArrow
              arrowSize={14}
              opacity={() => (this.markerDirection() === 'none' ? 0 : 1)}
            />
          </Node>
        </Rect>
        <Node
          position={() => this.readoutPosition()}
          opacity={() => this.readoutOpacity()}
        >
          <Latex
            tex={() => this.jacobianTex()}
            fill={COLORS.text}
            fontSize={SIZES.body}
            offset={[-1, 0]}
          />
          <Latex
            tex={() => this.determinantTex()}
            fill={COLORS.dx}
            fontSize={SIZES.body}
            offset={[-1, 0]}
            y={130}
          />
          <Txt
            text={() => this.orientationText()}
            fill={() => this.markerColor()}
            fontFamily={FONTS.text}
            fontSize={SIZES.label}
            offset={[-1, 0]}
            y={210}
          />
        </Node>
      </>,
    );
  }

  /** Pixel width of the plane. */
  @computed()
  public planeWidth(): number {
    return Math.abs(this.xScale().length);
  }

  /** Pixel height of the plane. */
  @computed()
  public planeHeight(): number {
    return Math.abs(this.yScale().length);
  }

  /** The followed point as a math tuple. */
  @computed()
  public pointTuple(): Point {
    const p = this.point();
    return [p.x, p.y];
  }

  /** Where a math point is drawn at the current blend: lerp(p, map(p), t). */
  private blended(p: Point, t = this.t()): Point {
    if (t === 0) return p;
    const q = this.map().value(p);
    return [lerp(p[0], q[0], t), lerp(p[1], q[1], t)];
  }

  /** The drawn position of the followed point (math units): the zoom keeps it still on screen. */
  @computed()
  public focus(): Point {
    return this.blended(this.pointTuple());
  }

  /**
   * The axes as they are seen at the current zoom: magnification `zoom` about
   * the drawn point, which therefore keeps its place on screen.
   */
  @computed()
  public viewScales(): {x: Scale; y: Scale} {
    const z = Math.max(this.zoom(), 1e-6);
    const [fx, fy] = this.focus();
    const xs = this.xScale();
    const ys = this.yScale();
    return {
      x: {
        min: lerp(fx, xs.min, 1 / z),
        max: lerp(fx, xs.max, 1 / z),
        length: xs.length,
      },
      y: {
        min: lerp(fy, ys.min, 1 / z),
        max: lerp(fy, ys.max, 1 / z),
        length: ys.length,
      },
    };
  }

  /** The local pixel position of a drawn math point (y up). */
  public toPixel(p: Point): Vector2 {
    const {x, y} = this.viewScales();
    return new Vector2(numberToPoint(x, p[0]), -numberToPoint(y, p[1]));
  }

  /** Effective side of the square in math units: it shrinks as the zoom grows. */
  @computed()
  public squareSide(): number {
    return this.squareSize() / Math.max(this.zoom(), 1e-6);
  }

  /** The square's lower-left corner: the square is centred on the point. */
  @computed()
  public squareCorner(): Point {
    const [x, y] = this.pointTuple();
    const half = this.squareSide() / 2;
    return [x - half, y - half];
  }

  /** The square's corners before the map, from imageOfSquare under the identity. */
  @computed()
  public sourceCorners(): Point[] {
    return imageOfSquare(IDENTITY, this.squareCorner(), this.squareSide());
  }

  /** The square's corners under the full map (t = 1), counter-clockwise from lower left. */
  @computed()
  public imageCorners(): Point[] {
    return imageOfSquare(this.map(), this.squareCorner(), this.squareSide());
  }

  /** The corners as drawn now, in math units: lerp of source and image. */
  @computed()
  public drawnCorners(): Point[] {
    const t = this.t();
    const src = this.sourceCorners();
    const img = this.imageCorners();
    return src.map((s, i) => [
      lerp(s[0], img[i][0], t),
      lerp(s[1], img[i][1], t),
    ]);
  }

  @computed()
  public cornerPixels(): Vector2[] {
    return this.drawnCorners().map(c => this.toPixel(c));
  }

  @computed()
  public sourceCornerPixels(): Vector2[] {
    return this.sourceCorners().map(c => this.toPixel(c));
  }

  /** The square's outline, each edge subdivided and carried by the blended map. */
  private outline(t: number): Vector2[] {
    const src = this.sourceCorners();
    const params = samplePoints(0, 1, EDGE_SAMPLES).slice(0, -1);
    const points: Vector2[] = [];
    for (let i = 0; i < src.length; i++) {
      const a = src[i];
      const b = src[(i + 1) % src.length];
      for (const s of params) {
        const p: Point = [lerp(a[0], b[0], s), lerp(a[1], b[1], s)];
        points.push(this.toPixel(this.blended(p, t)));
      }
    }
    return points;
  }

  @computed()
  public imageOutline(): Vector2[] {
    return this.outline(this.t());
  }

  @computed()
  public sourceOutline(): Vector2[] {
    return this.outline(0);
  }

  @computed()
  public centrePixel(): Vector2 {
    return this.toPixel(this.focus());
  }

  /** The marker's diameter: a bit over half the drawn square's pixel size. */
  @computed()
  public markerSize(): number {
    const {x} = this.viewScales();
    const side = Math.abs(
      numberToPoint(x, x.min + this.squareSide()) - numberToPoint(x, x.min),
    );
    return Math.max(24, side * 0.5);
  }

  /** The Jacobian of the map at the point (of the full map, whatever t is). */
  @computed()
  public jacobian(): Matrix2 {
    return this.map().jacobian(this.pointTuple());
  }

  @computed()
  public det(): number {
    return determinant(this.jacobian());
  }

  /** Orientation by det J at the point: what the full map does there. */
  @computed()
  public orientation(): Orientation {
    return orientation(this.det());
  }

  /** Signed area of the square as drawn now (math units, positive = counterclockwise). */
  @computed()
  public drawnSignedArea(): number {
    return signedArea(this.drawnCorners() as [Point, Point, Point, Point]);
  }

  /**
   * The Jacobian of the map as drawn now, lerp(I, J, t): the linear map the
   * tiny square undergoes on screen at this blend.
   */
  @computed()
  public drawnJacobian(): Matrix2 {
    const t = this.t();
    const [[a, b], [c, d]] = this.jacobian();
    return [
      [lerp(1, a, t), lerp(0, b, t)],
      [lerp(0, c, t), lerp(1, d, t)],
    ];
  }

  /**
   * Which way the circular arrow turns: by the sign of det of the drawn
   * Jacobian, so at t = 1 it always agrees with the det J readout (the
   * corners agree too once the square is small enough to look linear).
   */
  @computed()
  public markerDirection(): MarkerDirection {
    const o = orientation(determinant(this.drawnJacobian()));
    return o === 'kept'
      ? 'counterclockwise'
      : o === 'flipped'
        ? 'clockwise'
        : 'none';
  }

  @computed()
  public markerColor(): string {
    const d = this.markerDirection();
    return d === 'clockwise'
      ? COLORS.flip
      : d === 'none'
        ? COLORS.collapse
        : COLORS.output;
  }

  @computed()
  public orientationText(): string {
    const d = this.markerDirection();
    return d === 'clockwise'
      ? 'orientation flipped'
      : d === 'none'
        ? 'area collapsed'
        : 'orientation kept';
  }

  @computed()
  public jacobianTex(): string {
    const [[a, b], [c, d]] = this.jacobian();
    const n = (v: number) => texNumber(formatFixed(v));
    return `J = \\begin{bmatrix} ${n(a)} & ${n(b)} \\\\ ${n(c)} & ${n(d)} \\end{bmatrix}`;
  }

  @computed()
  public determinantTex(): string {
    return `\\det J = ${texNumber(formatFixed(this.det()))}`;
  }

  /** The grid as pixel polylines: a faint unwarped copy, then the warped lines at one or two densities. */
  @computed()
  public gridLayers(): GridLayer[] {
    const xs = this.xScale();
    const ys = this.yScale();
    const z = Math.max(this.zoom(), 1e-6);
    const base =
      this.gridStep() > 0 ? this.gridStep() : niceStep(xs.min, xs.max, 8);
    // Halve the spacing at each doubling of the zoom, fading the new lines in,
    // so lines stay attached to the plane and their density stays even.
    const level = Math.max(0, Math.floor(Math.log2(z)));
    const fade = Math.max(0, Math.log2(z) - level);
    const step = base / 2 ** level;
    // Pre-image region worth drawing: the frame (plus margin) shrunk about the
    // point, widened at high zoom where J may squeeze a larger region into view.
    const [px, py] = this.pointTuple();
    const m = this.warpMargin();
    const spread = 2 - 1 / z;
    const dom = (c: number, lo: number, hi: number) =>
      [
        c + ((lo - m - c) * spread) / z,
        c + ((hi + m - c) * spread) / z,
      ] as const;
    type Region = {x: readonly [number, number]; y: readonly [number, number]};
    const warped: Region = {
      x: dom(px, Math.min(xs.min, xs.max), Math.max(xs.min, xs.max)),
      y: dom(py, Math.min(ys.min, ys.max), Math.max(ys.min, ys.max)),
    };
    // The unwarped ghost only needs what the frame shows now, plus a step.
    const view = this.viewScales();
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
    const t = this.t();

    const linesAt = (
      s: number,
      skipEven: boolean,
      warpT: number,
      r: Region,
    ) => {
      const paths: Vector2[][] = [];
      const xsSamples = samplePoints(r.x[0], r.x[1], LINE_SAMPLES);
      const ysSamples = samplePoints(r.y[0], r.y[1], LINE_SAMPLES);
      for (let k = Math.ceil(r.x[0] / s); k <= Math.floor(r.x[1] / s); k++) {
        if (skipEven && k % 2 === 0) continue;
        paths.push(
          ysSamples.map(v => this.toPixel(this.blended([k * s, v], warpT))),
        );
      }
      for (let k = Math.ceil(r.y[0] / s); k <= Math.floor(r.y[1] / s); k++) {
        if (skipEven && k % 2 === 0) continue;
        paths.push(
          xsSamples.map(u => this.toPixel(this.blended([u, k * s], warpT))),
        );
      }
      return paths;
    };
    const axes = (warpT: number, r: Region) => [
      samplePoints(r.y[0], r.y[1], LINE_SAMPLES).map(v =>
        this.toPixel(this.blended([0, v], warpT)),
      ),
      samplePoints(r.x[0], r.x[1], LINE_SAMPLES).map(u =>
        this.toPixel(this.blended([u, 0], warpT)),
      ),
    ];

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
      layers.push({
        paths: linesAt(step / 2, true, t, warped),
        stroke: COLORS.grid,
        lineWidth: STROKES.grid,
        opacity: fade,
      });
    }
    layers.push({
      paths: axes(t, warped),
      stroke: COLORS.axis,
      lineWidth: STROKES.grid + 1,
      opacity: 0.8,
    });
    return layers;
  }

  protected override draw(context: CanvasRenderingContext2D): void {
    const w = this.planeWidth();
    const h = this.planeHeight();
    context.save();
    context.beginPath();
    context.rect(-w / 2, -h / 2, w, h);
    context.clip();
    context.lineJoin = 'round';
    context.lineCap = 'round';
    for (const layer of this.gridLayers()) {
      context.globalAlpha *= layer.opacity;
      context.strokeStyle = layer.stroke;
      context.lineWidth = layer.lineWidth;
      context.beginPath();
      for (const path of layer.paths) {
        path.forEach((p, i) =>
          i === 0 ? context.moveTo(p.x, p.y) : context.lineTo(p.x, p.y),
        );
      }
      context.stroke();
      context.globalAlpha /= layer.opacity || 1;
    }
    context.restore();
    super.draw(context);
  }

  /** Bends the grid from identity to the map. */
  public *warp(
    duration = 2,
    timing: TimingFunction = easeInOutCubic,
  ): ThreadGenerator {
    yield* this.t(1, duration, timing);
  }

  /** Straightens the grid back to identity. */
  public *unwarp(
    duration = 2,
    timing: TimingFunction = easeInOutCubic,
  ): ThreadGenerator {
    yield* this.t(0, duration, timing);
  }

  /** Slides the followed point (and its square) to another point of the plane. */
  public *slideTo(
    point: PossibleVector2,
    duration = 2,
    timing: TimingFunction = easeInOutCubic,
  ): ThreadGenerator {
    yield* this.point(point, duration, timing);
  }

  /**
   * Magnifies to `factor` about the drawn point; the square keeps its pixel
   * size, so it covers a smaller neighbourhood and its image looks linear.
   */
  public *zoomTo(
    factor: number,
    duration = 2,
    timing: TimingFunction = easeInOutCubic,
  ): ThreadGenerator {
    if (!(factor > 0)) {
      throw new Error(
        `WarpedGrid.zoomTo: expected a positive factor, got ${factor}`,
      );
    }
    // Interpolate the zoom geometrically: each second magnifies by the same ratio.
    yield* this.zoom(
      factor,
      duration,
      timing,
      (from, to, v) => from * (to / from) ** v,
    );
  }

  /** The live state: det J, orientation, the marker's direction and the square's corners. */
  public probe(): Record<string, unknown> {
    // Scene coordinates (origin at the centre), as probeScene reports positions.
    const matrix = this.view().worldToLocal().multiply(this.localToWorld());
    return {
      t: this.t(),
      zoom: this.zoom(),
      point: this.pointTuple(),
      jacobian: this.jacobian(),
      det: this.det(),
      detText: formatFixed(this.det()),
      orientation: this.orientation(),
      markerDirection: this.markerDirection(),
      drawnSignedArea: this.drawnSignedArea(),
      drawnDet: determinant(this.drawnJacobian()),
      corners: this.drawnCorners(),
      cornerPixels: this.cornerPixels().map(p => {
        const w = p.transformAsPoint(matrix);
        return [w.x, w.y];
      }),
      cornerColors: CORNER_COLORS,
      centrePixel: (() => {
        const w = this.centrePixel().transformAsPoint(matrix);
        return [w.x, w.y];
      })(),
    };
  }
}

/** Turns a formatted number into TeX (the typographic minus becomes TeX's minus). */
function texNumber(text: string): string {
  return text
    .replace(/\u2212/g, '-')
    .replace(/^undefined$/, '\\text{undefined}');
}
