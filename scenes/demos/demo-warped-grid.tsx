import {makeScene2D} from '@motion-canvas/2d';
import {createRef, createSignal, waitFor} from '@motion-canvas/core';
import {beat} from '../../src/beats';
import {WarpedGrid} from '../../src/components/WarpedGrid';
import {FOLDING_FLIP_POINT, wavyMapWithAmplitude} from '../../src/math';
import type {Vector2} from '../../src/math';
import {COLORS} from '../../src/theme';

/** Timing of the demo, in seconds. */
export const T = {warp: 2, hold: 1, zoom: 2, area: 0.5, fold: 2, move: 2};

/**
 * Where the square starts: (1, 1), where (x + sin y, y + sin x) squishes
 * area (det J = 1 − cos²1 ≈ 0.71), and still does once the amplitude is 1.5
 * (det J ≈ 0.34).
 */
const START: Vector2 = [1, 1];

/** The demo's plane: centred at x = −440, [−4, 4] over 920 px on both axes. */
const PLANE = {
  x: -440,
  scale: {min: -4, max: 4, length: 920},
  squareSize: 0.8,
} as const;

/** The magnification at which the area factor is read. */
const AREA_ZOOM = 8;

/**
 * WarpedGrid alone: the grid bends under (x + k sin y, y + k sin x), zooms
 * ×8 on a tiny square at (1, 1) and reads its area factor (a squish), zooms
 * back out, the amplitude rises to 1.5, and the square slides to (0, 0),
 * where det J < 0 and the marker turns clockwise. Each step is a named beat.
 */
export default makeScene2D(function* (view) {
  view.fill(COLORS.background);
  const amplitude = createSignal(1);
  const grid = createRef<WarpedGrid>();
  view.add(
    <WarpedGrid
      key="grid"
      ref={grid}
      x={PLANE.x}
      map={() => wavyMapWithAmplitude(amplitude())}
      xScale={PLANE.scale}
      yScale={PLANE.scale}
      point={START}
      squareSize={PLANE.squareSize}
    />,
  );
  yield* beat('flat', waitFor(T.hold));
  yield* beat('warp', grid().warp(T.warp));
  yield* beat('zoom-in', grid().zoomTo(AREA_ZOOM, T.zoom));
  yield* beat('area-factor', grid().areaFactorOpacity(1, T.area));
  yield* beat('area-factor-hold', waitFor(T.hold));
  yield* beat('zoom-out', function* () {
    yield* grid().areaFactorOpacity(0, T.area);
    yield* grid().zoomTo(1, T.zoom);
  });
  yield* beat('fold', amplitude(1.5, T.fold));
  yield* beat('fold-hold', waitFor(T.hold));
  yield* beat('slide', grid().slideTo(FOLDING_FLIP_POINT, T.move));
  yield* beat('flip-hold', waitFor(T.hold * 2));
});
