import {Txt, makeScene2D} from '@motion-canvas/2d';
import {
  all,
  createRef,
  createSignal,
  easeInOutCubic,
  waitFor,
  waitUntil,
} from '@motion-canvas/core';
import {
  Caption,
  FunctionGraph,
  Heading,
  IntervalBox,
  MappingView,
} from '../src/components';
import {beat} from '../src/beats';
import {narrator} from '../src/narration/narrate';
import timings from '../narration/timings/06-two-clothes.json';
import {COLORS, FONTS, SIZES} from '../src/theme';
import {DX, F, SAMPLES, STOPS, T, WORDS} from './06-two-clothes.timing';

/** Layout at 1920×1080: the graph on the left half, the mapping on the right. */
const GRAPH = {x: -510, y: -40, width: 800, height: 600};
const MAP = {x: 530, y: -100, length: 780, gap: 420};
/** The top of the row where the two ratios are read side by side. */
const RATIO_ROW = 300;

export default makeScene2D(function* (view) {
  view.fill(COLORS.background);
  const narrate = narrator(timings);
  const title = createRef<Txt>();
  const caption = createRef<Txt>();
  const graph = createRef<FunctionGraph>();
  const mapping = createRef<MappingView>();
  const box = createRef<IntervalBox>();
  const equals = createRef<Txt>();
  const slopeName = createRef<Txt>();
  const stretchName = createRef<Txt>();

  // One x drives both pictures.
  const x = createSignal<number>(STOPS[0]);

  view.add(
    <>
      <Heading ref={title} key="title" text={WORDS.title} y={-470} />
      <Txt
        ref={slopeName}
        key="slopeName"
        text={WORDS.slopeName}
        fontFamily={FONTS.text}
        fontSize={SIZES.label}
        fill={COLORS.muted}
        position={[GRAPH.x, -385]}
        opacity={0}
      />
      <Txt
        ref={stretchName}
        key="stretchName"
        text={WORDS.stretchName}
        fontFamily={FONTS.text}
        fontSize={SIZES.label}
        fill={COLORS.muted}
        position={[MAP.x, -385]}
        opacity={0}
      />
      <FunctionGraph
        ref={graph}
        key="graph"
        f={F}
        xMin={-2.2}
        xMax={2.2}
        yMin={-1}
        yMax={5}
        width={GRAPH.width}
        height={GRAPH.height}
        position={[GRAPH.x, GRAPH.y]}
        pointX={x}
        run={DX}
        tangentLength={380}
        graphEnd={0}
        tangentOpacity={0}
        triangleOpacity={0}
        readoutOpacity={0}
        readoutPosition={[-GRAPH.width / 2 + 40, RATIO_ROW - GRAPH.y]}
        opacity={0}
      />
      <MappingView
        ref={mapping}
        key="mapping"
        fn={F}
        inputMin={-2.5}
        inputMax={2.5}
        outputMin={-0.5}
        outputMax={4.5}
        length={MAP.length}
        gap={MAP.gap}
        samples={SAMPLES}
        dotOpacity={0}
        position={[MAP.x, MAP.y]}
      />
      <Txt
        ref={equals}
        key="equals"
        text="="
        fontFamily={FONTS.text}
        fontWeight={600}
        fontSize={SIZES.heading}
        fill={COLORS.text}
        position={[-170, RATIO_ROW + 18]}
        opacity={0}
      />
      <Caption ref={caption} key="caption" width={1800} y={410} />
    </>,
  );
  // The slope readout says what it is in this scene's words.
  graph().readout().label('rise / run');
  mapping().input.drawn(0);
  mapping().output.drawn(0);
  view.add(
    <IntervalBox
      ref={box}
      key="box"
      mapping={mapping()}
      centre={() => x()}
      dx={DX}
      readoutPosition={[
        MAP.x - MAP.length / 2,
        RATIO_ROW - 2 * (SIZES.label + 20),
      ]}
      opacity={0}
    />,
  );
  box().readouts.opacity(0);

  yield* narrate('same-number', function* () {
    // 1. The slope picture: the graph of x², the point at x with its tangent and rise over run
    yield* beat('slope-picture', function* () {
      yield* title().opacity(1, T.title);
      yield* all(
        graph().opacity(1, T.graphIn),
        slopeName().opacity(1, T.graphIn),
      );
      yield* graph().drawGraph(T.graph);
      yield* graph().tangentOpacity(1, T.tangent);
      yield* all(
        graph().triangleOpacity(1, T.triangle),
        graph().readoutOpacity(1, T.triangle),
      );
      yield* waitFor(T.hold);
    });

    // 2. The stretch picture: the same f as a mapping; dots flow from x to x² once
    yield* beat('stretch-picture', function* () {
      yield* all(
        mapping().input.grow(T.linesIn),
        mapping().output.grow(T.linesIn),
        stretchName().opacity(1, T.linesIn),
      );
      yield* mapping().showDots(T.dotsIn);
      yield* mapping().flowDots(T.flow, T.flowStagger);
      yield* mapping().dotOpacity(0, T.dotsOut);
    });
  });

  // 3. The box centred on the same x, width dx = run, lands with output length = rise
  yield* narrate('rise-over-run', function* () {
    yield* introduceBox();
    yield* waitUntil('same-number');

    // 4. Same number, different clothes
    yield* beat('same-number', function* () {
      yield* showCaption(WORDS.same);
      yield* waitFor(T.read);
    });
  });

  // 5-6. x moves: both readouts change together, through a flip where
  // f' < 0; they agree because both come from the same f
  yield* narrate('agree', function* () {
    yield* showCaption(WORDS.rise);
    yield* slideThroughStops();
    yield* showCaption(WORDS.agree);
    yield* waitUntil('agree');
    yield* beat('agree', waitFor(T.closingHold));
  });

  // 7. Everything fades for the next scene
  yield* beat(
    'out',
    all(
      title().opacity(0, T.out),
      caption().opacity(0, T.out),
      graph().opacity(0, T.out),
      mapping().opacity(0, T.out),
      box().opacity(0, T.out),
      equals().opacity(0, T.out),
      slopeName().opacity(0, T.out),
      stretchName().opacity(0, T.out),
    ),
  );

  /** The box appears at x, lands, and its lengths and ratio are read beside rise / run. */
  function* introduceBox() {
    yield* beat('box-in', box().opacity(1, T.boxIn));
    yield* beat('land', box().land(T.land));
    yield* beat('readouts', function* () {
      yield* box().readouts.opacity(1, T.readouts);
      yield* equals().opacity(1, T.equals);
    });
    yield* beat('landed', waitFor(T.hold));
  }

  /** x visits each stop after the first, holding at each so both numbers can be read. */
  function* slideThroughStops() {
    for (const [i, stop] of STOPS.slice(1).entries()) {
      yield* beat(`slide-${i + 1}`, x(stop, T.slide, easeInOutCubic));
      yield* beat(`stop-${i + 1}`, waitFor(T.slideHold));
    }
  }

  /** Swaps the caption for the next sentence of the lesson. */
  function* showCaption(text: string) {
    if (caption().opacity() > 0) yield* caption().opacity(0, T.caption / 2);
    caption().text(text);
    yield* caption().opacity(1, T.caption);
  }
});
