/** Narration of scene 02-slope: "The picture you already have". */
import {script} from '../src/narration/script';

export default script('02-slope', [
  {
    id: 'see',
    text: 'When someone says "derivative", you probably see a curve and a tangent line.',
  },
  {
    id: 'steep',
    text: "f'(x) is the steepness of that line. Rise over run. The graph lives in 2D: input on the horizontal axis, output on the vertical axis.",
  },
  {
    id: 'fine',
    text: 'This is a fine picture. It got you through eleven chapters. But it has a hidden cost: it forces every function into a 2D plot,',
  },
  {
    id: 'problem',
    text: 'and once you have functions of several inputs and several outputs, the graph runs out of axes.',
  },
  {
    id: 'need',
    text: 'We need a view that does not depend on plotting input against output at all.',
  },
]);
