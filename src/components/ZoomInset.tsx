import {
  Circle,
  Line,
  Node,
  type NodeProps,
  Rect,
  Txt,
  computed,
  initial,
  nodeName,
  signal,
} from '@motion-canvas/2d';
import {
  type SignalValue,
  type SimpleSignal,
  type TimingFunction,
  Vector2,
  easeInOutCubic,
  tween,
} from '@motion-canvas/core';
import {
  DEFAULT_UNIT,
  type InsetBox,
  type Px,
  type ZoomInsetGeometry,
  type ZoomInsetProbe,
  type ZoomInsetSpec,
  insetLineLength,
  lensConnector,
  magnificationAt,
  zoomInsetGeometry,
  zoomInsetProbe,
} from '../geometry/zoomInset';
import {square} from '../math';
import type {RealFunction, StretchKind} from '../math/types';
import {COLORS, FONTS, SIZES, STROKES, gradientColor} from '../theme';
import {NumberLine} from './NumberLine';

export interface ZoomInsetProps extends NodeProps {
  /** {@inheritDoc ZoomInset.fn} */
  fn?: SignalValue<RealFunction>;
  /** {@inheritDoc ZoomInset.point} */
  point?: SignalValue<number>;
  /** {@inheritDoc ZoomInset.zoom} */
  zoom?: SignalValue<number>;
  /** {@inheritDoc ZoomInset.unit} */
  unit?: SignalValue<number>;
  /** {@inheritDoc ZoomInset.dx} */
  dx?: SignalValue<number>;
  /** {@inheritDoc ZoomInset.frameWidth} */
  frameWidth?: SignalValue<number>;
  /** {@inheritDoc ZoomInset.frameHeight} */
  frameHeight?: SignalValue<number>;
  /** The line the point lives on: a lens marks the point there, joined to the frame, and its unit sets the magnification. */
  source?: NumberLine;
  /** {@inheritDoc ZoomInset.showLens} */
  showLens?: SignalValue<boolean>;
}

/**
 * A framed, magnified view of the neighbourhood of a point on the input line
 * and of its image on the output line, with local ticks at x − dx, x, x + dx
 * and a caption from the math ("Scale by 3", "Flip and scale by 2", "Collapse").
 *
 * @remarks
 * Both inner lines share one magnification (`zoom` × the source line's unit),
 * so the picture inside is the local linear map: lengths scale by f'(x).
 * The inner lines re-space their own ticks as the zoom changes, and the
 * inset follows the point when `point` moves. Every shape is computed by
 * {@link zoomInsetGeometry} (src/geometry/zoomInset.ts); `probe()` reports
 * what was drawn and `subject()` is f, which `checkZoomInset` holds it to.
 *
 * @example
 * ```tsx
 * <ZoomInset fn={square} point={1.5} zoom={10} source={m().input} y={250} />
 * yield* inset().zoomTo(100, 2);
 * ```
 */
@nodeName('ZoomInset')
export class ZoomInset extends Node {
  @initial(square)
  @signal()
  declare public readonly fn: SimpleSignal<RealFunction, this>;

  /** The point x whose neighbourhood is magnified. */
  @initial(1.5)
  @signal()
  declare public readonly point: SimpleSignal<number, this>;

  /** Magnification relative to the source line (10 means ten times closer). */
  @initial(10)
  @signal()
  declare public readonly zoom: SimpleSignal<number, this>;

  /** Pixels per unit of the unmagnified line; by default the source line's. */
  @initial(0)
  @signal()
  declare public readonly unit: SimpleSignal<number, this>;

  /** The local step: ticks at x ± dx. 0 picks a nice step for the visible range, so it re-spaces with the zoom. */
  @initial(0)
  @signal()
  declare public readonly dx: SimpleSignal<number, this>;

  @initial(640)
  @signal()
  declare public readonly frameWidth: SimpleSignal<number, this>;

  @initial(400)
  @signal()
  declare public readonly frameHeight: SimpleSignal<number, this>;

  /** Whether the lens on the source line and its two connectors are drawn. */
  @initial(true)
  @signal()
  declare public readonly showLens: SimpleSignal<boolean, this>;

  public readonly source: NumberLine | null;
  /** The magnified input neighbourhood. */
  public readonly inputLine: NumberLine;
  /** The magnified output neighbourhood. */
  public readonly outputLine: NumberLine;
  public readonly frame: Rect;
  public readonly caption: Txt;

