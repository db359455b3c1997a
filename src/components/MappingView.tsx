import {
  Node,
  type NodeProps,
  computed,
  initial,
  nodeName,
  signal,
} from '@motion-canvas/2d';
import {
  BBox,
  type SignalValue,
  type SimpleSignal,
  Vector2,
  all,
  easeInOutCubic,
  linear,
} from '@motion-canvas/core';
import * as geo from '../geometry/mappingView';
import type {
  Fold,
  MappedDot,
  MappingArrow,
  MappingLayout,
  MappingViewProbe,
  MappingViewState,
  Route,
} from '../geometry/mappingView';
import {square} from '../math';
import type {RealFunction} from '../math/types';
import {COLORS, STROKES} from '../theme';
import {NumberLine} from './NumberLine';

export type {MappedDot} from '../geometry/mappingView';

export interface MappingViewProps extends NodeProps {
  /** {@inheritDoc MappingView.fn} */
  fn?: SignalValue<RealFunction>;
  /** {@inheritDoc MappingView.inputMin} */
  inputMin?: SignalValue<number>;
  /** {@inheritDoc MappingView.inputMax} */
  inputMax?: SignalValue<number>;
  /** {@inheritDoc MappingView.outputMin} */
  outputMin?: SignalValue<number>;
  /** {@inheritDoc MappingView.outputMax} */
  outputMax?: SignalValue<number>;
  /** {@inheritDoc MappingView.length} */
  length?: SignalValue<number>;
  /** {@inheritDoc MappingView.gap} */
  gap?: SignalValue<number>;
  /** {@inheritDoc MappingView.samples} */
  samples?: SignalValue<number[]>;
  /** {@inheritDoc MappingView.copyTicks} */
  copyTicks?: SignalValue<number[]>;
  /** {@inheritDoc MappingView.dotRadius} */
  dotRadius?: SignalValue<number>;
  /** {@inheritDoc MappingView.inputLabel} */
  inputLabel?: SignalValue<string>;
  /** {@inheritDoc MappingView.outputLabel} */
  outputLabel?: SignalValue<string>;
  /** {@inheritDoc MappingView.dotOpacity} */
  dotOpacity?: SignalValue<number>;
  /** {@inheritDoc MappingView.arrowSamples} */
  arrowSamples?: SignalValue<number[]>;
  /** {@inheritDoc MappingView.foldAt} */
  foldAt?: SignalValue<number | null>;
  /** {@inheritDoc MappingView.foldOffset} */
  foldOffset?: SignalValue<number>;
  /** {@inheritDoc MappingView.foldBend} */
  foldBend?: SignalValue<number>;
}

/** Margin, in pixels, beyond the lines' ends where motion is still drawn before it is clipped. */
const CLIP_MARGIN = 14;

/**
 * A function drawn as a mapping: an input line ("Inputs") over an output line
 * ("Outputs"); sample dots flow from x to f(x) leaving faded ghosts, arrows
 * grow from input to output, and a copy of the input line deforms onto the
 * output line so that bunching and spreading are visible.
 *
 * @remarks
 * Everything it draws is computed by src/geometry/mappingView.ts (dots on the
 * straight path from x to f(x), ghosts, arrows, the deforming copy, broken
 * where f is undefined or jumps); this node wires its signals to it and
 * strokes the result. Images beyond the output line are clipped at its ends
 * and fade as they travel, and points where f is undefined are skipped.
 * `probe()` reports what it drew in scene pixels and `subject()` the
 * function, for src/truth/mappingView.ts to check.
 *
 * @example
 * ```tsx
 * <MappingView ref={m} fn={square} inputMin={-3} inputMax={4} outputMin={-1} outputMax={10} />
 * yield* m().flowDots(2, 0.05);
 * ```
 */
@nodeName('MappingView')
export class MappingView extends Node {
  /** The function drawn. */
  @initial(square)
  @signal()
  declare public readonly fn: SimpleSignal<RealFunction, this>;

  @initial(-3)
  @signal()
  declare public readonly inputMin: SimpleSignal<number, this>;

