/**
 * Timing and facts of scene 08-jacobian, kept in a module without Motion
 * Canvas imports so the scene's test reads the same facts. Editing a number
 * here changes the video. When each beat happens is not computed here: the
 * scene names its beats (`beat(name, ...)`), and tests ask for them by name.
 */
import {FOLDING_FLIP_POINT, square} from '../src/math';
import type {Matrix2, Vector2} from '../src/math';

/** Every duration of the scene, in seconds. */
export const T = {
  linearIn: 1,
  linearWarp: 2,
  linearRow: 0.8,
  linearHold: 1,
  linearFlip: 2.5,
  linearOut: 0.8,
  closeUpIn: 1.2,
  replayUnwarp: 1,
  replayWarp: 2,
  locallyHold: 1.5,
  closeUpOut: 0.6,
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
  linear:
    'Back in linear algebra, the determinant of a transformation was the factor by which it scales area.',
  linearFlip: 'And a negative determinant meant the orientation flipped.',
  vector:
    'In higher dimensions a function takes a vector in and spits a vector out, and a tiny region around a point gets mapped to another tiny region.',
  zoom: 'Zoom in far enough and any smooth function looks like a linear transformation, and its determinant is the local area/volume stretch factor.',
  det: 'The thing that measures how much that region stretches, squishes, or flips is the Jacobian determinant.',
  locally:
    'Up close, the warp is almost exactly a linear map, and J, the Jacobian, is its matrix.',
  flip: 'A negative determinant meant the orientation flipped.',
  // The end's two headings: few words, the voice says the rest.
  oneD: '1D: derivative = length stretch',
  twoD: '2D: Jacobian determinant = area stretch',
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
 * square's image never reaches the plane's edge at either. The square is
 * 1.2 units (138 px at any zoom, 15% of the plane): the key object, large
 * enough to read, small enough that at ×12 and ×24 its image is J's
 * parallelogram (det J is flat to second order at both points).
 */
export const PLANE = {
  x: -440,
  xScale: {min: Math.PI / 2 - 4, max: Math.PI / 2 + 4, length: 920},
  yScale: {min: -4, max: 4, length: 920},
  squareSize: 1.2,
} as const;

/** Where the readout panel's left edge sits, relative to the plane's centre. */
export const READOUT_POSITION: Vector2 = [520, -60];

/** The 1D picture at the end: x² at x = 1.5 stretches by 3. */
export const ONE_D = {f: square, x: 1.5, dx: 0.2} as const;

/**
 * The end's layout (scene pixels, 1920×1080, origin at the centre): the 1D
 * picture fills the left half, the 2D picture the right one. Headings share
 * one row at the top, the two numbers (f'(x) and det J) one row at the
 * bottom, each centred under its picture.
 */
export const FINALE = {
  /**
   * Two lines 780 px long (41% of the frame), 420 px apart: from x = −820
   * to −40, so the line names (right-aligned 44 px left of the lines) end
   * ~40 px inside the frame and the right ends stay 140 px clear of the grid.
   */
  oneD: {x: -430, y: -20, length: 780, gap: 420, range: [0, 3.5]},
  /** Tick numbers of the 1D lines: larger than the chapter's 30 px, as the lines are long. */
  tickFontSize: 40,
  /** The grid, 760 px square (from x = 100 to 860, y = −400 to 360): its half less the heading and number rows. */
  twoD: {position: [480, -20] as Vector2, length: 760},
  /** The headings' row. */
  headingY: -470,
  /** The numbers' row. */
  numberY: 440,
} as const;

/**
 * The linear opening (Essence of Linear Algebra): the grid transforms by
 * `keep` (det 2: the unit square's area doubles), then the matrix slides to
 * `flip` (det −2: same area, orientation reversed), passing through a
 * collapse on the way (det 0 halfway). The unit square [0, 1]² is centred on
 * (½, ½); the plane is centred on the origin with 7 units each way, so the
 * square's images (up to (3, 1) and down to (−2, 0)) stay inside.
 */
export const LINEAR = {
  keep: [
    [2, 1],
    [0, 1],
  ] as Matrix2,
  flip: [
    [-2, 1],
    [0, 1],
  ] as Matrix2,
  point: [0.5, 0.5] as Vector2,
  squareSize: 1,
  scale: {min: -3.5, max: 3.5, length: 920},
  gridStep: 1,
} as const;

/** Math units per pixel of the plane at zoom 1. */
const UNITS_PER_PX =
  (PLANE.xScale.max - PLANE.xScale.min) / PLANE.xScale.length;

/** Pixel side of the close-up's frame. */
const CLOSE_UP_SIZE = 380;

/**
 * The picture-in-picture close-up of the grid around the area factor point:
 * the same plane at the same pixels per unit, magnified ×8 (a window 0.41
 * units wide, 48 px on the plane), with a finer grid (step ½ at zoom 1, so
 * 1/16 there) and its own tiny square (side 1.25 / 8 ≈ 0.16). At (π, 0) the
 * map's second derivatives vanish, so the square's image is J's
 * parallelogram to well under a pixel (the sweep checks it: `closeUp`).
 */
export const CLOSE_UP = {
  position: [330, 90] as Vector2,
  size: CLOSE_UP_SIZE,
  zoom: 8,
  gridStep: 0.5,
  squareSize: 1.25,
  xScale: {
    min: AREA_FACTOR_POINT[0] - (CLOSE_UP_SIZE / 2) * UNITS_PER_PX,
    max: AREA_FACTOR_POINT[0] + (CLOSE_UP_SIZE / 2) * UNITS_PER_PX,
    length: CLOSE_UP_SIZE,
  },
  yScale: {
    min: AREA_FACTOR_POINT[1] - (CLOSE_UP_SIZE / 2) * UNITS_PER_PX,
    max: AREA_FACTOR_POINT[1] + (CLOSE_UP_SIZE / 2) * UNITS_PER_PX,
    length: CLOSE_UP_SIZE,
  },
  /** Where the J row sits, relative to the close-up's centre: under its frame, flush left. */
  readoutPosition: [-CLOSE_UP_SIZE / 2, CLOSE_UP_SIZE / 2 + 90] as Vector2,
} as const;
