import {Txt, type TxtProps, initial, nodeName, signal} from '@motion-canvas/2d';
import type {SignalValue, SimpleSignal} from '@motion-canvas/core';
import {
  type ReadoutProbe,
  readoutNumber,
  readoutText,
} from '../geometry/readout';
import type {Derivative} from '../math/types';
import {COLORS, FONTS, SIZES} from '../theme';

export interface ReadoutProps extends TxtProps {
  /** {@inheritDoc Readout.label} */
  label?: SignalValue<string>;
  /** {@inheritDoc Readout.value} */
  value?: SignalValue<number | Derivative>;
  /** {@inheritDoc Readout.digits} */
  digits?: SignalValue<number>;
  /** {@inheritDoc Readout.numberWidth} */
  numberWidth?: SignalValue<number>;
  /** Colour of the text (an alias of `fill`). */
  color?: SignalValue<string>;
}

/**
 * A live number with a label, drawn in the monospace face with a fixed count
 * of characters so that its width never jitters: `f'(x) =  3.00`.
 *
 * @remarks
 * The value is formatted by the math module (`formatFixed`), so a Derivative
 * that does not exist reads "undefined", never NaN.
 *
 * @example
 * ```tsx
 * <Readout label="f'(x)" value={() => derivativeAt(square, x())} digits={2} />
 * ```
 */
@nodeName('Readout')
export class Readout extends Txt {
  /** The text before " = ", e.g. "f'(x)"; an empty label shows the number alone. */
  @initial('')
  @signal()
  declare public readonly label: SimpleSignal<string, this>;

  /** The number shown: a number or a Derivative (a function of signals keeps it live). */
  @initial(0)
  @signal()
  declare public readonly value: SimpleSignal<number | Derivative, this>;

  /** Digits after the decimal point. */
  @initial(2)
  @signal()
  declare public readonly digits: SimpleSignal<number, this>;

  /**
   * Characters reserved for the number (left-padded with spaces): by default
   * digits + 3 (sign, one integer digit and the point), so "3.00" and
   * "−2.50" take the same width.
   */
  @initial(-1)
  @signal()
  declare public readonly numberWidth: SimpleSignal<number, this>;

  public constructor({
    label,
    value,
    digits,
    numberWidth,
    color,
    ...rest
  }: ReadoutProps) {
    super({
      fontFamily: FONTS.mono,
      textWrap: 'pre',
      fontSize: SIZES.label,
      fill: color ?? COLORS.text,
      ...rest,
    });
    if (label !== undefined) this.label(label);
    if (value !== undefined) this.value(value);
    if (digits !== undefined) this.digits(digits);
    if (numberWidth !== undefined) this.numberWidth(numberWidth);
    // Spaces keep their width in the monospace face; keep them in the layout.
    this.text(() => this.content());
  }

  /** The number alone, formatted and padded to its fixed width. */
  public formatted(): string {
    return readoutText('', this.value(), this.digits(), this.numberWidth());
  }

  /** The whole line: `label = number`. */
  public content(): string {
    return readoutText(
      this.label(),
      this.value(),
      this.digits(),
      this.numberWidth(),
    );
  }

  /**
   * Draws the line as one string. Txt's own drawing collapses runs of spaces
   * (NBSP included), which would undo the fixed-width padding; the layout
   * (and so the width) is still Txt's.
   */
  protected override draw(context: CanvasRenderingContext2D) {
    const size = this.computedSize();
    context.save();
    this.applyStyle(context);
    context.font = `${this.fontWeight()} ${this.fontSize()}px ${FONTS.mono}`;
    context.textAlign = 'left';
    context.textBaseline = 'middle';
    context.fillText(this.content(), -size.width / 2, 0);
    context.restore();
  }

  /** What the readout shows, for tests and the frame sweep: the label, the number (null when undefined) and the text on screen. */
  public probe(): ReadoutProbe {
    return {
      type: 'Readout',
      label: this.label(),
      value: readoutNumber(this.value()),
      text: this.content(),
    };
  }
}
