/**
 * Timing and facts of scene 07-chain-rule, kept in a module without Motion
 * Canvas imports so the scene's test reads the same numbers. The scene marks
 * its beats with `beat(name, ...)`; tests ask when a beat happens instead of
 * adding these durations up. Editing a number here changes the video.
 */
import {rangesAround, rangesCovering} from '../src/geometry/chainStack';
import {linear, sin, square} from '../src/math';

/** Every duration of the scene, in seconds. */
export const T = {
  caption: 0.8,
  stackIn: 1.5,
  hold: 1.5,
  stage: 2.5,
  formulaPart: 1.0,
  numbers: 1.0,
  swap: 1.2,
  slide: 4,
  closingHold: 2.5,
  out: 1.0,
  /** The memorized formula, alone, before the mapping view takes it apart. */
  memorized: 1.2,
  /** Hold on "almost trivial" before the lines come in. */
  trivial: 1.0,
  /** The formula moves up to the heading; its right side dims until the factors light it. */
  toHeading: 1.2,
  /** The lines rescale, each to its own range, while the point moves to where the sweep starts. */
  rescale: 2,
  /** The sweep of x across the first line. */
  sweep: 6,
};

/**
 * The linear example: triple (g), then double (f). The interval is centred
 * on x: [0.25, 0.5] goes to [0.75, 1.5], then to [1.5, 3].
 */
export const LINEAR = {
  g: linear(3, 0),
  f: linear(2, 0),
  x: 0.375,
  dx: 0.25,
} as const;

/** Width of every nonlinear line's range: one scale for all three, so box lengths compare across lines, with room for the labels at the ends of the travel. */
const NONLINEAR_WIDTH = 2;

/**
 * The nonlinear example: x → x² → sin(x²), first at x = 0.8, then at x = 1.5
 * (where sin flips). dx is small enough that the box on each line is
 * f'·dx long to within 1 px all along the slide (through the fold of sin at
 * x = √(π/2)), and the lines are ranged around where the interval travels, so
 * the 0.04-long interval is still a 21 px box.
 */
export const NONLINEAR = {
  g: square,
  f: sin,
  x: 0.8,
  dx: 0.04,
  later: 1.5,
  ranges: rangesAround([square, sin], 0.8, 1.5, 0.04, NONLINEAR_WIDTH),
} as const;

/**
 * The sweep: x crosses its line from 0.3 to 1.9 with a marker on every line
 * at x, g(x) = x² and f(g(x)) = sin(x²). Each line gets its own range, in
 * whole halves, holding all of its travel ([0, 2], [0, 4], [−1, 1]), so the
 * box on each line is its factor times the one above in that line's numbers.
 * Same dx as the slide: within 1 px of its label all the way, over the top
 * of sin at x = √(π/2).
 */
export const SWEEP = {
  from: 0.3,
  to: 1.9,
  ranges: rangesCovering([square, sin], 0.3, 1.9, NONLINEAR.dx, 0.5),
} as const;

/** Layout: the stack's centre, line length and spacing. */
export const STACK = {x: -50, y: 20, length: 1040, gap: 240};
