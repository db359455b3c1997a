import {
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
  TimingFunction,
  Vector2,
  clamp,
  easeInOutCubic,
  map as lerp,
} from '@motion-canvas/core';
import {
  chainAt,
  composeAll,
  formatFixed,
  imageOfInterval,
  numberToPoint,
} from '../math';
import type {ChainAtPoint, IntervalImage, RealFunction, Scale} from '../math';
import {COLORS, SIZES, STROKES} from '../theme';
import {NumberLine} from './NumberLine';
import {Readout} from './Readout';

/** Colours of the stacked lines, top to bottom (cycled past the third). */
const LINE_COLORS = [COLORS.input, COLORS.output, COLORS.third];

/** Height of an interval box on its line. */
const BOX_HEIGHT = 34;

/** Where a map's swept region starts below its line: under the tick numbers. */
const TRAPEZOID_TOP = 60;

/** Gap between a line's end and the names / readouts beside it. */
const SIDE_GAP = 44;

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
  /** Left end x of the interval on the first line (`x` itself is a Node's position). */
  pointX?: SignalValue<number>;
  /** Length of the interval on the first line. */
  dx?: SignalValue<number>;
  /** Stages shown: 0 = the interval on the first line only; k = it has flowed through k maps. */
  progress?: SignalValue<number>;
  /** LaTeX name of each line, top to bottom (default: the composition so far, x, x^2, ...). */
  lineNames?: SignalValue<string[] | null>;
  /** LaTeX name of each map, written beside its arrow (default: its formula). */
  mapNames?: SignalValue<string[] | null>;
  /** Readout label of each stage's factor, e.g. "g'(x)" (default: "stage 1", ...). */
  factorLabels?: SignalValue<string[] | null>;
  /** LaTeX label over the interval on each line, e.g. "dx", "g'(x)\,dx" ('' for none). */
  lengthLabels?: SignalValue<string[] | null>;
  /** Readout label of the running product. */
  productLabel?: SignalValue<string>;
}

