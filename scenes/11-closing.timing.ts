/**
 * Timing and facts of scene 11-closing, the close of the series: the recap,
 * the two pillars of machine learning, backpropagation as the chain rule run
 * backward, attention as linear maps with nonlinearities between them, and
 * the end card. Kept without Motion Canvas imports so the scene's test reads
 * the same facts. When each beat happens is not computed here: the scene
 * names its beats (`beat(name, ...)`), and tests ask for them by name.
 */
import {backpropagate, compose, linear, sin, square} from '../src/math';
import type {Matrix2} from '../src/math';

/** Every duration of the scene, in seconds. */
export const T = {
  title: 0.7,
  caption: 0.6,
  recapItem: 0.45,
  recapPicture: 0.8,
  recapSlide: 1.1,
  recapHold: 0.5,
  swap: 0.7,
  pillarIn: 0.8,
  warp: 1.6,
  graphIn: 0.5,
  graph: 1.0,
  tangent: 0.5,
  graphSlide: 1.6,
  pillarsHold: 1.0,
  stackIn: 0.8,
  forward: 0.7,
  backward: 0.6,
  backpropHold: 1.2,
  attentionLabels: 0.6,
  attentionSlide: 1.8,
  attentionHold: 1.0,
  builtHold: 1.4,
  out: 0.8,
  endCard: 0.8,
  endHold: 2.5,
};

/** Lesson words, in order (on screen: the short forms; the narration says the rest). */
export const WORDS = {
  recapTitle: 'Essence of Calculus, end to end',
  /** The arc of the series, one short line per step of the lesson's list. */
  recap: [
    'Derivatives: the rate of tiny change',
    'Formulas from geometry; chain and product rules',
    'e, its own derivative; implicit curves',
    'Integrals and the fundamental theorem',
    'Taylor series',
    'The derivative as a local stretch',
  ],
  pillarsTitle: 'The two pillars of modern machine learning',
  linearAlgebra: 'Linear algebra',
  linearAlgebraGave: 'vectors, matrices, transformations, the determinant',
  calculus: 'Calculus',
  calculusGave: 'derivatives, the chain rule, gradients',
  backpropTitle: 'Backpropagation',
  backprop:
    'The chain rule run backward through a giant composition of functions.',
  attentionTitle: 'Attention',
  attention:
    'A stack of linear transformations with a few well chosen nonlinearities between them.',
  built: 'Both are built from exactly what you just learned.',
  next: 'Next in the AI Engineer path: the Transformers and LLMs series.',
  seeYou: 'See you there.',
  linearName: 'linear',
  nonlinearName: 'nonlinear',
};

/** The recap's live picture: x² as a mapping, a box centred on x visiting stretch, squish and flip. */
export const RECAP_F = square;
export const RECAP_DX = 0.4;
export const RECAP_STOPS = [1.5, 0.25, -1] as const;

/** The linear-algebra pillar: a linear map of the plane (det 1.25) and the square it carries. */
export const PILLAR_MATRIX: Matrix2 = [
  [1.25, 0.5],
  [0.25, 1.1],
];
export const PILLAR_POINT: [number, number] = [1, 1];

/** The calculus pillar: sin(x²)'s graph, its tangent sliding along it. */
export const PILLAR_F = compose(sin, square);
export const PILLAR_STOPS = [0.6, 1.4] as const;

/**
 * Backpropagation and attention, one stack of layers: linear, a
 * nonlinearity, linear (h₁ = 2x − 0.5, h₂ = sin h₁, y = 1.5 h₂ + 0.25).
 */
export const LAYERS = [linear(2, -0.5), sin, linear(1.5, 0.25)];
/** The range of each line of the stack, top to bottom: x, h₁, h₂, y. */
export const LAYER_RANGES: [number, number][] = [
  [-0.5, 1.5],
  [-1.5, 2.5],
  [-1.1, 1.1],
  [-1.5, 2],
];
/**
 * The point the interval is centred on, then where attention's beat slides
 * it: towards the top of sin, whose factor falls from 0.88 to 0.27 while the
 * linear layers' stay put. It stops short of the top (h₁ = π/2): there the
 * finite interval would fold over, and its drawn length no longer be σ'·dx.
 */
export const LAYER_X = 0.5;
export const LAYER_X_LATER = 0.9;
export const LAYER_DX = 0.2;

/** The gradients backpropagation finds at LAYER_X, output first. */
export const BACKWARD = backpropagate(LAYERS, LAYER_X);
