import {
  Circle,
  Latex,
  Line,
  Node,
  NodeProps,
  Rect,
  computed,
  initial,
  signal,
} from '@motion-canvas/2d';
import {
  SignalValue,
  SimpleSignal,
  ThreadGenerator,
  Color,
  TimingFunction,
  Vector2,
  easeInOutCubic,
} from '@motion-canvas/core';
import {
  CHAIN_STACK_LAYOUT as LAYOUT,
  boxOpacity,
  chainStackGeometry,
  compositionTo,
  derivativeValue,
  factorOpacity,
  lineRanges,
  movingBox,
  productOpacity,
  trapezoidOpacity,
} from '../geometry/chainStack';
import type {
  ChainStackGeometry,
  ChainStackMarkerProbe,
  ChainStackProbe,
  ChainStackReadoutProbe,
  MarkerPx,
  MovingBox,
} from '../geometry/chainStack';
import {formatFixed} from '../math';
import type {RealFunction, Scale} from '../math';
import {COLORS, SIZES, STROKES} from '../theme';
import {NumberLine} from './NumberLine';
import {Readout} from './Readout';

export interface ChainStackProps extends NodeProps {
  /** The maps, applied in order: fns[0] takes line 1 to line 2, fns[1] line 2 to line 3, ... */
  fns: SignalValue<RealFunction[]>;
  /** Range of every line, unless `ranges` gives one per line. */
  min?: SignalValue<number>;
  max?: SignalValue<number>;
  /** Range of each line, top to bottom (n + 1 entries); overrides min / max. */
  ranges?: SignalValue<[number, number][] | null>;
  /** Pixel length of each line. */
  length?: SignalValue<number>;
  /** Vertical pixels between consecutive lines. */
  gap?: SignalValue<number>;
  /** The point: the centre of the interval on the first line (`x` itself is a Node's position). */
  pointX?: SignalValue<number>;
  /** Length of the interval on the first line, [pointX − dx/2, pointX + dx/2]. */
  dx?: SignalValue<number>;
  /** Stages shown: 0 = the interval on the first line only; k = it has flowed through k maps. */
  progress?: SignalValue<number>;
  /** LaTeX name of each line, top to bottom (default: the composition so far, x, x^2, ...). */
  lineNames?: SignalValue<string[] | null>;
  /** LaTeX name of each map, written beside its arrow (default: its formula). */
  mapNames?: SignalValue<string[] | null>;
  /** Readout label of each stage's factor, e.g. "g'(x)" (default: "stage 1", ...). */
  factorLabels?: SignalValue<string[] | null>;
  /**
   * LaTeX label over the interval on each line ('' for none). Line k's label
   * names the length |product of the first k factors|·dx, e.g. "dx",
   * "g'(x)\,dx", "f'(g(x))\,g'(x)\,dx": the length of the box it sits on.
   */
  lengthLabels?: SignalValue<string[] | null>;
  /** Readout label of the running product. */
  productLabel?: SignalValue<string>;
  /** Opacity of the point's markers: x on the first line, g(x) on the second, ... (0, hidden, by default). */
  markers?: SignalValue<number>;
}

/**
 * Stacked number lines with the maps between them, a tiny interval carried through each map, each stage's stretch factor and their running product.
 *
 * @remarks
 * n maps make n + 1 lines. Every number and point drawn comes from
 * {@link chainStackGeometry}: the interval [x − dx/2, x + dx/2] is centred
 * on the point, the box on each line is its true image under the composition
 * so far, and each stage's factor and the running product come from
 * `chainAt`, so the product shown is the chain rule's f'(g(x))·g'(x)·... at x.
 * This node only wires signals to that geometry and draws it; `probe()`
 * reports what it drew, `subject()` the maps, and `checkChainStack`
 * (src/truth/chainStack.ts) holds the one to the other.
 *
 * @example
 * ```tsx
 * const stack = createRef<ChainStack>();
 * view.add(<ChainStack ref={stack} fns={[linear(3, 0), linear(2, 0)]} min={-0.5} max={3.5} pointX={0.375} dx={0.25} />);
 * yield* stack().showStage(0, 2);
 * yield* stack().showStage(1, 2);
 * ```
 */
export class ChainStack extends Node {
  @signal()
  declare public readonly fns: SimpleSignal<RealFunction[], this>;

  @initial(-1)
  @signal()
  declare public readonly min: SimpleSignal<number, this>;

  @initial(4)
  @signal()
  declare public readonly max: SimpleSignal<number, this>;

