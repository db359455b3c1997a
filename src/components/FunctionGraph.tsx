import {
  Circle,
  Latex,
  Line,
  Node,
  NodeProps,
  Path,
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
  createRef,
  easeInOutCubic,
} from '@motion-canvas/core';
import {
  derivativeAt,
  formatFixed,
  formatNumber,
  graphPolylines,
  numberToPoint,
  valueAt,
} from '../math';
import type {Derivative, RealFunction, Scale} from '../math';
import {COLORS, FONTS, SIZES, STROKES} from '../theme';
import {NumberLine} from './NumberLine';
import {Readout} from './Readout';

/** Distance from an axis to its numbers: half a tick (11 px) and a 10 px gap, as NumberLine draws them. */
const AXIS_LABEL_GAP = 21;

/** Rises shorter than this (px) get their label lifted above the tangent line. */
const RISE_LABEL_CLEARANCE = 36;

export interface FunctionGraphProps extends NodeProps {
  /** The function drawn. */
  f: SignalValue<RealFunction>;
  /** Range of the horizontal axis. */
  xMin?: SignalValue<number>;
  xMax?: SignalValue<number>;
  /** Range of the vertical axis. */
  yMin?: SignalValue<number>;
  yMax?: SignalValue<number>;
  /** Pixel size of the plot. */
  width?: SignalValue<number>;
  height?: SignalValue<number>;
  /** The x of the sliding point (`x` itself is a Node's position). */
  pointX?: SignalValue<number>;
  /** The run of the rise-over-run triangle (math units). */
  run?: SignalValue<number>;
  /** How much of the graph is drawn, 0 to 1 from the left (see {@link FunctionGraph.drawGraph}). */
  graphEnd?: SignalValue<number>;
  /** Opacity of the point and its tangent line. */
  tangentOpacity?: SignalValue<number>;
  /** Opacity of the rise-over-run triangle and its labels. */
  triangleOpacity?: SignalValue<number>;
  /** Opacity of the slope readout. */
  readoutOpacity?: SignalValue<number>;
  /** Pixel length of the tangent segment. */
  tangentLength?: SignalValue<number>;
  /** LaTeX of the graph's name, drawn near its right end; '' for none. */
  graphLabel?: SignalValue<string>;
  /** Opacity of the graph's name (it also follows how much of the graph is drawn). */
  labelOpacity?: SignalValue<number>;
  /** Where the graph's name sits (local pixels). */
  graphLabelPosition?: SignalValue<PossibleVector2>;
  /** Where the slope readout's left edge sits (local pixels). */
  readoutPosition?: SignalValue<PossibleVector2>;
}

/**
 * Axes from two NumberLines, the graph of f, a point sliding on it with its tangent, a rise-over-run triangle and a slope readout.
 *
 * @remarks
 * The graph comes from {@link graphPolylines} (adaptive, smooth on steep
 * parts, broken where f is undefined); f(x) and f'(x) come from
 * {@link valueAt} and {@link derivativeAt}. The triangle's run is `run` and its
 * rise f'(x)·run, the tangent's own rise over that run.
 *
 * @example
 * ```tsx
 * const graph = createRef<FunctionGraph>();
 * view.add(<FunctionGraph ref={graph} f={cube} xMin={-2} xMax={2} yMin={-3} yMax={3} pointX={-1} />);
 * yield* graph().slideTo(1.5, 3);
 * ```
 */
export class FunctionGraph extends Node {
  @signal()
  declare public readonly f: SimpleSignal<RealFunction, this>;

  @initial(-4)
  @signal()
  declare public readonly xMin: SimpleSignal<number, this>;

  @initial(4)
  @signal()
  declare public readonly xMax: SimpleSignal<number, this>;

  @initial(-3)
  @signal()
  declare public readonly yMin: SimpleSignal<number, this>;

  @initial(3)
  @signal()
  declare public readonly yMax: SimpleSignal<number, this>;

