/** Project-audio fixture "two": a square that moves, 1.5 s. */
import {Rect, makeScene2D} from '@motion-canvas/2d';
import {createRef} from '@motion-canvas/core';

export default makeScene2D(function* (view) {
  const box = createRef<Rect>();
  view.add(<Rect ref={box} width={200} height={200} fill="#3070e0" />);
  yield* box().x(300, 1.5);
});