  @initial(null)
  @signal()
  declare public readonly ranges: SimpleSignal<[number, number][] | null, this>;

  @initial(1100)
  @signal()
  declare public readonly length: SimpleSignal<number, this>;

  @initial(250)
  @signal()
  declare public readonly gap: SimpleSignal<number, this>;

  @initial(0.5)
  @signal()
  declare public readonly pointX: SimpleSignal<number, this>;

  @initial(0.25)
  @signal()
  declare public readonly dx: SimpleSignal<number, this>;

  @initial(0)
  @signal()
  declare public readonly progress: SimpleSignal<number, this>;

  @initial(null)
  @signal()
  declare public readonly lineNames: SimpleSignal<string[] | null, this>;

  @initial(null)
  @signal()
  declare public readonly mapNames: SimpleSignal<string[] | null, this>;

  @initial(null)
  @signal()
  declare public readonly factorLabels: SimpleSignal<string[] | null, this>;

  @initial(null)
  @signal()
  declare public readonly lengthLabels: SimpleSignal<string[] | null, this>;

  @initial('product')
  @signal()
  declare public readonly productLabel: SimpleSignal<string, this>;

  @initial(0)
  @signal()
  declare public readonly markers: SimpleSignal<number, this>;

  /** The stacked lines, top to bottom (built for the number of maps given at construction). */
  public readonly lines: NumberLine[] = [];
  /** Each stage's factor readout. */
  public readonly factorReadouts: Readout[] = [];
  /** The running-product readouts, on lines 3, 4, ... (index k − 2 for line k, 0-based). */
  public readonly productReadouts: Readout[] = [];
  /** The box on each line. */
  private readonly boxes: Rect[] = [];
  /** The length label over each box. */
  private readonly labels: Latex[] = [];
  /** The region swept by each map. */
  private readonly sweeps: Line[] = [];
  /** The point's marker on each line. */
  private readonly markerDots: Circle[] = [];
  /** The box in flight between two lines. */
  private readonly flying: Rect;

  public constructor(props: ChainStackProps) {
    super(props);
    const n = this.fns().length;
    const line = (k: number) => this.geometry().lines[k];
    const stage = (i: number) => this.geometry().stages[i];
    const children: Node[] = [];

    for (let k = 0; k <= n; k++) {
      const numberLine = (
        <NumberLine
          min={() => line(k).scale.min}
          max={() => line(k).scale.max}
          length={() => line(k).scale.length}
          color={line(k).color}
          y={() => line(k).y}
        />
      ) as NumberLine;
      this.lines.push(numberLine);
      children.push(numberLine);
      children.push(
        <Latex
          tex={() => this.lineNameOf(k)}
          fill={line(k).color}
          fontSize={SIZES.body}
          offset={[1, 0]}
          position={() => line(k).nameAt}
        />,
      );
    }

    // Between lines: the map's swept region (behind), arrow and name, and its factor readout.
    for (let i = 0; i < n; i++) {
      const sweep = (
        <Line
          points={() => stage(i).trapezoid.map(([x, y]) => new Vector2(x, y))}
          closed
          fill={() => line(i + 1).boxColor + '26'}
          opacity={() => trapezoidOpacity(i, this.progress())}
        />
      ) as Line;
      this.sweeps.push(sweep);
      children.unshift(sweep);
      children.push(
        <Line
          points={() => stage(i).arrow.map(([x, y]) => new Vector2(x, y))}
          stroke={COLORS.muted}
          lineWidth={STROKES.arrow}
          endArrow
          arrowSize={14}
        />,
      );
      children.push(
        <Latex
          tex={() => this.mapNameOf(i)}
          fill={COLORS.text}
          fontSize={SIZES.body}
          offset={[1, 0]}
          position={() => stage(i).nameAt}
        />,
      );
      const readout = (
        <Readout
          label={() => this.factorLabelOf(i)}
          value={() => stage(i).factor}
          color={stage(i).color}
          fontSize={SIZES.label}
          offset={[-1, 0]}
          position={() => stage(i).readoutAt}
          opacity={() => factorOpacity(i, this.progress())}
        />
      ) as Readout;
      this.factorReadouts.push(readout);
      children.push(readout);
    }

    // The interval on each line, then its length label; line k shows once it has arrived.
    for (let k = 0; k <= n; k++) {
      const shown = () => boxOpacity(k, this.progress());
      const box = (
        <Rect
          x={() => line(k).box.centre}
          y={() => line(k).box.y}
          width={() => line(k).box.width}
          height={LAYOUT.boxHeight}
          fill={() => line(k).boxColor + '55'}
          stroke={() => line(k).boxColor}
          lineWidth={STROKES.box}
          opacity={shown}
        />
      ) as Rect;
      this.boxes.push(box);
      children.push(box);
      const label = (
        <Latex
          tex={() => this.lengthLabelOf(k)}
          fill={() => line(k).boxColor}
          fontSize={SIZES.label}
          offset={[0, 1]}
          position={() => line(k).labelAt}
          opacity={() => (this.lengthLabelOf(k) ? shown() : 0)}
        />
      ) as Latex;
      this.labels.push(label);
      children.push(label);
      if (k >= 2) {
        const product = (
          <Readout
            label={() => this.productLabel()}
            value={() => line(k).runningProduct}
            color={COLORS.dx}
            fontSize={SIZES.label}
            offset={[-1, 0]}
            position={() => line(k).productAt}
            opacity={() => productOpacity(k, this.progress())}
          />
        ) as Readout;
        this.productReadouts.push(product);
        children.push(product);
      }
    }

    // The point on each line, over its box: x, then where each map has taken it.
    for (let k = 0; k <= n; k++) {
      const marker = () => line(k).marker;
      const dot = (
        <Circle
          x={() => marker()?.at[0] ?? 0}
          y={() => marker()?.at[1] ?? line(k).y}
          size={LAYOUT.markerSize}
          fill={line(k).color}
          stroke={COLORS.background}
          lineWidth={STROKES.tick}
          opacity={() => (marker() ? this.markers() : 0)}
        />
      ) as Circle;
      this.markerDots.push(dot);
      children.push(dot);
    }

    // The box in flight between two lines.
    this.flying = (
      <Rect
        x={() => this.moving()?.centre ?? 0}
        y={() => this.moving()?.y ?? 0}
        width={() => this.moving()?.width ?? 0}
        height={LAYOUT.boxHeight}
        fill={() => (this.moving()?.color ?? COLORS.dx) + '55'}
        stroke={() => this.moving()?.color ?? COLORS.dx}
        lineWidth={STROKES.box}
        opacity={() => (this.moving() ? 1 : 0)}
      />
    ) as Rect;
    children.push(this.flying);
    this.add(children);
  }

