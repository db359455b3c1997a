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
  DEFAULT_SPREAD,
  DEFAULT_UNIT,
  type InsetBox,
  type InsetReadoutKind,
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

/** Diameter of the close-up's local dots: small enough that twenty fit a fixed spread without touching. */
const CLOSE_UP_DOT = 10;

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
  /** How many local dots the close-up carries from the input line to the output line (0, the default: none). */
  dotCount?: number;
  /** {@inheritDoc ZoomInset.spread} */
  spread?: SignalValue<number>;
  /** {@inheritDoc ZoomInset.progress} */
  progress?: SignalValue<number>;
  /** {@inheritDoc ZoomInset.readout} */
  readout?: SignalValue<InsetReadoutKind>;
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
 * With `dotCount` it is a working close-up: a row of colour-graded local
 * dots, spread over a fixed part of the frame, that `progress` carries to
 * their images. Zooming in shrinks the neighbourhood they span, so they land
 * ever more evenly spaced (the map looks linear), or, where f'(x) = 0, pile
 * up on f(x); `readout` writes how evenly, or the local factor.
 *
 * @example
 * ```tsx
 * <ZoomInset fn={square} point={1.5} zoom={10} source={m().input} y={250} />
 * yield* inset().zoomTo(100, 2);
 * <ZoomInset fn={square} point={1.5} zoom={1} dotCount={20} readout="spacing" />
 * yield* inset().land(2);
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

  /** The local dots' half-spread as a fraction of the visible half-range: fixed on screen, so zooming in shrinks the neighbourhood they span. */
  @initial(DEFAULT_SPREAD)
  @signal()
  declare public readonly spread: SimpleSignal<number, this>;

  /** How far the local dots have travelled from the magnified input line (0) to their images on the output line (1). */
  @initial(0)
  @signal()
  declare public readonly progress: SimpleSignal<number, this>;

  /** The readout under the frame: 'spacing' (largest gap ÷ smallest gap of the landed dots), 'factor' (output span ÷ input span) or 'none'. */
  @initial('none')
  @signal()
  declare public readonly readout: SimpleSignal<InsetReadoutKind, this>;

  /** How many local dots the close-up carries (fixed at construction). */
  public readonly dotCount: number;

  public readonly source: NumberLine | null;
  /** The magnified input neighbourhood. */
  public readonly inputLine: NumberLine;
  /** The magnified output neighbourhood. */
  public readonly outputLine: NumberLine;
  public readonly frame: Rect;
  public readonly caption: Txt;
  /** The local ticks x ± dx with their arrows and boxes: fade it to leave the close-up's dots alone. */
  public readonly marks: Node;
  /** The close-up's local dots and their faded ghosts on the input line. */
  public readonly dots: Node;
  /** The readout of the landed dots, under the frame. */
  public readonly readoutText: Txt;

  public constructor({source, dotCount, ...props}: ZoomInsetProps) {
    super(props);
    this.source = source ?? null;
    this.dotCount = Math.max(0, Math.floor(dotCount ?? 0));
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
    this.marks = new Node({
      children: [inBox, outBox, ...connectors, ...dots],
    });
    const local = Array.from({length: this.dotCount}, (_, i) => i);
    const dot = (i: number) => g().dots[i];
    const ghosts = local.map(
      i =>
        new Circle({
          size: CLOSE_UP_DOT,
          fill: gradientColor(i / Math.max(1, this.dotCount - 1)),
          opacity: 0.3,
          position: () => v(dot(i).input),
        }),
    );
    const movers = local.map(
      i =>
        new Circle({
          size: CLOSE_UP_DOT,
          fill: gradientColor(i / Math.max(1, this.dotCount - 1)),
          position: () => v(dot(i).at),
          // A dot whose image is undefined has nowhere to go: it stays on the input line and hides once it would move.
          opacity: () => (dot(i).output || this.progress() <= 0 ? 1 : 0),
        }),
    );
    this.dots = new Node({children: [...ghosts, ...movers]});
    this.frame = new Rect({
      width: () => this.frameWidth(),
      height: () => this.frameHeight(),
      fill: COLORS.background,
      stroke: COLORS.axis,
      lineWidth: STROKES.box,
      radius: 12,
      clip: true,
      children: [this.inputLine, this.outputLine, this.marks, this.dots],
    });
    this.readoutText = new Txt({
      text: () => g().readout?.text ?? '',
      fontFamily: FONTS.mono,
      fontSize: SIZES.small,
      fill: COLORS.text,
      y: () => this.frameHeight() / 2 + 34,
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
    this.add([lens, ...lensLines, this.frame, this.caption, this.readoutText]);
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
      dotCount: this.dotCount,
      spread: this.spread(),
      progress: this.progress(),
      readout: this.readout(),
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

  /** Carries the local dots to their images on the output line (or back, with `to` = 0). */
  public *land(
    duration: number,
    to = 1,
    timing: TimingFunction = easeInOutCubic,
  ) {
    yield* this.progress(to, duration, timing);
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
      marks: this.marks.absoluteOpacity(),
      dots: this.dots.absoluteOpacity(),
      readout: this.readoutText.absoluteOpacity(),
    });
  }
}
