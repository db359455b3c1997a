import {makeScene2D} from '@motion-canvas/2d';
import {createRef, waitFor} from '@motion-canvas/core';
import {NumberLine} from '../../src/components';
import {COLORS} from '../../src/theme';

/** NumberLine demo: a labelled line grows in, then zooms from [−3, 4] to [1.4, 1.6] and back out. */
export default makeScene2D(function* (view) {
  view.fill(COLORS.background);
  const line = createRef<NumberLine>();
  const still = createRef<NumberLine>();
  view.add(
    <>
      <NumberLine
        key="line"
        ref={line}
        min={-3}
        max={4}
        length={1400}
        label="Inputs"
        color={COLORS.input}
        y={-150}
      />
      <NumberLine
        key="still"
        ref={still}
        min={-1}
        max={10}
        length={1400}
        label="Outputs"
        color={COLORS.output}
        y={150}
      />
      <NumberLine
        key="vertical"
        vertical
        min={0}
        max={3}
        length={300}
        label="y"
        x={860}
        y={-10}
      />
    </>,
  );
  // 0–1 s both lines grow in; 1–2 s hold; 2–6 s zoom in to [1.4, 1.6]; 6–7 s hold; 7–9 s zoom out.
  yield* line().grow(1);
  yield* waitFor(1);
  yield* line().zoomTo(1.4, 1.6, 4);
  yield* waitFor(1);
  yield* line().zoomTo(-3, 4, 2);
  yield* waitFor(1);
});
