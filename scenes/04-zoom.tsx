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
import {logLerp} from '../src/geometry/zoom';
import {IntervalBox, MappingView, Readout, ZoomInset} from '../src/components';
import {derivativeAt, square} from '../src/math';
import {COLORS, FONTS, SIZES} from '../src/theme';
import {DX, T, X, ZOOM} from './04-zoom.timing';

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
  // Centred under the point, so the lens lines pass between the output line's numbers.
  inset: [0, 250] as [number, number],
  texPosition: [-650, 260] as [number, number],
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
        zoom={ZOOM.second}
        dx={() => box().dx()}
        source={m().input}
        frameWidth={600}
        frameHeight={360}
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

  // 1. The two lines of the mapping, and the question.
  yield* beat(
    'lines',
    all(m().opacity(1, T.lines), caption().opacity(1, T.caption)),
  );
  yield* waitUntil('box');

  // 2. The interval [x, x + dx] at x = 1.5 is boxed.
  yield* beat('box', box().opacity(1, T.box));
  yield* beat('hold-box', waitFor(T.holdBox));

  // 3. It lands on the output line; its length is read off against dx.
  yield* beat('land', box().land(T.land));
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

  // 5. Zoom in while dx shrinks to 0.01: magnified, the map is a plain stretch.
  yield* beat('inset', inset().opacity(1, T.inset));
  yield* beat(
    'zoom',
    all(
      logTween(v => box().dx(v), DX.second, DX.third, T.zoom),
      inset().zoomTo(ZOOM.third, T.zoom),
    ),
  );
  yield* beat('third', waitFor(T.holdThird));
  yield* waitUntil('definition');

  // 6. The ratio has become f'(x): the definition of the derivative, seen.
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

  // 7. Everything fades for the next scene.
  yield* beat(
    'out',
    all(
      ...[caption(), m(), box(), inset(), slope(), definition()].map(n =>
        n.opacity(0, T.out),
      ),
    ),
  );
});
