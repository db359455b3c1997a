/**
 * Timing and facts of scene 08-jacobian, kept in a module without Motion
 * Canvas imports so the scene's test reads the same facts. Editing a number
 * here changes the video. When each beat happens is not computed here: the
 * scene names its beats (`beat(name, ...)`), and tests ask for them by name.
 */
import {FOLDING_FLIP_POINT, square} from '../src/math';
import type {Vector2} from '../src/math';

/** Every duration of the scene, in seconds. */
export const T = {
  caption: 0.8,
  gridIn: 1.5,
  hold: 1.5,
  warp: 3,
  zoomIn: 4,
  readouts: 1,
  areaFactor: 1,
  areaHold: 3,
  areaOut: 0.5,
  zoomOut: 3,
  fold: 2.5,
  slide: 4,
  zoomFlip: 3.5,
  sideBySide: 2,
  closingHold: 3,
  out: 1,
};

/** Lesson words, in order. */
export const WORDS = {
  vector:
    'In higher dimensions a function takes a vector in and spits a vector out, and a tiny region around a point gets mapped to another tiny region.',
  zoom: 'Zoom in far enough and any smooth function looks like a linear transformation, and its determinant is the local area/volume stretch factor.',
  det: 'The thing that measures how much that region stretches, squishes, or flips is the Jacobian determinant.',
  flip: 'A negative determinant meant the orientation flipped.',
  oneD: "1D: derivative = local length stretch\n(one number, f'(x))",
  twoD: '2D: Jacobian determinant = local area stretch',
};

/**
 * Amplitude k of (x + k sin y, y + k sin x): the lesson's map (k = 1) never
 * flips (det J = 1 − cos x cos y ≥ 0), so k then rises to 1.5, which folds the
 * plane near the origin.
 */
export const AMPLITUDE = {lesson: 1, folding: 1.5} as const;

/**
 * Where the tiny square starts, and where the area factor is introduced:
 * (π, 0), where the lesson's map doubles area (det J = 1 − cos π cos 0 = 2;
 * J = [[1, 1], [−1, 1]] turns the square by 45° and scales it by √2). The
 * map fixes this point, so the square's image lies over the square itself.
 * Once the map folds (k = 1.5) det J is 3.25 there.
 */
export const AREA_FACTOR_POINT: Vector2 = [Math.PI, 0];

/** Where the square starts (det J = 2: area doubles) and where it ends (det J = −1.25 once folding). */
export const POINTS = {
  start: AREA_FACTOR_POINT,
  flip: FOLDING_FLIP_POINT,
} as const;

/** Zoom factors: far enough that the square's image looks like a parallelogram. */
export const ZOOM = {linear: 24, flip: 12} as const;

/**
 * The plane, 920 px square at x = −440: 8 units each way, centred between
 * the fold at (0, 0) and the area factor point (π, 0) (at ±180 px), so the
 * square's image never reaches the plane's edge at either.
 */
export const PLANE = {
  x: -440,
  xScale: {min: Math.PI / 2 - 4, max: Math.PI / 2 + 4, length: 920},
  yScale: {min: -4, max: 4, length: 920},
  squareSize: 0.8,
} as const;

/** Where the readout panel's left edge sits, relative to the plane's centre. */
export const READOUT_POSITION: Vector2 = [520, -60];

/** The 1D picture at the end: x² at x = 1.5 stretches by 3. */
export const ONE_D = {f: square, x: 1.5, dx: 0.2} as const;