/**
 * Stacked number lines with the maps between them, a tiny interval carried through each map, each stage's stretch factor and their running product.
 *
 * @remarks
 * n maps make n + 1 lines. Where the interval lands on each line is
 * {@link imageOfInterval} of the composition so far; each stage's factor and the
 * running product come from {@link chainAt}, so the product shown is the chain
 * rule's f'(g(x))·g'(x)·... at x.
 *
 * @example
 * ```tsx
 * const stack = createRef<ChainStack>();
 * view.add(<ChainStack ref={stack} fns={[linear(3, 0), linear(2, 0)]} min={-0.5} max={3.5} pointX={0.25} dx={0.25} />);
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

  /** The stacked lines, top to bottom (built for the number of maps given at construction). */
  public readonly lines: NumberLine[] = [];
  /** Each stage's factor readout. */
  public readonly factorReadouts: Readout[] = [];
  /** The running-product readouts, on lines 3, 4, ... (index k − 2 for line k, 0-based). */
  public readonly productReadouts: Readout[] = [];

  public constructor(props: ChainStackProps) {
    super(props);
    const n = this.fns().length;
    const half = () => this.length() / 2;
    const children: Node[] = [];

    for (let k = 0; k <= n; k++) {
      const color = LINE_COLORS[k % LINE_COLORS.length];
      const line = (
        <NumberLine
          min={() => this.scaleOf(k).min}
          max={() => this.scaleOf(k).max}
          length={() => this.length()}
          color={color}
          y={() => this.lineY(k)}
        />
      ) as NumberLine;
      this.lines.push(line);
      children.push(line);
      children.push(
        <Latex
          tex={() => this.lineNameOf(k)}
          fill={color}
          fontSize={SIZES.body}
          offset={[1, 0]}
          position={() => [-half() - SIDE_GAP, this.lineY(k)]}
        />,
      );
    }

    // Between lines: the map's trapezoid (behind), arrow and name, and its factor readout.
    for (let i = 0; i < n; i++) {
      const color = LINE_COLORS[(i + 1) % LINE_COLORS.length];
      const appear = () => clamp(0, 1, (this.progress() - i - 0.7) / 0.3);
      children.unshift(
        <Line
          points={() => this.trapezoid(i)}
          closed
          fill={COLORS.dx + '26'}
          opacity={() => clamp(0, 1, (this.progress() - i) * 4)}
        />,
      );
      children.push(
        <Line
          points={() => [
            [-half() - SIDE_GAP / 2, this.lineY(i) + 40],
            [-half() - SIDE_GAP / 2, this.lineY(i + 1) - 40],
          ]}
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
          position={() => [
            -half() - SIDE_GAP,
            (this.lineY(i) + this.lineY(i + 1)) / 2,
          ]}
        />,
      );
      const readout = (
        <Readout
          label={() => this.factorLabelOf(i)}
          value={() => this.chain().stages[i].factor}
          color={color}
          fontSize={SIZES.label}
          offset={[-1, 0]}
          position={() => [
            half() + SIDE_GAP,
            (this.lineY(i) + this.lineY(i + 1)) / 2,
          ]}
          opacity={appear}
        />
      ) as Readout;
      this.factorReadouts.push(readout);
      children.push(readout);
    }

    // The interval on each line, then its length label; line k shows once it has arrived.
    for (let k = 0; k <= n; k++) {
      const shown = () => (k === 0 || this.progress() >= k ? 1 : 0);
      children.push(
        <Rect
          position={() => this.boxRect(k).position}
          width={() => this.boxRect(k).width}
          height={BOX_HEIGHT}
          fill={COLORS.dx + '55'}
          stroke={COLORS.dx}
          lineWidth={STROKES.box}
          opacity={shown}
        />,
      );
      children.push(
        <Latex
          tex={() => this.lengthLabelOf(k)}
          fill={COLORS.dx}
          fontSize={SIZES.label}
          offset={[0, 1]}
          position={() => [
            this.boxRect(k).position.x,
            this.lineY(k) - BOX_HEIGHT / 2 - 10,
          ]}
          opacity={() => (this.lengthLabelOf(k) ? shown() : 0)}
        />,
      );
      if (k >= 2) {
        const product = (
          <Readout
            label={() => this.productLabel()}
            value={() => this.runningProduct(k).product}
            color={COLORS.dx}
            fontSize={SIZES.label}
            offset={[-1, 0]}
            position={() => [half() + SIDE_GAP, this.lineY(k)]}
            opacity={() => clamp(0, 1, (this.progress() - (k - 1) - 0.7) / 0.3)}
          />
        ) as Readout;
        this.productReadouts.push(product);
        children.push(product);
      }
    }

    // The box in flight between two lines.
    children.push(
      <Rect
        position={() => this.movingRect().position}
        width={() => this.movingRect().width}
        height={BOX_HEIGHT}
        fill={COLORS.dx + '55'}
        stroke={COLORS.dx}
        lineWidth={STROKES.box}
        opacity={() => this.movingRect().opacity}
      />,
    );
    this.add(children);
  }

  /** Number of maps. */
  @computed()
  public stageCount(): number {
    return this.fns().length;
  }

  /** The Scale of line k (0-based, top to bottom). */
  public scaleOf(k: number): Scale {
    const ranges = this.ranges();
    const [min, max] = ranges?.[k] ?? [this.min(), this.max()];
    return {min, max, length: this.length()};
  }

  /** The y of line k: the stack is centred on the node. */
  public lineY(k: number): number {
    return (k - this.stageCount() / 2) * this.gap();
  }

  /** The chain rule at x: every stage's factor and the product. */
  @computed()
  public chain(): ChainAtPoint {
    return chainAt(this.fns(), this.pointX());
  }

  /** The chain through the first k maps (k ≥ 1): its product is the running product on line k. */
  public runningProduct(k: number): ChainAtPoint {
    return chainAt(this.fns().slice(0, k), this.pointX());
  }

  /** The composition of the first k maps: line 1 to line k + 1. */
  public compositionTo(k: number): RealFunction {
    return composeAll(...this.fns().slice(0, k).reverse());
  }

  /** Where [x, x + dx] lands on line k (k = 0: the interval itself). */
  public intervalOn(k: number): IntervalImage {
    return imageOfInterval(this.compositionTo(k), this.pointX(), this.dx());
  }

  /** Pixel ends of the interval on line k, along the line. */
  public boxEnds(k: number): [number, number] {
    const [a, b] = this.intervalOn(k).output;
    const scale = this.scaleOf(k);
    return [numberToPoint(scale, a), numberToPoint(scale, b)];
  }

  /** The box on line k: its centre and (unsigned) width. */
  public boxRect(k: number): {position: Vector2; width: number} {
    const [a, b] = this.boxEnds(k);
    return {
      position: new Vector2((a + b) / 2, this.lineY(k)),
      width: Math.abs(b - a),
    };
  }

  /** The region swept by map i: the interval on line i joined to its image on line i + 1. */
  public trapezoid(i: number): Vector2[] {
    const [a0, b0] = this.boxEnds(i);
    const [a1, b1] = this.boxEnds(i + 1);
    // From below line i's tick numbers, so the numbers stay clear.
    const y0 = this.lineY(i) + TRAPEZOID_TOP;
    const y1 = this.lineY(i + 1) - BOX_HEIGHT / 2;
    return [
      new Vector2(a0, y0),
      new Vector2(b0, y0),
      new Vector2(b1, y1),
      new Vector2(a1, y1),
    ];
  }

  /** The box between lines while a stage flows (progress has a fractional part). */
  @computed()
  public movingRect(): {position: Vector2; width: number; opacity: number} {
    const p = clamp(0, this.stageCount(), this.progress());
    const i = Math.min(Math.floor(p), this.stageCount() - 1);
    const s = p - i;
    if (s <= 0 || s >= 1) return {position: Vector2.zero, width: 0, opacity: 0};
    const [a0, b0] = this.boxEnds(i);
    const [a1, b1] = this.boxEnds(i + 1);
    const a = lerp(a0, a1, s);
    const b = lerp(b0, b1, s);
    return {
      position: new Vector2(
        (a + b) / 2,
        lerp(this.lineY(i), this.lineY(i + 1), s),
      ),
      width: Math.abs(b - a),
      opacity: 1,
    };
  }

  public lineNameOf(k: number): string {
    return (
      this.lineNames()?.[k] ?? (k === 0 ? 'x' : this.compositionTo(k).tex())
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

  /** Hides every stage again: only the interval on the first line remains. */
  public *reset(duration = 0.8): ThreadGenerator {
    yield* this.progress(0, duration);
  }

  /** Slides the interval's left end to x; every image, factor and product follows. */
  public *slideTo(
    x: number,
    duration = 2,
    timing: TimingFunction = easeInOutCubic,
  ): ThreadGenerator {
    yield* this.pointX(x, duration, timing);
  }

  /** The live state: each stage's factor, the product, and where the interval lands on each line. */
  public probe(): Record<string, unknown> {
    const chain = this.chain();
    const toWorld = (p: Vector2) => {
      // Scene coordinates (origin at the centre), as probeScene reports positions.
      const w = p.transformAsPoint(
        this.view().worldToLocal().multiply(this.localToWorld()),
      );
      return [w.x, w.y];
    };
    return {
      x: this.pointX(),
      dx: this.dx(),
      progress: this.progress(),
      factors: chain.stages.map(s =>
        s.factor.defined ? s.factor.value : null,
      ),
      factorTexts: chain.stages.map(s => formatFixed(s.factor)),
      product: chain.product.defined ? chain.product.value : null,
      productText: formatFixed(chain.product),
      factorReadouts: this.factorReadouts.map(r => r.content()),
      productReadouts: this.productReadouts.map(r => r.content()),
      intervals: Array.from(
        {length: this.stageCount() + 1},
        (_, k) => this.intervalOn(k).output,
      ),
      boxes: Array.from({length: this.stageCount() + 1}, (_, k) => {
        const [a, b] = this.boxEnds(k);
        return {
          left: toWorld(new Vector2(Math.min(a, b), this.lineY(k))),
          right: toWorld(new Vector2(Math.max(a, b), this.lineY(k))),
        };
      }),
    };
  }
}
