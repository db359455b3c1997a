/**
 * Narration of scene 09-gotchas: the doorway between calculus and linear
 * algebra, the chapter in five sentences, then "Quick gotchas".
 */
import {script} from '../src/narration/script';

export default script('09-gotchas', [
  {
    id: 'two-subjects',
    text: 'So calculus and linear algebra are not two subjects.',
  },
  {
    id: 'door',
    text: 'Differentiation is the act of finding the linear transformation that best approximates a function near a point, and the determinant tells you what that transformation does to size.',
  },
  {
    id: 'doorway',
    text: 'The "other view" of the derivative is the doorway between the two.',
  },
  {
    id: 'recap',
    text: 'A function is a machine that moves a number line. The derivative is how hard it stretches the line right where you are standing. Bigger than 1 stretches, between 0 and 1 squishes, negative flips, zero collapses. Compose machines and the stretch factors multiply. Go to higher dimensions and the stretch factor becomes the Jacobian determinant.',
  },
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
    id: 'slope',
    text: 'The slope picture is still true. You are not throwing the graph away. The two views give the same number.',
  },
  {
    id: 'whichever',
    text: 'Use whichever makes the problem in front of you easier to see.',
  },
]);
