import {makeScene2D} from '@motion-canvas/2d';
import {createRef, createSignal, waitFor} from '@motion-canvas/core';
import {Readout} from '../../src/components';
import {derivativeAt, reciprocal, square} from '../../src/math';
import {COLORS} from '../../src/theme';

/** Readout demo: f'(x) for x² while x slides from −2 to 2; 1/x at 0 reads "undefined". */
export default makeScene2D(function* (view) {
  view.fill(COLORS.background);
  const x = createSignal(-2);
  const slope = createRef<Readout>();
  view.add(
    <>
      <Readout key="x" label="x" value={() => x()} y={-160} />
      <Readout
        key="slope"
        ref={slope}
        label="f'(x)"
        value={() => derivativeAt(square, x())}
        color={COLORS.dx}
        y={-60}
      />
      <Readout
        key="undefined"
        label="(1/x)' at 0"
        value={() => derivativeAt(reciprocal, 0)}
        y={60}
      />
    </>,
  );
  // 0–1 s hold at x = −2; 1–4 s x slides to 2; hold.
  yield* waitFor(1);
  yield* x(2, 3);
  yield* waitFor(1);
});
