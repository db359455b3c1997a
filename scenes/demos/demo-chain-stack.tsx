import {makeScene2D} from '@motion-canvas/2d';
import {createRef, waitFor} from '@motion-canvas/core';
import {ChainStack} from '../../src/components/ChainStack';
import {linear} from '../../src/math';
import {COLORS} from '../../src/theme';

/** Timing of the demo, in seconds: the tests read frames at these moments. */
export const T = {stage: 2, hold: 1, slide: 2};

/**
 * ChainStack alone: triple, then double. The interval [0.25, 0.5], centred
 * on x = 0.375, flows to [0.75, 1.5], then to [1.5, 3]; the factors 3 and 2
 * and their product 6 appear.
 *
 * Moments: 1 first line only; 3 after stage 1; 6 after stage 2; 9 slid to
 * x = 0.125 (the interval [0, 0.25]).
 */
export default makeScene2D(function* (view) {
  view.fill(COLORS.background);
  const stack = createRef<ChainStack>();
  view.add(
    <ChainStack
      key="stack"
      ref={stack}
      x={-60}
      fns={[linear(3, 0), linear(2, 0)]}
      min={-0.5}
      max={3.5}
      pointX={0.375}
      dx={0.25}
      lineNames={['x', 'g(x)', 'f(g(x))']}
      mapNames={['g', 'f']}
      factorLabels={["g'(x)", "f'(g(x))"]}
      lengthLabels={['dx', "g'(x)\\,dx", "f'(g(x))\\,g'(x)\\,dx"]}
    />,
  );
  yield* waitFor(T.hold); // 1
  yield* stack().showStage(0, T.stage); // 3
  yield* waitFor(T.hold); // 4
  yield* stack().showStage(1, T.stage); // 6
  yield* waitFor(T.hold); // 7
  yield* stack().slideTo(0.125, T.slide); // 9
  yield* waitFor(T.hold); // 10
});