  @initial(4)
  @signal()
  declare public readonly inputMax: SimpleSignal<number, this>;

  @initial(-1)
  @signal()
  declare public readonly outputMin: SimpleSignal<number, this>;

  @initial(10)
  @signal()
  declare public readonly outputMax: SimpleSignal<number, this>;

  /** Pixel length of both lines. */
  @initial(1400)
  @signal()
  declare public readonly length: SimpleSignal<number, this>;

  /** Vertical distance between the input line (above) and the output line (below). */
  @initial(400)
  @signal()
  declare public readonly gap: SimpleSignal<number, this>;

  /** The inputs of the sample dots; empty means 41 evenly spaced points over the input range. */
  @initial([])
  @signal()
  declare public readonly samples: SimpleSignal<number[], this>;

  /** The ticks carried by the deforming copy of the input line; empty means ticks at half the line's step. */
  @initial([])
  @signal()
  declare public readonly copyTicks: SimpleSignal<number[], this>;

  @initial(9)
  @signal()
  declare public readonly dotRadius: SimpleSignal<number, this>;

  @initial('Inputs')
  @signal()
  declare public readonly inputLabel: SimpleSignal<string, this>;

  @initial('Outputs')
  @signal()
  declare public readonly outputLabel: SimpleSignal<string, this>;

  /** Opacity of the sample dots (fade them in with {@link showDots}). */
  @initial(1)
  @signal()
  declare public readonly dotOpacity: SimpleSignal<number, this>;

  /** Progress of the staggered dot flow, 0 (all on the input line) to 1 (all landed). */
  @initial(0)
  @signal()
  declare public readonly dotProgress: SimpleSignal<number, this>;

  /** Seconds each dot takes to travel, as set by the last {@link flowDots}. */
  @initial(2)
  @signal()
  declare public readonly flowDuration: SimpleSignal<number, this>;

  /** Seconds between two consecutive dots' departures, as set by the last {@link flowDots}. */
  @initial(0)
  @signal()
  declare public readonly flowStagger: SimpleSignal<number, this>;

  /** How far the arrows have grown from the input line to the output line, 0 to 1. */
  @initial(0)
  @signal()
  declare public readonly arrowProgress: SimpleSignal<number, this>;

  /** Opacity of the arrows. */
  @initial(1)
  @signal()
  declare public readonly arrowOpacity: SimpleSignal<number, this>;

  /** Opacity of the faded ghosts the dots leave behind (relative; ghosts are always faint). */
  @initial(1)
  @signal()
  declare public readonly ghostOpacity: SimpleSignal<number, this>;

  /** Progress of the deforming copy of the input line, 0 (on the input line) to 1 (on the output line). */
  @initial(0)
  @signal()
  declare public readonly tickProgress: SimpleSignal<number, this>;

  /**
   * Where the deformed copy lands, in pixels above (negative) or below the
   * output line: just above it by default, so its ticks stay readable beside
   * the output line's own ticks.
   */
  @initial(-34)
  @signal()
  declare public readonly copyOffset: SimpleSignal<number, this>;

  /** Opacity of the deforming copy. */
  @initial(0)
  @signal()
  declare public readonly copyOpacity: SimpleSignal<number, this>;

  /** The inputs whose dots get arrows; empty means every dot. */
  @initial([])
  @signal()
  declare public readonly arrowSamples: SimpleSignal<number[], this>;

  /**
   * Whether the dots ride the deforming copy (set by {@link ride}): each
   * goes where the copy takes its x, so dots and line move together.
   */
  @initial(false)
  @signal()
  declare public readonly dotsRide: SimpleSignal<boolean, this>;

  /**
   * Where the copy is split, or null: inputs below it (and their riding
   * dots) stay until {@link fold} carries them on bowed routes onto a lane
   * of their own, so a map that sends −x and x to one place (x²) does not
   * land them on top of each other.
   */
  @initial(null)
  @signal()
  declare public readonly foldAt: SimpleSignal<number | null, this>;

  /** Progress of the folded part, 0 (on the input line) to 1 (landed on its lane). */
  @initial(0)
  @signal()
  declare public readonly foldProgress: SimpleSignal<number, this>;

