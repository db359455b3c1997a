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
} from '@motion-canvas/core';
import {
  CORNER_COLORS,
  DEFAULT_WARP_MARGIN,
  type DetReadout,
  type GridLayer,
  type GridView,
  type MarkerDirection,
  type PixelRect,
  type Point,
  READOUT_ROWS,
  type TinySquare,
  type WarpedGridInput,
  type WarpedGridProbe,
  detReadout,
  drawnJacobian,
  focusOf,
  gridLayers,
  jacobianTex,
  markerDiameter,
  orientationOf,
  pixelMapper,
  tinySquare,
  viewOf,
  warpedGridProbe,
  windowIn,
  zoomBetween,
} from '../geometry/warpedGrid';
import {determinant} from '../math';
import type {Map2D, Matrix2, Orientation, Scale} from '../math';
import {COLORS, FONTS, SIZES, STROKES} from '../theme';

export type {MarkerDirection, WarpedGridProbe} from '../geometry/warpedGrid';

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
  /** Opacity of the det J and orientation rows inside the panel (the matrix row shows alone at 0). */
  detOpacity?: SignalValue<number>;
  /** The matrix's name in the panel: J (a Jacobian) unless the grid shows a plain matrix, A. */
  matrixName?: SignalValue<string>;
  /**
   * A close-up: the grid claims its picture is the linear map J (zoomed in
   * far enough), and the frame sweep holds its square to lerp(I, J, t).
   */
  closeUp?: SignalValue<boolean>;
  /**
   * Opacity of the area factor row ("area × 2.00 (stretch)") inside the
   * panel. Show it only where the square is small enough that its drawn
   * area factor is det J, and where the area visibly changes.
   */
  areaFactorOpacity?: SignalValue<number>;
  /** Where the readout panel's left edge sits, relative to the plane's centre. */
  readoutPosition?: SignalValue<PossibleVector2>;
}

/** A local pixel tuple as a Motion Canvas vector. */
const vec = (p: Point) => new Vector2(p[0], p[1]);

