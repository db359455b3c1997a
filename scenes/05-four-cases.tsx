import {Node, Txt, makeScene2D} from '@motion-canvas/2d';
import {
  all,
  createRef,
  createSignal,
  waitFor,
  waitUntil,
} from '@motion-canvas/core';
import {IntervalBox, MappingView, Readout, ZoomInset} from '../src/components';
import {beat} from '../src/beats';
import {narrator} from '../src/narration/narrate';
import timings from '../narration/timings/05-four-cases.json';
import {stretchStyle} from '../src/geometry/stretchStyle';
import {derivativeAt, samplePoints, square} from '../src/math';
import {COLORS, FONTS, SIZES} from '../src/theme';
import {CASES, PILE, T} from './05-four-cases.timing';

// Every duration of this scene lives in the timing module (the test reads the
// same cases); re-exported here as the scene's T block.
export {T};

/** The function on screen. */
const F = square;
/**
 * Length of the boxed interval in the main view (the inset shows the limit).
 * The box is centred on x, so for x² its output / input is exactly f'(x).
 */
const DX = 0.1;

/** Opening words, from the lesson. */
const INTRO =
  "This view turns the sign and size of f'(x) into something you can almost feel.";

/** Layout (scene px). Both lines have the same unit, so lengths compare by eye. */
const LAYOUT = {
  captionY: -480,
  mappingY: -190,
  gap: 260,
  column: [-880, 90] as [number, number],
  inset: [430, 255] as [number, number],
};

export default makeScene2D(function* (view) {
  view.fill(COLORS.background);
  const narrate = narrator(timings);
  const x = createSignal<number>(CASES[0].x);
  /** The case at x, named and coloured as every box and caption of the chapter. */
  const style = () => stretchStyle(derivativeAt(F, x()));
  const caption = createRef<Txt>();
  const m = createRef<MappingView>();
  const box = createRef<IntervalBox>();
  const inset = createRef<ZoomInset>();
  const column = createRef<Node>();

  view.add(
    <>
      <Txt
        key="case-caption"
        ref={caption}
        text={INTRO}
        fontFamily={FONTS.text}
        fontSize={SIZES.label + 4}
        fill={COLORS.text}
        width={1760}
        textWrap
        textAlign="center"
        y={LAYOUT.captionY}
        opacity={0}
      />
      <MappingView
        key="mapping"
        ref={m}
        fn={F}
        inputMin={-2}
        inputMax={2.5}
        outputMin={-0.5}
        outputMax={4}
        gap={LAYOUT.gap}
        y={LAYOUT.mappingY}
        samples={samplePoints(PILE.min, PILE.max, PILE.count)}
        dotRadius={7}
        dotOpacity={0}
        opacity={0}
      />
    </>,
  );
  view.add(
    <>
      <IntervalBox
        key="box"
        ref={box}
        mapping={m()}
        centre={() => x()}
        dx={DX}
        opacity={0}
      />
      <Node ref={column} position={LAYOUT.column} opacity={0}>
        <Txt
          key="case-name"
          text={() => style().name}
          fontFamily={FONTS.text}
          fontWeight={700}
          fontSize={SIZES.heading}
          fill={() => style().color}
          offset={[-1, -1]}
        />
        <Readout
          key="x-readout"
          label="x"
          value={() => x()}
          offset={[-1, -1]}
          y={100}
        />
        <Readout
          key="slope"
          label="f'(x)"
          value={() => derivativeAt(F, x())}
          color={() => style().color}
          offset={[-1, -1]}
          y={160}
        />
      </Node>
      <ZoomInset
        key="inset"
        ref={inset}
        fn={F}
        point={() => x()}
        zoom={10}
        source={m().input}
        showLens={false}
        frameHeight={360}
        position={LAYOUT.inset}
        opacity={0}
      />
    </>,
  );
  box().readouts.opacity(0);

  /**
   * Case i, as the beats `<case>-move`, `<case>-reveal`, `<case>-land` (the
   * collapse also `collapse-pile`) and `<case>-hold`: x moves there, the words
   * and readouts appear, the interval lands; the collapse piles nearby dots up.
   */
  function* showCase(i: number) {
    const c = CASES[i];
    yield* beat(
      `${c.beat}-move`,
      all(
        x(c.x, T.move),
        box().landed(0, T.move),
        column().opacity(0, T.fade),
        caption().opacity(0, T.fade),
        // The inset's caption is live: hide it while x passes through other factors.
        inset().caption.opacity(0, T.fade),
      ),
    );
    caption().text(c.words);
    box().endLabels(style().kind === 'flip' ? ['a', 'b'] : []);
    yield* beat(
      `${c.beat}-reveal`,
      all(
        column().opacity(1, T.fade),
        caption().opacity(1, T.fade),
        inset().caption.opacity(1, T.fade),
      ),
    );
    yield* beat(`${c.beat}-land`, box().land(T.land));
    if (style().kind === 'collapse') {
      m().dotOpacity(1);
      yield* beat('collapse-pile', m().flowDots(T.pileFlow, T.pileStagger));
    }
    yield* beat(`${c.beat}-hold`, waitFor(T.hold));
  }

  // 1. The mapping of x², its magnifier, and the promise of the lesson.
  yield* narrate('intro', function* () {
    yield* beat(
      'intro',
      all(
        m().opacity(1, T.intro),
        caption().opacity(1, T.intro),
        box().opacity(1, T.intro),
        inset().opacity(1, T.intro),
      ),
    );
    yield* beat('intro-hold', waitFor(T.introHold));
  });

  // 2. Stretch: x = 1.5, f'(x) = 3.
  yield* narrate('stretch', showCase(0));
  // 3. Squish: x = 0.25, f'(x) = 1/2.
  yield* narrate('squish', showCase(1));
  // 4. Flip: x = −1, f'(x) = −2; a, b land as b, a.
  yield* narrate('flip', showCase(2));
  // 5. Collapse: x = 0, f'(x) = 0; the interval shrinks to a point and nearby dots pile up.
  yield* narrate('collapse', showCase(3));

  yield* narrate('flat-spot');

  // 6. Everything fades for the next scene (after the editor's "out" pause).
  yield* beat('out', function* () {
    yield* waitUntil('out');
    yield* all(
      ...[caption(), m(), box(), column(), inset()].map(n =>
        n.opacity(0, T.out),
      ),
    );
  });
});
