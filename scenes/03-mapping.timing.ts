/**
 * Timing and facts of scene 03-mapping, kept in a module without Motion
 * Canvas imports so the scene's test reads the same facts. Editing a number
 * here changes the video. When each beat happens is not computed here: the
 * scene names its beats (`beat(name, ...)`), and tests ask for them by name.
 */
import {
  add,
  compose,
  identity,
  linear,
  scaleBy,
  sin,
  square,
} from '../src/math';

/** Every duration of the scene, in seconds. */
export const T = {
  heading: 1,
  sayOut: 0.3,
  sayIn: 0.5,
  lineGrow: 1.5,
  readLines: 2.5,
  tex: 1,
  readMachine: 2,
  dotsIn: 0.8,
  arrows: 1.5,
  rideArrows: 1.2,
  fold: 2.5,
  merge: 1.5,
  integerFlow: 2,
  integerStagger: 0.3,
  holdIntegers: 2,
  reset: 1,
  holdDense: 2,
  dotsOut: 0.8,
  denseRide: 3,
  words: 0.8,
  holdDeform: 3,
  swap: 1.2,
  gentleFlow: 3,
  gentleDeform: 0.8,
  holdGentle: 2,
  sweepIn: 1,
  sweepLand: 1.2,
  sweep: 8,
  holdSweep: 2,
  out: 1,
};

/** Sample rows: the integers −2..3, then dense rows for x² and for the gentler map. */
export const SAMPLES = {
  integers: {min: -2, max: 3, count: 6},
  dense: {min: -3, max: 3, count: 49},
  gentle: {min: -3, max: 4, count: 36},
};

/** f(x) = x² first, then a gentler map built from the combinators: x + ½ sin 2x. */
export const SQUARE = square;
export const GENTLE = add(identity, scaleBy(0.5, compose(sin, linear(2, 0))));

/**
 * The x whose image each word stands under, and whose f'(x) names it:
 * "squishes" at x = 0.25 (f' = 1/2), "stretches" at x = √7.5 (f' ≈ 5.5,
 * under 7.5 on the output line).
 */
export const WORDS_AT = {squishes: 0.25, stretches: Math.sqrt(7.5)} as const;

/**
 * x² sends −x and x to one place, so the dense row is mapped in two steps:
 * the inputs from FOLD_AT up ride the deforming line first, then the ones
 * below it travel on arcs onto a lane of their own, above the first.
 */
export const FOLD_AT = 0;

/** The dots that get arrows while the dense row rides the line: a few, so the arrows stay readable. */
export const ARROWS_AT = [1, 2, 3];

/**
 * The box that sweeps along x + ½ sin 2x: centred on x from `from` to `to`,
 * of width dx (its output/input ratio is within dx²/6 of f'(x) there).
 */
export const SWEEP = {from: -2.5, to: 3.5, dx: 0.25} as const;
