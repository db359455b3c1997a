/** Narration of scene 05-four-cases: "Reading the number off the stretch". */
import {script} from '../src/narration/script';

export default script('05-four-cases', [
  {
    id: 'intro',
    text: "This view turns the sign and size of f'(x) into something you can almost feel.",
  },
  {
    id: 'stretch',
    text: "f'(x) > 1: local stretching. The neighborhood comes out bigger than it went in.",
  },
  {
    id: 'squish',
    text: "0 < f'(x) < 1: local compression. The neighborhood gets squished toward a point.",
  },
  {
    id: 'flip',
    text: "f'(x) < 0: the mapping flips orientation there. Points to the right of x land to the left of f(x). The little interval gets turned around.",
  },
  {
    id: 'collapse',
    text: `f'(x) = 0: the interval collapses to a point. Everything nearby piles up onto the same output.`,
  },
  {
    id: 'flat-spot',
    text: "This is exactly why f'(x) = 0 flags a flat spot: locally, the function has stopped moving the line at all.",
  },
]);
