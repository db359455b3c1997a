import {Latex, Line, Node, Txt, makeScene2D} from '@motion-canvas/2d';
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
  Readout,
} from '../src/components';
import {beat} from '../src/beats';
import {narrator} from '../src/narration/narrate';
import timings from '../narration/timings/09-gotchas.json';
import {stretchStyle} from '../src/geometry/stretchStyle';
import {derivativeAt} from '../src/math';
import type {RealFunction} from '../src/math';
import type {SignalValue} from '@motion-canvas/core';
import {COLORS, FONTS, SIZES, STROKES} from '../src/theme';
import {
  DOOR_A,
  DOOR_F,
  DOOR_FAR,
  DOOR_L,
  DOOR_NEAR,
  DOOR_SAMPLES,
  FLAT_DXS,
  FLAT_F,
  FLAT_X,
  FLIP_DX,
  FLIP_F,
  FLIP_X,
  LOCAL_DX,
  LOCAL_F,
  LOCAL_STOPS,
  SLOPE_DX,
  SLOPE_X,
  T,
  WORDS,
} from './09-gotchas.timing';

/** Layout at 1920×1080. */
const TITLE_Y = -470;
const CAPTION_Y = 405;
const WIDE = {x: 60, y: -120, length: 1300, gap: 300};
const NARROW = {x: -330, y: -120, length: 760, gap: 300};
const GRAPH = {x: 560, y: -130, width: 600, height: 440};
/** The doorway's mapping: long lines across the frame. */
const DOOR = {x: 40, y: -150, length: 1560, gap: 330};
/** Top of the readout rows, under the output line. */
const READOUT_TOP = 120;
const ROW = SIZES.label + 20;

