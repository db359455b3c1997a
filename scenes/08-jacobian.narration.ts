/** Narration of scene 08-jacobian: "The bridge back to linear algebra". */
import {script} from '../src/narration/script';

export default script('08-jacobian', [
  {
    id: 'scales-up',
    text: 'The reason this view is worth keeping is that it scales up cleanly. In one dimension the derivative is a single stretch factor. In higher dimensions a function takes a vector in and spits a vector out, and a tiny region around a point gets mapped to another tiny region.',
  },
  {
    id: 'jacobian',
    text: 'The thing that measures how much that region stretches, squishes, or flips is the Jacobian determinant. If that phrase rings a bell, it should.',
  },
  {
    id: 'determinant',
    text: 'Back in the Essence of Linear Algebra series, the determinant of a transformation was defined as the factor by which it scales area, in 2D, or volume, in 3D, <mark name="flip"/>and a negative determinant meant the orientation flipped.',
  },
  {
    id: 'nonlinear',
    text: 'The Jacobian determinant is that exact idea applied locally to a nonlinear map.',
  },
  {
    id: 'locally-linear',
    text: 'Zoom in far enough and any smooth function looks like a linear transformation,',
  },
  {
    id: 'area-factor',
    text: 'and its determinant is the local area or volume stretch factor.',
  },
  {
    id: 'fold',
    text: 'Where the map folds the plane over itself, that determinant passes through zero,',
  },
  {
    id: 'flipped',
    text: 'and past the fold it is negative: the little square comes out flipped.',
  },
  {
    id: 'side-by-side',
    text: "In one dimension, the derivative is the local length stretch, one number, f'(x). In n dimensions, the Jacobian determinant is the local area or volume stretch.",
  },
]);
