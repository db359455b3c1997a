import {Latex, Line, Node, Txt, makeScene2D} from '@motion-canvas/2d';
import {
  all,
  createRef,
  easeInOutCubic,
  waitFor,
  waitUntil,
} from '@motion-canvas/core';
import {beat} from '../src/beats';
import {narrator} from '../src/narration/narrate';
import timings from '../narration/timings/02-slope.json';
import {FunctionGraph} from '../src/components/FunctionGraph';
import {COLORS, FONTS, SIZES, STROKES} from '../src/theme';
import {AXES, PLANE_MAP, SLOPE_F, STOPS, T} from './02-slope.timing';

// Every duration of this scene lives in the timing module; re-exported here
// as the scene's T block. Each beat is named (`beat(name, ...)`) so tests
// and the frame sweep find it where it is.
export {T};

/** Lesson words, in order. */
const WORDS = {
  see: 'When someone says "derivative", you probably see a curve and a tangent line.',
  steep: "f'(x) is the steepness of that line. Rise over run.",
  problem:
    'Once you have functions of several inputs and several outputs, the graph runs out of axes.',
  need: 'We need a view that does not depend on plotting input against output at all.',
};

export default makeScene2D(function* (view) {
  view.fill(COLORS.background);
  const narrate = narrator(timings);

  const caption = createRef<Txt>();
  const graph = createRef<FunctionGraph>();
  const closing = createRef<Node>();
  const extraAxes = createRef<Node>();
  const mapTex = createRef<Latex>();

  // Inputs and outputs of the plane map: two numbers in, as many out as it has formulas.
  const inputs = 2;
  const outputs = PLANE_MAP.tex.length;
  const axisNames = ['x', 'y', 'u', 'v'].slice(0, inputs + outputs);
  // Directions of the four axis arrows (screen px): two fit in the page, the rest do not.
  const arrowEnds: [number, number][] = [
    [230, 0],
    [0, -230],
    [-170, 150],
    [180, 170],
  ];

  view.add(
    <>
      <Txt
        ref={caption}
        fontFamily={FONTS.text}
        fontSize={SIZES.body}
        fill={COLORS.text}
        textAlign="center"
        textWrap
        width={1700}
        y={-470}
        opacity={0}
      />
      <FunctionGraph
        key="graph"
        ref={graph}
        f={SLOPE_F}
        xMin={AXES.xMin}
        xMax={AXES.xMax}
        yMin={AXES.yMin}
        yMax={AXES.yMax}
        width={AXES.width}
        height={AXES.height}
        y={AXES.y}
        pointX={STOPS.start}
        graphEnd={0}
        graphLabelPosition={() => [
          graph().width() / 2 - 10,
          graph().height() / 2 - 170,
        ]}
        tangentOpacity={0}
        triangleOpacity={0}
        readoutOpacity={0}
        opacity={0}
      />
      <Node ref={closing} x={480} y={60} opacity={0}>
        <Latex
          ref={mapTex}
          tex={`f: \\mathbb{R}^{${inputs}} \\to \\mathbb{R}^{${outputs}},\\quad (x, y) \\mapsto \\left(${PLANE_MAP.tex[0]},\\ ${PLANE_MAP.tex[1]}\\right)`}
          fill={COLORS.text}
          fontSize={SIZES.label}
          y={-360}
        />
        {arrowEnds.slice(0, inputs).map(([x, y], i) => (
          <Node>
            <Line
              points={[
                [0, 0],
                [x, y],
              ]}
              stroke={COLORS.input}
              lineWidth={STROKES.axis}
              endArrow
              arrowSize={16}
            />
            <Latex
              tex={axisNames[i]}
              fill={COLORS.input}
              fontSize={SIZES.body}
              position={[x * 1.15, y * 1.15]}
            />
          </Node>
        ))}
        <Node ref={extraAxes} opacity={0}>
          <Txt
            text={`${inputs} inputs + ${outputs} outputs = ${inputs + outputs} axes`}
            fontFamily={FONTS.text}
            fontSize={SIZES.label}
            fill={COLORS.flip}
            y={300}
          />
          {arrowEnds.slice(inputs, inputs + outputs).map(([x, y], i) => (
            <Node>
              <Line
                points={[
                  [0, 0],
                  [x, y],
                ]}
                stroke={COLORS.flip}
                lineWidth={STROKES.axis}
                lineDash={[14, 10]}
                endArrow
                arrowSize={16}
              />
              <Latex
                tex={`${axisNames[inputs + i]}\\,?`}
                fill={COLORS.flip}
                fontSize={SIZES.body}
                position={[x * 1.2, y * 1.2]}
              />
            </Node>
          ))}
        </Node>
      </Node>
    </>,
  );

  // 1. The familiar picture: axes, then the graph of f draws in
  yield* narrate('see', function* () {
    yield* beat('see-caption', showCaption(WORDS.see));
    yield* beat('axes', graph().opacity(1, T.axes));
    yield* beat('graph', graph().drawGraph(T.graph));
    yield* beat('graph-hold', waitFor(T.hold));
  });

  // 2. A point on the curve with its tangent line
  yield* beat('tangent', graph().tangentOpacity(1, T.tangent));
  yield* beat('steepness', waitUntil('steepness'));

  // 3. f'(x) is the steepness of that line: rise over run, with the live slope
  yield* narrate('steep', function* () {
    yield* beat('steep-caption', showCaption(WORDS.steep));
    yield* beat(
      'triangle',
      all(
        graph().triangleOpacity(1, T.triangle),
        graph().readoutOpacity(1, T.triangle),
      ),
    );
    yield* beat('steep-hold', waitFor(T.hold));
  });

  // 4. The point slides: the slope falls to 0 at the flat top, turns negative, then climbs again
  yield* beat('slide-to-flat', graph().slideTo(STOPS.flat, T.slideToFlat));
  yield* beat('flat-top', waitUntil('flat-top'));
  yield* beat('flat-hold', waitFor(T.hold));
  yield* beat('slide-across', graph().slideTo(STOPS.end, T.slideAcross));
  yield* beat('end-hold', waitFor(T.hold));

  // 5. The problem: a map of the plane has two inputs and two outputs: four axes, and a page has two
  yield* narrate('fine', function* () {
    yield* beat('problem-caption', showCaption(WORDS.problem));
    yield* beat(
      'shrink',
      all(
        // Smaller axes, same text size: the numbers stay legible.
        graph().width(760, T.shrink, easeInOutCubic),
        graph().height(560, T.shrink, easeInOutCubic),
        graph().position([-500, 80], T.shrink, easeInOutCubic),
        graph().readoutOpacity(0, T.shrink),
        graph().labelOpacity(0, T.shrink),
        graph().tangentLength(300, T.shrink),
        graph().triangleOpacity(0, T.shrink),
      ),
    );
  });
  yield* narrate('problem', function* () {
    yield* beat('axes-icon', closing().opacity(1, T.axesIcon));
    yield* beat('axes-hold', waitFor(T.hold));
    yield* beat('extra-axes', extraAxes().opacity(1, T.extraAxis));
    yield* beat('out-of-axes', waitUntil('out-of-axes'));
    yield* beat('out-of-axes-hold', waitFor(T.hold));
  });
  yield* narrate('need', function* () {
    yield* beat('need-caption', showCaption(WORDS.need));
    yield* beat('closing-hold', waitFor(T.closingHold));
  });

  // 6. Everything fades for the mapping picture
  yield* beat(
    'out',
    all(
      caption().opacity(0, T.out),
      graph().opacity(0, T.out),
      closing().opacity(0, T.out),
    ),
  );

  /** Swaps the caption for the next sentence of the lesson. */
  function* showCaption(text: string) {
    if (caption().opacity() > 0) yield* caption().opacity(0, T.caption / 2);
    caption().text(text);
    yield* caption().opacity(1, T.caption);
  }
});