  @initial(1200)
  @signal()
  declare public readonly width: SimpleSignal<number, this>;

  @initial(800)
  @signal()
  declare public readonly height: SimpleSignal<number, this>;

  @initial(0)
  @signal()
  declare public readonly pointX: SimpleSignal<number, this>;

  @initial(1)
  @signal()
  declare public readonly run: SimpleSignal<number, this>;

  @initial(1)
  @signal()
  declare public readonly graphEnd: SimpleSignal<number, this>;

  @initial(1)
  @signal()
  declare public readonly tangentOpacity: SimpleSignal<number, this>;

  @initial(1)
  @signal()
  declare public readonly triangleOpacity: SimpleSignal<number, this>;

  @initial(1)
  @signal()
  declare public readonly readoutOpacity: SimpleSignal<number, this>;

  @initial(1)
  @signal()
  declare public readonly labelOpacity: SimpleSignal<number, this>;

  @initial(520)
  @signal()
  declare public readonly tangentLength: SimpleSignal<number, this>;

  @initial(null)
  @signal()
  declare public readonly graphLabel: SimpleSignal<string | null, this>;

  @initial(Vector2.zero)
  @vector2Signal('graphLabelPosition')
  declare public readonly graphLabelPosition: Vector2Signal<this>;

  @initial(Vector2.zero)
  @vector2Signal('readoutPosition')
  declare public readonly readoutPosition: Vector2Signal<this>;

  /** The horizontal axis. */
  public readonly xAxis = createRef<NumberLine>();
  /** The vertical axis. */
  public readonly yAxis = createRef<NumberLine>();
  /** The slope readout. */
  public readonly readout = createRef<Readout>();

  public constructor(props: FunctionGraphProps) {
    super(props);
    if (props.graphLabel === undefined) {
      this.graphLabel(() => `f(x) = ${this.f().tex()}`);
    }
    if (props.graphLabelPosition === undefined) {
      this.graphLabelPosition(() => [
        this.width() / 2 - 20,
        -this.height() / 2 + 30,
      ]);
    }
    if (props.readoutPosition === undefined) {
      this.readoutPosition(() => [
        -this.width() / 2 + 20,
        -this.height() / 2 + 30,
      ]);
    }
    this.add(
      <>
        <NumberLine
          ref={this.xAxis}
          min={() => this.xMin()}
          max={() => this.xMax()}
          length={() => this.width()}
          numbers={false}
          y={() => this.axisCrossing().y}
        />
        <NumberLine
          ref={this.yAxis}
          vertical
          min={() => this.yMin()}
          max={() => this.yMax()}
          length={() => this.height()}
          numbers={false}
          x={() => this.axisCrossing().x}
        />
        <Path
          data={() => this.graphPath()}
          stroke={COLORS.graph}
          lineWidth={STROKES.graph}
          lineCap="round"
          lineJoin="round"
          end={() => this.graphEnd()}
        />
        <Latex
          tex={() => this.graphLabel() ?? ''}
          fill={COLORS.graph}
          fontSize={SIZES.body}
          offset={[1, -1]}
          position={() => this.graphLabelPosition()}
          opacity={() =>
            this.graphLabel() ? this.graphEnd() * this.labelOpacity() : 0
          }
        />
        <Node opacity={() => this.triangleOpacity() * (this.defined() ? 1 : 0)}>
          <Line
            points={() => [
              this.pointPixel(),
              this.runCorner(),
              this.riseCorner(),
            ]}
            closed
            fill={COLORS.tangent + '30'}
            lineWidth={0}
          />
          <Line
            points={() => [this.pointPixel(), this.runCorner()]}
            stroke={COLORS.text}
            lineWidth={STROKES.tick}
          />
          <Line
            points={() => [this.runCorner(), this.riseCorner()]}
            stroke={COLORS.dx}
            lineWidth={STROKES.tick + 1}
          />
          <Txt
            text={() => `run = ${formatNumber(this.run())}`}
            fontFamily={FONTS.text}
            fontSize={SIZES.small}
            fill={COLORS.text}
            position={() => this.runLabelPosition()}
          />
          <Txt
            text={() => `rise = ${formatFixed(this.rise())}`}
            fontFamily={FONTS.text}
            fontSize={SIZES.small}
            fill={COLORS.dx}
            offset={() => [this.run() >= 0 ? -1 : 1, 0]}
            position={() => this.riseLabelPosition()}
          />
        </Node>
        <Node opacity={() => this.tangentOpacity() * (this.defined() ? 1 : 0)}>
          <Line
            points={() => this.tangentPoints()}
            stroke={COLORS.tangent}
            lineWidth={STROKES.tangent}
            lineCap="round"
          />
          <Circle
            size={22}
            fill={COLORS.dx}
            position={() => this.pointPixel()}
          />
        </Node>
        <Readout
          ref={this.readout}
          label="slope = f'(x)"
          value={() => this.slope()}
          fontSize={SIZES.label}
          color={COLORS.tangent}
          offset={[-1, -1]}
          position={() => this.readoutPosition()}
          opacity={() => this.readoutOpacity()}
        />
      </>,
    );
  }