  /** The folded part's lane: px above (negative) or below the output line, further out than the copy's. */
  @initial(-96)
  @signal()
  declare public readonly foldOffset: SimpleSignal<number, this>;

  /** The bow of the folded part's routes, as a fraction of each chord (positive bulges down-left of a rightward chord). */
  @initial(0.12)
  @signal()
  declare public readonly foldBend: SimpleSignal<number, this>;

  /** The input line (above). */
  public readonly input: NumberLine;
  /** The output line (below). */
  public readonly output: NumberLine;

  public constructor(props: MappingViewProps) {
    super(props);
    this.input = new NumberLine({
      min: () => this.inputMin(),
      max: () => this.inputMax(),
      length: () => this.length(),
      y: () => -this.gap() / 2,
      label: () => this.inputLabel(),
      color: COLORS.input,
    });
    this.output = new NumberLine({
      min: () => this.outputMin(),
      max: () => this.outputMax(),
      length: () => this.length(),
      y: () => this.gap() / 2,
      label: () => this.outputLabel(),
      color: COLORS.output,
    });
    this.insert([this.input, this.output], 0);
  }

  /** Where the two lines are: their ranges, pixel length and the gap between them. */
  @computed()
  public layout(): MappingLayout {
    const length = this.length();
    return {
      input: {min: this.inputMin(), max: this.inputMax(), length},
      output: {min: this.outputMin(), max: this.outputMax(), length},
      gap: this.gap(),
    };
  }

  /** The sample inputs in use. */
  @computed()
  public sampleInputs(): number[] {
    return geo.sampleInputs(this.samples(), this.inputMin(), this.inputMax());
  }

  /** Position (in this node's coordinates) of x on the input line. */
  public inputPoint(x: number): Vector2 {
    return new Vector2(geo.inputPoint(this.layout(), x));
  }

  /** Position (in this node's coordinates) of y on the output line. */
  public outputPoint(y: number): Vector2 {
    return new Vector2(geo.outputPoint(this.layout(), y));
  }

  /** Whether y falls on the drawn part of the output line. */
  public onOutputLine(y: number): boolean {
    return geo.onOutputLine(this.layout(), y);
  }

  /** The copy's route (the main part's, when it is split): its progress and its landing lane. */
  public route(): Route {
    return {t: this.tickProgress(), offset: this.copyOffset(), bend: 0};
  }

  /** The fold in use, or null when the copy is not split. */
  public fold(): Fold | null {
    const at = this.foldAt();
    if (at === null) return null;
    return {
      at,
      route: {
        t: this.foldProgress(),
        offset: this.foldOffset(),
        bend: this.foldBend(),
      },
    };
  }

  /** Every sample dot with f defined there, in sample order, at its current place. */
  @computed()
  public dots(): MappedDot[] {
    return geo.mappedDots(
      this.fn(),
      this.layout(),
      this.sampleInputs(),
      this.dotProgress(),
      {duration: this.flowDuration(), stagger: this.flowStagger()},
      this.dotsRide() ? {main: this.route(), fold: this.fold()} : null,
    );
  }

  /** The ticks carried by the deforming copy. */
  public carriedTicks(): number[] {
    return geo.carriedTicks(this.copyTicks(), this.layout());
  }

  /** The inputs the deforming copy is drawn through, broken where f is undefined or jumps. */
  @computed()
  public copyRuns(): number[][] {
    return geo.copyRuns(this.fn(), this.layout());
  }

  /** The arrows as drawn now: none while their progress or opacity is 0. */
  @computed()
  public arrows(): MappingArrow[] {
    if (this.arrowProgress() <= 0 || this.arrowOpacity() <= 0) return [];
    return geo.mappingArrows(
      this.dots(),
      this.dotRadius(),
      this.arrowProgress(),
      this.arrowSamples(),
    );
  }

