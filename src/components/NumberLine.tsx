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
  clamp,
  easeInOutCubic,
  map,
  tween,
} from '@motion-canvas/core';
import {
  formatNumber,
  niceStep,
  niceTicks,
  numberToPoint,
  pointToNumber,
} from '../math';
import type {Scale} from '../math/types';
import {COLORS, FONTS, SIZES, STROKES} from '../theme';

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

/** One tick the line draws: its value, the nice step it belongs to and how visible it is. */
export interface TickMark {
  readonly value: number;
  /** The coarsest nice step this value is a multiple of (its "level"). */
  readonly step: number;
  /** Pixel offset from the line's centre along the line. */
  readonly point: number;
  /** Opacity of the tick mark, by how crowded its level is. */
  readonly tickAlpha: number;
  /** Opacity of its number label, by how crowded its level is. */
  readonly labelAlpha: number;
  readonly text: string;
}

/** Target counts, relative to the preferred one, whose nice steps are kept as levels. */
const LEVELS = [0.5, 1, 2, 4, 8];
/** Tick length in pixels of a labelled tick (minor ticks are half as long). */
const TICK = 22;
/** Gap between a tick's end and its number. */
const LABEL_GAP = 10;

function smooth(edge0: number, edge1: number, x: number): number {
  const t = clamp(0, 1, (x - edge0) / (edge1 - edge0));
  return t * t * (3 - 2 * t);
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

  /** Every tick drawn now, of every visible level, keyed by value. */
  @computed()
  public ticks(): TickMark[] {
    const min = this.min();
    const max = this.max();
    const length = this.length();
    if (
      !(Number.isFinite(min) && Number.isFinite(max)) ||
      min === max ||
      length <= 0
    )
      return [];
    const low = Math.min(min, max);
    const high = Math.max(min, max);
    const target = Math.max(1, length / this.tickSpacing());
    const desired = this.tickSpacing();
    // Levels ascending by step: finer levels first, so a coarser one overwrites a shared value.
    const candidates = LEVELS.map(k => ({
      k,
      step: niceStep(low, high, target * k),
    }))
      .filter(l => Number.isFinite(l.step) && l.step > 0)
      .sort((a, b) => b.step - a.step);
    // Keep only nested levels (each coarser step a whole multiple of the finer one):
    // 0.05 and 0.02 side by side would put labels at 1.44, 1.45, 1.46.
    const levels: typeof candidates = [];
    for (const level of candidates) {
      const coarser = levels[levels.length - 1];
      const ratio = coarser ? coarser.step / level.step : 1;
      if (
        !coarser ||
        (ratio > 1.5 && Math.abs(ratio - Math.round(ratio)) < 1e-6)
      )
        levels.push(level);
    }
    levels.reverse();
    const byValue = new Map<string, {value: number; step: number}>();
    for (const {k, step} of levels) {
      const spacing = Math.abs(
        this.numberToPoint(step) - this.numberToPoint(0),
      );
      if (spacing < desired * 0.3) continue;
      for (const value of niceTicks(low, high, target * k)) {
        byValue.set(value.toPrecision(10), {value, step});
      }
    }
    const marks: TickMark[] = [];
    for (const {value, step} of byValue.values()) {
      const spacing = Math.abs(
        this.numberToPoint(step) - this.numberToPoint(0),
      );
      const text = formatNumber(value, step);
      // Numbers need room for their own width: a level whose numbers would touch stays hidden.
      const width = text.length * this.fontSize() * 0.55;
      const labelAlpha =
        smooth(desired * 0.7, desired * 0.95, spacing) *
        smooth(width + 12, width + 36, spacing);
      marks.push({
        value,
        step,
        point: this.numberToPoint(value),
        tickAlpha: smooth(desired * 0.3, desired * 0.55, spacing),
        labelAlpha,
        text,
      });
    }
    return marks.sort((a, b) => a.value - b.value);
  }

  /** Animates the range to [min, max], zooming in log space so tick steps change at an even pace. */
  public *zoomTo(
    min: number,
    max: number,
    duration: number,
    timing: TimingFunction = easeInOutCubic,
  ) {
    const min0 = this.min();
    const max0 = this.max();
    const c0 = (min0 + max0) / 2;
    const c1 = (min + max) / 2;
    const w0 = max0 - min0;
    const w1 = max - min;
    const logZoom = w0 * w1 > 0;
    yield* tween(duration, t => {
      const e = timing(t);
      const c = map(c0, c1, e);
      const w = logZoom
        ? Math.sign(w0) *
          Math.exp(map(Math.log(Math.abs(w0)), Math.log(Math.abs(w1)), e))
        : map(w0, w1, e);
      this.min(c - w / 2);
      this.max(c + w / 2);
    });
    this.min(min);
    this.max(max);
  }

  /** Draws the line in from its min end, ticks appearing as the line reaches them. */
  public *grow(duration: number, timing: TimingFunction = easeInOutCubic) {
    this.drawn(0);
    yield* this.drawn(1, duration, timing);
  }

  protected override getCacheBBox(): BBox {
    const l = this.length() / 2;
    const f = this.fontSize();
    const labelRoom = Math.max(0, this.label().length * f * 0.6 + 40);
    const box = new BBox(
      -l - labelRoom,
      -TICK - f - 10,
      2 * l + labelRoom + f * 3,
      2 * TICK + 2 * f + 30,
    );
    return this.vertical()
      ? new BBox(
          -box.height,
          -box.width + labelRoom,
          box.height * 2,
          box.width + labelRoom,
        )
      : box;
  }

  protected override draw(context: CanvasRenderingContext2D) {
    const l = this.length() / 2;
    const drawn = clamp(0, 1, this.drawn());
    const vertical = this.vertical();
    const color = this.color().serialize();
    const fontSize = this.fontSize();
    // Local (along, across) → canvas point.
    const at = (along: number, across: number): [number, number] =>
      vertical ? [across, -along] : [along, across];

    context.save();
    context.lineCap = 'round';
    context.strokeStyle = color;
    if (drawn > 0) {
      context.lineWidth = this.lineWidth();
      context.beginPath();
      context.moveTo(...at(-l, 0));
      context.lineTo(...at(-l + 2 * l * drawn, 0));
      context.stroke();
    }

    const reach = -l + 2 * l * drawn;
    context.font = `${fontSize}px ${FONTS.text}`;
    context.fillStyle = this.numberColor().serialize();
    // Numbers below a horizontal line (or left of a vertical one), unless numbersAbove.
    const side = this.numbersAbove() ? -1 : 1;
    context.textAlign = vertical ? (side > 0 ? 'right' : 'left') : 'center';
    context.textBaseline = vertical ? 'middle' : side > 0 ? 'top' : 'bottom';
    for (const tick of this.ticks()) {
      // A tick appears once the growing line has passed it.
      const shown =
        smooth(tick.point - 20, tick.point, reach + 1e-6) * (drawn > 0 ? 1 : 0);
      const alpha = tick.tickAlpha * shown;
      if (alpha <= 0.01) continue;
      const half = (TICK / 2) * (0.5 + 0.5 * tick.labelAlpha);
      context.globalAlpha = alpha;
      context.lineWidth =
        tick.labelAlpha > 0.5 ? STROKES.tick : STROKES.minorTick;
      context.beginPath();
      context.moveTo(...at(tick.point, -half));
      context.lineTo(...at(tick.point, half));
      context.stroke();
      const labelAlpha = tick.labelAlpha * shown;
      if (this.numbers() && labelAlpha > 0.01) {
        context.globalAlpha = labelAlpha;
        const [tx, ty] = at(tick.point, side * (TICK / 2 + LABEL_GAP));
        context.fillText(
          tick.text,
          vertical ? -side * (TICK / 2 + LABEL_GAP) : tx,
          vertical ? -tick.point : ty,
        );
      }
    }

    const label = this.label();
    if (label && drawn > 0) {
      context.globalAlpha = smooth(0, 0.3, drawn);
      context.fillStyle = color;
      context.font = `600 ${Math.max(SIZES.label, fontSize)}px ${FONTS.text}`;
      if (vertical) {
        context.textAlign = 'center';
        context.textBaseline = 'bottom';
        context.fillText(label, 0, -l - 24);
      } else {
        context.textAlign = 'right';
        context.textBaseline = 'middle';
        context.fillText(label, -l - 32, 0);
      }
    }
    context.restore();
    this.drawChildren(context);
  }

  /** The live state for tests: the range, the pixel length and the labelled ticks on screen. */
  public probe(): Record<string, unknown> {
    return {
      min: this.min(),
      max: this.max(),
      length: this.length(),
      labels: this.ticks()
        .filter(t => t.labelAlpha > 0.5)
        .map(t => ({value: t.value, text: t.text, point: t.point})),
    };
  }
}
