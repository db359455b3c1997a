/** Narration of scene 10-summary: "What you walked away with". */
import {script} from '../src/narration/script';

export default script('10-summary', [
  {
    id: 'slope-and-mapping',
    text: 'The familiar derivative is the slope of a graph. The other view treats a function as a mapping between two number lines.',
  },
  {
    id: 'factor',
    text: "f'(x) is the factor by which that mapping stretches a tiny interval: greater than 1 stretches, 0 to 1 squishes, less than 0 flips orientation, equal to 0 collapses to a point.",
  },
  {
    id: 'chain',
    text: "The chain rule falls out for free: composing maps multiplies their local stretch factors, so d/dx f(g(x)) = f'(g(x)) · g'(x).",
  },
  {
    id: 'jacobian',
    text: 'In higher dimensions the stretch factor becomes the Jacobian determinant, which is the determinant from linear algebra, the area or volume scaling of a transformation, applied locally.',
  },
  {
    id: 'closing',
    text: 'A function is a machine that moves a number line, and the derivative is how hard it stretches the line right where you are standing.',
  },
]);