  public constructor({source, ...props}: ZoomInsetProps) {
    super(props);
    this.source = source ?? null;
    const g = () => this.geometry();
    const v = (p: Px) => new Vector2(p[0], p[1]);
    this.inputLine = new NumberLine({
      min: () => g().inputLine.min,
      max: () => g().inputLine.max,
      length: () => g().inputLine.length,
      x: () => g().inputLine.x,
      y: () => g().inputLine.y,
      color: COLORS.input,
      // Numbers above, so the connectors running down to the images never cross them.
      numbersAbove: true,
      tickSpacing: 150,
      fontSize: SIZES.small,
    });
    this.outputLine = new NumberLine({
      min: () => g().outputLine.min,
      max: () => g().outputLine.max,
      length: () => g().outputLine.length,
      x: () => g().outputLine.x,
      y: () => g().outputLine.y,
      color: COLORS.output,
      tickSpacing: 150,
      fontSize: SIZES.small,
    });
    const ends = [0, 1, 2] as const;
    const connectors = ends.map(
      i =>
        new Line({
          points: () => {
            const c = g().connectors[i];
            const from = g().ticks[i].input;
            return c ? [v(c[0]), v(c[1])] : [v(from), v(from)];
          },
          stroke: gradientColor(i / 2),
          lineWidth: STROKES.arrow,
          // A tick whose image is undefined gets no arrow.
          opacity: () => (g().connectors[i] ? 0.7 : 0),
          endArrow: true,
          arrowSize: 14,
          lineDash: [10, 8],
        }),
    );
    const dots = ends.flatMap(i => [
      new Circle({
        size: 16,
        fill: gradientColor(i / 2),
        position: () => v(g().ticks[i].input),
      }),
      new Circle({
        size: 16,
        fill: gradientColor(i / 2),
        position: () => v(g().ticks[i].output ?? g().ticks[i].input),
        opacity: () => (g().ticks[i].output ? 1 : 0),
      }),
    ]);
    const box = (b: () => InsetBox | null) => ({
      position: () => v(b()?.center ?? [0, 0]),
      width: () => b()?.width ?? 0,
      height: () => b()?.height ?? 0,
      opacity: () => (b() ? 1 : 0),
    });
    const inBox = new Rect({
      ...box(() => g().inputBox),
      stroke: COLORS.dx,
      lineWidth: STROKES.box,
      fill: 'rgba(255, 210, 63, 0.2)',
    });
    const outBox = new Rect({
      ...box(() => g().outputBox),
      stroke: () => g().style.color,
      lineWidth: STROKES.box,
    });
    this.frame = new Rect({
      width: () => this.frameWidth(),
      height: () => this.frameHeight(),
      fill: COLORS.background,
      stroke: COLORS.axis,
      lineWidth: STROKES.box,
      radius: 12,
      clip: true,
      children: [
        this.inputLine,
        this.outputLine,
        inBox,
        outBox,
        ...connectors,
        ...dots,
      ],
    });
    this.caption = new Txt({
      text: () => g().style.caption,
      fontFamily: FONTS.text,
      fontWeight: 600,
      fontSize: SIZES.label,
      fill: () => g().style.color,
      y: () => -this.frameHeight() / 2 - 34,
    });
    const zoomLabel = new Txt({
      text: () => g().zoomLabel,
      fontFamily: FONTS.mono,
      fontSize: SIZES.small,
      fill: COLORS.muted,
      offset: [1, -1],
      x: () => this.frameWidth() / 2 - 14,
      y: () => -this.frameHeight() / 2 + 10,
    });
    this.frame.add(zoomLabel);
    const lens = new Circle({
      size: 30,
      stroke: COLORS.axis,
      lineWidth: STROKES.minorTick,
      position: () => this.lensPoint(),
      opacity: () => (this.source && this.showLens() ? 1 : 0),
    });
    const lensLines = ([-1, 1] as const).map(
      side =>
        new Line({
          points: () => {
            const p = this.lensPoint();
            return lensConnector(
              [p.x, p.y],
              side,
              this.frameWidth(),
              this.frameHeight(),
            ).map(v);
          },
          stroke: COLORS.axis,
          lineWidth: STROKES.minorTick,
          opacity: () => (this.source && this.showLens() ? 0.5 : 0),
        }),
    );
    this.add([lens, ...lensLines, this.frame, this.caption]);
  }

  /** Pixels per unit before magnification: `unit`, else the source line's, else 200. */
  public baseUnit(): number {
    const u = this.unit();
    if (u > 0) return u;
    return this.source ? Math.abs(this.source.unitLength()) : DEFAULT_UNIT;
  }

  /** The inset's numbers, read once for the geometry. */
  @computed()
  public spec(): ZoomInsetSpec {
    return {
      fn: this.fn(),
      point: this.point(),
      zoom: this.zoom(),
      baseUnit: this.baseUnit(),
      dx: this.dx(),
      frameWidth: this.frameWidth(),
      frameHeight: this.frameHeight(),
    };
  }

  /** Everything the inset draws now (see {@link zoomInsetGeometry}). */
  @computed()
  public geometry(): ZoomInsetGeometry {
    return zoomInsetGeometry(this.spec());
  }

  /** Half the visible range, in numbers, of each inner line. */
  public radius(): number {
    return this.geometry().radius;
  }

  /** Pixel length of the inner lines. */
  public innerLength(): number {
    return insetLineLength(this.frameWidth());
  }

  /** f(x), the centre of the output neighbourhood (x itself where f is undefined, so the frame stays drawable). */
  public center(): number {
    return this.geometry().center;
  }

  /** The local step dx of the ticks x ± dx: `dx`, or a nice step for the visible range, shrunk where f' spreads the images. */
  public step(): number {
    return this.geometry().step;
  }

  /** The lesson's classification of f'(x) at the point. */
  public stretch(): StretchKind {
    return this.geometry().style.stretch;
  }

  private lensPoint(): Vector2 {
    return this.source ? this.source.pointIn(this, this.point()) : Vector2.zero;
  }

  /** Animates the magnification to `factor`, evenly in log scale so each tenfold zoom takes the same time. */
  public *zoomTo(
    factor: number,
    duration: number,
    timing: TimingFunction = easeInOutCubic,
  ) {
    const from = this.zoom();
    yield* tween(duration, t =>
      this.zoom(magnificationAt(from, factor, timing(t))),
    );
    this.zoom(factor);
  }

  /** The function the inset magnifies: what its drawing is checked against. */
  public subject(): RealFunction {
    return this.fn();
  }

  /** What the inset drew: the lines, the local ticks and their images, the boxes, caption and zoom label. */
  public probe(): ZoomInsetProbe {
    return zoomInsetProbe(this.spec(), this.geometry(), {
      inset: this.absoluteOpacity(),
      caption: this.caption.absoluteOpacity(),
    });
  }
}