  /** Everything drawn now, in this node's coordinates. */
  public state(): MappingViewState {
    const layout = this.layout();
    const copyOpacity = this.copyOpacity();
    // The lines' ends where the line nodes draw them, so a probe shows a
    // line moved away from the dots' layout.
    const end = (line: NumberLine, v: number): [number, number] => {
      const p = line.pointAt(v).transformAsPoint(line.localToParent());
      return [p.x, p.y];
    };
    const ends = (line: NumberLine): [[number, number], [number, number]] => [
      end(line, line.min()),
      end(line, line.max()),
    ];
    return {
      layout,
      lineEnds: {input: ends(this.input), output: ends(this.output)},
      samples: this.sampleInputs(),
      flowProgress: this.dotProgress(),
      dotRadius: this.dotRadius(),
      dots: this.dots(),
      dotOpacity: this.dotOpacity(),
      ghostOpacity: this.ghostOpacity(),
      arrows: this.arrows(),
      arrowOpacity: this.arrowOpacity(),
      copy:
        copyOpacity > 0
          ? geo.deformedCopy(
              this.fn(),
              layout,
              this.copyRuns(),
              this.carriedTicks(),
              this.route(),
              this.fold(),
              copyOpacity,
            )
          : null,
    };
  }

  /** Fades the sample dots in. */
  public *showDots(duration: number) {
    yield* this.dotOpacity(1, duration);
  }

  /** Grows an arrow from every sample input to its image. */
  public *showArrows(duration: number) {
    this.arrowOpacity(1);
    yield* this.arrowProgress(1, duration, easeInOutCubic);
  }

  /** Fades the arrows out. */
  public *hideArrows(duration: number) {
    yield* this.arrowOpacity(0, duration);
    this.arrowProgress(0);
    this.arrowOpacity(1);
  }

  /** Sends every dot from x to f(x): each travels for `duration` seconds, leaving `stagger` seconds after the previous one. */
  public *flowDots(duration: number, stagger = 0) {
    this.flowDuration(duration);
    this.flowStagger(stagger);
    const total = geo.flowLength(
      {duration, stagger},
      this.sampleInputs().length,
    );
    this.dotProgress(0);
    yield* this.dotProgress(1, total, linear);
  }

  /** Deforms a copy of the input line, with its ticks, onto the output line. */
  public *flowTicks(duration: number) {
    this.tickProgress(0);
    this.copyOpacity(1);
    yield* this.tickProgress(1, duration, easeInOutCubic);
  }

  /** Fades in a copy of the input line on the input line itself, ready to {@link ride}. */
  public *showCopy(duration: number) {
    this.tickProgress(0);
    yield* this.copyOpacity(1, duration);
  }

  /**
   * Deforms the copy of the input line onto the output line with the dots
   * riding on it, so dots and line move together (with a fold, only the
   * part x ≥ foldAt moves; {@link fold} carries the rest).
   */
  public *ride(duration: number) {
    this.dotsRide(true);
    this.copyOpacity(1);
    yield* this.tickProgress(1, duration, easeInOutCubic);
  }

  /** Carries the folded part (x < foldAt) and its riding dots, on bowed routes, onto their own lane. */
  public *foldOver(duration: number) {
    yield* this.foldProgress(1, duration, easeInOutCubic);
  }

  /** Puts everything back at once: dots on the input line, no arrows, no deformed copy, no ride or fold. */
  public clear() {
    this.dotProgress(0);
    this.tickProgress(0);
    this.copyOpacity(0);
    this.arrowProgress(0);
    this.arrowOpacity(1);
    this.arrowSamples([]);
    this.dotsRide(false);
    this.foldAt(null);
    this.foldProgress(0);
  }

  /** Sends dots and the deformed copy back, fades the arrows, and leaves the lines as they began. */
  public *reset(duration: number) {
    yield* all(
      this.dotProgress(0, duration, linear),
      this.copyOpacity(0, duration),
      this.arrowOpacity(0, duration),
    );
    this.tickProgress(0);
    this.arrowProgress(0);
    this.arrowOpacity(1);
  }

  protected override getCacheBBox(): BBox {
    const l = this.length() / 2 + CLIP_MARGIN;
    const g = this.gap() / 2 + 60;
    return new BBox(-l, -g, 2 * l, 2 * g);
  }

