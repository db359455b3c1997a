import {Latex, Node, Rect, Txt, makeScene2D} from '@motion-canvas/2d';
import {
  all,
  createRef,
  createSignal,
  delay,
  easeInOutCubic,
  waitFor,
  waitUntil,
} from '@motion-canvas/core';
import type {ThreadGenerator} from '@motion-canvas/core';
import {
  ChainStack,
  Heading,
  IntervalBox,
  MappingView,
  Readout,
  WarpedGrid,
} from '../src/components';
import {beat} from '../src/beats';
import {narrator} from '../src/narration/narrate';
import timings from '../narration/timings/10-summary.json';
import {stretchStyle} from '../src/geometry/stretchStyle';
import {derivativeAt} from '../src/math';
import {COLORS, FONTS, SIZES, STROKES} from '../src/theme';
import {
  BOX_DX,
  BOX_F,
  BOX_STOPS,
  CHAIN_DX,
  CHAIN_FNS,
  CHAIN_X,
  GRID_MAP,
  GRID_STOPS,
  MAP_F,
  MAP_SAMPLES,
  T,
  WORDS,
} from './10-summary.timing';

/** Text size of the bullets: above the 28 px floor, small enough for four tiles. */
const BULLET_SIZE = 32;

/** The 2×2 tiles at 1920×1080: centres and size. */
const TILE = {width: 920, height: 440};
const TILE_CENTRES: [number, number][] = [
  [-480, -195],
  [480, -195],
  [-480, 265],
  [480, 265],
];

