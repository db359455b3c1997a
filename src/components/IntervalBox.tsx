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
  type PossibleVector2,
  type SignalValue,
  type SimpleSignal,
  Vector2,
  easeInOutCubic,
} from '@motion-canvas/core';
import {
  type BoxRect,
  type IntervalBoxGeometry,
  type IntervalBoxProbe,
  type LinePlacement,
  type Px,
  intervalBoxGeometry,
  placementFrom,
  pointOn,
  slopeAt,
} from '../geometry/intervalBox';
import {square} from '../math';
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
  /** {@inheritDoc IntervalBox.x0} */
  x0?: SignalValue<number>;
  /** {@inheritDoc IntervalBox.centre} */
  centre?: SignalValue<number | null>;
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

/**
 * A box around an interval [a, b] on one line and its true image on
 * another, with live readouts of both lengths and their ratio.
 *
 * @remarks
 * What it draws is {@link intervalBoxGeometry} (src/geometry/intervalBox.ts),
 * a pure function of the function, the interval, the two lines' placements
 * and the landing progress: `land` carries the copy to the image, cut at the
 * interval's turning points so that a fold shows as the pieces overlapping;
 * a flip shows the end labels a, b crossing over to land as b, a; a collapse
 * ends on a marker at f of the named point. The case colour classifies the
 * stretch the box shows end to end. Give `centre` to centre the box on the
 * point the scene talks about (the box is then [centre − dx/2, centre + dx/2]).
 *
 * @example
 * ```tsx
 * <IntervalBox mapping={m()} centre={1.5} dx={0.5} endLabels={['a', 'b']} />
 * yield* box().land(2);
 * ```
 */
@nodeName('IntervalBox')
export class IntervalBox extends Node {
  /** The function; by default the mapping's. */
  @initial(null)
  @signal()
  declare public readonly fn: SimpleSignal<RealFunction | null, this>;

  /** The left end of the input interval when no centre is given (named x0: `x` is the node's position). */
  @initial(1.5)
  @signal()
  declare public readonly x0: SimpleSignal<number, this>;

