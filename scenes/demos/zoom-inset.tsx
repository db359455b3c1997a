import {makeScene2D} from '@motion-canvas/2d';
import {createRef, waitFor} from '@motion-canvas/core';
import {MappingView, ZoomInset} from '../../src/components';
import {square} from '../../src/math';
import {COLORS} from '../../src/theme';

/** ZoomInset demo for x²: the neighbourhood of 1.5 at ×10, zoomed to ×100, then the point moves to −1 and 0. */
export default makeScene2D(function* (view) {
  view.fill(COLORS.background);
  const m = createRef<MappingView>();
  const inset = createRef<ZoomInset>();
  view.add(
    <MappingView
      key="mapping"
      ref={m}
      fn={square}
      inputMin={-3}
      inputMax={4}
      outputMin={-1}
      outputMax={10}
      gap={240}
      dotOpacity={0}
      y={-300}
    />,
  );
  view.add(
    <ZoomInset
      key="inset"
      ref={inset}
      fn={square}
      point={1.5}
      zoom={10}
      source={m().input}
      y={230}
    />,
  );
  // 0–1 s hold at ×10; 1–3 s zoom to ×100; 3–4 s hold.
  yield* waitFor(1);
  yield* inset().zoomTo(100, 2);
  yield* waitFor(1);
  // 4–6 s the point moves to 0.25 (squish); 6–7 s hold; 7–9 s to −1 (flip); hold; 10–12 s to 0 (collapse); hold.
  yield* inset().point(0.25, 2);
  yield* waitFor(1);
  yield* inset().point(-1, 2);
  yield* waitFor(1);
  yield* inset().point(0, 2);
  yield* waitFor(1);
});
