import {Line, Node, Txt, makeScene2D} from '@motion-canvas/2d';
import {
  Vector2,
  all,
  createRef,
  createSignal,
  easeInOutCubic,
  waitFor,
  waitUntil,
} from '@motion-canvas/core';
import type {ThreadGenerator} from '@motion-canvas/core';
import {
  Caption,
  ChainStack,
  FunctionGraph,
  Heading,
  IntervalBox,
  MappingView,
  Readout,
  WarpedGrid,
} from '../src/components';
import {beat} from '../src/beats';
import {narrator} from '../src/narration/narrate';
import timings from '../narration/timings/11-closing.json';
import {stretchStyle} from '../src/geometry/stretchStyle';
import {
  backpropagate,
  derivativeAt,
  determinant,
  linearMap2D,
} from '../src/math';
import {COLORS, FONTS, SIZES, STROKES} from '../src/theme';
import {
  LAYERS,
  LAYER_DX,
  LAYER_RANGES,
  LAYER_X,
  LAYER_X_LATER,
  PILLAR_F,
  PILLAR_MATRIX,
  PILLAR_POINT,
  PILLAR_STOPS,
  RECAP_DX,
  RECAP_F,
  RECAP_STOPS,
  T,
  WORDS,
} from './11-closing.timing';

/** Layout at 1920×1080. */
const TITLE_Y = -470;
const CAPTION_Y = 440;
/** The recap: a column of lines on the left, the live picture of the last one on the right. */
const RECAP = {x: -880, top: -300, step: 112};
const RECAP_MAP = {x: 560, y: -70, length: 720, gap: 340};
/** The two pillars, one per half of the frame. */
const PILLAR_X = 480;
const PILLAR_TITLE_Y = -350;
const GRID_SIZE = 540;
const GRAPH = {width: 760, height: 440, y: 90};
/** The stack of layers, with the backward column to its right. */
const STACK = {x: -190, y: 30, length: 900, gap: 200};
const BACK_X = 610;
/** Labels "linear" / "nonlinear" left of each map's name. */
const KIND_X = STACK.x - STACK.length / 2 - 120;

/** Names of each line's gradient in the backward column, top (x) to bottom (y). */
const GRADIENT_LABELS = ['dy/dx', 'dy/dh\u2081', 'dy/dh\u2082', 'dy/dy'];

