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
import * as geo from '../geometry/functionGraph';
import type {
  FunctionGraphProbe,
  FunctionGraphState,
  Plot,
  TangentGeometry,
} from '../geometry/functionGraph';
import type {Derivative, RealFunction, Scale} from '../math';
import {COLORS, FONTS, SIZES, STROKES} from '../theme';
import {NumberLine} from './NumberLine';
import {Readout} from './Readout';

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
 * Everything it draws is computed by src/geometry/functionGraph.ts: the graph
 * from `graphPolylines` (adaptive, broken where f is undefined, ending
 * where the curve leaves the view), the point (x, f(x)), the tangent with
 * slope f'(x), the triangle with run `run` and rise f'(x)·run, and the
 * labels' texts; this node wires its signals to it and draws the result.
 * `probe()` reports what it drew in scene pixels and `subject()` the
 * function, for src/truth/functionGraph.ts to check.
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
            text={() => this.geometry().runLabel.text}
            fontFamily={FONTS.text}
            fontSize={SIZES.small}
            fill={COLORS.text}
            position={() => this.runLabelPosition()}
          />
          <Txt
            text={() => this.geometry().riseLabel.text}
            fontFamily={FONTS.text}
            fontSize={SIZES.small}
            fill={COLORS.dx}
            offset={() => this.geometry().riseLabelOffset}
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

  /** The plot's ranges and pixel size. */
  @computed()
  public plot(): Plot {
    return {
      xMin: this.xMin(),
      xMax: this.xMax(),
      yMin: this.yMin(),
      yMax: this.yMax(),
      width: this.width(),
      height: this.height(),
    };
  }

  /** The horizontal axis's Scale. */
  @computed()
  public xScale(): Scale {
    return geo.xScale(this.plot());
  }

  /** The vertical axis's Scale (min at the bottom). */
  @computed()
  public yScale(): Scale {
    return geo.yScale(this.plot());
  }

  /** Local pixel position of the math point (u, v). */
  public toPixel(u: number, v: number): Vector2 {
    return new Vector2(geo.plotPoint(this.plot(), u, v));
  }

  /** Where the axes cross: at 0 on each, or at the edge nearest 0 when 0 is out of range. */
  @computed()
  public axisCrossing(): Vector2 {
    return new Vector2(geo.axisCrossing(this.plot()));
  }

  /** The graph's polylines (local px): broken where f is undefined or jumps, ending where it leaves the view. */
  @computed()
  public graphLines(): [number, number][][] {
    return geo.graphLines(this.f(), this.plot());
  }

  /** The graph as SVG path data: one subpath per unbroken polyline. */
  @computed()
  public graphPath(): string {
    return geo.polylinePath(this.graphLines());
  }

  /** The point at x, its tangent and its triangle. */
  @computed()
  public geometry(): TangentGeometry {
    return geo.tangentAt(
      this.f(),
      this.plot(),
      this.pointX(),
      this.run(),
      this.tangentLength(),
    );
  }

  /** f(x), or undefined where f is not defined. */
  public value(): number | undefined {
    return this.geometry().value;
  }

  /** f'(x): the slope of the tangent, "undefined" where it does not exist. */
  public slope(): Derivative {
    return this.geometry().slope;
  }

  /** Whether the point, its tangent and triangle can be drawn at x. */
  public defined(): boolean {
    return this.geometry().defined;
  }

  /** f'(x)·run: the rise of the tangent over the triangle's run. */
  public rise(): Derivative {
    return this.geometry().rise;
  }

  public pointPixel(): Vector2 {
    return new Vector2(this.geometry().point);
  }

  /** End of the run: (x + run, f(x)). */
  public runCorner(): Vector2 {
    return new Vector2(this.geometry().runCorner);
  }

  /** Top of the rise: (x + run, f(x) + f'(x)·run), on the tangent. */
  public riseCorner(): Vector2 {
    return new Vector2(this.geometry().riseCorner);
  }

  public runLabelPosition(): Vector2 {
    return new Vector2(this.geometry().runLabel.position);
  }

  public riseLabelPosition(): Vector2 {
    return new Vector2(this.geometry().riseLabel.position);
  }

  /** A tangent segment of fixed pixel length centred on the point. */
  public tangentPoints(): Vector2[] {
    return this.geometry().tangent.map(p => new Vector2(p));
  }

  /** The axes' numbers as drawn (all but the two 0s). */
  public axisNumbers(): geo.AxisNumber[] {
    return geo.axisNumbers(
      this.xAxis().ticks(),
      this.yAxis().ticks(),
      geo.axisCrossing(this.plot()),
    );
  }

  /**
   * The axes' numbers, drawn here rather than by the NumberLines so that the
   * two 0s (each crossed by the other axis) can be left out, as on any graph.
   */
  protected override draw(context: CanvasRenderingContext2D): void {
    context.save();
    context.fillStyle = COLORS.text;
    for (const n of this.axisNumbers()) {
      const axis = n.axis === 'x' ? this.xAxis() : this.yAxis();
      context.font = `${axis.fontSize()}px ${FONTS.text}`;
      context.textAlign = n.axis === 'y' ? 'right' : 'center';
      context.textBaseline = n.axis === 'y' ? 'middle' : 'top';
      context.globalAlpha = n.alpha;
      context.fillText(n.text, n.position[0], n.position[1]);
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

  /** Everything drawn now, in this node's coordinates. */
  public state(): FunctionGraphState {
    const xAxis = this.xAxis();
    const yAxis = this.yAxis();
    const end = (line: NumberLine, value: number): [number, number] => {
      const p = line.pointAt(value).transformAsPoint(line.localToParent());
      return [p.x, p.y];
    };
    return {
      plot: this.plot(),
      lines: this.graphLines(),
      graphEnd: this.graphEnd(),
      label: this.graphLabel() || null,
      labelOpacity: this.graphEnd() * this.labelOpacity(),
      tangent: this.geometry(),
      axisNumbers: this.axisNumbers(),
      axes: {
        x: [end(xAxis, xAxis.min()), end(xAxis, xAxis.max())],
        y: [end(yAxis, yAxis.min()), end(yAxis, yAxis.max())],
      },
      readout: this.readout().content(),
      tangentOpacity: this.tangentOpacity(),
      triangleOpacity: this.triangleOpacity(),
      readoutOpacity: this.readoutOpacity(),
    };
  }

  /** The math it depicts: its function. */
  public subject(): RealFunction {
    return this.f();
  }

  /** What it drew, in scene pixels: axes, graph, point, tangent, triangle, labels and readout. */
  public probe(): FunctionGraphProbe {
    // Scene coordinates (origin at the centre), as probeScene reports positions.
    const matrix = this.view().worldToLocal().multiply(this.localToWorld());
    return geo.functionGraphProbe(this.state(), p => {
      const q = new Vector2(p).transformAsPoint(matrix);
      return [q.x, q.y];
    });
  }
}
