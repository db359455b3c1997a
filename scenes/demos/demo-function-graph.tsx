import {makeScene2D} from '@motion-canvas/2d';
import {createRef, waitFor} from '@motion-canvas/core';
import {FunctionGraph} from '../../src/components/FunctionGraph';
import {COLORS} from '../../src/theme';
import {DEMO_F} from './graphs.facts';

/** Timing of the demo, in seconds: the tests read frames at these moments. */
export const T = {draw: 2, hold: 1, slide: 3};

/**
 * FunctionGraph alone: the graph of x³/3 − x draws in, then the point slides
 * from x = −2 to x = 1.5 with its tangent, rise-over-run triangle and readout.
 *
 * Moments: 2 graph drawn, point at −2; 3 same; 6 point at 1.5; 7 same.
 */
export default makeScene2D(function* (view) {
  view.fill(COLORS.background);
  const graph = createRef<FunctionGraph>();
  view.add(
    <FunctionGraph
      key="graph"
      ref={graph}
      f={DEMO_F}
      xMin={-3}
      xMax={3}
      yMin={-2.5}
      yMax={2.5}
      width={1500}
      height={860}
      pointX={-2}
      graphEnd={0}
    />,
  );
  yield* graph().drawGraph(T.draw); // 2
  yield* waitFor(T.hold); // 3
  yield* graph().slideTo(1.5, T.slide); // 6
  yield* waitFor(T.hold); // 7
});
