import {makeScene2D} from '@motion-canvas/2d';
import {all, createRef, waitFor} from '@motion-canvas/core';
import {MappingView, ZoomInset} from '../../src/components';
import {square} from '../../src/math';
import {COLORS} from '../../src/theme';

/**
 * ZoomInset demo for x²: the neighbourhood of 1.5 at ×10, zoomed to ×100,
 * then the point moves to 0.25, −1 and 0, its twenty close-up dots landed
 * all along; then, back at 1.5 and ×1, the dots fly to their images and the
 * zoom runs to ×1000 while they even out.
 */
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
      dotCount={20}
      progress={1}
      readout="spacing"
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
  // Near 0 the landed dots pair up (x² is even): the readout turns to the local factor.
  inset().readout('factor');
  yield* inset().point(0, 2);
  yield* waitFor(1);
  // 13–14 s back to 1.5 at ×1, the dots back on the input line; 14–16 s they land; 16–16.5 s hold.
  inset().readout('spacing');
  yield* all(inset().point(1.5, 1), inset().zoomTo(1, 1), inset().land(1, 0));
  yield* inset().land(2);
  yield* waitFor(0.5);
  // 16.5–19.5 s zoom to ×1000: the landed dots even out; 19.5–20.5 s hold.
  yield* inset().zoomTo(1000, 3);
  yield* waitFor(1);
});