  /** The point the box is centred on and the scene talks about, or null to use x0. */
  @initial(null)
  @signal()
  declare public readonly centre: SimpleSignal<number | null, this>;

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
  private readonly readoutNodes: Readout[];

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
    this.readoutNodes = values.map(
      (value, i) =>
        new Readout({
          label: labels[i],
          value,
          digits: d,
          offset: [-1, -1],
          y: i * (SIZES.label + 20),
          fill: i === 2 ? COLORS.dx : COLORS.text,
        }),
    );
    this.readoutNodes.forEach(r => this.readouts.add(r));
    this.add(this.readouts);
  }

  /** The function in use. */
  public func(): RealFunction {
    return this.fn() ?? this.mapping?.fn() ?? square;
  }

  /** The math this box depicts (for the frame sweep): its function. */
  public subject(): RealFunction {
    return this.func();
  }

  /** The input interval's ends [a, b]. */
  public interval(): [number, number] {
    const dx = this.dx();
    const c = this.centre();
    const a = c === null ? this.x0() : c - dx / 2;
    return [a, a + dx];
  }

  /** Where a line lies in this node's pixels. */
  private placement(line: NumberLine): LinePlacement {
    const zero = line.pointIn(this, 0);
    const one = line.pointIn(this, 1);
    return placementFrom([zero.x, zero.y], [one.x, one.y]);
  }

  /** Everything drawn, from the pure geometry module. */
  @computed()
  public geometry(): IntervalBoxGeometry {
    const [a, b] = this.interval();
    return intervalBoxGeometry({
      fn: this.func(),
      a,
      b,
      at: this.centre(),
      landed: this.landed(),
      input: this.placement(this.inputLine),
      output: this.placement(this.outputLine),
    });
  }

  /** The math of the box: [a, b], the ends' images, the true image, lengths, ratio and stretch. */
  public image(): IntervalImage {
    return this.geometry().image;
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
    const ends = this.geometry().ends;
    return ends ? [new Vector2(ends[0]), new Vector2(ends[1])] : null;
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
    const g = this.geometry();
    const pts = [
      new Vector2(g.inputBox.left, g.inputBox.y),
      new Vector2(g.inputBox.right, g.inputBox.y),
    ];
    for (const v of [...g.image.output, ...g.image.span])
      if (Number.isFinite(v)) pts.push(new Vector2(pointOn(g.lines.output, v)));
    return BBox.fromPoints(...pts).expand(120);
  }

  protected override draw(context: CanvasRenderingContext2D) {
    const g = this.geometry();
    const h = this.boxHeight();
    context.save();
    context.lineJoin = 'round';
    if (this.inputOpacity() > 0) {
      context.globalAlpha = this.inputOpacity();
      this.drawBox(context, g.inputBox, h, COLORS.dx);
      const [a, b] = g.inputEnds;
      this.drawEndLabels(context, a, b, h, COLORS.dx);
    }
    if (g.pieces.length > 0 && g.ends) {
      context.globalAlpha = 1;
      for (const piece of g.pieces) this.drawBox(context, piece, h, g.color);
      this.drawEndLabels(context, g.ends[0], g.ends[1], h, g.color);
    }
    if (g.collapse) {
      // The collapse marker: the image is (in the limit) a single point.
      const [x, y] = g.collapse.point;
      context.globalAlpha = g.collapse.alpha;
      context.fillStyle = COLORS.collapse;
      context.strokeStyle = COLORS.collapse;
      context.lineWidth = STROKES.box;
      context.beginPath();
      context.arc(x, y, 9, 0, Math.PI * 2);
      context.fill();
      context.beginPath();
      context.arc(x, y, 22, 0, Math.PI * 2);
      context.stroke();
    }
    context.restore();
    this.drawChildren(context);
  }

  private drawBox(
    context: CanvasRenderingContext2D,
    box: BoxRect,
    h: number,
    color: string,
  ) {
    // A zero-length box still shows as a 2 px sliver.
    const width = Math.max(box.right - box.left, 2);
    const left = (box.left + box.right) / 2 - width / 2;
    const alpha = context.globalAlpha;
    context.fillStyle = color;
    context.globalAlpha = alpha * 0.25;
    context.fillRect(left, box.y - h / 2, width, h);
    context.globalAlpha = alpha;
    context.strokeStyle = color;
    context.lineWidth = STROKES.box;
    context.strokeRect(left, box.y - h / 2, width, h);
  }

  private drawEndLabels(
    context: CanvasRenderingContext2D,
    a: Px,
    b: Px,
    h: number,
    color: string,
  ) {
    const labels = this.endLabels();
    if (labels.length < 2) return;
    context.font = `italic ${SIZES.label}px ${FONTS.text}`;
    context.fillStyle = color;
    context.textAlign = 'center';
    context.textBaseline = 'bottom';
    context.fillText(labels[0], a[0], a[1] - h / 2 - 6);
    context.fillText(labels[1], b[0], b[1] - h / 2 - 6);
  }

  /** What the box drew, for tests and the frame sweep: the interval, its images, the pieces and readouts. */
  public probe(): IntervalBoxProbe {
    const g = this.geometry();
    const image = g.image;
    const num = (d: IntervalImage['ratio']) => (d.defined ? d.value : null);
    const a = image.input[0];
    const outputs = g.lines.output;
    const at = this.centre();
    return {
      type: 'IntervalBox',
      fnTex: this.func().tex(),
      at,
      x: a,
      dx: this.dx(),
      input: [...image.input] as [number, number],
      output: [...image.output] as [number, number],
      span: [...image.span] as [number, number],
      folds: [...image.folds],
      inputLength: image.inputLength,
      outputLength: image.outputLength,
      ratio: num(image.ratio),
      stretchFactor:
        at === null ? num(image.stretchFactor) : slopeAt(this.func(), at),
      kind: g.style.kind,
      name: g.style.name,
      caseColor: g.style.color,
      orientation: image.orientation,
      landed: this.landed(),
      opacity: this.absoluteOpacity(),
      inputOpacity: this.inputOpacity(),
      lines: g.lines,
      drawn: {
        inputBox: g.inputBox,
        pieces: g.pieces,
        color: g.color,
        collapse: g.collapse,
      },
      inputPixels: [g.inputEnds[0][0], g.inputEnds[1][0]],
      outputPixels: [
        Number.isFinite(image.output[0])
          ? pointOn(outputs, image.output[0])[0]
          : null,
        Number.isFinite(image.output[1])
          ? pointOn(outputs, image.output[1])[0]
          : null,
      ],
      movingEnds: g.ends,
      readouts: this.readoutNodes.map(r => r.probe()),
      readoutOpacity: this.readouts.absoluteOpacity(),
    };
  }
}
