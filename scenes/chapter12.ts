import '../src/fonts';

import {makeProject} from '@motion-canvas/core';

import title from './01-title?scene';
import slope from './02-slope?scene';
import mapping from './03-mapping?scene';
import zoom from './04-zoom?scene';
import fourCases from './05-four-cases?scene';
import twoClothes from './06-two-clothes?scene';
import chainRule from './07-chain-rule?scene';
import jacobian from './08-jacobian?scene';
import gotchas from './09-gotchas?scene';
import summary from './10-summary?scene';
import closing from './11-closing?scene';

/**
 * Chapter 12 of Essence of Calculus, "The other way to visualize derivatives":
 * the scenes in chapter order. `npm run render` renders them in this order and
 * joins them into output/chapter-12.mp4.
 */
export default makeProject({
  name: 'chapter-12',
  scenes: [
    title,
    slope,
    mapping,
    zoom,
    fourCases,
    twoClothes,
    chainRule,
    jacobian,
    gotchas,
    summary,
    closing,
  ],
  // The narration, one track for the editor's timeline, mixed by `npm start`
  // (npm run narration -- --editor); the renderer mixes its own per video.
  audio: '/narration/.build/editor.m4a',
});
