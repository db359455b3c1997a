import {Latex, Txt, makeScene2D} from '@motion-canvas/2d';
import {
  all,
  createRef,
  createSignal,
  easeInOutSine,
  waitFor,
  waitUntil,
} from '@motion-canvas/core';
import {beat} from '../src/beats';
import {narrator} from '../src/narration/narrate';
import timings from '../narration/timings/03-mapping.json';
import {Heading, IntervalBox, MappingView, Readout} from '../src/components';
import {stretchStyle} from '../src/geometry/stretchStyle';
import {derivativeAt, niceTicks, samplePoints} from '../src/math';
import {COLORS, FONTS, SIZES} from '../src/theme';
import {
  ARROWS_AT,
  FOLD_AT,
  GENTLE,
  SAMPLES,
  SQUARE,
  SWEEP,
  T,
  WORDS_AT,
} from './03-mapping.timing';

// Every duration of this scene lives in the timing module; re-exported here
// as the scene's T block. Each beat is named (`beat(name, ...)`) so tests
// and the frame sweep find it where it is.
export {T};

/** How x² treats the interval around each word's x: its colour and its name, as the chapter shows every case. */
const SQUISH = stretchStyle(derivativeAt(SQUARE, WORDS_AT.squishes));
const STRETCH = stretchStyle(derivativeAt(SQUARE, WORDS_AT.stretches));

/** The words on screen, from the lesson. */
const WORDS = {
  heading: 'The other picture: a function as a mapping',
  lines:
    'Forget the graph. Draw the input as one number line and the output as a second number line below it.',
  machine:
    'A function is then a machine that grabs each point on the top line and sends it to a point on the bottom line.',
  sometimes:
    'Sometimes that interval comes out longer than it went in. Sometimes shorter.',
  /** "squishes" and "stretches": the case's name as a verb. */
  squishes: `${SQUISH.name}es`,
  stretches: `${STRETCH.name}es`,
  moves: 'A function is a machine that moves a number line.',
  factor:
    'The derivative is exactly the factor by which the mapping stretches or squishes that tiny interval.',
};

/** The box's readouts, one row each; "f'(x)" is padded to their width so the "=" signs line up. */
const READOUT_LABELS: [string, string, string] = [
  'input length',
  'output length',
  'output / input',
];
const SLOPE_LABEL = "f'(x)".padStart(
  Math.max(...READOUT_LABELS.map(l => l.length)),
  '\u00a0',
);

/** Layout (scene px): the mapping in the middle, words above and below it. */
const LAYOUT = {
  headingY: -470,
  texY: -370,
  mappingY: 10,
  gap: 360,
  captionY: 420,
  /** Top-left corner of the sweep's column of readouts, between the two lines. */
  readouts: [-260, -96] as [number, number],
  /** One readout row (the box's own spacing: a label's height plus 20 px). */
  row: SIZES.label + 20,
};

/** The integers of a row, exactly (niceTicks snaps them; even samples carry float noise). */
function integers(r: {min: number; max: number}): number[] {
  return niceTicks(r.min, r.max, r.max - r.min);
}

/** A row of evenly spaced sample inputs. */
function row(r: {min: number; max: number; count: number}): number[] {
  return samplePoints(r.min, r.max, r.count);
}

