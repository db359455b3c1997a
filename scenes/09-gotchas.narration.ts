/** Narration of scene 09-gotchas: "Quick gotchas". */
import {script} from '../src/narration/script';

export default script('09-gotchas', [
  {
    id: 'local',
    text: "The stretch factor is local, not global. f'(x) describes only a tiny neighborhood of x. Move to a different input and the same function may stretch by a completely different amount. There is no single stretch factor for the whole function unless it is linear.",
  },
  {
    id: 'negative',
    text: 'Negative does not mean "shrinking". A negative derivative flips orientation. Its size, the absolute value of f\'(x), still tells you stretch versus squish. f\'(x) = -3 flips the interval and triples its length.',
  },
  {
    id: 'collapse',
    text: 'Collapse is not the same as "no output". f\'(x) = 0 means the tiny interval squashes to a point at that input, not that the function stops existing. It is the flat spot, the maximum, minimum, or saddle you hunted in earlier chapters.',
  },
  {
    id: 'still-true',
    text: 'The slope picture is still true. You are not throwing the graph away. The two views give the same number. Use whichever makes the problem in front of you easier to see.',
  },
]);
