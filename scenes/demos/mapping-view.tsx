import {makeScene2D} from '@motion-canvas/2d';
import {createRef, waitFor} from '@motion-canvas/core';
import {MappingView} from '../../src/components';
import {ln, niceTicks, samplePoints, square} from '../../src/math';
import {COLORS} from '../../src/theme';

/** MappingView demo for x²: integer dots with arrows, then dense dots flow, then the input line deforms. */
export default makeScene2D(function* (view) {
  view.fill(COLORS.background);
  const m = createRef<MappingView>();
  view.add(
    <MappingView
      key="mapping"
      ref={m}
      fn={square}
      inputMin={-3}
      inputMax={4}
      outputMin={-1}
      outputMax={10}
      samples={niceTicks(-2, 3, 5)}
    />,
  );
  // ln is undefined at −1 and 0: a mapping of it (kept invisible) skips those dots.
  view.add(
    <MappingView
      key="undefined-mapping"
      fn={ln}
      samples={[-1, 0, 1, 2]}
      opacity={0}
    />,
  );
  // 0–0.5 s hold; 0.5–1.5 s arrows grow; 1.5–3.5 s integer dots flow (stagger 0.1 s → 2.5 s); hold to 4.5 s.
  yield* waitFor(0.5);
  yield* m().showArrows(1);
  yield* m().flowDots(2, 0.1);
  yield* waitFor(0.5);
  // 4.5–5.5 s reset; then 41 dense dots flow with stagger 0.03 s (2 + 1.2 = 3.2 s) → 8.7 s.
  yield* m().reset(1);
  m().samples(samplePoints(-3, 3.2, 41));
  yield* m().flowDots(2, 0.03);
  yield* waitFor(0.5);
  // 9.2–11.2 s the input line deforms onto the output line; hold.
  yield* m().flowTicks(2);
  yield* waitFor(1);
});
