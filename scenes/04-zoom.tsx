import {Latex, Layout, Txt, makeScene2D} from '@motion-canvas/2d';
import {
  all,
  createRef,
  easeInOutCubic,
  tween,
  waitFor,
  waitUntil,
} from '@motion-canvas/core';
import {beat} from '../src/beats';
import {narrator} from '../src/narration/narrate';
import timings from '../narration/timings/04-zoom.json';
import {logLerp} from '../src/geometry/zoom';
import {IntervalBox, MappingView, Readout, ZoomInset} from '../src/components';
import {derivativeAt, square} from '../src/math';
import {COLORS, FONTS, SIZES} from '../src/theme';
import {CLOSE_UP, DX, T, X} from './04-zoom.timing';

// Every duration of this scene lives in the timing module (so the test can
// find each dx's moment); re-exported here as the scene's T block.
export {T};

/** The function on screen. */
const F = square;

/** The words on screen, from the lesson. */
const WORDS = {
  zoom: 'Now zoom in on a tiny interval around one input point and watch where it lands.',
  factor:
    'The derivative is exactly the factor by which the mapping stretches or squishes that tiny interval.',
  collapse: 'Everything nearby piles up onto the same output.',
};

/** The definition of the derivative, in the parts revealed one after another. */
const DEFINITION = ['\\frac{f(x+dx)-f(x)}{dx}', '\\to', "f'(x)"];

/** Layout (scene px). Both lines have the same unit (280 px), so lengths compare by eye. */
const LAYOUT = {
  captionY: -485,
  mappingY: -200,
  gap: 300,
  readouts: [400, 90] as [number, number],
  slopeY: 260,
  // Left of the readouts' column, wide enough for twenty dots landing three times as far apart.
  inset: [-250, 280] as [number, number],
  texPosition: [580, 420] as [number, number],
};

/** The box's readout labels; the f'(x) readout is padded to their width so the "=" signs line up. */
const READOUT_LABELS: [string, string, string] = [
  'dx',
  'f(x+dx) − f(x)',
  'ratio',
];
const READOUT_LABEL_WIDTH = Math.max(...READOUT_LABELS.map(l => l.length));

/** Animates a signal evenly in log scale (each tenfold change takes the same time), as a zoom should feel. */
function* logTween(
  set: (v: number) => void,
  from: number,
  to: number,
  duration: number,
) {
  yield* tween(duration, t => set(logLerp(from, to, easeInOutCubic(t))));
  set(to);
}

