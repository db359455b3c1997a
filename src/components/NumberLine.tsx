import {
  Node,
  type NodeProps,
  colorSignal,
  computed,
  initial,
  nodeName,
  signal,
} from '@motion-canvas/2d';
import {
  BBox,
  type ColorSignal,
  type PossibleColor,
  type SignalValue,
  type SimpleSignal,
  type TimingFunction,
  Vector2,
  easeInOutCubic,
  tween,
} from '@motion-canvas/core';
import {
  type NumberLineGeometry,
  type NumberLineProbe,
  type NumberLineSpec,
  type TickMark,
  numberLineBounds,
  numberLineGeometry,
  numberLineProbe,
  numberLineRangeAt,
  numberLineTicks,
} from '../geometry/numberLine';
import {numberToPoint, pointToNumber} from '../math';
import type {Scale} from '../math/types';
import {COLORS, FONTS, SIZES, STROKES} from '../theme';

export type {TickMark} from '../geometry/numberLine';

export interface NumberLineProps extends NodeProps {
  /** {@inheritDoc NumberLine.min} */
  min?: SignalValue<number>;
  /** {@inheritDoc NumberLine.max} */
  max?: SignalValue<number>;
  /** {@inheritDoc NumberLine.length} */
  length?: SignalValue<number>;
  /** {@inheritDoc NumberLine.label} */
  label?: SignalValue<string>;
  /** {@inheritDoc NumberLine.color} */
  color?: SignalValue<PossibleColor>;
  /** {@inheritDoc NumberLine.numberColor} */
  numberColor?: SignalValue<PossibleColor>;
  /** {@inheritDoc NumberLine.tickSpacing} */
  tickSpacing?: SignalValue<number>;
  /** {@inheritDoc NumberLine.fontSize} */
  fontSize?: SignalValue<number>;
  /** {@inheritDoc NumberLine.numbers} */
  numbers?: SignalValue<boolean>;
  /** {@inheritDoc NumberLine.numbersAbove} */
  numbersAbove?: SignalValue<boolean>;
  /** {@inheritDoc NumberLine.vertical} */
  vertical?: SignalValue<boolean>;
  /** {@inheritDoc NumberLine.drawn} */
  drawn?: SignalValue<number>;
  /** {@inheritDoc NumberLine.lineWidth} */
  lineWidth?: SignalValue<number>;
}

/**
 * A number line: a numeric range drawn over a pixel length, with ticks at nice
 * steps and their numbers; `numberToPoint` / `pointToNumber` map between
 * numbers and pixels through the math module.
 *
 * @remarks
 * Ticks of several nice steps are kept at once, keyed by value; each step's
 * ticks and numbers fade in or out by how crowded they would be, so animating
 * the range (`zoomTo`) re-spaces the ticks smoothly instead of crowding them.
 * Every stroke and number is computed by {@link numberLineGeometry}
 * (src/geometry/numberLine.ts); `probe()` reports what was drawn, which
 * `checkNumberLine` holds to the line's own scale.
 *
 * @example
 * ```tsx
 * <NumberLine min={-3} max={4} length={1400} label="Inputs" color={COLORS.input} />
 * ```
 */
@nodeName('NumberLine')
export class NumberLine extends Node {
  /** The number at the left (bottom, when vertical) end. */
  @initial(-5)
  @signal()
  declare public readonly min: SimpleSignal<number, this>;

  /** The number at the right (top, when vertical) end. */
  @initial(5)
  @signal()
  declare public readonly max: SimpleSignal<number, this>;

  /** Pixel length of the line. */
  @initial(1400)
  @signal()
  declare public readonly length: SimpleSignal<number, this>;

  /** A name written before the line's left end, e.g. "Inputs"; empty for none. */
  @initial('')
  @signal()
  declare public readonly label: SimpleSignal<string, this>;

  /** Colour of the line, its ticks and its name. */
  @initial(COLORS.axis)
  @colorSignal()
  declare public readonly color: ColorSignal<this>;

  /** Colour of the tick numbers. */
  @initial(COLORS.text)
  @colorSignal()
  declare public readonly numberColor: ColorSignal<this>;

  /** Preferred pixels between labelled ticks; the nice step is chosen near it. */
  @initial(140)
  @signal()
  declare public readonly tickSpacing: SimpleSignal<number, this>;

  /** Font size of the numbers and the name (never below 28 px). */
  @initial(SIZES.tick)
  @signal()
  declare public readonly fontSize: SimpleSignal<number, this>;

  /** Whether tick numbers are written. */
  @initial(true)
  @signal()
  declare public readonly numbers: SimpleSignal<boolean, this>;

  /** Write the numbers above the line (right of it, when vertical) instead of below (left). */
  @initial(false)
  @signal()
  declare public readonly numbersAbove: SimpleSignal<boolean, this>;

  /** Draw the line upwards (min at the bottom) instead of rightwards. */
  @initial(false)
  @signal()
  declare public readonly vertical: SimpleSignal<boolean, this>;

  /** How much of the line is drawn, 0 to 1 from the min end (see {@link grow}). */
  @initial(1)
  @signal()
  declare public readonly drawn: SimpleSignal<number, this>;

