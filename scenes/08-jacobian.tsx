import {Latex, Line, Node, Rect, Txt, makeScene2D} from '@motion-canvas/2d';
import {
  Vector2,
  all,
  createRef,
  createSignal,
  easeInOutCubic,
  map as lerp,
  tween,
  waitFor,
  waitUntil,
} from '@motion-canvas/core';
import {beat} from '../src/beats';
import {narrator} from '../src/narration/narrate';
import timings from '../narration/timings/08-jacobian.json';
import {ChainStack} from '../src/components/ChainStack';
import {WarpedGrid} from '../src/components/WarpedGrid';
import {blendMatrix} from '../src/geometry/warpedGrid';
import {
  foldingWavyMap,
  formatNumber,
  linearMap2D,
  texFixed,
  wavyMap,
  wavyMapWithAmplitude,
} from '../src/math';
import type {Map2D} from '../src/math';
import {COLORS, FONTS, SIZES} from '../src/theme';
import {
  AMPLITUDE,
  CLOSE_UP,
  FINALE,
  LINEAR,
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
  const narrate = narrator(timings);

  const amplitude = createSignal<number>(AMPLITUDE.lesson);
  /** 0: the linear grid's matrix is LINEAR.keep; 1: LINEAR.flip. */
  const flip = createSignal<number>(0);
  const linear = createRef<WarpedGrid>();
  const closeUp = createRef<WarpedGrid>();
  const closeUpGroup = createRef<Node>();
  const grid = createRef<WarpedGrid>();
  const caption = createRef<Txt>();
  const formula = createRef<Latex>();
  const finale = createRef<Node>();
  const oneD = createRef<ChainStack>();
  const finaleDet = createRef<Latex>();

  /** The close-up's window on the plane, in scene pixels: centre and size. */
  const closeUpWindow = () => {
    const w = grid().windowOf(closeUp());
    return {
      centre: grid().position().add(new Vector2(w.centre[0], w.centre[1])),
      size: new Vector2(w.size[0], w.size[1]),
    };
  };
  /** A connector from the window's right corner (sy = −1 top, 1 bottom) to the frame's left corner. */
  const connector = (sy: number) => () => {
    const {centre, size} = closeUpWindow();
    return [
      centre.add(new Vector2(size.x / 2, (sy * size.y) / 2)),
      new Vector2(
        CLOSE_UP.position[0] - CLOSE_UP.size / 2,
        CLOSE_UP.position[1] + (sy * CLOSE_UP.size) / 2,
      ),
    ];
  };

  view.add(
    <>
      <WarpedGrid
        key="linear"
        ref={linear}
        x={PLANE.x}
        map={() => linearMap2D(blendMatrix(LINEAR.keep, LINEAR.flip, flip()))}
        matrixName="A"
        xScale={LINEAR.scale}
        yScale={LINEAR.scale}
        gridStep={LINEAR.gridStep}
        point={LINEAR.point}
        squareSize={LINEAR.squareSize}
        sourceOpacity={0.45}
        readoutOpacity={0}
        detOpacity={0}
        readoutPosition={READOUT_POSITION}
        opacity={0}
      />
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
      <Node ref={closeUpGroup} opacity={0}>
        <Rect
          key="close-up-window"
          position={() => closeUpWindow().centre}
          size={() => closeUpWindow().size}
          stroke={COLORS.text}
          lineWidth={2}
        />
        <Line points={connector(-1)} stroke={COLORS.muted} lineWidth={2} />
        <Line points={connector(1)} stroke={COLORS.muted} lineWidth={2} />
        <WarpedGrid
          key="close-up"
          ref={closeUp}
          position={CLOSE_UP.position}
          map={() => grid().map()}
          t={() => grid().t()}
          closeUp
          xScale={CLOSE_UP.xScale}
          yScale={CLOSE_UP.yScale}
          gridStep={CLOSE_UP.gridStep}
          zoom={CLOSE_UP.zoom}
          point={POINTS.start}
          squareSize={CLOSE_UP.squareSize}
          sourceOpacity={0.45}
          readoutOpacity={0}
          detOpacity={0}
          readoutPosition={CLOSE_UP.readoutPosition}
        />
        <Rect
          key="close-up-frame"
          position={CLOSE_UP.position}
          size={CLOSE_UP.size}
          stroke={COLORS.text}
          lineWidth={3}
        />
        <Txt
          key="close-up-zoom"
          text={`×${formatNumber(CLOSE_UP.zoom)}`}
          fontFamily={FONTS.text}
          fontSize={SIZES.label}
          fill={COLORS.text}
          offset={[-1, 1]}
          x={CLOSE_UP.position[0] - CLOSE_UP.size / 2}
          y={CLOSE_UP.position[1] - CLOSE_UP.size / 2 - 8}
        />
      </Node>
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
          key="finale-heading-1d"
          text={WORDS.oneD}
          fontFamily={FONTS.text}
          fontSize={SIZES.body}
          fill={COLORS.text}
          x={FINALE.oneD.x}
          y={FINALE.headingY}
        />
        <Txt
          key="finale-heading-2d"
          text={WORDS.twoD}
          fontFamily={FONTS.text}
          fontSize={SIZES.body}
          fill={COLORS.text}
          x={FINALE.twoD.position[0]}
          y={FINALE.headingY}
        />
        <ChainStack
          key="one-d"
          ref={oneD}
          fns={[ONE_D.f]}
          min={FINALE.oneD.range[0]}
          max={FINALE.oneD.range[1]}
          length={FINALE.oneD.length}
          gap={FINALE.oneD.gap}
          x={FINALE.oneD.x}
          y={FINALE.oneD.y}
          pointX={ONE_D.x}
          dx={ONE_D.dx}
          lineNames={['x', ONE_D.f.tex()]}
          mapNames={['f']}
          factorLabels={["f'(x)"]}
          lengthLabels={['dx', "f'(x)\\,dx"]}
          progress={1}
        />
        <Latex
          key="finale-factor"
          tex={() => `f'(x) = ${texFixed(oneD().geometry().factors[0])}`}
          fill={() => oneD().geometry().lines[1].boxColor}
          fontSize={SIZES.body}
          x={FINALE.oneD.x}
          y={FINALE.numberY}
        />
        <Latex
          key="finale-det"
          ref={finaleDet}
          tex={() => `\\det J = ${texFixed(grid().det())}`}
          fill={() => grid().detReadout().style.color}
          fontSize={SIZES.body}
          x={FINALE.twoD.position[0]}
          y={FINALE.numberY}
        />
      </Node>
    </>,
  );

  // The end's 1D picture: long lines want larger tick numbers, and its
  // factor is written under it in TeX (finale-factor), a pair with det J,
  // instead of the stack's own readout beside the lines, which would sit on
  // the grid.
  for (const line of oneD().lines) line.fontSize(FINALE.tickFontSize);
  oneD().factorReadouts[0].opacity(0);

  // 1. Linear algebra first: the grid transforms by the matrix A; the unit square follows
  yield* narrate('scales-up', function* () {
    yield* beat('linear-map', function* () {
      yield* showCaption(WORDS.linear);
      yield* all(
        linear().opacity(1, T.linearIn),
        linear().readoutOpacity(1, T.linearIn),
      );
      yield* linear().warp(T.linearWarp);
    });
  });

  // 2. det A is the area factor: the unit square's image has area det A = 2
  yield* narrate('jacobian', function* () {
    yield* beat('linear-det', function* () {
      yield* linear().detOpacity(1, T.linearRow);
      yield* linear().areaFactorOpacity(1, T.linearRow);
      yield* waitFor(T.linearHold);
    });
  });

  // 3. The matrix slides to one with det −2: the plane collapses onto a line
  //    (det 0) and opens mirrored; the corners run the other way round
  yield* narrate('determinant', function* (n) {
    yield* beat('linear-flip', function* () {
      yield* all(
        showCaption(WORDS.linearFlip),
        linear().areaFactorOpacity(0, T.areaOut),
      );
      yield* n.mark('flip');
      yield* flip(1, T.linearFlip);
      yield* linear().areaFactorOpacity(1, T.linearRow);
      yield* waitFor(T.linearHold);
    });
  });

  // 4. A map of the plane: a vector in, a vector out; the grid, the formula, a tiny square at (π, 0)
  yield* narrate('nonlinear', function* () {
    yield* beat('map', function* () {
      // A cross-fade: the plane is never empty between the two grids.
      yield* all(
        showCaption(WORDS.vector),
        linear().opacity(0, T.linearOut),
        grid().opacity(1, T.gridIn),
        formula().opacity(1, T.gridIn),
      );
      yield* all(
        grid().squareOpacity(1, T.gridIn),
        grid().sourceOpacity(0.45, T.gridIn),
      );
    });
    yield* beat('map-hold', waitFor(T.hold));

    // 5. A close-up ×8 on a tiny grid around the point, beside the whole plane
    yield* beat('close-up', closeUpGroup().opacity(1, T.closeUpIn));

    // 6. The grid bends; the square becomes a curved quadrilateral, while in
    //    the close-up (same t) the tiny grid stays straight: a linear map
    yield* beat('warp', grid().warp(T.warp));
    yield* beat('warp-hold', waitFor(T.hold));
  });

  // 7. J is that matrix, locally: its matrix beside the close-up; once more,
  //    the close-up straightens and undergoes J while the whole grid bends
  yield* narrate('locally-linear', function* () {
    yield* beat('locally-linear', function* () {
      yield* all(
        showCaption(WORDS.locally),
        closeUp().readoutOpacity(1, T.readouts),
      );
      yield* grid().unwarp(T.replayUnwarp);
      yield* grid().warp(T.replayWarp);
    });
    yield* beat('locally-linear-hold', waitFor(T.locallyHold));

    // 8. Zoom in until the image looks like a parallelogram: the linear map J
    yield* beat('zoom-in', function* () {
      yield* closeUpGroup().opacity(0, T.closeUpOut);
      yield* showCaption(WORDS.zoom);
      yield* grid().zoomTo(ZOOM.linear, T.zoomIn);
      yield* grid().readoutOpacity(1, T.readouts);
      yield* waitUntil('looks-linear');
    });
    yield* beat('zoom-hold', waitFor(T.hold));
  });

  // 9. det J is the area factor: at (π, 0) the square's area doubles, det J = 2
  yield* narrate('area-factor', function* () {
    yield* beat('area-factor', function* () {
      yield* showCaption(WORDS.det);
      yield* grid().areaFactorOpacity(1, T.areaFactor);
    });
    yield* beat('area-factor-hold', waitFor(T.areaHold));
  });

  // 10. Zoom out and turn up the warp until it folds the plane near the origin
  //     (the area row leaves first: a big square's area is not det J)
  yield* narrate('fold', function* () {
    yield* beat('fold', function* () {
      yield* grid().areaFactorOpacity(0, T.areaOut);
      yield* grid().zoomTo(1, T.zoomOut);
      yield* all(
        amplitude(AMPLITUDE.folding, T.fold),
        swapTex(formula(), mapTex(foldingWavyMap), T.fold),
      );
    });
    yield* beat('fold-hold', waitFor(T.hold));
  });

  // 11. Slide the square into the fold: det J turns negative, the marker reverses, the area flips
  yield* narrate('flipped', function* () {
    yield* beat('flip', function* () {
      yield* showCaption(WORDS.flip);
      yield* grid().slideTo(POINTS.flip, T.slide);
      yield* grid().zoomTo(ZOOM.flip, T.zoomFlip);
      yield* waitUntil('flip-read');
      yield* grid().areaFactorOpacity(1, T.areaFactor);
    });
    yield* beat('flip-hold', waitFor(T.hold));
  });

  // 12. Side by side, each filling its half: 1D length stretch (f'(x)), 2D area stretch (det J)
  yield* narrate('side-by-side', function* () {
    yield* beat('side-by-side', function* () {
      yield* all(
        caption().opacity(0, T.sideBySide),
        formula().opacity(0, T.sideBySide),
        grid().readoutOpacity(0, T.sideBySide / 2),
        grid().position(FINALE.twoD.position, T.sideBySide),
        resizeGrid(grid(), FINALE.twoD.length, T.sideBySide),
      );
      yield* finale().opacity(1, T.sideBySide);
      yield* waitUntil('side-by-side-read');
    });
  });
  yield* beat('side-by-side-hold', waitFor(T.closingHold));

  // 13. Everything fades
  yield* beat('out', all(grid().opacity(0, T.out), finale().opacity(0, T.out)));

  /**
   * Shrinks (or grows) the grid's square to `length` px over the same units:
   * its strokes, dots and marker keep their size, unlike a scaled node.
   */
  function* resizeGrid(node: WarpedGrid, length: number, duration: number) {
    const from = node.xScale().length;
    yield* tween(duration, t => {
      const l = lerp(from, length, easeInOutCubic(t));
      node.xScale({...node.xScale(), length: l});
      node.yScale({...node.yScale(), length: l});
    });
  }

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
