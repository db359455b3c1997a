/**
 * Timing and facts of scene 06-two-clothes, kept in a module without Motion Canvas
 * imports so the scene's test can compute when each beat is on screen.
 * Editing a number here changes the video.
 */
import {samplePoints, square} from '../src/math';

/** Every duration of the scene, in seconds. */
export const T = {
  title: 0.8,
  graphIn: 1.0,
  graph: 2.0,
  tangent: 1.0,
  triangle: 1.0,
  hold: 1.2,
  linesIn: 1.2,
  dotsIn: 0.5,
  flow: 1.2,
  flowStagger: 0.06,
  dotsOut: 0.8,
  boxIn: 0.6,
  land: 1.5,
  readouts: 0.8,
  equals: 0.6,
  caption: 0.8,
  read: 2.5,
  slide: 3.2,
  slideHold: 1.5,
  closingHold: 2.5,
  out: 1.0,
};

/**
 * The function on both sides: f(x) = x².
 *
 * @remarks
 * Chosen because its symmetric difference quotient is its derivative for
 * every dx: (f(x + h) − f(x − h)) / 2h = 2x. So the finite box centred on x
 * lands with output / input exactly f'(x), and the tangent triangle with the
 * same run has rise equal to the box's output length: the two pictures agree
 * number for number, not only in the limit.
 */
export const F = square;

/** The run of the tangent triangle and the width dx of the box, one number for both. */
export const DX = 0.5;

/** Where x stands, in order: a stretch, no stretch, a flip (f' < 0), a stretch again. */
export const STOPS = [1.5, 0.5, -1.5, 1] as const;

/** The sample dots that flow once to show the mapping. */
export const SAMPLES = samplePoints(-2, 2, 17);

/** Lesson words, in order. */
export const WORDS = {
  title: 'Same number, two clothes',
  same: 'The slope picture and the stretch picture are the same number wearing different clothes.',
  rise: 'Rise over run in the graph is output length over input length in the mapping.',
  agree: 'They have to agree, because they are computed from the same f.',
  slopeName: 'The slope picture',
  stretchName: 'The stretch picture',
};
