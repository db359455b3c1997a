/**
 * Benchmark scene "flow": 1920x1080 at 60 fps, 600 frames (10 s).
 *
 * Two number lines with 61 labelled ticks each way, 61 dots travelling from x
 * on the input line to x² on the output line (staggered by one frame), an
 * interval box stretching from [1, 1.2] to [1, 1.44], and a Latex label.
 * Written for this repository after the description in
 * /work/shared/bench/README.md; it exercises what the chapter's scenes draw.
 */
import {
  Circle,
  Latex,
  Line,
  Node,
  Rect,
  Txt,
  makeScene2D,
} from '@motion-canvas/2d';
import {
  all,
  createRef,
  easeInOutCubic,
  sequence,
  waitFor,
} from '@motion-canvas/core';

/** Every duration of this scene, in seconds (sums to 10). */
const T = {intro: 1, flow: 2, box: 0.5, stretch: 2, label: 1, hold: 2.5};

const SAMPLES = 61; // x = -3.0, -2.9, ..., 3.0
const LINE_Y = {input: -250, output: 250};
const HALF_WIDTH = 800;
const INPUT = [-3, 3] as const;
const OUTPUT = [0, 9] as const;
const INK = '#d0d4dc';
const FONT = 'DejaVu Sans';

const square = (x: number) => x * x;
/** Maps a value of [lo, hi] to a pixel x on a line. */
const toPixel = ([lo, hi]: readonly [number, number], v: number) =>
  -HALF_WIDTH + ((v - lo) / (hi - lo)) * 2 * HALF_WIDTH;
const sample = (i: number) =>
  INPUT[0] + (i * (INPUT[1] - INPUT[0])) / (SAMPLES - 1);
const label = (v: number) => {
  const r = Math.round(v * 10) / 10;
  return Number.isInteger(r) ? r.toFixed(0) : r.toFixed(1);
};

function axis(y: number, ref: ReturnType<typeof createRef<Line>>) {
  return (
    <Line
      ref={ref}
      points={[
        [-HALF_WIDTH - 40, y],
        [HALF_WIDTH + 40, y],
      ]}
      stroke={INK}
      lineWidth={4}
      end={0}
    />
  );
}

export default makeScene2D(function* (view) {
  view.fill('#0e1117');
  const inputLine = createRef<Line>();
  const outputLine = createRef<Line>();
  const inputTicks = createRef<Node>();
  const outputTicks = createRef<Node>();
  const dots = createRef<Node>();
  const box = createRef<Rect>();
  const formula = createRef<Latex>();

  const inputMarks = Array.from({length: SAMPLES}, (_, i) => {
    const x = toPixel(INPUT, sample(i));
    const major = i % 10 === 0;
    return [
      <Line
        points={[
          [x, LINE_Y.input - (major ? 18 : 9)],
          [x, LINE_Y.input + (major ? 18 : 9)],
        ]}
        stroke={INK}
        lineWidth={major ? 3 : 2}
      />,
      <Txt
        text={label(sample(i))}
        x={x}
        y={LINE_Y.input + (major ? 76 : i % 2 === 0 ? 30 : 50)}
        fontFamily={FONT}
        fontSize={major ? 26 : 13}
        fill={major ? '#ffffff' : '#9aa3b2'}
      />,
    ];
  }).flat();
  const outputMarks = Array.from(
    {length: OUTPUT[1] - OUTPUT[0] + 1},
    (_, k) => {
      const x = toPixel(OUTPUT, k);
      return [
        <Line
          points={[
            [x, LINE_Y.output - 18],
            [x, LINE_Y.output + 18],
          ]}
          stroke={INK}
          lineWidth={3}
        />,
        <Txt
          text={label(k)}
          x={x}
          y={LINE_Y.output + 44}
          fontFamily={FONT}
          fontSize={26}
          fill="#ffffff"
        />,
      ];
    },
  ).flat();

  view.add(
    <>
      {axis(LINE_Y.input, inputLine)}
      {axis(LINE_Y.output, outputLine)}
      <Node ref={inputTicks} opacity={0}>
        {inputMarks}
        <Txt
          text="x"
          x={HALF_WIDTH + 70}
          y={LINE_Y.input}
          fontFamily={FONT}
          fontSize={36}
          fontStyle="italic"
          fill="#ffffff"
        />
      </Node>
      <Node ref={outputTicks} opacity={0}>
        {outputMarks}
        <Txt
          text="f(x)"
          x={HALF_WIDTH + 80}
          y={LINE_Y.output}
          fontFamily={FONT}
          fontSize={36}
          fontStyle="italic"
          fill="#ffffff"
        />
      </Node>
      <Node ref={dots} opacity={0}>
        {Array.from({length: SAMPLES}, (_, i) => (
          <Circle
            x={toPixel(INPUT, sample(i))}
            y={LINE_Y.input}
            size={14}
            fill={`hsl(${Math.round((i / (SAMPLES - 1)) * 300)}, 85%, 62%)`}
          />
        ))}
      </Node>
      <Rect
        ref={box}
        x={(toPixel(INPUT, 1) + toPixel(INPUT, 1.2)) / 2}
        y={LINE_Y.input}
        width={toPixel(INPUT, 1.2) - toPixel(INPUT, 1)}
        height={56}
        radius={4}
        stroke="#ffdd00"
        lineWidth={3}
        fill="rgba(255, 221, 0, 0.18)"
        opacity={0}
      />
      <Latex
        ref={formula}
        tex="f(x)=x^2"
        fill="#ffffff"
        fontSize={72}
        opacity={0}
      />
    </>,
  );

  // 1. The lines draw in, ticks and dots fade in
  yield* all(
    inputLine().end(1, T.intro),
    outputLine().end(1, T.intro),
    inputTicks().opacity(1, T.intro),
    outputTicks().opacity(1, T.intro),
    dots().opacity(1, T.intro),
  );
  // 2. Each dot travels x -> x², one frame after the previous one
  yield* sequence(
    1 / 60,
    ...(dots().children() as Circle[]).map((dot, i) =>
      dot.position(
        [toPixel(OUTPUT, square(sample(i))), LINE_Y.output],
        T.flow,
        easeInOutCubic,
      ),
    ),
  );
  // 3. The interval box appears around [1, 1.2]
  yield* box().opacity(1, T.box);
  // 4. It stretches onto [1, 1.44] on the output line
  yield* all(
    box().position(
      [(toPixel(OUTPUT, 1) + toPixel(OUTPUT, 1.44)) / 2, LINE_Y.output],
      T.stretch,
      easeInOutCubic,
    ),
    box().width(
      toPixel(OUTPUT, 1.44) - toPixel(OUTPUT, 1),
      T.stretch,
      easeInOutCubic,
    ),
  );
  // 5. The formula fades in, then everything holds
  yield* formula().opacity(1, T.label);
  yield* waitFor(T.hold);
});