export default makeScene2D(function* (view) {
  view.fill(COLORS.background);
  const narrate = narrator(timings);

  const heading = createRef<Txt>();
  const tex = createRef<Latex>();
  const caption = createRef<Txt>();
  const m = createRef<MappingView>();
  const squishes = createRef<Txt>();
  const stretches = createRef<Txt>();
  const box = createRef<IntervalBox>();
  const slope = createRef<Readout>();
  const kind = createRef<Txt>();
  /** The point the sweeping box is centred on, and how x + ½ sin 2x stretches there. */
  const sweepX = createSignal<number>(SWEEP.from);
  const style = () => stretchStyle(derivativeAt(GENTLE, sweepX()));

  view.add(
    <>
      <Heading ref={heading} text={WORDS.heading} y={LAYOUT.headingY} />
      <Latex
        key="fn-tex"
        ref={tex}
        tex={`f(x) = ${SQUARE.tex()}`}
        fill={COLORS.text}
        fontSize={SIZES.body}
        y={LAYOUT.texY}
        opacity={0}
      />
      <MappingView
        key="mapping"
        ref={m}
        fn={SQUARE}
        inputMin={-3}
        inputMax={4}
        outputMin={-1}
        outputMax={10}
        gap={LAYOUT.gap}
        y={LAYOUT.mappingY}
        samples={integers(SAMPLES.integers)}
        copyTicks={samplePoints(-3, 3, 25)}
        dotOpacity={0}
      />
      <Txt
        key="squishes"
        ref={squishes}
        text={WORDS.squishes}
        fontFamily={FONTS.text}
        fontStyle="italic"
        fontSize={SIZES.label}
        fill={SQUISH.color}
        opacity={0}
      />
      <Txt
        key="stretches"
        ref={stretches}
        text={WORDS.stretches}
        fontFamily={FONTS.text}
        fontStyle="italic"
        fontSize={SIZES.label}
        fill={STRETCH.color}
        opacity={0}
      />
      <Txt
        key="caption"
        ref={caption}
        text=""
        fontFamily={FONTS.text}
        fontSize={SIZES.label + 4}
        fill={COLORS.text}
        width={1500}
        textWrap
        textAlign="center"
        y={LAYOUT.captionY}
      />
    </>,
  );
  view.add(
    <>
      <IntervalBox
        key="sweep-box"
        ref={box}
        mapping={m()}
        fn={GENTLE}
        centre={() => sweepX()}
        dx={SWEEP.dx}
        readoutLabels={READOUT_LABELS}
        readoutPosition={LAYOUT.readouts}
        opacity={0}
      />
      <Readout
        key="slope-readout"
        ref={slope}
        label={SLOPE_LABEL}
        value={() => derivativeAt(GENTLE, sweepX())}
        offset={[-1, -1]}
        position={[LAYOUT.readouts[0], LAYOUT.readouts[1] + 3 * LAYOUT.row]}
        fill={() => style().color}
        opacity={0}
      />
      <Txt
        key="slope-kind"
        ref={kind}
        text={() => style().name}
        fontFamily={FONTS.text}
        fontStyle="italic"
        fontSize={SIZES.label}
        fill={() => style().color}
        offset={[-1, -1]}
        position={() => [
          slope().right().x + 40,
          LAYOUT.readouts[1] + 3 * LAYOUT.row,
        ]}
        opacity={0}
      />
    </>,
  );
  m().input.drawn(0);
  m().output.drawn(0);
  // Each word under the image of its x on the output line, below the line's numbers:
  // "squishes" by 0, where the carried ticks bunch, "stretches" near the far end.
  squishes().position(
    m()
      .outputPoint(SQUARE.value(WORDS_AT.squishes))
      .add([0, LAYOUT.mappingY + 90]),
  );
  stretches().position(
    m()
      .outputPoint(SQUARE.value(WORDS_AT.stretches))
      .add([0, LAYOUT.mappingY + 90]),
  );

  /** Swaps the caption for new words. */
  function* say(words: string) {
    yield* caption().opacity(0, T.sayOut);
    caption().text(words);
    yield* caption().opacity(1, T.sayIn);
  }

  // 1. The two number lines appear: input above, output below.
  yield* beat('heading', heading().opacity(1, T.heading));
  yield* narrate('lines', function* () {
    yield* beat('lines-caption', say(WORDS.lines));
    yield* beat('input-line', m().input.grow(T.lineGrow));
    yield* beat('output-line', m().output.grow(T.lineGrow));
  });
  yield* beat('read-lines', waitFor(T.readLines));

  // 2. The function is a machine from the top line to the bottom line.
  yield* narrate('machine', function* () {
    yield* beat('machine', all(tex().opacity(1, T.tex), say(WORDS.machine)));
    yield* beat('read-machine', waitFor(T.readMachine));
  });
  yield* beat('integers', waitUntil('integers'));

  // 3. The integers −2..3: arrows grow, then each dot travels from x to x².
  yield* narrate('integers', function* () {
    yield* beat('integer-dots', m().showDots(T.dotsIn));
    yield* beat('arrows', m().showArrows(T.arrows));
    yield* beat('integer-flow', m().flowDots(T.integerFlow, T.integerStagger));
    yield* beat('integer-hold', waitFor(T.holdIntegers));
  });
  yield* beat('dense', waitUntil('dense'));

  // 4. Dense sample dots ride a copy of the input line: x ≥ 0 first, with a
  //    few arrows; then the negative inputs travel on arcs onto a lane of
  //    their own, so they never land on the positive ones.
  yield* narrate('dense', function* () {
    yield* beat(
      'integers-out',
      all(m().dotOpacity(0, T.reset), m().arrowOpacity(0, T.reset)),
    );
    m().clear();
    m().samples(row(SAMPLES.dense));
    m().dotsRide(true);
    m().foldAt(FOLD_AT);
    m().arrowSamples(ARROWS_AT);
    yield* beat(
      'dense-dots',
      all(m().showDots(T.dotsIn), m().showCopy(T.dotsIn)),
    );
    yield* beat('ride-arrows', m().showArrows(T.rideArrows));
    yield* beat('dense-flow', m().ride(T.denseRide));
    yield* beat('fold', m().foldOver(T.fold));
    yield* beat('dense-hold', waitFor(T.holdDense));
  });
  yield* beat('deform', waitUntil('deform'));

  // 5. The dots leave the deformed copy alone; its folded part joins it: −x
  //    and x land together. Ticks bunch near 0 and spread far from 0.
  yield* narrate('deform', function* () {
    yield* beat(
      'sometimes',
      all(
        m().dotOpacity(0, T.dotsOut),
        m().arrowOpacity(0, T.dotsOut),
        say(WORDS.sometimes),
      ),
    );
    yield* beat('deform-copy', m().foldOffset(m().copyOffset(), T.merge));
    yield* beat(
      'words',
      all(squishes().opacity(1, T.words), stretches().opacity(1, T.words)),
    );
    yield* beat('deform-hold', waitFor(T.holdDeform));
  });
  yield* beat('gentle', waitUntil('gentle'));

  // 6. A gentler example, x + ½ sin 2x: the line, dots riding on it, is
  //    moved and only mildly bent.
  yield* narrate('gentle', function* () {
    yield* beat(
      'square-out',
      all(
        m().copyOpacity(0, T.reset),
        squishes().opacity(0, T.reset),
        stretches().opacity(0, T.reset),
        tex().opacity(0, T.reset),
      ),
    );
    m().clear();
    m().fn(GENTLE);
    tex().tex(`f(x) = ${GENTLE.tex()}`);
    yield* beat(
      'gentle-swap',
      all(
        m().outputMin(-3, T.swap),
        m().outputMax(4, T.swap),
        tex().opacity(1, T.swap),
        say(WORDS.moves),
      ),
    );
    m().samples(row(SAMPLES.gentle));
    m().dotsRide(true);
    yield* beat(
      'gentle-dots',
      all(m().showDots(T.dotsIn), m().showCopy(T.dotsIn)),
    );
    yield* beat('gentle-flow', m().ride(T.gentleFlow));
    // The deformed line alone: the dots fade and leave it.
    yield* beat('gentle-deform', m().dotOpacity(0, T.gentleDeform));
    yield* beat('gentle-hold', waitFor(T.holdGentle));
  });

  // 7. A box of width dx sweeps along the input line; its image's length
  //    over its own is read live beside f'(x), named by how it stretches.
  yield* narrate('sweep', function* () {
    yield* beat(
      'sweep-in',
      all(
        m().copyOpacity(0, T.sweepIn),
        box().opacity(1, T.sweepIn),
        slope().opacity(1, T.sweepIn),
        kind().opacity(1, T.sweepIn),
        say(WORDS.factor),
      ),
    );
    yield* beat('sweep-land', box().land(T.sweepLand));
    yield* beat('sweep', sweepX(SWEEP.to, T.sweep, easeInOutSine));
    yield* beat('sweep-hold', waitFor(T.holdSweep));
  });

  // 8. Everything fades for the next scene.
  yield* beat(
    'out',
    all(
      heading().opacity(0, T.out),
      tex().opacity(0, T.out),
      caption().opacity(0, T.out),
      m().opacity(0, T.out),
      box().opacity(0, T.out),
      slope().opacity(0, T.out),
      kind().opacity(0, T.out),
    ),
  );
});