  /** The horizontal axis's Scale. */
  @computed()
  public xScale(): Scale {
    return {min: this.xMin(), max: this.xMax(), length: this.width()};
  }

  /** The vertical axis's Scale (min at the bottom). */
  @computed()
  public yScale(): Scale {
    return {min: this.yMin(), max: this.yMax(), length: this.height()};
  }

  /** Local pixel position of the math point (u, v). */
  public toPixel(u: number, v: number): Vector2 {
    return new Vector2(
      numberToPoint(this.xScale(), u),
      -numberToPoint(this.yScale(), v),
    );
  }

  /** Where the axes cross: at 0 on each, or at the edge nearest 0 when 0 is out of range. */
  @computed()
  public axisCrossing(): Vector2 {
    const clampTo = (lo: number, hi: number) => Math.min(Math.max(0, lo), hi);
    const u = clampTo(
      Math.min(this.xMin(), this.xMax()),
      Math.max(this.xMin(), this.xMax()),
    );
    const v = clampTo(
      Math.min(this.yMin(), this.yMax()),
      Math.max(this.yMin(), this.yMax()),
    );
    return this.toPixel(u, v);
  }

  /** The graph as SVG path data: one subpath per unbroken polyline. */
  @computed()
  public graphPath(): string {
    const lines = graphPolylines(this.f(), this.xScale(), this.yScale(), {
      clipPx: Math.abs(this.height()) / 2 + 40,
    });
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

  /** f(x), or undefined where f is not defined. */
  @computed()
  public value(): number | undefined {
    return valueAt(this.f(), this.pointX());
  }

  /** f'(x): the slope of the tangent, "undefined" where it does not exist. */
  @computed()
  public slope(): Derivative {
    return derivativeAt(this.f(), this.pointX());
  }

  /** Whether the point, its tangent and triangle can be drawn at x. */
  @computed()
  public defined(): boolean {
    return this.value() !== undefined && this.slope().defined;
  }

  /** f'(x)·run: the rise of the tangent over the triangle's run. */
  @computed()
  public rise(): Derivative {
    const s = this.slope();
    return s.defined ? {defined: true, value: s.value * this.run()} : s;
  }

  @computed()
  public pointPixel(): Vector2 {
    return this.toPixel(this.pointX(), this.value() ?? 0);
  }

  /** End of the run: (x + run, f(x)). */
  @computed()
  public runCorner(): Vector2 {
    return this.toPixel(this.pointX() + this.run(), this.value() ?? 0);
  }

  /** Top of the rise: (x + run, f(x) + f'(x)·run), on the tangent. */
  @computed()
  public riseCorner(): Vector2 {
    const r = this.rise();
    return this.toPixel(
      this.pointX() + this.run(),
      (this.value() ?? 0) + (r.defined ? r.value : 0),
    );
  }

  @computed()
  public runLabelPosition(): Vector2 {
    const a = this.pointPixel();
    const b = this.runCorner();
    const above = this.riseCorner().y > b.y;
    return new Vector2((a.x + b.x) / 2, b.y + (above ? -30 : 30));
  }

  @computed()
  public riseLabelPosition(): Vector2 {
    const b = this.runCorner();
    const c = this.riseCorner();
    // A short rise would put its label on the tangent line: lift it clear.
    const lift =
      Math.abs(c.y - b.y) < RISE_LABEL_CLEARANCE ? -RISE_LABEL_CLEARANCE : 0;
    return new Vector2(
      b.x + (this.run() >= 0 ? 16 : -16),
      Math.min(b.y, c.y) + lift + Math.abs(c.y - b.y) / 2,
    );
  }

  /** A tangent segment of fixed pixel length centred on the point. */
  @computed()
  public tangentPoints(): Vector2[] {
    const p = this.pointPixel();
    const direction = this.riseCorner()
      .sub(p)
      .normalized.scale(this.tangentLength() / 2);
    return [p.sub(direction), p.add(direction)];
  }

  /**
   * The axes' numbers, drawn here rather than by the NumberLines so that the
   * two 0s (each crossed by the other axis) can be left out, as on any graph.
   */
  protected override draw(context: CanvasRenderingContext2D): void {
    const crossing = this.axisCrossing();
    context.save();
    context.fillStyle = COLORS.text;
    for (const [axis, vertical] of [
      [this.xAxis(), false],
      [this.yAxis(), true],
    ] as const) {
      context.font = `${axis.fontSize()}px ${FONTS.text}`;
      context.textAlign = vertical ? 'right' : 'center';
      context.textBaseline = vertical ? 'middle' : 'top';
      for (const tick of axis.ticks()) {
        if (tick.value === 0 || tick.labelAlpha <= 0.01) continue;
        context.globalAlpha = tick.labelAlpha;
        if (vertical) {
          context.fillText(tick.text, crossing.x - AXIS_LABEL_GAP, -tick.point);
        } else {
          context.fillText(tick.text, tick.point, crossing.y + AXIS_LABEL_GAP);
        }
      }
    }
    context.restore();
    super.draw(context);
  }

  /** Draws the graph in from the left. */
  public *drawGraph(
    duration = 2,
    timing: TimingFunction = easeInOutCubic,
  ): ThreadGenerator {
    this.graphEnd(0);
    yield* this.graphEnd(1, duration, timing);
  }

  /** Slides the point (with its tangent, triangle and readout) to x. */
  public *slideTo(
    x: number,
    duration = 2,
    timing: TimingFunction = easeInOutCubic,
  ): ThreadGenerator {
    yield* this.pointX(x, duration, timing);
  }

  /** The live state: x, f(x), the slope, and the point's position in the scene. */
  public probe(): Record<string, unknown> {
    // Scene coordinates (origin at the centre), as probeScene reports positions.
    const matrix = this.view().worldToLocal().multiply(this.localToWorld());
    const world = this.pointPixel().transformAsPoint(matrix);
    const slope = this.slope();
    return {
      x: this.pointX(),
      fx: this.value() ?? null,
      slope: slope.defined ? slope.value : null,
      slopeText: formatFixed(slope),
      readoutText: this.readout().content(),
      pointPixel: [world.x, world.y],
      runCorner: (() => {
        const w = this.runCorner().transformAsPoint(matrix);
        return [w.x, w.y];
      })(),
      riseCorner: (() => {
        const w = this.riseCorner().transformAsPoint(matrix);
        return [w.x, w.y];
      })(),
    };
  }
}
