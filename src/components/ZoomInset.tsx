import {
  Circle,
  Line,
  Node,
  type NodeProps,
  Rect,
  Txt,
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
  map,
  tween,
} from '@motion-canvas/core';
import {
  classifyStretch,
  derivativeAt,
  describeStretch,
  formatNumber,
  niceStep,
  square,
  valueAt,
} from '../math';
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

/** The caption's colour by what the map does there. */
function captionColor(kind: StretchKind['kind']): string {
  if (kind === 'flip') return COLORS.flip;
  if (kind === 'collapse') return COLORS.collapse;
  return COLORS.dx;
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
 * inset follows the point when `point` moves.
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
    const inner = () => this.frameWidth() - 100;
    const lineY = () => this.frameHeight() * 0.2;
    this.inputLine = new NumberLine({
      min: () => this.point() - this.radius(),
      max: () => this.point() + this.radius(),
      length: inner,
      y: () => -lineY() - 20,
      color: COLORS.input,
      // Numbers above, so the connectors running down to the images never cross them.
      numbersAbove: true,
      tickSpacing: 150,
      fontSize: SIZES.small,
    });
    this.outputLine = new NumberLine({
      min: () => this.center() - this.radius(),
      max: () => this.center() + this.radius(),
      length: inner,
      y: () => lineY() + 20,
      color: COLORS.output,
      tickSpacing: 150,
      fontSize: SIZES.small,
    });
    const ends = [-1, 0, 1];
    const connectors = ends.map(
      (k, i) =>
        new Line({
          points: () => [
            this.localIn(this.local(k)),
            this.localOut(this.local(k)),
          ],
          stroke: gradientColor(i / 2),
          lineWidth: STROKES.arrow,
          opacity: 0.7,
          endArrow: true,
          arrowSize: 14,
          lineDash: [10, 8],
        }),
    );
    const dots = ends.flatMap((k, i) => [
      new Circle({
        size: 16,
        fill: gradientColor(i / 2),
        position: () => this.localIn(this.local(k)),
      }),
      new Circle({
        size: 16,
        fill: gradientColor(i / 2),
        position: () => this.localOut(this.local(k)),
      }),
    ]);
    const inBox = new Rect({
      position: () =>
        this.localIn(this.point())
          .add(this.localIn(this.point() + this.step()))
          .scale(0.5),
      width: () =>
        Math.abs(
          this.localIn(this.point() + this.step()).x -
            this.localIn(this.point()).x,
        ),
      height: 26,
      stroke: COLORS.dx,
      lineWidth: STROKES.box,
      fill: 'rgba(255, 210, 63, 0.2)',
    });
    const outBox = new Rect({
      position: () =>
        this.localOut(this.point())
          .add(this.localOut(this.point() + this.step()))
          .scale(0.5),
      width: () =>
        Math.max(
          3,
          Math.abs(
            this.localOut(this.point() + this.step()).x -
              this.localOut(this.point()).x,
          ),
        ),
      height: 26,
      stroke: () => captionColor(this.stretch().kind),
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
      text: () => describeStretch(this.stretch()),
      fontFamily: FONTS.text,
      fontWeight: 600,
      fontSize: SIZES.label,
      fill: () => captionColor(this.stretch().kind),
      y: () => -this.frameHeight() / 2 - 34,
    });
    const zoomLabel = new Txt({
      text: () => `×${formatNumber(Math.round(this.zoom()))}`,
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
    const lensLines = [-1, 1].map(
      side =>
        new Line({
          points: () => this.lensConnector(side),
          stroke: COLORS.axis,
          lineWidth: STROKES.minorTick,
          opacity: () => (this.source && this.showLens() ? 0.5 : 0),
        }),
    );
    this.add([lens, ...lensLines, this.frame, this.caption]);
  }

  /** Pixels per unit before magnification. */
  public baseUnit(): number {
    const u = this.unit();
    if (u > 0) return u;
    return this.source ? Math.abs(this.source.unitLength()) : 200;
  }

  /** Half the visible range, in numbers, of each inner line. */
  public radius(): number {
    return (
      (this.frameWidth() - 100) /
      2 /
      (this.baseUnit() * Math.max(1e-9, this.zoom()))
    );
  }

  /** f(x), the centre of the output neighbourhood (x itself where f is undefined, so the frame stays drawable). */
  public center(): number {
    return valueAt(this.fn(), this.point()) ?? this.point();
  }

  /** The local step dx of the ticks x ± dx: a nice step for the visible range, shrunk where f' spreads the images. */
  public step(): number {
    const dx = this.dx();
    if (dx > 0) return dx;
    // Narrow enough that the images of x ± dx, spread by |f'(x)|, stay inside the frame.
    const d = derivativeAt(this.fn(), this.point());
    const spread = Math.max(1, d.defined ? Math.abs(d.value) * 1.3 : 1);
    const r = this.radius() / spread;
    return niceStep(this.point() - r, this.point() + r, 4);
  }

  /** The lesson's classification of f'(x) at the point. */
  public stretch(): StretchKind {
    return classifyStretch(derivativeAt(this.fn(), this.point()));
  }

  /** The number x + k·dx. */
  private local(k: number): number {
    return this.point() + k * this.step();
  }

  private localIn(v: number): Vector2 {
    return this.inputLine.pointAt(v).add(this.inputLine.position());
  }

  private localOut(v: number): Vector2 {
    const fv = valueAt(this.fn(), v);
    return this.outputLine
      .pointAt(fv ?? this.center())
      .add(this.outputLine.position());
  }

  private lensPoint(): Vector2 {
    return this.source ? this.source.pointIn(this, this.point()) : Vector2.zero;
  }

  private lensConnector(side: number): Vector2[] {
    const p = this.lensPoint();
    const w = this.frameWidth() / 2;
    const h = this.frameHeight() / 2;
    // Join the lens to the two corners of the frame's edge that faces it.
    const y = p.y < 0 ? -h : h;
    const corner = new Vector2(side * w, y);
    const dir = corner.sub(p);
    const start = dir.magnitude > 15 ? p.add(dir.normalized.scale(15)) : p;
    return [start, corner];
  }

  /** Animates the magnification to `factor`, evenly in log scale so each tenfold zoom takes the same time. */
  public *zoomTo(
    factor: number,
    duration: number,
    timing: TimingFunction = easeInOutCubic,
  ) {
    const from = Math.log(this.zoom());
    const to = Math.log(factor);
    yield* tween(duration, t => this.zoom(Math.exp(map(from, to, timing(t)))));
    this.zoom(factor);
  }

  /** Live state for tests: the point, zoom, local step, caption and the local ticks with their images. */
  public probe(): Record<string, unknown> {
    const f = this.fn();
    const ticks = [-1, 0, 1].map(k => this.local(k));
    return {
      point: this.point(),
      zoom: this.zoom(),
      dx: this.step(),
      caption: describeStretch(this.stretch()),
      kind: this.stretch().kind,
      ticks,
      images: ticks.map(v => valueAt(f, v) ?? null),
      inputPixels: ticks.map(v => this.localIn(v).x),
      outputPixels: ticks.map(v => this.localOut(v).x),
    };
  }
}