  /** Number of maps. */
  @computed()
  public stageCount(): number {
    return this.fns().length;
  }

  /** Everything drawn, at the current point, from the pure geometry module. */
  @computed()
  public geometry(): ChainStackGeometry {
    return chainStackGeometry({
      fns: this.fns(),
      ranges: lineRanges(
        this.stageCount() + 1,
        this.ranges(),
        this.min(),
        this.max(),
      ),
      length: this.length(),
      gap: this.gap(),
      x: this.pointX(),
      dx: this.dx(),
    });
  }

  /** The box between lines while a stage flows (progress has a fractional part). */
  @computed()
  public moving(): MovingBox | null {
    return movingBox(this.geometry(), this.progress());
  }

  /** The Scale of line k (0-based, top to bottom). */
  public scaleOf(k: number): Scale {
    return this.geometry().lines[k].scale;
  }

  /** The y of line k: the stack is centred on the node. */
  public lineY(k: number): number {
    return this.geometry().lines[k].y;
  }

  public lineNameOf(k: number): string {
    return (
      this.lineNames()?.[k] ??
      (k === 0 ? 'x' : compositionTo(this.fns(), k).tex())
    );
  }

  public mapNameOf(i: number): string {
    return this.mapNames()?.[i] ?? this.fns()[i].tex();
  }

  public factorLabelOf(i: number): string {
    return this.factorLabels()?.[i] ?? `stage ${i + 1}`;
  }

  public lengthLabelOf(k: number): string {
    return this.lengthLabels()?.[k] ?? (k === 0 ? 'dx' : '');
  }

  /** Carries the interval through map i (line i + 1 to line i + 2, 1-based); its factor readout appears on arrival. */
  public *showStage(
    i: number,
    duration = 2,
    timing: TimingFunction = easeInOutCubic,
  ): ThreadGenerator {
    if (!Number.isInteger(i) || i < 0 || i >= this.stageCount()) {
      throw new Error(
        `ChainStack.showStage: expected a stage index from 0 to ${this.stageCount() - 1}, got ${i}`,
      );
    }
    this.progress(i);
    yield* this.progress(i + 1, duration, timing);
  }

  /** Shows (or, with 0, hides) the point's marker on every line. */
  public *showMarkers(opacity = 1, duration = 0.6): ThreadGenerator {
    yield* this.markers(opacity, duration);
  }

