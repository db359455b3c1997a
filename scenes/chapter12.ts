import '../src/fonts';

import {makeProject} from '@motion-canvas/core';

import title from './01-title?scene';

/**
 * Chapter 12 of Essence of Calculus, "The other way to visualize derivatives":
 * the scenes in chapter order. `npm run render` renders them in this order and
 * joins them into output/chapter-12.mp4.
 */
export default makeProject({
  name: 'chapter-12',
  scenes: [title],
});
