import {makeScene2D} from '@motion-canvas/2d';
import {createRef, waitFor} from '@motion-canvas/core';
import {beat} from '../../src/beats';
import {FunctionGraph} from '../../src/components/FunctionGraph';
import {COLORS} from '../../src/theme';
import {DEMO_F} from './graphs.facts';

/** Timing of the demo, in seconds. */
export const T = {draw: 2, hold: 1, slide: 3};

/**
 * FunctionGraph alone: the graph of x³/3 − x draws in, then the point slides
 * from x = −2 to x = 1.5 with its tangent, rise-over-run triangle and readout.
 * Beats: `draw`, `hold`, `slide`, `end-hold`.
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
  yield* beat('draw', graph().drawGraph(T.draw));
  yield* beat('hold', waitFor(T.hold));
  yield* beat('slide', graph().slideTo(1.5, T.slide));
  yield* beat('end-hold', waitFor(T.hold));
});
