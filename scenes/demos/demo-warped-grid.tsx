import {makeScene2D} from '@motion-canvas/2d';
import {createRef, createSignal, waitFor} from '@motion-canvas/core';
import {WarpedGrid} from '../../src/components/WarpedGrid';
import {
  FOLDING_FLIP_POINT,
  WAVY_KEEP_POINT,
  wavyMapWithAmplitude,
} from '../../src/math';
import {COLORS} from '../../src/theme';

/** Timing of the demo, in seconds: the tests read frames at these moments. */
export const T = {warp: 2, hold: 1, zoom: 2, fold: 2, move: 2};

/**
 * WarpedGrid alone: the grid bends under (x + k sin y, y + k sin x), zooms in
 * on a tiny square at (π/2, 0), then the amplitude rises to 1.5 and the square
 * slides to (0, 0), where det J < 0 and the marker turns clockwise.
 *
 * Moments: 0 flat; 3 warped (k = 1); 6 zoomed ×8; 9 back to ×1;
 * 12 folded (k = 1.5) at the keep point; 15 at the flip point.
 */
export default makeScene2D(function* (view) {
  view.fill(COLORS.background);
  const amplitude = createSignal(1);
  const grid = createRef<WarpedGrid>();
  view.add(
    <WarpedGrid
      key="grid"
      ref={grid}
      x={-440}
      map={() => wavyMapWithAmplitude(amplitude())}
      xScale={{min: -4, max: 4, length: 920}}
      yScale={{min: -4, max: 4, length: 920}}
      point={WAVY_KEEP_POINT}
      squareSize={0.8}
    />,
  );
  yield* waitFor(T.hold);
  yield* grid().warp(T.warp); // ends at 3
  yield* grid().zoomTo(8, T.zoom); // ends at 5
  yield* waitFor(T.hold); // 6
  yield* grid().zoomTo(1, T.zoom); // 8
  yield* waitFor(T.hold); // 9
  yield* amplitude(1.5, T.fold); // 11
  yield* waitFor(T.hold); // 12
  yield* grid().slideTo(FOLDING_FLIP_POINT, T.move); // 14
  yield* waitFor(T.hold * 2); // 16
});