export default makeScene2D(function* (view) {
  view.fill(COLORS.background);
  const narrate = narrator(timings);

  const caption = createRef<Txt>();
  const m = createRef<MappingView>();
  const box = createRef<IntervalBox>();
  const inset = createRef<ZoomInset>();
  const slope = createRef<Readout>();
  const definition = createRef<Layout>();

  view.add(
    <>
      <Txt
        ref={caption}
        text={WORDS.zoom}
        fontFamily={FONTS.text}
        fontSize={SIZES.label + 4}
        fill={COLORS.text}
        width={1700}
        textWrap
        textAlign="center"
        y={LAYOUT.captionY}
        opacity={0}
      />
      <MappingView
        key="mapping"
        ref={m}
        fn={F}
        inputMin={-1}
        inputMax={4}
        outputMin={0}
        outputMax={5}
        gap={LAYOUT.gap}
        y={LAYOUT.mappingY}
        dotOpacity={0}
        opacity={0}
      />
    </>,
  );
  view.add(
    <IntervalBox
      key="box"
      ref={box}
      mapping={m()}
      x0={X}
      dx={DX.first}
      readoutLabels={READOUT_LABELS}
      readoutPosition={LAYOUT.readouts}
      opacity={0}
    />,
  );
  view.add(
    <>
      <Readout
        key="slope"
        ref={slope}
        label={"f'(x)".padStart(READOUT_LABEL_WIDTH, '\u00a0')}
        value={() => derivativeAt(F, X)}
        color={COLORS.output}
        offset={[-1, -1]}
        position={[LAYOUT.readouts[0], LAYOUT.slopeY]}
        opacity={0}
      />
      <ZoomInset
        key="inset"
        ref={inset}
        fn={F}
        point={X}
        zoom={CLOSE_UP.zoom.x1}
        source={m().input}
        frameWidth={CLOSE_UP.frameWidth}
        frameHeight={CLOSE_UP.frameHeight}
        dotCount={CLOSE_UP.dots}
        spread={CLOSE_UP.spread}
        progress={0}
        readout="spacing"
        position={LAYOUT.inset}
        opacity={0}
      />
      <Layout
        key="definition"
        ref={definition}
        layout
        direction="row"
        alignItems="center"
        gap={24}
        position={LAYOUT.texPosition}
      >
        {DEFINITION.map(part => (
          <Latex
            tex={part}
            fill={COLORS.text}
            fontSize={SIZES.body}
            opacity={0}
          />
        ))}
      </Layout>
    </>,
  );
  box().readouts.opacity(0);
  // The close-up shows dots, not the boxed x ± dx; its caption and readout come when they are true.
  inset().marks.opacity(0);
  inset().caption.opacity(0);
  inset().readoutText.opacity(0);

  // 1. The two lines of the mapping, and the question.
  yield* narrate('zoom', function* (n) {
    yield* beat(
      'lines',
      all(m().opacity(1, T.lines), caption().opacity(1, T.caption)),
    );
    yield* waitUntil('box');

    // 2. The interval [x, x + dx] at x = 1.5 is boxed.
    yield* beat('box', box().opacity(1, T.box));
    yield* beat('hold-box', waitFor(T.holdBox));

    // 3. It lands on the output line; its length is read off against dx.
    yield* n.mark('land');
    yield* beat('land', box().land(T.land));
  });
  yield* narrate('neighborhood', function* () {
    yield* beat('readouts', box().readouts.opacity(1, T.readouts));
    yield* beat('first', waitFor(T.holdFirst));
    yield* waitUntil('shrink');

    // 4. dx shrinks to 0.1: the ratio moves towards 3.
    yield* beat(
      'shrink',
      logTween(v => box().dx(v), DX.first, DX.second, T.shrink),
    );
    yield* beat('second', waitFor(T.holdSecond));
    yield* waitUntil('zoom');
  });

  // 5. A close-up at ×1: twenty evenly spaced dots around 1.5 land unevenly spaced.
  yield* narrate('sometimes', function* () {
    yield* beat('inset', inset().opacity(1, T.inset));
    yield* beat('closeup-x1', function* () {
      yield* inset().land(T.closeUpLand);
      yield* inset().readoutText.opacity(1, T.readouts);
      yield* waitFor(T.holdCloseUpX1);
    });
  });

  // 6. Zoom ×1 → ×30 with the dots' spread fixed in view (dx shrinks to 0.01
  // below): the neighbourhood shrinks and the landed dots even out.
  yield* narrate('closeup', function* () {
    yield* beat(
      'zoom',
      all(
        logTween(v => box().dx(v), DX.second, DX.third, T.zoom),
        inset().zoomTo(CLOSE_UP.zoom.x30, T.zoom),
      ),
    );

    // 7. At ×30: evenly spaced in, evenly spaced out. "Scale by 3".
    yield* beat('closeup-x30', function* () {
      yield* inset().land(T.closeUpReturn, 0);
      yield* all(
        inset().land(T.closeUpRefly),
        inset().caption.opacity(1, T.closeUpRefly),
      );
      yield* waitFor(T.holdCloseUpX30);
    });
    yield* beat('third', waitFor(T.holdThird));
  });
  yield* waitUntil('definition');

  // 8. The ratio has become f'(x): the definition of the derivative, seen.
  yield* narrate('factor', function* () {
    yield* beat('slope', function* () {
      yield* slope().opacity(1, T.slope);
      yield* waitFor(T.holdSlope);
    });
    const [quotient, arrow, limit] = definition().children();
    yield* beat('definition', function* () {
      yield* all(
        caption().opacity(0, T.captionOut),
        quotient.opacity(1, T.texPart),
      );
      caption().text(WORDS.factor);
      yield* caption().opacity(1, T.captionIn);
      yield* arrow.opacity(1, T.texPart);
      yield* limit.opacity(1, T.texPart);
    });
    yield* beat('hold-definition', waitFor(T.holdTex));
  });

  // 9. At x = 0 the close-up's dots, spread wider, land piled up near f(0).
  yield* narrate('zero', function* () {
    yield* beat('closeup-move', function* () {
      yield* all(
        ...[
          caption(),
          box(),
          slope(),
          definition(),
          inset().caption,
          inset().readoutText,
        ].map(n => n.opacity(0, T.captionOut)),
      );
      caption().text(WORDS.collapse);
      inset().readout('factor');
      yield* all(
        inset().point(CLOSE_UP.zeroPoint, T.toZero),
        inset().zoomTo(CLOSE_UP.zoom.zeroFrom, T.toZero),
        inset().spread(CLOSE_UP.zeroSpread, T.toZero),
      );
    });
    yield* beat('zero-land', function* () {
      yield* inset().land(T.zeroReturn, 0);
      yield* all(
        inset().land(T.zeroLand),
        inset().caption.opacity(1, T.zeroLand),
        caption().opacity(1, T.zeroLand),
      );
      yield* inset().readoutText.opacity(1, T.captionIn);
    });

    // 10. Zoom ×10 → ×10000 at 0: the dots bunch onto f(0), the local factor → 0.
    yield* beat(
      'closeup-zero',
      inset().zoomTo(CLOSE_UP.zoom.zeroTo, T.zeroZoom),
    );
    yield* beat('hold-zero', waitFor(T.holdZero));
  });

  // 11. Everything fades for the next scene.
  yield* beat(
    'out',
    all(
      ...[caption(), m(), box(), inset(), slope(), definition()].map(n =>
        n.opacity(0, T.out),
      ),
    ),
  );
});
