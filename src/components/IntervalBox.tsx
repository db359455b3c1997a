import {
  Node,
  type NodeProps,
  initial,
  nodeName,
  signal,
} from '@motion-canvas/2d';
import {
  BBox,
  type PossibleVector2,
  type SignalValue,
  type SimpleSignal,
  Vector2,
  clamp,
  easeInOutCubic,
} from '@motion-canvas/core';
import {imageOfInterval, square} from '../math';
import type {IntervalImage, RealFunction} from '../math/types';
import {COLORS, FONTS, SIZES, STROKES} from '../theme';
import type {MappingView} from './MappingView';
import type {NumberLine} from './NumberLine';
import {Readout} from './Readout';

export interface IntervalBoxProps extends NodeProps {
  /** A mapping whose lines and function the box uses (or give `input`, `output` and `fn`). */
  mapping?: MappingView;
  /** The line the interval [x, x + dx] sits on. */
  input?: NumberLine;
  /** The line its image lands on. */
  output?: NumberLine;
  /** {@inheritDoc IntervalBox.fn} */
  fn?: SignalValue<RealFunction>;
  /** {@inheritDoc IntervalBox.x} */
  x0?: SignalValue<number>;
  /** {@inheritDoc IntervalBox.dx} */
  dx?: SignalValue<number>;
  /** {@inheritDoc IntervalBox.landed} */
  landed?: SignalValue<number>;
  /** {@inheritDoc IntervalBox.endLabels} */
  endLabels?: SignalValue<string[]>;
  /** {@inheritDoc IntervalBox.boxHeight} */
  boxHeight?: SignalValue<number>;
  /** Where the column of readouts starts (its top-left corner), in this node's coordinates. */
  readoutPosition?: SignalValue<PossibleVector2>;
  /** Labels of the three readouts: input length, output length, their ratio. */
  readoutLabels?: [string, string, string];
  /** Digits of the readouts. */
  digits?: SignalValue<number>;
}

/** The colour of an image box by what the map does there: flips red, collapses white, otherwise the dx yellow. */
function colorFor(image: IntervalImage): string {
  if (image.stretch.kind === 'flip') return COLORS.flip;
  if (image.stretch.kind === 'collapse') return COLORS.collapse;
  return COLORS.dx;
}

/**
 * A box around [x, x + dx] on one line and its image [f(x), f(x + dx)] on
 * another, with live readouts of both lengths and their ratio.
 *
 * @remarks
 * Every number comes from the math module's `imageOfInterval`; `land`
 * carries each end of the box to its image, so a flip shows the end labels
 * a, b crossing over to land as b, a, and a collapse (f'(x) = 0) ends on a dot
 * with a marker.
 *
 * @example
 * ```tsx
 * <IntervalBox mapping={m()} x0={1.5} dx={0.5} endLabels={['a', 'b']} />
 * yield* box().land(2);
 * ```
 */
@nodeName('IntervalBox')
export class IntervalBox extends Node {
  /** The function; by default the mapping's. */
  @initial(null)
  @signal()
  declare public readonly fn: SimpleSignal<RealFunction | null, this>;

  /** The left end x of the input interval (named x0: `x` is the node's position). */
  @initial(1.5)
  @signal()
  declare public readonly x0: SimpleSignal<number, this>;

  /** The interval's length dx (signed). */
  @initial(0.5)
  @signal()
  declare public readonly dx: SimpleSignal<number, this>;

  /** How far the moving copy has travelled from the input line to the image, 0 to 1. */
  @initial(0)
  @signal()
  declare public readonly landed: SimpleSignal<number, this>;

  /** Names written at the two ends (e.g. ['a', 'b']); empty for none. */
  @initial([])
  @signal()
  declare public readonly endLabels: SimpleSignal<string[], this>;

  /** Height of the boxes in pixels. */
  @initial(40)
  @signal()
  declare public readonly boxHeight: SimpleSignal<number, this>;

  /** Opacity of the box on the input line. */
  @initial(1)
  @signal()
  declare public readonly inputOpacity: SimpleSignal<number, this>;

  public readonly mapping: MappingView | null;
  public readonly inputLine: NumberLine;
  public readonly outputLine: NumberLine;
  /** The column of readouts: input length, output length and their ratio (fade it with `readouts.opacity`). */
  public readonly readouts: Node;

  public constructor({
    mapping,
    input,
    output,
    readoutPosition,
    readoutLabels,
    digits,
    ...props
  }: IntervalBoxProps) {
    super(props);
    const inputLine = input ?? mapping?.input;
    const outputLine = output ?? mapping?.output;
    if (!inputLine || !outputLine) {
      throw new Error(
        'IntervalBox: expected a mapping, or both input and output lines; got neither',
      );
    }
    this.mapping = mapping ?? null;
    this.inputLine = inputLine;
    this.outputLine = outputLine;
    const raw = readoutLabels ?? [
      'input length',
      'output length',
      'output / input',
    ];
    // Labels padded to one width (monospace), so the three "=" signs line up.
    const width = Math.max(...raw.map(l => l.length));
    const labels = raw.map(l => l.padStart(width, '\u00a0'));
    const d = digits ?? 2;
    this.readouts = new Node({position: readoutPosition ?? [420, -120]});
    const values = [
      () => this.image().inputLength,
      () => this.image().outputLength,
      () => this.image().ratio,
    ];
    values.forEach((value, i) =>
      this.readouts.add(
        new Readout({
          label: labels[i],
          value,
          digits: d,
          offset: [-1, -1],
          y: i * (SIZES.label + 20),
          fill: i === 2 ? COLORS.dx : COLORS.text,
        }),
      ),
    );
    this.add(this.readouts);
  }

