import {
  Node,
  type NodeProps,
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
  clamp,
  easeInOutCubic,
  linear,
} from '@motion-canvas/core';
import {niceTicks, samplePoints, square, valueAt} from '../math';
import type {RealFunction} from '../math/types';
import {COLORS, STROKES, gradientColor} from '../theme';
import {NumberLine} from './NumberLine';

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
}

/** One sample dot's state, for drawing and for tests. */
export interface MappedDot {
  readonly x: number;
  /** f(x); the dot is skipped where f is undefined. */
  readonly fx: number;
  /** Its own progress from the input line (0) to the output line (1). */
  readonly t: number;
  readonly color: string;
  readonly from: Vector2;
  readonly to: Vector2;
  readonly position: Vector2;
  /** Whether f(x) lies on the drawn part of the output line. */
  readonly onLine: boolean;
}

/** Margin, in pixels, beyond the lines' ends where motion is still drawn before it is clipped. */
const CLIP_MARGIN = 14;

function mix(a: Vector2, b: Vector2, t: number): Vector2 {
  return a.lerp(b, t);
}

/**
 * A function drawn as a mapping: an input line ("Inputs") over an output line
 * ("Outputs"); sample dots flow from x to f(x) leaving faded ghosts, arrows
 * grow from input to output, and a copy of the input line deforms onto the
 * output line so that bunching and spreading are visible.
 *
 * @remarks
 * Positions come from the lines' `numberToPoint` and values from the math
 * module's `valueAt`; images beyond the output line are clipped at its ends
 * and fade as they travel, and points where f is undefined are skipped.
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

  /** The sample inputs in use. */
  public sampleInputs(): number[] {
    const samples = this.samples();
    return samples.length > 0
      ? samples
      : samplePoints(this.inputMin(), this.inputMax(), 41);
  }

  /** Position (in this node's coordinates) of x on the input line. */
  public inputPoint(x: number): Vector2 {
    return this.input.pointIn(this, x);
  }

  /** Position (in this node's coordinates) of y on the output line. */
  public outputPoint(y: number): Vector2 {
    return this.output.pointIn(this, y);
  }

  /** Whether y falls on the drawn part of the output line. */
  public onOutputLine(y: number): boolean {
    return Math.abs(this.output.numberToPoint(y)) <= this.length() / 2 + 1e-6;
  }

  /** Every sample dot with f defined there, in sample order, at its current place. */
  public dots(): MappedDot[] {
    const f = this.fn();
    const xs = this.sampleInputs();
    const duration = Math.max(1e-6, this.flowDuration());
    const stagger = Math.max(0, this.flowStagger());
    const total = duration + stagger * Math.max(0, xs.length - 1);
    const clock = this.dotProgress() * total;
    const result: MappedDot[] = [];
    xs.forEach((x, i) => {
      const fx = valueAt(f, x);
      if (fx === undefined) return;
      const t = easeInOutCubic(clamp(0, 1, (clock - i * stagger) / duration));
      const from = this.inputPoint(x);
      const to = this.outputPoint(fx);
      result.push({
        x,
        fx,
        t,
        color: gradientColor(xs.length > 1 ? i / (xs.length - 1) : 0),
        from,
        to,
        position: mix(from, to, t),
        onLine: this.onOutputLine(fx),
      });
    });
    return result;
  }

  /** The ticks carried by the deforming copy. */
  public carriedTicks(): number[] {
    const ticks = this.copyTicks();
    if (ticks.length > 0) return ticks;
    return niceTicks(
      this.inputMin(),
      this.inputMax(),
      (this.length() / 140) * 2,
    );
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
    const total =
      duration + stagger * Math.max(0, this.sampleInputs().length - 1);
    this.dotProgress(0);
    yield* this.dotProgress(1, total, linear);
  }

  /** Deforms a copy of the input line, with its ticks, onto the output line. */
  public *flowTicks(duration: number) {
    this.tickProgress(0);
    this.copyOpacity(1);
    yield* this.tickProgress(1, duration, easeInOutCubic);
  }

  /** Puts everything back at once: dots on the input line, no arrows, no deformed copy. */
  public clear() {
    this.dotProgress(0);
    this.tickProgress(0);
    this.copyOpacity(0);
    this.arrowProgress(0);
    this.arrowOpacity(1);
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
    context.save();
    // Images beyond the lines' ends are clipped here, never drawn across the frame.
    context.beginPath();
    context.rect(-l, -10000, 2 * l, 20000);
    context.clip();
    context.lineCap = 'round';
    context.lineJoin = 'round';
    this.drawCopy(context);
    const dots = this.dots();
    this.drawArrows(context, dots);
    this.drawDots(context, dots);
    context.restore();
  }

  private drawCopy(context: CanvasRenderingContext2D) {
    const opacity = this.copyOpacity();
    if (opacity <= 0) return;
    const f = this.fn();
    const t = this.tickProgress();
    const offset = new Vector2(0, this.copyOffset());
    // Subdivided so the copy bends smoothly as it deforms.
    const xs = samplePoints(this.inputMin(), this.inputMax(), 400);
    context.globalAlpha = opacity;
    context.strokeStyle = COLORS.input;
    context.lineWidth = STROKES.axis;
    context.beginPath();
    let pen = false;
    for (const x of xs) {
      const fx = valueAt(f, x);
      if (fx === undefined) {
        pen = false;
        continue;
      }
      const p = mix(this.inputPoint(x), this.outputPoint(fx).add(offset), t);
      if (pen) context.lineTo(p.x, p.y);
      else context.moveTo(p.x, p.y);
      pen = true;
    }
    context.stroke();
    const ticks = this.carriedTicks();
    context.lineWidth = STROKES.tick;
    ticks.forEach((x, i) => {
      const fx = valueAt(f, x);
      if (fx === undefined) return;
      const p = mix(this.inputPoint(x), this.outputPoint(fx).add(offset), t);
      context.strokeStyle = gradientColor(
        ticks.length > 1 ? i / (ticks.length - 1) : 0,
      );
      context.beginPath();
      context.moveTo(p.x, p.y - 16);
      context.lineTo(p.x, p.y + 16);
      context.stroke();
    });
  }

  private drawArrows(context: CanvasRenderingContext2D, dots: MappedDot[]) {
    const progress = this.arrowProgress();
    const opacity = this.arrowOpacity();
    if (progress <= 0 || opacity <= 0) return;
    const r = this.dotRadius();
    // Dense rows get thinner, fainter arrows so the picture stays readable.
    const dense = dots.length > 12;
    context.lineWidth = dense ? 2 : STROKES.arrow;
    for (const dot of dots) {
      const dir = dot.to.sub(dot.from);
      const length = dir.magnitude;
      if (length < 3 * r) continue;
      const unit = dir.scale(1 / length);
      const start = dot.from.add(unit.scale(1.6 * r));
      const end = dot.to.sub(unit.scale(1.6 * r));
      const tip = mix(start, end, progress);
      context.globalAlpha =
        opacity * (dense ? 0.45 : 0.8) * (dot.onLine ? 1 : 0.5);
      context.strokeStyle = dot.color;
      context.fillStyle = dot.color;
      context.beginPath();
      context.moveTo(start.x, start.y);
      context.lineTo(tip.x, tip.y);
      context.stroke();
      const head = dense ? 10 : 16;
      const side = new Vector2(-unit.y, unit.x).scale(head * 0.5);
      const back = tip.sub(unit.scale(head));
      context.beginPath();
      context.moveTo(tip.x + unit.x * 2, tip.y + unit.y * 2);
      context.lineTo(back.x + side.x, back.y + side.y);
      context.lineTo(back.x - side.x, back.y - side.y);
      context.closePath();
      context.fill();
    }
  }

  private drawDots(context: CanvasRenderingContext2D, dots: MappedDot[]) {
    const r = this.dotRadius();
    const opacity = this.dotOpacity();
    if (opacity <= 0) return;
    for (const dot of dots) {
      // The faded ghost stays behind once the dot leaves.
      const ghost = this.ghostOpacity() * 0.35 * clamp(0, 1, dot.t * 6);
      if (ghost > 0) {
        context.globalAlpha = ghost * opacity;
        context.fillStyle = dot.color;
        context.beginPath();
        context.arc(dot.from.x, dot.from.y, r, 0, Math.PI * 2);
        context.fill();
      }
      // A dot whose image is off the output line fades as it travels towards the edge.
      context.globalAlpha = opacity * (dot.onLine ? 1 : 1 - dot.t);
      if (context.globalAlpha <= 0.01) continue;
      context.fillStyle = dot.color;
      context.beginPath();
      context.arc(dot.position.x, dot.position.y, r, 0, Math.PI * 2);
      context.fill();
    }
  }

  /** Live state for tests: each dot's position (this node's coordinates) and where the math puts its image. */
  public probe(): Record<string, unknown> {
    return {
      dotProgress: this.dotProgress(),
      tickProgress: this.tickProgress(),
      dots: this.dots().map(d => ({
        x: d.x,
        fx: d.fx,
        t: d.t,
        onLine: d.onLine,
        position: [d.position.x, d.position.y],
        expected: [
          this.output.numberToPoint(d.fx) + this.output.x(),
          this.output.y(),
        ],
        color: d.color,
      })),
    };
  }
}
