import {makeScene2D} from '@motion-canvas/2d';
import {all, createRef, waitFor} from '@motion-canvas/core';
import {beat} from '../../src/beats';
import {IntervalBox, MappingView} from '../../src/components';
import {square} from '../../src/math';
import {COLORS} from '../../src/theme';

/** IntervalBox demo for x²: [−1, −0.5] (a, b) lands as b, a; dx shrinks; x moves to 1.5; then [−0.6, 1] folds. */
export default makeScene2D(function* (view) {
  view.fill(COLORS.background);
  const m = createRef<MappingView>();
  const box = createRef<IntervalBox>();
  view.add(
    <MappingView
      key="mapping"
      ref={m}
      fn={square}
      inputMin={-3}
      inputMax={4}
      outputMin={-1}
      outputMax={10}
      samples={[]}
      dotOpacity={0}
      y={40}
    />,
  );
  view.add(
    <IntervalBox
      key="box"
      ref={box}
      mapping={m()}
      x0={-1}
      dx={0.5}
      endLabels={['a', 'b']}
      readoutPosition={[-700, -470]}
    />,
  );
  // 0–0.5 s hold; 0.5–2.5 s the box lands (flipped); hold to 3.5 s.
  yield* waitFor(0.5);
  yield* beat('land', box().land(2));
  yield* beat('flipped', waitFor(1));
  // 3.5–5 s dx shrinks to 0.25; 5–7 s x moves to 1.5 (stretch); hold.
  yield* box().dx(0.25, 1.5);
  yield* box().x0(1.5, 2);
  yield* beat('stretched', waitFor(1));
  // The interval [−0.6, 1] holds x²'s turning point: it folds onto [0, 1].
  yield* all(box().x0(-0.6, 1), box().dx(1.6, 1));
  yield* beat('folded', waitFor(1));
});