  protected override draw(context: CanvasRenderingContext2D) {
    this.drawChildren(context);
    const l = this.length() / 2 + CLIP_MARGIN;
    const state = this.state();
    context.save();
    // Images beyond the lines' ends are clipped here, never drawn across the frame.
    context.beginPath();
    context.rect(-l, -10000, 2 * l, 20000);
    context.clip();
    context.lineCap = 'round';
    context.lineJoin = 'round';
    if (state.copy) drawCopy(context, state.copy);
    drawArrows(context, state.arrows, state.arrowOpacity);
    drawDots(context, state);
    context.restore();
  }

  /** The math it depicts: its function. */
  public subject(): RealFunction {
    return this.fn();
  }

  /** What it drew, in scene pixels: the lines, every dot, arrow and ghost, and the deforming copy. */
  public probe(): MappingViewProbe {
    const matrix = this.view().worldToLocal().multiply(this.localToWorld());
    return geo.mappingViewProbe(this.state(), p => {
      const q = new Vector2(p).transformAsPoint(matrix);
      return [q.x, q.y];
    });
  }
}

function drawCopy(
  context: CanvasRenderingContext2D,
  copy: NonNullable<MappingViewState['copy']>,
) {
  context.globalAlpha = copy.opacity;
  if (copy.fold) drawCopyPart(context, copy.fold.lines, copy.fold.ticks);
  drawCopyPart(context, copy.lines, copy.ticks);
}

function drawCopyPart(
  context: CanvasRenderingContext2D,
  lines: NonNullable<MappingViewState['copy']>['lines'],
  ticks: NonNullable<MappingViewState['copy']>['ticks'],
) {
  context.strokeStyle = COLORS.input;
  context.lineWidth = STROKES.axis;
  context.beginPath();
  for (const run of lines) {
    run.forEach(({at}, i) => {
      if (i === 0) context.moveTo(at[0], at[1]);
      else context.lineTo(at[0], at[1]);
    });
  }
  context.stroke();
  context.lineWidth = STROKES.tick;
  for (const tick of ticks) {
    context.strokeStyle = tick.color;
    context.beginPath();
    context.moveTo(tick.at[0], tick.at[1] - geo.COPY_TICK_HALF);
    context.lineTo(tick.at[0], tick.at[1] + geo.COPY_TICK_HALF);
    context.stroke();
  }
}

function drawArrows(
  context: CanvasRenderingContext2D,
  arrows: readonly MappingArrow[],
  opacity: number,
) {
  for (const arrow of arrows) {
    context.lineWidth = arrow.width;
    context.globalAlpha = opacity * arrow.alpha;
    context.strokeStyle = arrow.color;
    context.fillStyle = arrow.color;
    context.beginPath();
    context.moveTo(arrow.start[0], arrow.start[1]);
    context.lineTo(arrow.tip[0], arrow.tip[1]);
    context.stroke();
    const [a, b, c] = arrow.head;
    context.beginPath();
    context.moveTo(a[0], a[1]);
    context.lineTo(b[0], b[1]);
    context.lineTo(c[0], c[1]);
    context.closePath();
    context.fill();
  }
}

function drawDots(context: CanvasRenderingContext2D, state: MappingViewState) {
  const r = state.dotRadius;
  if (state.dotOpacity <= 0) return;
  for (const dot of state.dots) {
    // The faded ghost stays behind once the dot leaves.
    const ghost = geo.ghostAlpha(dot, state.dotOpacity, state.ghostOpacity);
    if (ghost > 0) {
      context.globalAlpha = ghost;
      context.fillStyle = dot.color;
      context.beginPath();
      context.arc(dot.from[0], dot.from[1], r, 0, Math.PI * 2);
      context.fill();
    }
    context.globalAlpha = geo.dotAlpha(dot, state.dotOpacity);
    if (context.globalAlpha <= 0.01) continue;
    context.fillStyle = dot.color;
    context.beginPath();
    context.arc(dot.position[0], dot.position[1], r, 0, Math.PI * 2);
    context.fill();
  }
}