export default makeScene2D(function* (view) {
  view.fill(COLORS.background);
  const narrate = narrator(timings);
  const title = createRef<Txt>();
  const tiles = createRef<Node>();
  const closing = createRef<Node>();
  const mapping = createRef<MappingView>();
  const boxMapping = createRef<MappingView>();
  const box = createRef<IntervalBox>();
  /** The point x of picture 2: the box is centred on it, its f'(x) is read beside it. */
  const boxX = createSignal<number>(BOX_STOPS[0]);
  const boxStyle = () => stretchStyle(derivativeAt(BOX_F, boxX()));
  const chain = createRef<ChainStack>();
  const grid = createRef<WarpedGrid>();

  const texts: Txt[] = [];
  const pictures: Node[] = [];

  view.add(
    <>
      <Heading ref={title} key="title" text={WORDS.title} y={-480} />
      <Node ref={tiles} />
      <Node ref={closing} opacity={0}>
        {WORDS.closing.map((line, i) => (
          <Txt
            key={`closing${i}`}
            text={line}
            fontFamily={FONTS.text}
            fontStyle="italic"
            fontSize={SIZES.body + 4}
            fill={i === 0 ? COLORS.input : COLORS.output}
            y={-120 + i * 90}
            opacity={0}
          />
        ))}
      </Node>
    </>,
  );

  // The four tiles: a frame, the bullet's words, and its live picture (hidden until revealed).
  TILE_CENTRES.forEach(([x, y], i) => {
    const tile = new Node({x, y});
    tile.add(
      new Rect({
        width: TILE.width,
        height: TILE.height,
        radius: 16,
        stroke: COLORS.ghost,
        lineWidth: STROKES.grid,
        opacity: 0,
      }),
    );
    const text = new Txt({
      key: `bullet${i}`,
      text: WORDS.bullets[i],
      fontFamily: FONTS.text,
      fontSize: BULLET_SIZE,
      lineHeight: BULLET_SIZE * 1.25,
      fill: COLORS.text,
      textWrap: true,
      width: TILE.width - 60,
      offset: [-1, -1],
      position: [-TILE.width / 2 + 30, -TILE.height / 2 + 22],
      opacity: 0,
    });
    tile.add(text);
    texts.push(text);
    const picture = new Node({opacity: 0});
    tile.add(picture);
    pictures.push(picture);
    tiles().add(tile);
  });

  // Picture 1: the mapping, dots flowing from x to x².
  pictures[0].add(
    <MappingView
      ref={mapping}
      key="summaryMapping"
      fn={MAP_F}
      inputMin={-2}
      inputMax={2}
      outputMin={0}
      outputMax={4}
      length={640}
      gap={150}
      samples={MAP_SAMPLES}
      dotRadius={9}
      position={[110, 60]}
    />,
  );

  // Picture 2: a tiny box and its image; the readout and caption name the case.
  pictures[1].add(
    <MappingView
      ref={boxMapping}
      key="summaryBoxMapping"
      fn={BOX_F}
      inputMin={-1.5}
      inputMax={2}
      outputMin={-0.5}
      outputMax={3}
      length={560}
      gap={150}
      inputLabel=""
      outputLabel=""
      samples={[0]}
      dotOpacity={0}
      position={[-150, 60]}
    />,
  );
  pictures[1].add(
    <IntervalBox
      ref={box}
      key="summaryBox"
      mapping={boxMapping()}
      centre={boxX}
      dx={BOX_DX}
      boxHeight={32}
      landed={1}
    />,
  );
  box().readouts.opacity(0);
  pictures[1].add(
    <>
      <Readout
        key="summaryBoxReadout"
        label="f'(x)"
        value={() => derivativeAt(BOX_F, boxX())}
        color={COLORS.tangent}
        offset={[-1, 0]}
        position={[170, 0]}
      />
      <Txt
        key="summaryBoxCaption"
        text={() => boxStyle().caption}
        fontFamily={FONTS.text}
        fontWeight={600}
        fontSize={SIZES.label}
        fill={() => boxStyle().color}
        offset={[-1, 0]}
        position={[170, 100]}
      />
    </>,
  );

  // Picture 3: three lines, triple then double; the product is the chain rule's.
  pictures[2].add(
    <>
      <Latex
        tex={WORDS.chainRule}
        fill={COLORS.text}
        fontSize={SIZES.label}
        offset={[-1, 0]}
        position={[-TILE.width / 2 + 30, -92]}
      />
      <ChainStack
        ref={chain}
        key="summaryChain"
        fns={CHAIN_FNS}
        min={0}
        max={1.4}
        length={360}
        gap={80}
        pointX={CHAIN_X}
        dx={CHAIN_DX}
        lineNames={['x', 'g(x)', 'f(g(x))']}
        mapNames={['', '']}
        factorLabels={["g'", "f'"]}
        productLabel="f'·g'"
        position={[-50, 80]}
      />
    </>,
  );

  // Picture 4: a warped grid, a tiny square, det J read beside it.
  pictures[3].add(
    <>
      <WarpedGrid
        ref={grid}
        key="summaryGrid"
        map={GRID_MAP}
        xScale={{min: -4.2, max: 4.2, length: 470}}
        yScale={{min: -2.331, max: 2.331, length: 261}}
        point={GRID_STOPS[0]}
        squareSize={0.7}
        readoutOpacity={0}
        position={[-170, 95]}
      />
      <Readout
        key="summaryGridReadout"
        label="det J"
        value={() => grid().det()}
        color={COLORS.dx}
        offset={[-1, 0]}
        position={[100, 50]}
      />
      <Txt
        key="summaryGridCaption"
        text={() => grid().orientationText()}
        fontFamily={FONTS.text}
        fontSize={SIZES.label}
        fill={() => grid().markerColor()}
        offset={[-1, 0]}
        position={[100, 130]}
      />
    </>,
  );

  // 1. The title
  yield* beat('title', title().opacity(1, T.title));

  // 2-5. The bullets, each read by its narration: the words, then the live
  // picture, which keeps moving (its loop starts as soon as it is shown).
  const reveal = T.bulletText + T.picture;
  // 2. Bullet 1: the slope of a graph, and the other view, a mapping (dots flow, live)
  yield delay(reveal, flowLoop());
  yield* narrate('slope-and-mapping', function* () {
    yield* revealBullet(0);
    yield* beat('bullet0-read', waitFor(T.read));
  });

  // 3. Bullet 2: the stretch factor and its four cases (a box visits them, live)
  yield delay(reveal, boxLoop());
  yield* narrate('factor', function* () {
    yield* revealBullet(1);
    yield* beat('bullet1-read', waitFor(T.read));
  });

  // 4. Bullet 3: the chain rule, factors multiply (triple then double, live)
  yield delay(reveal, chainLoop());
  yield* narrate('chain', function* () {
    yield* revealBullet(2);
    yield* beat('bullet2-read', waitFor(T.read));
  });

  // 5. Bullet 4: the Jacobian determinant (a warped grid, live)
  yield delay(reveal, gridLoop());
  yield* narrate('jacobian', function* () {
    yield* revealBullet(3);
    yield* beat('bullet3-read', waitFor(T.read));
  });
  yield* beat('all-hold', function* () {
    yield* waitUntil('all-bullets');
    yield* waitFor(T.allHold);
  });

  // 6. The closing lines
  yield* narrate('closing', function* () {
    yield* beat(
      'tiles-out',
      all(tiles().opacity(0, T.tilesOut), title().opacity(0, T.tilesOut)),
    );
    closing().opacity(1);
    for (const [i, line] of closing().children().entries()) {
      yield* beat(`closing${i}`, line.opacity(1, T.closing));
    }
    yield* beat('closing-hold', function* () {
      yield* waitUntil('closing-hold');
      yield* waitFor(T.closingHold);
    });
  });

  // 7. The closing lines fade; the close of the series follows (11-closing)
  yield* beat('out', closing().opacity(0, T.out));

  /** A tile's frame and words appear (`bullet<i>`), then its picture (`picture<i>`). */
  function* revealBullet(i: number): ThreadGenerator {
    const frame = texts[i].parent()!.children()[0];
    yield* beat(
      `bullet${i}`,
      all(frame.opacity(1, T.bulletText), texts[i].opacity(1, T.bulletText)),
    );
    yield* beat(`picture${i}`, pictures[i].opacity(1, T.picture));
  }

  /** Dots flow from x to x² (`flow-<round>`), are held (`flow-hold-<round>`), come back, and flow again. */
  function* flowLoop(): ThreadGenerator {
    for (let round = 1; ; round++) {
      yield* beat(`flow-${round}`, mapping().flowDots(T.flow, T.flowStagger));
      yield* beat(`flow-hold-${round}`, waitFor(T.flowHold));
      yield* beat(`flow-reset-${round}`, mapping().reset(T.flowReset));
    }
  }

  /**
   * The box visits stretch, squish, flip and collapse, over and over: in
   * round r it holds at stop i (`box-hold-<r>-<i>`), then slides on to the
   * next stop (`box-slide-<r>-<i>`).
   */
  function* boxLoop(): ThreadGenerator {
    for (let round = 1; ; round++) {
      for (let i = 0; i < BOX_STOPS.length; i++) {
        yield* beat(`box-hold-${round}-${i}`, waitFor(T.boxHold));
        const next = BOX_STOPS[(i + 1) % BOX_STOPS.length];
        yield* beat(
          `box-slide-${round}-${i}`,
          boxX(next, T.boxSlide, easeInOutCubic),
        );
      }
    }
  }

  /**
   * The interval flows through the first map (`chain-g-<round>`), then the
   * second (`chain-f-<round>`), the product is read (`chain-read-<round>`),
   * then it starts over.
   */
  function* chainLoop(): ThreadGenerator {
    for (let round = 1; ; round++) {
      yield* beat(`chain-g-${round}`, function* () {
        yield* chain().showStage(0, T.chainStage);
        yield* waitFor(T.chainHold);
      });
      yield* beat(`chain-f-${round}`, chain().showStage(1, T.chainStage));
      yield* beat(`chain-read-${round}`, waitFor(T.chainRead));
      yield* beat(`chain-reset-${round}`, chain().reset(T.chainReset));
    }
  }

  /**
   * The grid warps once (`grid-warp`), then the square holds at stop i
   * (`grid-hold-<round>-<i>`) of a kept, a stretched and a flipped point and
   * slides on to the next (`grid-slide-<round>-<i>`).
   */
  function* gridLoop(): ThreadGenerator {
    yield* beat('grid-warp', grid().warp(T.warp));
    for (let round = 1; ; round++) {
      for (let i = 0; i < GRID_STOPS.length; i++) {
        yield* beat(`grid-hold-${round}-${i}`, waitFor(T.gridHold));
        const next = GRID_STOPS[(i + 1) % GRID_STOPS.length];
        yield* beat(
          `grid-slide-${round}-${i}`,
          grid().slideTo(next, T.gridSlide),
        );
      }
    }
  }
});