  /** Stroke width of the line. */
  @initial(STROKES.axis)
  @signal()
  declare public readonly lineWidth: SimpleSignal<number, this>;

  public constructor(props: NumberLineProps) {
    super(props);
  }

  /** The line's current Scale (range and pixel length), as the math module reads it. */
  @computed()
  public numberScale(): Scale {
    return {min: this.min(), max: this.max(), length: this.length()};
  }

  /** Pixel offset along the line (from its centre) of the number x. */
  public numberToPoint(x: number): number {
    return numberToPoint(this.numberScale(), x);
  }

  /** The number at pixel offset p along the line. */
  public pointToNumber(p: number): number {
    return pointToNumber(this.numberScale(), p);
  }

  /** Local position of the number x: `[numberToPoint(x), 0]` (`[0, −numberToPoint(x)]` when vertical). */
  public pointAt(x: number): Vector2 {
    const p = this.numberToPoint(x);
    return this.vertical() ? new Vector2(0, -p) : new Vector2(p, 0);
  }

  /** Position of the number x in the coordinates of `node` (e.g. another component). */
  public pointIn(node: Node, x: number): Vector2 {
    return this.pointAt(x)
      .transformAsPoint(this.localToWorld())
      .transformAsPoint(node.worldToLocal());
  }

  /** Pixels per unit along the line (negative when the line runs backwards). */
  public unitLength(): number {
    return this.numberToPoint(1) - this.numberToPoint(0);
  }

  /** Every tick of every visible level, keyed by value, with its alphas (see {@link numberLineTicks}). */
  @computed()
  public ticks(): TickMark[] {
    return numberLineTicks(
      this.numberScale(),
      this.tickSpacing(),
      this.fontSize(),
    );
  }

  /** The line's numbers, read once for the geometry. */
  @computed()
  public spec(): NumberLineSpec {
    return {
      min: this.min(),
      max: this.max(),
      length: this.length(),
      tickSpacing: this.tickSpacing(),
      fontSize: this.fontSize(),
      drawn: this.drawn(),
      vertical: this.vertical(),
      numbersAbove: this.numbersAbove(),
      numbers: this.numbers(),
      label: this.label(),
    };
  }

  /** Everything the line draws now: the drawn part, each tick and number, its name. */
  @computed()
  public geometry(): NumberLineGeometry {
    return numberLineGeometry(this.spec(), this.ticks());
  }

  /** Animates the range to [min, max], zooming in log space so tick steps change at an even pace. */
  public *zoomTo(
    min: number,
    max: number,
    duration: number,
    timing: TimingFunction = easeInOutCubic,
  ) {
    const from: [number, number] = [this.min(), this.max()];
    const to: [number, number] = [min, max];
    yield* tween(duration, t => {
      const [a, b] = numberLineRangeAt(from, to, timing(t));
      this.min(a);
      this.max(b);
    });
    this.min(min);
    this.max(max);
  }

  /** Draws the line in from its min end, ticks appearing as the line passes them. */
  public *grow(duration: number, timing: TimingFunction = easeInOutCubic) {
    this.drawn(0);
    yield* this.drawn(1, duration, timing);
  }

  protected override getCacheBBox(): BBox {
    const b = numberLineBounds({
      length: this.length(),
      fontSize: this.fontSize(),
      label: this.label(),
      vertical: this.vertical(),
    });
    return new BBox(b.x, b.y, b.width, b.height);
  }

  protected override draw(context: CanvasRenderingContext2D) {
    const g = this.geometry();
    const color = this.color().serialize();
    context.save();
    context.lineCap = 'round';
    context.strokeStyle = color;
    if (g.line) {
      context.lineWidth = this.lineWidth();
      context.beginPath();
      context.moveTo(...g.line.from);
      context.lineTo(...g.line.to);
      context.stroke();
    }

    context.font = `${this.fontSize()}px ${FONTS.text}`;
    context.fillStyle = this.numberColor().serialize();
    context.textAlign = g.numberAlign;
    context.textBaseline = g.numberBaseline;
    for (const tick of g.ticks) {
      context.globalAlpha = tick.alpha;
      context.lineWidth = tick.lineWidth;
      context.beginPath();
      context.moveTo(...tick.from);
      context.lineTo(...tick.to);
      context.stroke();
      if (tick.label) {
        context.globalAlpha = tick.label.alpha;
        context.fillText(tick.label.text, ...tick.label.at);
      }
    }

    if (g.title) {
      context.globalAlpha = g.title.alpha;
      context.fillStyle = color;
      context.font = `600 ${g.title.fontSize}px ${FONTS.text}`;
      context.textAlign = g.title.align;
      context.textBaseline = g.title.baseline;
      context.fillText(g.title.text, ...g.title.at);
    }
    context.restore();
    this.drawChildren(context);
  }

  /** A number line depicts no function: its truth is its own scale. */
  public subject(): null {
    return null;
  }

  /** What the line drew: its range, the drawn part, every tick stroke and every number written. */
  public probe(): NumberLineProbe {
    return numberLineProbe(this.spec(), this.geometry());
  }
}