/**
 * A plane whose subdivided grid bends under a 2D map, with a tiny square, its image, the Jacobian and det J.
 *
 * @remarks
 * Signal wiring and drawing only: every shape and every readout comes from
 * src/geometry/warpedGrid.ts. Each drawn point is lerp(p, map(p), t). The
 * square's corners are coloured and a circular arrow inside it turns
 * counterclockwise while the drawn square keeps its orientation and clockwise
 * once it flips, read from the signed area of the square as drawn. Zooming
 * magnifies around the drawn point while the square keeps its pixel size, so
 * it covers an ever tinier neighbourhood and its image turns into a
 * parallelogram: the linear map J, whose area factor is det J.
 *
 * @example
 * ```tsx
 * const grid = createRef<WarpedGrid>();
 * view.add(<WarpedGrid ref={grid} map={wavyMap} point={[Math.PI, 0]} />);
 * yield* grid().warp(2);
 * yield* grid().zoomTo(8, 2);
 * yield* grid().areaFactorOpacity(1, 1);
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

  @initial(1)
  @signal()
  declare public readonly detOpacity: SimpleSignal<number, this>;

  @initial('J')
  @signal()
  declare public readonly matrixName: SimpleSignal<string, this>;

  @initial(false)
  @signal()
  declare public readonly closeUp: SimpleSignal<boolean, this>;

  @initial(0)
  @signal()
  declare public readonly areaFactorOpacity: SimpleSignal<number, this>;

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
              size={() => markerDiameter(this.gridView(), this.square().side)}
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
            tex={() => jacobianTex(this.jacobian(), this.matrixName())}
            fill={COLORS.text}
            fontSize={SIZES.body}
            offset={[-1, 0]}
            y={READOUT_ROWS.jacobian}
          />
          <Node opacity={() => this.detOpacity()}>
            <Latex
              tex={() => this.detReadout().tex}
              fill={() => this.detReadout().style.color}
              fontSize={SIZES.body}
              offset={[-1, 0]}
              y={READOUT_ROWS.det}
            />
            <Txt
              text={() => this.orientationText()}
              fill={() => this.markerColor()}
              fontFamily={FONTS.text}
              fontSize={SIZES.label}
              offset={[-1, 0]}
              y={READOUT_ROWS.orientation}
            />
          </Node>
          <Txt
            text={() => this.square().areaFactorText}
            fill={() => this.markerColor()}
            fontFamily={FONTS.text}
            fontSize={SIZES.label}
            offset={[-1, 0]}
            y={READOUT_ROWS.areaFactor}
            opacity={() => this.areaFactorOpacity()}
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

  /** Every prop the geometry reads, at this moment. */
  @computed()
  public input(): WarpedGridInput {
    return {
      map: this.map(),
      xScale: this.xScale(),
      yScale: this.yScale(),
      t: this.t(),
      gridStep: this.gridStep(),
      point: this.pointTuple(),
      squareSize: this.squareSize(),
      zoom: this.zoom(),
      warpMargin: this.warpMargin(),
      matrixName: this.matrixName(),
      closeUp: this.closeUp(),
    };
  }

  /** The map this grid depicts: what a checker holds the drawing to. */
  public subject(): Map2D {
    return this.map();
  }

  /** The axes as seen at the current zoom: magnified about the drawn point. */
  @computed()
  public gridView(): GridView {
    return viewOf(this.input());
  }

  @computed()
  private toPixel(): (p: Point) => Point {
    return pixelMapper(this.gridView());
  }

  /** The tiny square as drawn now: corners, outline, drawn area and its words. */
  @computed()
  public square(): TinySquare {
    return tinySquare(this.input());
  }

  @computed()
  public cornerPixels(): Vector2[] {
    const toPx = this.toPixel();
    return this.square().corners.map(c => vec(toPx(c)));
  }

  @computed()
  public sourceCornerPixels(): Vector2[] {
    const toPx = this.toPixel();
    return this.square().source.map(c => vec(toPx(c)));
  }

  @computed()
  public imageOutline(): Vector2[] {
    const toPx = this.toPixel();
    return this.square().outline.map(c => vec(toPx(c)));
  }

  @computed()
  public sourceOutline(): Vector2[] {
    const toPx = this.toPixel();
    return this.square().sourceOutline.map(c => vec(toPx(c)));
  }

  /** The drawn position of the followed point (math units): the zoom keeps it still on screen. */
  @computed()
  public focus(): Point {
    return focusOf(this.input());
  }

  /** The drawn followed point, in local pixels. */
  @computed()
  public centrePixel(): Vector2 {
    return vec(this.toPixel()(this.focus()));
  }

  /** The Jacobian of the full map at the point, whatever t is. */
  @computed()
  public jacobian(): Matrix2 {
    return this.map().jacobian(this.pointTuple());
  }

  @computed()
  public detReadout(): DetReadout {
    return detReadout(this.jacobian(), this.matrixName());
  }

  /** det J at the point. */
  public det(): number {
    return this.detReadout().det;
  }

  /** Orientation by det J at the point: what the full map does there. */
  public orientation(): Orientation {
    return orientationOf(this.det());
  }

  /** Which way the circular arrow turns: by the sign of the drawn square's area. */
  public markerDirection(): MarkerDirection {
    return this.square().markerDirection;
  }

  /** The colour of the marker and the orientation row: the drawn area factor's colour. */
  public markerColor(): string {
    return this.square().style.color;
  }

  /** The orientation row: "orientation kept", "orientation flipped" or "area collapsed". */
  public orientationText(): string {
    return this.square().orientationText;
  }

  /** Signed area of the square as drawn now (math units, positive = counterclockwise). */
  public drawnSignedArea(): number {
    return this.square().signedArea;
  }

  /** det of lerp(I, J, t): the linear map the tiny square undergoes on screen. */
  public drawnDet(): number {
    return determinant(drawnJacobian(this.jacobian(), this.t()));
  }

  /**
   * Where another grid's view lies on this plane, in this grid's local
   * pixels: the window a close-up of this plane shows.
   */
  public windowOf(closeUp: WarpedGrid): PixelRect {
    return windowIn(this.gridView(), closeUp.gridView());
  }

  @computed()
  public gridLayers(): GridLayer[] {
    return gridLayers(this.input());
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
        context.moveTo(path[0][0], path[0][1]);
        for (let i = 1; i < path.length; i++) {
          context.lineTo(path[i][0], path[i][1]);
        }
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
   * Magnifies to `factor` about the drawn point, evenly in log space; the
   * square keeps its pixel size, so it covers a smaller neighbourhood and its
   * image looks linear.
   */
  public *zoomTo(
    factor: number,
    duration = 2,
    timing: TimingFunction = easeInOutCubic,
  ): ThreadGenerator {
    if (!(factor > 0) || !Number.isFinite(factor)) {
      throw new Error(
        `WarpedGrid.zoomTo: expected a finite positive factor, got ${factor}`,
      );
    }
    yield* this.zoom(factor, duration, timing, zoomBetween);
  }

  /** What the grid drew at this moment: the square, its drawn area and every readout. */
  public probe(): WarpedGridProbe {
    const seen = this.absoluteOpacity();
    const panel = seen * this.readoutOpacity();
    return warpedGridProbe(this.input(), {
      square: seen * this.squareOpacity(),
      readouts: panel,
      det: panel * this.detOpacity(),
      areaFactor: panel * this.areaFactorOpacity(),
    });
  }
}