  /** The function in use. */
  public func(): RealFunction {
    return this.fn() ?? this.mapping?.fn() ?? square;
  }

  /** The math of the box: [x, x + dx], its image, lengths, ratio and stretch. */
  public image(): IntervalImage {
    return imageOfInterval(this.func(), this.x0(), this.dx());
  }

  /** Position of the number v on the input line, in this node's coordinates. */
  public inputPoint(v: number): Vector2 {
    return this.inputLine.pointIn(this, v);
  }

  /** Position of the number v on the output line, in this node's coordinates. */
  public outputPoint(v: number): Vector2 {
    return this.outputLine.pointIn(this, v);
  }

  /** The moving copy's two ends (for a then b) at the current landing progress. */
  public movingEnds(): [Vector2, Vector2] | null {
    const image = this.image();
    const [a, b] = image.input;
    const [fa, fb] = image.output;
    if (!Number.isFinite(fa) || !Number.isFinite(fb)) return null;
    const t = clamp(0, 1, this.landed());
    return [
      this.inputPoint(a).lerp(this.outputPoint(fa), t),
      this.inputPoint(b).lerp(this.outputPoint(fb), t),
    ];
  }

  /** Carries the box from the input line to its image. */
  public *land(duration: number) {
    yield* this.landed(1, duration, easeInOutCubic);
  }

  /** Lifts the image back onto the input line. */
  public *unland(duration: number) {
    yield* this.landed(0, duration, easeInOutCubic);
  }

  protected override getCacheBBox(): BBox {
    const image = this.image();
    const pts = [
      this.inputPoint(image.input[0]),
      this.inputPoint(image.input[1]),
    ];
    for (const v of image.output)
      if (Number.isFinite(v)) pts.push(this.outputPoint(v));
    return BBox.fromPoints(...pts).expand(120);
  }

  protected override draw(context: CanvasRenderingContext2D) {
    const image = this.image();
    const h = this.boxHeight();
    context.save();
    context.lineJoin = 'round';
    // The interval on the input line.
    const a = this.inputPoint(image.input[0]);
    const b = this.inputPoint(image.input[1]);
    if (this.inputOpacity() > 0) {
      context.globalAlpha = this.inputOpacity();
      this.drawBox(context, a, b, h, COLORS.dx);
      this.drawEndLabels(context, a, b, h, COLORS.dx);
    }
    // The moving copy, landing as the image.
    const ends = this.movingEnds();
    const t = this.landed();
    if (ends && t > 0) {
      const color = t > 0.5 ? colorFor(image) : COLORS.dx;
      context.globalAlpha = 1;
      this.drawBox(context, ends[0], ends[1], h, color);
      this.drawEndLabels(context, ends[0], ends[1], h, color);
      if (image.stretch.kind === 'collapse') {
        // The collapse marker: the image is (in the limit) a single point.
        const p = this.outputPoint(image.output[0]);
        context.globalAlpha = clamp(0, 1, (t - 0.6) / 0.4);
        context.fillStyle = COLORS.collapse;
        context.strokeStyle = COLORS.collapse;
        context.lineWidth = STROKES.box;
        context.beginPath();
        context.arc(p.x, p.y, 9, 0, Math.PI * 2);
        context.fill();
        context.beginPath();
        context.arc(p.x, p.y, 22, 0, Math.PI * 2);
        context.stroke();
      }
    }
    context.restore();
    this.drawChildren(context);
  }

  private drawBox(
    context: CanvasRenderingContext2D,
    a: Vector2,
    b: Vector2,
    h: number,
    color: string,
  ) {
    const left = Math.min(a.x, b.x);
    const width = Math.max(Math.abs(b.x - a.x), 2);
    const y = (a.y + b.y) / 2;
    const alpha = context.globalAlpha;
    context.fillStyle = color;
    context.globalAlpha = alpha * 0.25;
    context.fillRect(left, y - h / 2, width, h);
    context.globalAlpha = alpha;
    context.strokeStyle = color;
    context.lineWidth = STROKES.box;
    context.strokeRect(left, y - h / 2, width, h);
  }

  private drawEndLabels(
    context: CanvasRenderingContext2D,
    a: Vector2,
    b: Vector2,
    h: number,
    color: string,
  ) {
    const labels = this.endLabels();
    if (labels.length < 2) return;
    context.font = `italic ${SIZES.label}px ${FONTS.text}`;
    context.fillStyle = color;
    context.textAlign = 'center';
    context.textBaseline = 'bottom';
    context.fillText(labels[0], a.x, a.y - h / 2 - 6);
    context.fillText(labels[1], b.x, b.y - h / 2 - 6);
  }

  /** Live state for tests: the interval, its image, lengths, ratio and where the ends are drawn. */
  public probe(): Record<string, unknown> {
    const image = this.image();
    const num = (d: IntervalImage['ratio']) => (d.defined ? d.value : null);
    const ends = this.movingEnds();
    return {
      x: this.x0(),
      dx: this.dx(),
      input: [...image.input],
      output: [...image.output],
      inputLength: image.inputLength,
      outputLength: image.outputLength,
      ratio: num(image.ratio),
      stretchFactor: num(image.stretchFactor),
      kind: image.stretch.kind,
      orientation: image.orientation,
      landed: this.landed(),
      inputPixels: [
        this.inputPoint(image.input[0]).x,
        this.inputPoint(image.input[1]).x,
      ],
      outputPixels: image.output.map(v =>
        Number.isFinite(v) ? this.outputPoint(v).x : null,
      ),
      movingEnds: ends ? ends.map(p => [p.x, p.y]) : null,
      readouts: this.readouts.children().map(r => (r as Readout).probe()),
    };
  }
}