export default makeScene2D(function* (view) {
  view.fill(COLORS.background);
  const narrate = narrator(timings);
  const title = createRef<Txt>();
  const caption = createRef<Txt>();
  const recap = createRef<Node>();
  const recapPicture = createRef<Node>();
  const recapMapping = createRef<MappingView>();
  const recapBox = createRef<IntervalBox>();
  const pillars = createRef<Node>();
  const leftPillar = createRef<Node>();
  const rightPillar = createRef<Node>();
  const grid = createRef<WarpedGrid>();
  const graph = createRef<FunctionGraph>();
  const layers = createRef<Node>();
  const stack = createRef<ChainStack>();
  const backward = createRef<Node>();
  const backArrow = createRef<Line>();
  const kinds = createRef<Node>();
  const endCard = createRef<Node>();

  /** The point of the recap's box. */
  const recapX = createSignal<number>(RECAP_STOPS[0]);
  const recapStyle = () => stretchStyle(derivativeAt(RECAP_F, recapX()));

  view.add(
    <>
      <Heading ref={title} key="title" y={TITLE_Y} />
      <Caption ref={caption} key="caption" width={1760} y={CAPTION_Y} />
      <Node ref={recap}>
        {WORDS.recap.map((line, i) => (
          <Txt
            key={`recap${i}`}
            text={line}
            fontFamily={FONTS.text}
            fontWeight={i === WORDS.recap.length - 1 ? 600 : 400}
            fontSize={SIZES.body}
            fill={i === WORDS.recap.length - 1 ? COLORS.dx : COLORS.text}
            offset={[-1, 0]}
            position={[RECAP.x, RECAP.top + i * RECAP.step]}
            opacity={0}
          />
        ))}
        <Node ref={recapPicture} opacity={0}>
          <MappingView
            ref={recapMapping}
            key="recapMapping"
            fn={RECAP_F}
            inputMin={-2}
            inputMax={2}
            outputMin={-0.5}
            outputMax={4.5}
            length={RECAP_MAP.length}
            gap={RECAP_MAP.gap}
            inputLabel=""
            outputLabel=""
            samples={[0]}
            dotOpacity={0}
            position={[RECAP_MAP.x, RECAP_MAP.y]}
          />
          <Readout
            key="recapSlope"
            label="f'(x)"
            value={() => derivativeAt(RECAP_F, recapX())}
            color={COLORS.tangent}
            fontSize={SIZES.body}
            offset={[-1, 0]}
            position={[
              RECAP_MAP.x - RECAP_MAP.length / 2,
              RECAP_MAP.y + RECAP_MAP.gap / 2 + 130,
            ]}
          />
          <Txt
            key="recapStretch"
            text={() => recapStyle().caption}
            fontFamily={FONTS.text}
            fontWeight={600}
            fontSize={SIZES.body}
            fill={() => recapStyle().color}
            offset={[-1, 0]}
            position={[
              RECAP_MAP.x - RECAP_MAP.length / 2,
              RECAP_MAP.y + RECAP_MAP.gap / 2 + 210,
            ]}
          />
        </Node>
      </Node>
      <Node ref={pillars}>
        <Node ref={leftPillar} x={-PILLAR_X} opacity={0}>
          {pillarHeading(WORDS.linearAlgebra, WORDS.linearAlgebraGave)}
          <WarpedGrid
            ref={grid}
            key="pillarGrid"
            map={linearMap2D(PILLAR_MATRIX)}
            matrixName="A"
            xScale={{min: -2.6, max: 2.6, length: GRID_SIZE}}
            yScale={{min: -2.6, max: 2.6, length: GRID_SIZE}}
            gridStep={0.5}
            point={PILLAR_POINT}
            squareSize={0.5}
            sourceOpacity={0.35}
            readoutOpacity={0}
            detOpacity={0}
            y={70}
          />
          <Readout
            key="pillarDet"
            label="det A"
            value={determinant(PILLAR_MATRIX)}
            color={COLORS.dx}
            fontSize={SIZES.body}
            y={390}
          />
        </Node>
        <Node ref={rightPillar} x={PILLAR_X} opacity={0}>
          {pillarHeading(WORDS.calculus, WORDS.calculusGave)}
          <FunctionGraph
            ref={graph}
            key="pillarGraph"
            f={PILLAR_F}
            xMin={-0.2}
            xMax={2.2}
            yMin={-1.3}
            yMax={1.3}
            width={GRAPH.width}
            height={GRAPH.height}
            y={GRAPH.y}
            pointX={PILLAR_STOPS[0]}
            run={0.3}
            tangentLength={260}
            graphEnd={0}
            tangentOpacity={0}
            triangleOpacity={0}
            readoutOpacity={0}
            readoutPosition={[-GRAPH.width / 2 + 40, 300]}
            graphLabelPosition={[GRAPH.width / 2, -GRAPH.height / 2 - 90]}
          />
        </Node>
      </Node>
      <Node ref={layers} opacity={0}>
        <ChainStack
          ref={stack}
          key="layers"
          fns={LAYERS}
          ranges={LAYER_RANGES}
          length={STACK.length}
          gap={STACK.gap}
          pointX={LAYER_X}
          dx={LAYER_DX}
          lineNames={['x', 'h_1', 'h_2', 'y']}
          mapNames={['W_1', '\\sigma', 'W_2']}
          factorLabels={["W\u2081'", "\u03c3'", "W\u2082'"]}
          productLabel="dy/dx"
          position={[STACK.x, STACK.y]}
        />
        <Node ref={backward} />
        <Line
          ref={backArrow}
          key="backArrow"
          stroke={COLORS.dx}
          lineWidth={STROKES.tangent}
          endArrow
          arrowSize={18}
          end={0}
        />
        <Node ref={kinds} opacity={0} />
      </Node>
      <Node ref={endCard} opacity={0}>
        <Txt
          key="next"
          text={WORDS.next}
          fontFamily={FONTS.text}
          fontWeight={600}
          fontSize={SIZES.heading}
          fill={COLORS.dx}
          textWrap
          textAlign="center"
          width={1500}
          y={-60}
        />
        <Txt
          key="seeYou"
          text={WORDS.seeYou}
          fontFamily={FONTS.text}
          fontStyle="italic"
          fontSize={SIZES.heading}
          fill={COLORS.text}
          y={140}
        />
      </Node>
    </>,
  );

  recapMapping().input.drawn(0);
  recapMapping().output.drawn(0);
  recapPicture().add(
    <IntervalBox
      ref={recapBox}
      key="recapBox"
      mapping={recapMapping()}
      centre={recapX}
      dx={RECAP_DX}
      landed={1}
    />,
  );
  recapBox().readouts.opacity(0);

  // The stack's own running products are replaced by the backward column.
  for (const r of stack().productReadouts) r.opacity(0);
  const lineAt = (k: number) =>
    new Vector2(STACK.x, STACK.y + stack().lineY(k));
  /** Gradient of the output with respect to line k, computed from the output back. */
  const gradientOf = (k: number) => {
    if (k === LAYERS.length) return {defined: true as const, value: 1};
    const steps = backpropagate(LAYERS, stack().pointX());
    const step = steps.find(s => s.layer === k);
    if (!step) throw new Error(`no backward step for line ${k}`);
    return step.gradient;
  };
  const gradientRows: Readout[] = [];
  for (let k = LAYERS.length; k >= 0; k--) {
    const row = (
      <Readout
        key={`gradient${k}`}
        label={GRADIENT_LABELS[k]}
        value={() => gradientOf(k)}
        color={k === 0 ? COLORS.dx : COLORS.text}
        fontWeight={k === 0 ? 700 : 400}
        offset={[-1, 0]}
        position={() => lineAt(k).addX(BACK_X - STACK.x)}
        opacity={0}
      />
    ) as Readout;
    gradientRows.push(row);
    backward().add(row);
  }
  backArrow().points([
    lineAt(LAYERS.length).add([BACK_X - STACK.x - 40, 0]),
    lineAt(0).add([BACK_X - STACK.x - 40, 0]),
  ]);
  LAYERS.forEach((fn, i) => {
    const isLinear = i !== 1;
    kinds().add(
      <Txt
        key={`kind${i}`}
        text={isLinear ? WORDS.linearName : WORDS.nonlinearName}
        fontFamily={FONTS.text}
        fontWeight={600}
        fontSize={SIZES.label}
        fill={isLinear ? COLORS.input : COLORS.tangent}
        offset={[1, 0]}
        position={() =>
          new Vector2(
            KIND_X,
            STACK.y + (stack().lineY(i) + stack().lineY(i + 1)) / 2,
          )
        }
      />,
    );
  });

  // 1. The recap: the arc of the series, line by line; the last one, live
  yield* narrate('end-to-end', function* () {
    yield* beat('recap-title', function* () {
      title().text(WORDS.recapTitle);
      yield* title().opacity(1, T.title);
    });
  });
  // One narration block per line of the arc; the last one's picture is live.
  const RECAP_BLOCKS = [
    'rate',
    'formulas',
    'e',
    'integrals',
    'taylor',
    'local-stretch',
  ];
  const lastLine = WORDS.recap.length - 1;
  for (const [i, line] of recap().children().entries()) {
    if (i >= lastLine) break;
    yield* narrate(
      RECAP_BLOCKS[i],
      beat(`recap-${i}`, line.opacity(1, T.recapItem)),
    );
  }
  yield* narrate(RECAP_BLOCKS[lastLine], function* () {
    yield* beat(
      `recap-${lastLine}`,
      recap().children()[lastLine].opacity(1, T.recapItem),
    );
    yield* beat('recap-picture', function* () {
      recapPicture().opacity(1);
      yield* all(
        recapMapping().input.grow(T.recapPicture),
        recapMapping().output.grow(T.recapPicture),
      );
    });
    for (const [i, stop] of RECAP_STOPS.entries()) {
      if (i === 0) continue;
      yield* beat(
        `recap-slide-${i}`,
        recapX(stop, T.recapSlide, easeInOutCubic),
      );
      yield* beat(`recap-stop-${i}`, waitFor(T.recapHold));
    }
  });
  yield* beat('recap-out', swapOut(recap()));

  // 2. The two pillars: linear algebra (a linear map, det) and calculus (a tangent, f')
  yield* narrate('pillars', function* (narration) {
    yield* beat('pillars-title', function* () {
      title().text(WORDS.pillarsTitle);
      yield* title().opacity(1, T.title);
    });
    yield* narration.mark('linear-algebra');
    yield* beat('pillars-in', function* () {
      yield* leftPillar().opacity(1, T.pillarIn);
      yield* narration.mark('calculus');
      yield* rightPillar().opacity(1, T.pillarIn);
    });
    yield* beat(
      'pillars-live',
      all(
        grid().warp(T.warp),
        (function* (): ThreadGenerator {
          yield* graph().drawGraph(T.graph);
          yield* all(
            graph().tangentOpacity(1, T.tangent),
            graph().triangleOpacity(1, T.tangent),
            graph().readoutOpacity(1, T.tangent),
          );
        })(),
      ),
    );
    yield* beat(
      'pillars-slide',
      graph().slideTo(PILLAR_STOPS[1], T.graphSlide, easeInOutCubic),
    );
    yield* beat('pillars-hold', waitFor(T.pillarsHold));
  });
  yield* beat('pillars-out', swapOut(pillars()));

  // 3. Backpropagation: forward through the layers, then the chain rule from the output back
  yield* narrate('backprop', function* () {
    yield* beat('backprop-title', function* () {
      title().text(WORDS.backpropTitle);
      yield* all(title().opacity(1, T.title), layers().opacity(1, T.stackIn));
    });
    yield* showCaption('backprop', WORDS.backprop);
    for (let i = 0; i < LAYERS.length; i++) {
      yield* beat(`forward-${i}`, stack().showStage(i, T.forward));
    }
    yield* beat('backward', function* () {
      yield* gradientRows[0].opacity(1, T.backward);
      for (let r = 1; r < gradientRows.length; r++) {
        yield* all(
          backArrow().end(r / (gradientRows.length - 1), T.backward),
          gradientRows[r].opacity(1, T.backward),
        );
      }
    });
    yield* beat('backprop-hold', function* () {
      yield* waitUntil('backprop-hold');
      yield* waitFor(T.backpropHold);
    });
  });

  // 4. Attention: linear maps with a nonlinearity between; only the nonlinearity's factor moves
  yield* narrate('attention', function* () {
    yield* beat('attention-title', function* () {
      yield* title().opacity(0, T.caption / 2);
      title().text(WORDS.attentionTitle);
      yield* all(
        title().opacity(1, T.caption),
        kinds().opacity(1, T.attentionLabels),
      );
    });
    yield* showCaption('attention', WORDS.attention);
    yield* beat(
      'attention-slide',
      stack().slideTo(LAYER_X_LATER, T.attentionSlide, easeInOutCubic),
    );
    yield* beat('attention-hold', waitFor(T.attentionHold));
  });
  yield* narrate('built', function* () {
    yield* showCaption('built', WORDS.built);
    yield* beat('built-hold', waitFor(T.builtHold));
  });
  yield* beat('layers-out', swapOut(layers()));

  // 5. The end card: what comes next
  yield* narrate('next', beat('end-card', endCard().opacity(1, T.endCard)));
  yield* narrate('see-you', function* () {
    yield* beat('end-hold', function* () {
      yield* waitUntil('end-card');
      yield* waitFor(T.endHold);
    });
  });
  yield* beat('out', endCard().opacity(0, T.out));

  /** A pillar's name and what it gave, at the top of its half. */
  function pillarHeading(name: string, gave: string) {
    return (
      <>
        <Txt
          text={name}
          fontFamily={FONTS.text}
          fontWeight={600}
          fontSize={SIZES.heading - 8}
          fill={name === WORDS.calculus ? COLORS.tangent : COLORS.input}
          y={PILLAR_TITLE_Y}
        />
        <Txt
          text={gave}
          fontFamily={FONTS.text}
          fontSize={SIZES.label}
          fill={COLORS.muted}
          textWrap
          textAlign="center"
          width={820}
          y={PILLAR_TITLE_Y + 64}
        />
      </>
    );
  }

  /** Fades a part out with the title and caption, then removes it. */
  function* swapOut(part: Node): ThreadGenerator {
    yield* all(
      part.opacity(0, T.swap),
      title().opacity(0, T.swap),
      caption().opacity(0, T.swap),
    );
    part.remove();
  }

  /** Swaps the caption for the next sentence of the lesson (`<name>-caption`). */
  function* showCaption(name: string, text: string) {
    yield* beat(`${name}-caption`, function* () {
      if (caption().opacity() > 0) yield* caption().opacity(0, T.caption / 2);
      caption().text(text);
      yield* caption().opacity(1, T.caption);
    });
  }
});
