import {Latex, Node, Txt, makeScene2D} from '@motion-canvas/2d';
import {
  all,
  createRef,
  createSignal,
  waitFor,
  waitUntil,
} from '@motion-canvas/core';
import {beat} from '../src/beats';
import {ChainStack} from '../src/components/ChainStack';
import {WarpedGrid} from '../src/components/WarpedGrid';
import {
  foldingWavyMap,
  texFixed,
  wavyMap,
  wavyMapWithAmplitude,
} from '../src/math';
import type {Map2D} from '../src/math';
import {COLORS, FONTS, SIZES} from '../src/theme';
import {
  AMPLITUDE,
  ONE_D,
  PLANE,
  POINTS,
  READOUT_POSITION,
  T,
  WORDS,
  ZOOM,
} from './08-jacobian.timing';

// Every duration of this scene lives in the timing module (so the test reads
// the same facts); re-exported here as the scene's T block.
export {T};

/** The map's formula as LaTeX, from its own tex. */
function mapTex(map: Map2D): string {
  return `(x, y) \\mapsto \\left(${map.tex[0]},\\ ${map.tex[1]}\\right)`;
}

export default makeScene2D(function* (view) {
  view.fill(COLORS.background);
  const amplitude = createSignal<number>(AMPLITUDE.lesson);
  const grid = createRef<WarpedGrid>();
  const caption = createRef<Txt>();
  const formula = createRef<Latex>();
  const finale = createRef<Node>();
  const oneD = createRef<ChainStack>();
  const finaleDet = createRef<Latex>();

  view.add(
    <>
      <WarpedGrid
        key="grid"
        ref={grid}
        x={PLANE.x}
        map={() => wavyMapWithAmplitude(amplitude())}
        xScale={PLANE.xScale}
        yScale={PLANE.yScale}
        point={POINTS.start}
        squareSize={PLANE.squareSize}
        squareOpacity={0}
        sourceOpacity={0}
        readoutOpacity={0}
        readoutPosition={READOUT_POSITION}
        opacity={0}
      />
      <Txt
        key="caption"
        ref={caption}
        fontFamily={FONTS.text}
        fontSize={SIZES.label + 4}
        fill={COLORS.text}
        textWrap
        width={820}
        offset={[-1, -1]}
        x={80}
        y={-470}
        opacity={0}
      />
      <Latex
        key="formula"
        ref={formula}
        tex={mapTex(wavyMap)}
        fill={COLORS.text}
        fontSize={SIZES.label + 4}
        offset={[-1, 0]}
        x={80}
        y={-200}
        opacity={0}
      />
      <Node ref={finale} opacity={0}>
        <Txt
          text={WORDS.oneD}
          fontFamily={FONTS.text}
          fontSize={SIZES.label + 4}
          fill={COLORS.text}
          textWrap="pre"
          textAlign="center"
          width={820}
          x={-420}
          y={-400}
        />
        <Txt
          text={WORDS.twoD}
          fontFamily={FONTS.text}
          fontSize={SIZES.label + 4}
          fill={COLORS.text}
          textWrap
          textAlign="center"
          width={820}
          x={500}
          y={-400}
        />
        <ChainStack
          key="one-d"
          ref={oneD}
          fns={[ONE_D.f]}
          min={0}
          max={3.5}
          length={560}
          gap={260}
          x={-420}
          y={40}
          pointX={ONE_D.x}
          dx={ONE_D.dx}
          lineNames={['x', ONE_D.f.tex()]}
          mapNames={['f']}
          factorLabels={["f'(x)"]}
          lengthLabels={['dx', "f'(x)\\,dx"]}
          progress={1}
        />
        <Latex
          key="finale-det"
          ref={finaleDet}
          tex={() => `\\det J = ${texFixed(grid().det())}`}
          fill={() => grid().detReadout().style.color}
          fontSize={SIZES.body}
          x={500}
          y={400}
        />
      </Node>
    </>,
  );

  // 1. A map of the plane: a vector in, a vector out; the grid, the formula, a tiny square at (π, 0)
  yield* beat('map', function* () {
    yield* showCaption(WORDS.vector);
    yield* all(grid().opacity(1, T.gridIn), formula().opacity(1, T.gridIn));
    yield* all(
      grid().squareOpacity(1, T.gridIn),
      grid().sourceOpacity(0.45, T.gridIn),
    );
  });
  yield* beat('map-hold', waitFor(T.hold));

  // 2. The grid bends; the square becomes a curved quadrilateral
  yield* beat('warp', grid().warp(T.warp));
  yield* beat('warp-hold', waitFor(T.hold));

  // 3. Zoom in until the image looks like a parallelogram: the linear map J
  yield* beat('zoom-in', function* () {
    yield* showCaption(WORDS.zoom);
    yield* grid().zoomTo(ZOOM.linear, T.zoomIn);
    yield* grid().readoutOpacity(1, T.readouts);
    yield* waitUntil('looks-linear');
  });
  yield* beat('zoom-hold', waitFor(T.hold));

  // 4. det J is the area factor: at (π, 0) the square's area doubles, det J = 2
  yield* beat('area-factor', function* () {
    yield* showCaption(WORDS.det);
    yield* grid().areaFactorOpacity(1, T.areaFactor);
  });
  yield* beat('area-factor-hold', waitFor(T.areaHold));

  // 5. Zoom out and turn up the warp until it folds the plane near the origin
  //    (the area row leaves first: a big square's area is not det J)
  yield* beat('fold', function* () {
    yield* grid().areaFactorOpacity(0, T.areaOut);
    yield* grid().zoomTo(1, T.zoomOut);
    yield* all(
      amplitude(AMPLITUDE.folding, T.fold),
      swapTex(formula(), mapTex(foldingWavyMap), T.fold),
    );
  });
  yield* beat('fold-hold', waitFor(T.hold));

  // 6. Slide the square into the fold: det J turns negative, the marker reverses, the area flips
  yield* beat('flip', function* () {
    yield* showCaption(WORDS.flip);
    yield* grid().slideTo(POINTS.flip, T.slide);
    yield* grid().zoomTo(ZOOM.flip, T.zoomFlip);
    yield* waitUntil('flip-read');
    yield* grid().areaFactorOpacity(1, T.areaFactor);
  });
  yield* beat('flip-hold', waitFor(T.hold));

  // 7. Side by side: 1D length stretch, 2D area stretch
  yield* beat('side-by-side', function* () {
    yield* all(
      caption().opacity(0, T.sideBySide),
      formula().opacity(0, T.sideBySide),
      grid().readoutOpacity(0, T.sideBySide / 2),
      grid().position([500, 40], T.sideBySide),
      grid().scale(0.6, T.sideBySide),
    );
    yield* finale().opacity(1, T.sideBySide);
    yield* waitUntil('side-by-side-read');
  });
  yield* beat('side-by-side-hold', waitFor(T.closingHold));

  // 8. Everything fades
  yield* beat('out', all(grid().opacity(0, T.out), finale().opacity(0, T.out)));

  /** Fades a formula out, changes it, and fades it back in (MathJax parts do not morph reliably). */
  function* swapTex(node: Latex, tex: string, duration: number) {
    yield* node.opacity(0, duration / 2);
    node.tex(tex);
    yield* node.opacity(1, duration / 2);
  }

  /** Swaps the caption for the next sentence of the lesson. */
  function* showCaption(text: string) {
    if (caption().opacity() > 0) yield* caption().opacity(0, T.caption / 2);
    caption().text(text);
    yield* caption().opacity(1, T.caption);
  }
});
