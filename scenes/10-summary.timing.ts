/**
 * Timing and facts of scene 10-summary, kept in a module without Motion Canvas
 * imports so the scene's test reads the same facts. Editing a number here
 * changes the video. When each beat happens is not computed here: the scene
 * names its beats (`beat(name, ...)`), and tests ask for them by name.
 */
import {
  FOLDING_FLIP_POINT,
  WAVY_KEEP_POINT,
  foldingWavyMap,
  linear,
  samplePoints,
  square,
} from '../src/math';
import type {Vector2 as Point} from '../src/math';

/** Every duration of the scene, in seconds. */
export const T = {
  title: 1.0,
  bulletText: 0.8,
  picture: 0.8,
  read: 3.5,
  allHold: 2.5,
  tilesOut: 1.0,
  closing: 1.2,
  closingHold: 3.0,
  out: 1.0,
  // The live pictures' own loops.
  flow: 1.6,
  flowStagger: 0.08,
  flowHold: 1.2,
  flowReset: 0.8,
  boxSlide: 1.4,
  boxHold: 1.2,
  chainStage: 1.2,
  chainHold: 0.6,
  chainRead: 2.0,
  chainReset: 0.6,
  warp: 1.5,
  gridSlide: 2.0,
  gridHold: 1.2,
};

/** Lesson words: the four bullets of "What you walked away with" and the closing lines (the end card is 11-closing's). */
export const WORDS = {
  title: 'What you walked away with',
  bullets: [
    'The familiar derivative is the slope of a graph. The other view treats a function as a mapping between two number lines.',
    "f'(x) is the factor by which that mapping stretches a tiny interval: > 1 stretches, 0 to 1 squishes, < 0 flips orientation, = 0 collapses to a point.",
    'The chain rule falls out for free: composing maps multiplies their local stretch factors, so',
    'In higher dimensions the stretch factor becomes the Jacobian determinant, which is the determinant from linear algebra, the area/volume scaling of a transformation, applied locally.',
  ],
  chainRule: "\\tfrac{d}{dx} f(g(x)) = f'(g(x)) \\cdot g'(x)",
  closing: [
    'A function is a machine that moves a number line.',
    'The derivative is how hard it stretches the line right where you are standing.',
  ],
};

/** Picture 1: x² as a mapping, a row of dots flowing from x to x². */
export const MAP_F = square;
export const MAP_SAMPLES = samplePoints(-2, 2, 13);

/**
 * Picture 2: x² and a small box [x − dx/2, x + dx/2] centred on x (so its
 * output / input is exactly f'(x) = 2x); x visits the four cases of the lesson.
 */
export const BOX_F = square;
export const BOX_DX = 0.2;
export const BOX_STOPS = [1.5, 0.25, -1, 0] as const;

/** Picture 3: triple, then double. */
export const CHAIN_FNS = [linear(3, 0), linear(2, 0)];
export const CHAIN_X = 0.1;
export const CHAIN_DX = 0.1;

/** Picture 4: a warp strong enough to flip; the square visits a kept, a stretched and a flipped point. */
export const GRID_MAP = foldingWavyMap;
export const GRID_STOPS: Point[] = [
  WAVY_KEEP_POINT,
  [Math.PI, 0],
  FOLDING_FLIP_POINT,
];
