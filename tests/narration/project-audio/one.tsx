/** Project-audio fixture "one": a square, 1 s. */
import {Rect, makeScene2D} from '@motion-canvas/2d';
import {waitFor} from '@motion-canvas/core';

export default makeScene2D(function* (view) {
  view.add(<Rect width={200} height={200} fill="#e0a030" />);
  yield* waitFor(1);
});
