/**
 * Timing and facts of scene 07-chain-rule, kept in a module without Motion
 * Canvas imports so the scene's test can compute when each beat is on screen.
 * Editing a number here changes the video.
 */
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
};

/** The linear example: triple (g), then double (f). */
export const LINEAR = {
  g: linear(3, 0),
  f: linear(2, 0),
  x: 0.25,
  dx: 0.25,
} as const;

/** The nonlinear example: x → x² → sin(x²), first at x = 0.8, then at x = 1.5 (where sin flips). */
export const NONLINEAR = {
  g: square,
  f: sin,
  x: 0.8,
  dx: 0.2,
  later: 1.5,
} as const;

/** Layout: the stack's centre, line length and spacing. */
export const STACK = {x: -50, y: 20, length: 1040, gap: 240};

/**
 * Moments (seconds from the scene's start) in the middle of each hold, with
 * the time events ('sextupled', 'nonlinear-product') at their default 0.
 */
export function moments() {
  const swapCaption = T.caption / 2 + T.caption;
  const tripled =
    T.caption +
    T.stackIn +
    T.formulaPart +
    T.hold +
    swapCaption +
    T.stage +
    T.formulaPart;
  const sextupled = tripled + T.hold + T.stage + T.formulaPart + T.numbers;
  const nonlinear =
    sextupled +
    T.hold +
    swapCaption +
    T.hold +
    T.swap +
    Math.max(swapCaption, T.stackIn) +
    2 * T.stage +
    T.numbers;
  const slid = nonlinear + T.hold + T.slide;
  return {
    tripled: tripled + T.hold / 2,
    sextupled: sextupled + T.hold / 2,
    nonlinear: nonlinear + T.hold / 2,
    slid: slid + T.closingHold / 2,
  };
}