export default makeScene2D(function* (view) {
  view.fill(COLORS.background);
  const narrate = narrator(timings);
  const title = createRef<Txt>();
  const caption = createRef<Txt>();

  view.add(
    <>
      <Heading ref={title} key="title" y={TITLE_Y} />
      <Caption ref={caption} key="caption" width={1720} y={CAPTION_Y} />
    </>,
  );

  // 0. The doorway: near a, x² and its best linear approximation L land together; far away they part
  yield* doorway();

  // 1. Local, not global: a probe sweeps x; the box and its readouts change with it
  const local = buildMappingBeat('local', LOCAL_F, [-2, 2], [-0.5, 3.5], WIDE);
  const probeX = createSignal<number>(LOCAL_STOPS[0]);
  const localBox = addBox(
    'localBox',
    local.mapping,
    LOCAL_F,
    probeX,
    LOCAL_DX,
    WIDE,
  );
  local.extras.add(probeMarker(local.mapping, probeX));
  local.extras.add(stretchReadouts('local', LOCAL_F, probeX, WIDE, "f'(x)"));
  yield* narrate('local', function* () {
    yield* showTitle('local', WORDS.localTitle);
    yield* introduce('local', local, localBox);
    yield* showCaption('local', WORDS.local);
    yield* beat('local-hold', waitFor(T.hold));
    yield* sweepProbe();
    yield* beat('local-read', function* () {
      yield* waitUntil('local-read');
      yield* waitFor(T.read);
    });
  });
  yield* hideBeat('local', local.group);

  // 2. Negative is not shrinking: f'(x) = −3 flips [a, b] to [b, a] and triples its length
  const flip = buildMappingBeat('flip', FLIP_F, [-4, 4], [-4, 4], WIDE);
  const flipBox = addBox(
    'flipBox',
    flip.mapping,
    FLIP_F,
    FLIP_X,
    FLIP_DX,
    WIDE,
  );
  flipBox.endLabels(['a', 'b']);
  flip.extras.add(stretchReadouts('flip', FLIP_F, () => FLIP_X, WIDE, "f'(x)"));
  flip.group.add(formulaLabel(FLIP_F, WIDE));
  yield* narrate('negative', function* () {
    yield* showTitle('flip', WORDS.flipTitle);
    yield* introduce('flip', flip, flipBox);
    yield* showCaption('flip', WORDS.flip);
    yield* beat('flip-read', function* () {
      yield* waitUntil('flip-read');
      yield* waitFor(T.read);
    });
  });
  yield* hideBeat('flip', flip.group);

  // 3. Collapse is not "no output": x² at 0 folds [−dx/2, dx/2] onto [0, dx²/4], a point in the limit, the flat spot of the graph
  const flat = buildMappingBeat('flat', FLAT_F, [-1, 1], [-1, 1], NARROW);
  /** The point of parts 3 and 4: the flat spot, then (part 4) a point where x² stretches. */
  const flatX = createSignal<number>(FLAT_X);
  const flatBox = addBox(
    'flatBox',
    flat.mapping,
    FLAT_F,
    flatX,
    FLAT_DXS[0],
    NARROW,
  );
  flat.extras.add(
    stretchReadouts('flat', FLAT_F, flatX, NARROW, () =>
      flatX() === 0 ? "f'(0)" : "f'(x)",
    ),
  );
  const graph = createRef<FunctionGraph>();
  flat.group.add(
    <FunctionGraph
      ref={graph}
      key="flatGraph"
      f={FLAT_F}
      xMin={-1.5}
      xMax={1.5}
      yMin={-0.5}
      yMax={2.25}
      width={GRAPH.width}
      height={GRAPH.height}
      position={[GRAPH.x, GRAPH.y]}
      pointX={flatX}
      run={SLOPE_DX}
      tangentLength={300}
      graphEnd={0}
      graphLabel=""
      tangentOpacity={0}
      triangleOpacity={0}
      readoutOpacity={0}
      readoutPosition={[-GRAPH.width / 2 + 20, READOUT_TOP + ROW - GRAPH.y]}
      opacity={0}
    />,
  );
  // The graph's name above the plot (inside, the parabola's arms would cross it).
  const graphName = createRef<Latex>();
  const flatSpot = createRef<Txt>();
  flat.group.add(
    <>
      <Latex
        ref={graphName}
        tex={`f(x) = ${FLAT_F.tex()}`}
        fill={COLORS.graph}
        fontSize={SIZES.body}
        position={[GRAPH.x, GRAPH.y - GRAPH.height / 2 - 30]}
        opacity={0}
      />
      <Txt
        ref={flatSpot}
        key="flatSpot"
        text={WORDS.flatSpot}
        fontFamily={FONTS.text}
        fontSize={SIZES.label}
        fill={COLORS.tangent}
        offset={[-1, -1]}
        position={() =>
          graph()
            .toPixel(FLAT_X, 0)
            .add([GRAPH.x + 24, GRAPH.y + 58])
        }
        opacity={0}
      />
    </>,
  );
  yield* narrate('collapse', function* () {
    yield* showTitle('flat', WORDS.flatTitle);
    yield* introduce('flat', flat, flatBox);
    yield* beat(
      'flat-graph-in',
      all(graph().opacity(1, T.graphIn), graphName().opacity(1, T.graphIn)),
    );
    yield* beat('flat-graph', graph().drawGraph(T.graph));
    // The flat tangent lies along the axis: no rise-over-run triangle, just the slope and its name.
    yield* beat(
      'flat-tangent',
      all(
        graph().tangentOpacity(1, T.tangent),
        graph().readoutOpacity(1, T.tangent),
        flatSpot().opacity(1, T.tangent),
      ),
    );
    yield* showCaption('flat', WORDS.flat);
    yield* shrinkToPoint();
    yield* beat('flat-read', function* () {
      yield* waitUntil('flat-read');
      yield* waitFor(T.closingHold);
    });
  });

  // 4. The slope picture is still true: x leaves the flat spot; rise / run and output / input read the same number
  yield* narrate('slope', function* () {
    yield* beat('slope-title', function* () {
      yield* all(
        title().opacity(0, T.caption / 2),
        caption().opacity(0, T.caption / 2),
      );
      title().text(WORDS.slopeTitle);
      yield* all(title().opacity(1, T.title), flatSpot().opacity(0, T.title));
    });
    yield* beat('slope-grow', flatBox.dx(SLOPE_DX, T.grow, easeInOutCubic));
    yield* beat('slope-slide', flatX(SLOPE_X, T.slide, easeInOutCubic));
    yield* beat('slope-triangle', graph().triangleOpacity(1, T.tangent));
    yield* showCaption('slope', WORDS.slope);
    yield* beat('slope-read', waitFor(T.slopeRead));
  });
  yield* narrate('whichever', function* () {
    yield* showCaption('whichever', WORDS.whichever);
    yield* beat('whichever-read', function* () {
      yield* waitUntil('whichever-read');
      yield* waitFor(T.slopeRead);
    });
  });

  // 5. Everything fades for the summary
  yield* beat(
    'out',
    all(
      title().opacity(0, T.out),
      caption().opacity(0, T.out),
      flat.group.opacity(0, T.out),
    ),
  );

  /**
   * The doorway (`door-*`): x² as a mapping (big dots) and, over it, its best
   * linear approximation at a (small dots, lines hidden); both rows flow at
   * once, then the gap f − L is read near a and far from it.
   */
  function* doorway() {
    const door = buildMappingBeat('door', DOOR_F, [-0.5, 2.5], [-2, 6.5], DOOR);
    door.mapping.samples(DOOR_SAMPLES);
    door.mapping.dotRadius(13);
    const linearMap = new MappingView({
      key: 'doorLinear',
      fn: DOOR_L,
      inputMin: -0.5,
      inputMax: 2.5,
      outputMin: -2,
      outputMax: 6.5,
      length: DOOR.length,
      gap: DOOR.gap,
      samples: DOOR_SAMPLES,
      dotRadius: 6,
      dotOpacity: 0,
      inputLabel: '',
      outputLabel: '',
      position: [DOOR.x, DOOR.y],
    });
    // Its ghosts would sit on the big dots' ghosts; its lines on the big map's.
    linearMap.ghostOpacity(0);
    linearMap.input.opacity(0);
    linearMap.output.opacity(0);
    door.group.add(linearMap);
    const gap = (x: number) => DOOR_F.value(x) - DOOR_L.value(x);
    const rowX = DOOR.x - DOOR.length / 2;
    const rowY = DOOR.y + DOOR.gap / 2 + 120;
    door.extras.add(
      <>
        <Latex
          key="doorFormula"
          tex={`L(x) = f(${DOOR_A}) + f'(${DOOR_A})\\,(x - ${DOOR_A}) = ${DOOR_L.tex()}`}
          fill={COLORS.text}
          fontSize={SIZES.body}
          offset={[1, 0]}
          position={[DOOR.x + DOOR.length / 2, rowY + 10]}
        />
        <Readout
          key="doorNear"
          label={`f \u2212 L at x = ${DOOR_NEAR}`}
          value={gap(DOOR_NEAR)}
          digits={3}
          color={COLORS.output}
          offset={[-1, 0]}
          position={[rowX, rowY]}
        />
        <Readout
          key="doorFar"
          label={`f \u2212 L at x = ${DOOR_FAR}`}
          value={gap(DOOR_FAR)}
          digits={3}
          color={COLORS.flip}
          offset={[-1, 0]}
          position={[rowX, rowY + ROW]}
        />
      </>,
    );
    // Over the output line, the gap from L(x) to f(x) for both inputs: a sliver near a, a long bar far away.
    const gapBar = (key: string, x: number, color: string) => {
      const at = (y: number) =>
        linearMap.outputPoint(y).add([DOOR.x, DOOR.y - 44]);
      return (
        <Line
          key={key}
          points={[at(DOOR_L.value(x)), at(DOOR_F.value(x))]}
          stroke={color}
          lineWidth={10}
          lineCap="round"
        />
      );
    };
    door.extras.add(gapBar('doorNearGap', DOOR_NEAR, COLORS.output));
    door.extras.add(gapBar('doorFarGap', DOOR_FAR, COLORS.flip));
    yield* narrate('two-subjects', function* () {
      yield* showTitle('door', WORDS.doorTitle);
      door.group.opacity(1);
      yield* beat(
        'door-lines',
        all(
          door.mapping.input.grow(T.linesIn),
          door.mapping.output.grow(T.linesIn),
        ),
      );
      yield* beat(
        'door-dots',
        all(
          door.mapping.dotOpacity(1, T.dotsIn),
          linearMap.dotOpacity(1, T.dotsIn),
        ),
      );
    });
    yield* narrate('door', function* () {
      yield* showCaption('door', WORDS.door);
      yield* beat(
        'door-flow',
        all(
          door.mapping.flowDots(T.doorFlow, T.doorStagger),
          linearMap.flowDots(T.doorFlow, T.doorStagger),
        ),
      );
      yield* beat('door-readouts', door.extras.opacity(1, T.readouts));
      yield* beat('door-read', waitFor(T.doorRead));
    });
    yield* narrate('doorway', function* () {
      yield* showCaption('doorway', WORDS.doorway);
      yield* beat('doorway-read', function* () {
        yield* waitUntil('doorway-read');
        yield* waitFor(T.doorRead);
      });
    });
    // The chapter in five sentences, over the picture that says it.
    yield* narrate('recap');
    yield* hideBeat('door', door.group);
  }

  /** The probe visits each stop after the first (`local-sweep-i`), holding so the numbers can be read (`local-stop-i`). */
  function* sweepProbe() {
    for (const [i, stop] of LOCAL_STOPS.entries()) {
      if (i === 0) continue;
      yield* beat(`local-sweep-${i}`, probeX(stop, T.sweep, easeInOutCubic));
      yield* beat(`local-stop-${i}`, waitFor(T.sweepHold));
    }
  }

  /** dx shrinks (`flat-shrink-i`): the folded image shrinks faster still, down to the point f(0) = 0 (`flat-shrunk-i`). */
  function* shrinkToPoint() {
    for (const [i, dx] of FLAT_DXS.entries()) {
      if (i === 0) continue;
      yield* beat(`flat-shrink-${i}`, flatBox.dx(dx, T.shrink, easeInOutCubic));
      yield* beat(`flat-shrunk-${i}`, waitFor(T.shrinkHold));
    }
  }

  /** The lines grow (`<name>-lines`), the box appears (`<name>-box`) and lands (`<name>-land`), then its readouts (`<name>-readouts`). */
  function* introduce(
    name: string,
    part: {group: Node; mapping: MappingView; extras: Node},
    box: IntervalBox,
  ) {
    part.group.opacity(1);
    yield* beat(
      `${name}-lines`,
      all(
        part.mapping.input.grow(T.linesIn),
        part.mapping.output.grow(T.linesIn),
      ),
    );
    yield* beat(`${name}-box`, box.opacity(1, T.boxIn));
    yield* beat(`${name}-land`, box.land(T.land));
    yield* beat(
      `${name}-readouts`,
      all(
        box.readouts.opacity(1, T.readouts),
        part.extras.opacity(1, T.readouts),
      ),
    );
  }

  /** Fades a part out together with its caption and title (`<name>-out`). */
  function* hideBeat(name: string, group: Node) {
    yield* beat(
      `${name}-out`,
      all(
        group.opacity(0, T.swap),
        caption().opacity(0, T.swap),
        title().opacity(0, T.swap),
      ),
    );
    group.remove();
  }

  /** The part's title appears (`<name>-title`). */
  function* showTitle(name: string, text: string) {
    title().text(text);
    yield* beat(`${name}-title`, title().opacity(1, T.title));
  }

  /** Swaps the caption for the next sentence of the lesson (`<name>-caption`). */
  function* showCaption(name: string, text: string) {
    yield* beat(`${name}-caption`, function* () {
      if (caption().opacity() > 0) yield* caption().opacity(0, T.caption / 2);
      caption().text(text);
      yield* caption().opacity(1, T.caption);
    });
  }

  /** A part's group: a mapping of f with hidden lines, and a node for its extra readouts. */
  function buildMappingBeat(
    name: string,
    f: RealFunction,
    input: [number, number],
    output: [number, number],
    at: typeof WIDE,
  ) {
    const group = new Node({key: `${name}Group`, opacity: 0});
    const mapping = new MappingView({
      key: `${name}Mapping`,
      fn: f,
      inputMin: input[0],
      inputMax: input[1],
      outputMin: output[0],
      outputMax: output[1],
      length: at.length,
      gap: at.gap,
      samples: [0],
      dotOpacity: 0,
      position: [at.x, at.y],
    });
    mapping.input.drawn(0);
    mapping.output.drawn(0);
    const extras = new Node({opacity: 0});
    group.add(mapping);
    group.add(extras);
    view.add(group);
    return {group, mapping, extras};
  }

  /**
   * The interval box of a part, centred on the point x its readouts name, so
   * the stretch it draws is the one they state; its readout column under the
   * output line on the left.
   */
  function addBox(
    key: string,
    mapping: MappingView,
    f: RealFunction,
    centre: number | (() => number),
    dx: number,
    at: typeof WIDE,
  ): IntervalBox {
    const box = new IntervalBox({
      key,
      mapping,
      fn: f,
      centre,
      dx,
      readoutPosition: [at.x - at.length / 2, READOUT_TOP],
      opacity: 0,
    });
    box.readouts.opacity(0);
    mapping.parent()?.add(box);
    return box;
  }

  /** f'(x) at the point shown and the lesson's name for it, to the right of the readout column. */
  function stretchReadouts(
    name: string,
    f: RealFunction,
    x: () => number,
    at: typeof WIDE,
    label: SignalValue<string>,
  ): Node {
    const d = () => derivativeAt(f, x());
    const style = () => stretchStyle(d());
    // Right of the 21-character readout column (36 px monospace, ≈ 0.6 em per character).
    const left = at.x - at.length / 2 + 21 * SIZES.label * 0.6 + 80;
    const node = new Node({});
    node.add(
      new Readout({
        key: `${name}Slope`,
        label,
        value: d,
        color: COLORS.tangent,
        offset: [-1, -1],
        position: [left, READOUT_TOP],
      }),
    );
    node.add(
      new Txt({
        key: `${name}Stretch`,
        text: () => style().caption,
        fontFamily: FONTS.text,
        fontWeight: 600,
        fontSize: SIZES.body,
        fill: () => style().color,
        offset: [-1, -1],
        position: [left, READOUT_TOP + ROW],
      }),
    );
    return node;
  }

  /** A probe above the input line pointing at x, labelled x. */
  function probeMarker(mapping: MappingView, x: () => number): Node {
    const tip = () =>
      mapping.inputPoint(x()).add([mapping.x(), mapping.y() - 34]);
    return (
      <Node>
        <Line
          points={() => [tip().addY(-70), tip()]}
          stroke={COLORS.text}
          lineWidth={STROKES.arrow}
          endArrow
          arrowSize={14}
        />
        <Latex
          tex="x"
          fill={COLORS.text}
          fontSize={SIZES.body}
          position={() => tip().addY(-100)}
        />
      </Node>
    ) as Node;
  }

  /** The map's formula above the right end of the input line. */
  function formulaLabel(f: RealFunction, at: typeof WIDE): Node {
    return (
      <Latex
        tex={`f(x) = ${f.tex()}`}
        fill={COLORS.text}
        fontSize={SIZES.body}
        offset={[1, 0]}
        position={[at.x + at.length / 2, at.y - at.gap / 2 - 110]}
      />
    ) as Node;
  }
});
