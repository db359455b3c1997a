import {makeScene2D} from '@motion-canvas/2d';
import {all, createRef, waitFor} from '@motion-canvas/core';
import {beat} from '../../src/beats';
import {MappingView} from '../../src/components';
import {ln, niceTicks, samplePoints, square} from '../../src/math';
import {COLORS} from '../../src/theme';

/**
 * MappingView demo for x²: integer dots with arrows, then dense dots flow,
 * then the input line deforms; last, dots ride the deforming line, x ≥ 0
 * first, and the negative half folds over on arcs onto its own lane.
 */
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
  // The integer dots: arrows grow, then each dot flows from x to x² (stagger 0.1 s).
  yield* beat('start', waitFor(0.5));
  yield* beat('arrows', m().showArrows(1));
  yield* beat('integer-flow', m().flowDots(2, 0.1));
  yield* beat('integer-hold', waitFor(0.5));
  // 41 dense dots over [−3, 3.2]: the last ones' images (up to 10.24) are beyond the output line.
  yield* beat('reset', m().reset(1));
  m().samples(samplePoints(-3, 3.2, 41));
  yield* beat('dense-flow', m().flowDots(2, 0.03));
  yield* beat('dense-hold', waitFor(0.5));
  // The input line deforms onto the output line.
  yield* beat('deform', m().flowTicks(2));
  yield* beat('deform-hold', waitFor(1));
  // Dots ride a copy of the line: x ≥ 0 with arrows on 1 and 2, then x < 0 on arcs.
  yield* beat(
    'ride-reset',
    all(m().copyOpacity(0, 0.5), m().dotOpacity(0, 0.5)),
  );
  m().clear();
  m().samples(samplePoints(-3, 3, 25));
  m().dotsRide(true);
  m().foldAt(0);
  m().arrowSamples([1, 2]);
  yield* beat(
    'ride-arrows',
    all(m().showDots(0.5), m().showCopy(0.5), m().showArrows(0.5)),
  );
  yield* beat('ride', m().ride(1.5));
  yield* beat('fold', m().foldOver(1.5));
  yield* beat('fold-hold', waitFor(0.5));
});