  /** Hides every stage again: only the interval on the first line remains. */
  public *reset(duration = 0.8): ThreadGenerator {
    yield* this.progress(0, duration);
  }

  /** Slides the point (the interval's centre) to x; every image, factor and product follows. */
  public *slideTo(
    x: number,
    duration = 2,
    timing: TimingFunction = easeInOutCubic,
  ): ThreadGenerator {
    yield* this.pointX(x, duration, timing);
  }

  /** The maps this stack depicts, for the checker. */
  public subject(): RealFunction[] {
    return this.fns();
  }

  /**
   * What is drawn, read from the drawn nodes: each line's range and box (in
   * this node's pixels and in scene coordinates), each label's text, anchor
   * and the length it names, every readout, the swept regions and the box in
   * flight. JSON-safe: no functions; a label or readout value is null where
   * the math says "undefined" (any other NaN is a bug the checker reports).
   */
  public probe(): ChainStackProbe {
    const geometry = this.geometry();
    const toScene = this.view().worldToLocal().multiply(this.localToWorld());
    const scene = (x: number, y: number): [number, number] => {
      const p = new Vector2(x, y).transformAsPoint(toScene);
      return [p.x, p.y];
    };
    const readout = (r: Readout): ChainStackReadoutProbe => {
      const v = r.value();
      return {
        label: r.label(),
        value: typeof v === 'number' ? finite(v) : derivativeValue(v),
        text: r.content(),
        opacity: r.opacity(),
      };
    };
    const factorReadouts = this.factorReadouts.map(readout);
    const productReadouts = this.productReadouts.map(readout);
    const moving = this.flying;
    return {
      type: 'ChainStack',
      x: this.pointX(),
      dx: this.dx(),
      progress: this.progress(),
      factors: geometry.factors.map(derivativeValue),
      product: derivativeValue(geometry.product),
      productText: formatFixed(geometry.product),
      factorReadouts: factorReadouts.map(r => r.text),
      productReadouts: productReadouts.map(r => r.text),
      lines: this.lines.map((numberLine, k) => {
        const box = this.boxes[k];
        const label = this.labels[k];
        const left = box.x() - box.width() / 2;
        const right = box.x() + box.width() / 2;
        const value = geometry.lines[k].labelValue;
        const ends = geometry.lines[k].image.ends;
        const span = geometry.lines[k].image.span;
        return {
          name: this.lineNameOf(k),
          range: [numberLine.min(), numberLine.max()],
          length: numberLine.length(),
          y: numberLine.y(),
          ends: [ends[0], ends[1]],
          interval: [span[0], span[1]],
          box: {
            left,
            right,
            y: box.y(),
            sceneLeft: scene(left, box.y()),
            sceneRight: scene(right, box.y()),
            opacity: box.opacity(),
            color: colorOf(box.stroke()),
          },
          label: {
            tex: [label.tex()].flat().join(''),
            value: finite(value),
            x: label.x(),
            y: label.y(),
            opacity: label.opacity(),
          },
          product: k >= 2 ? productReadouts[k - 2] : null,
          marker: markerProbe(geometry.lines[k].marker, this.markerDots[k]),
        };
      }),
      stages: this.sweeps.map((sweep, i) => ({
        name: this.mapNameOf(i),
        factor: derivativeValue(geometry.factors[i]),
        readout: factorReadouts[i],
        trapezoid: sweep.parsedPoints().map(p => [p.x, p.y]),
        trapezoidOpacity: sweep.opacity(),
      })),
      moving:
        moving.opacity() > 0
          ? {
              left: moving.x() - moving.width() / 2,
              right: moving.x() + moving.width() / 2,
              y: moving.y(),
              opacity: moving.opacity(),
            }
          : null,
    };
  }
}

/** A marker as drawn: the number the geometry placed it at, and where the dot is; null when the line has none. */
function markerProbe(
  marker: MarkerPx | null,
  dot: Circle,
): ChainStackMarkerProbe | null {
  return (
    marker && {
      value: marker.value,
      x: dot.x(),
      y: dot.y(),
      opacity: dot.opacity(),
    }
  );
}

/** A drawn colour as '#rrggbb' ('' for a gradient, a pattern or none). */
function colorOf(value: unknown): string {
  return value instanceof Color ? value.hex().slice(0, 7).toLowerCase() : '';
}

/** A number for the probe: null when not finite (JSON would turn it into null anyway). */
function finite(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
