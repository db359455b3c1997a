/**
 * Timing and facts of scene 09-gotchas, kept in a module without Motion Canvas
 * imports so the scene's test reads the same facts. Editing a number here
 * changes the video. When each beat happens is not computed here: the scene
 * names its beats (`beat(name, ...)`), and tests ask for them by name.
 */
import {linear, linearization, samplePoints, square} from '../src/math';

/** Every duration of the scene, in seconds. */
export const T = {
  title: 0.8,
  linesIn: 1.2,
  boxIn: 0.6,
  land: 1.6,
  readouts: 0.8,
  caption: 0.8,
  hold: 1.5,
  sweep: 3.0,
  sweepHold: 1.2,
  read: 3.0,
  swap: 0.8,
  shrink: 2.0,
  shrinkHold: 1.0,
  graphIn: 1.0,
  graph: 1.5,
  tangent: 1.0,
  closingHold: 3.0,
  out: 1.0,
  // The doorway (before the gotchas) and the fourth gotcha (after them).
  dotsIn: 0.5,
  doorFlow: 1.4,
  doorStagger: 0.04,
  doorRead: 2.0,
  grow: 1.0,
  slide: 2.0,
  slopeRead: 2.5,
};

/**
 * The doorway: x² near a = 1 and its best linear approximation
 * L(x) = f(a) + f'(a)(x − a) = 2x − 1. Dots of both maps flow from the same
 * inputs: near a they land together (f − L = (x − a)², second order), far
 * away they part.
 */
export const DOOR_F = square;
export const DOOR_A = 1;
export const DOOR_L = linearization(DOOR_F, DOOR_A);
export const DOOR_SAMPLES = samplePoints(-0.5, 2.5, 25);
/** The two inputs whose gap f − L is read: one near a, one far from it. */
export const DOOR_NEAR = 1.125;
export const DOOR_FAR = 2.5;

/** Beat 1: x² with a box centred on the probe, so its output / input is exactly f'(x) = 2x (any width). */
export const LOCAL_F = square;
/** Where the probe stands in beat 1: no stretch, stretch by 3, squish by 1/2. */
export const LOCAL_STOPS = [0.5, 1.5, 0.25] as const;
/** Width of the probe's box in beat 1 (centred on the probe). */
export const LOCAL_DX = 0.4;

/** Beat 2: a map whose derivative is −3 at the point shown (and everywhere). */
export const FLIP_F = linear(-3, 0);
/** The point x of beat 2, the centre of the interval [a, b] = [0.5, 1], and its width. */
export const FLIP_X = 0.75;
export const FLIP_DX = 0.5;

/**
 * Beat 3: x² at its flat spot 0; the interval [−dx/2, dx/2] around it shrinks
 * through these widths. Both its ends land on f(dx/2): the interval folds onto
 * [0, dx²/4], which shrinks to the point f(0) = 0 faster than dx.
 */
export const FLAT_F = square;
export const FLAT_X = 0;
export const FLAT_DXS = [0.5, 0.2, 0.05] as const;

/**
 * Beat 4, the slope picture is still true: the same x² leaves its flat spot
 * for x = 0.6, the box grown back to this width (centred, so output / input
 * is exactly 2x, the tangent's rise over run with the same run).
 */
export const SLOPE_X = 0.6;
export const SLOPE_DX = 0.5;

/** Lesson words, in order: each beat's title and its sentence. */
export const WORDS = {
  doorTitle: 'Calculus and linear algebra are not two subjects',
  door: 'Differentiation is the act of finding the linear transformation that best approximates a function near a point.',
  doorway:
    'The \u201cother view\u201d of the derivative is the doorway between the two.',
  localTitle: 'The stretch factor is local, not global',
  local:
    "f'(x) describes only a tiny neighborhood of x. Move to a different input and the same function may stretch by a completely different amount.",
  flipTitle: 'Negative does not mean \u201cshrinking\u201d',
  flip: "A negative derivative flips orientation. Its size |f'(x)| still tells you stretch versus squish. f'(x)\u00a0=\u00a0\u22123 flips the interval and triples its length.",
  flatSpot: 'the flat spot',
  flatTitle: 'Collapse is not the same as \u201cno output\u201d',
  flat: "f'(x) = 0 means the tiny interval squashes to a point at that input, not that the function stops existing. It is the flat spot, the maximum, minimum, or saddle you hunted in earlier chapters.",
  slopeTitle: 'The slope picture is still true',
  slope:
    'You are not throwing the graph away. The two views give the same number.',
  whichever: 'Use whichever makes the problem in front of you easier to see.',
};
