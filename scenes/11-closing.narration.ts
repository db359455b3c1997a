/** Narration of scene 11-closing: "Closing the series", the two pillars, what comes next. */
import {script} from '../src/narration/script';

export default script('11-closing', [
  {
    id: 'end-to-end',
    text: 'That is the Essence of Calculus, end to end. Look back at the arc you climbed:',
  },
  {
    id: 'rate',
    text: 'Derivatives as the rate of tiny change, born from the paradox of "instantaneous" motion.',
  },
  {
    id: 'formulas',
    text: 'The derivative formulas read off geometry instead of memorized, and the chain and product rules that combine them.',
  },
  {
    id: 'e',
    text: 'e as the function that is its own derivative, and implicit differentiation for curves that refuse to be functions.',
  },
  {
    id: 'integrals',
    text: 'Integrals as accumulated change, and the fundamental theorem that ties them to derivatives as exact inverses.',
  },
  {
    id: 'taylor',
    text: 'Taylor series, which rebuild a whole function out of its derivatives at a single point.',
  },
  {
    id: 'local-stretch',
    text: 'And now this final view: the derivative as a local stretch, the bridge straight back to linear algebra.',
  },
  {
    id: 'pillars',
    text: 'You now hold the two mathematical pillars of modern machine learning. <mark name="linear-algebra"/>Linear algebra gave you vectors, matrices, transformations, and the determinant. <mark name="calculus"/>Calculus gave you derivatives, the chain rule, and gradients.',
  },
  {
    id: 'backprop',
    text: 'Backpropagation is the chain rule run backward through a giant composition of functions.',
  },
  {
    id: 'attention',
    text: 'Attention is a stack of linear transformations with a few well chosen nonlinearities between them.',
  },
  {
    id: 'built',
    text: 'Both are built from exactly what you just learned.',
  },
  {
    id: 'next',
    text: 'Next in the AI Engineer path: the Transformers and LLMs series. With the foundation you have, you are ready to see how these pieces assemble into the architecture behind every modern language model.',
  },
  {
    id: 'see-you',
    text: 'See you there.',
  },
]);
