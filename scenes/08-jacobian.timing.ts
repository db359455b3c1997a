/**
 * Timing and facts of scene 08-jacobian, kept in a module without Motion
 * Canvas imports so the scene's test can compute when each beat is on screen.
 * Editing a number here changes the video.
 */
import {FOLDING_FLIP_POINT, WAVY_KEEP_POINT, square} from '../src/math';

/** Every duration of the scene, in seconds. */
export const T = {
  caption: 0.8,
  gridIn: 1.5,
  hold: 1.5,
  warp: 3,
  zoomIn: 4,
  readouts: 1,
  zoomOut: 3,
  fold: 2.5,
  slide: 4,
  zoomFlip: 3.5,
  sideBySide: 2,
  closingHold: 3,
  out: 1,
};

/**
 * Amplitude k of (x + k sin y, y + k sin x): the lesson's map (k = 1) never
 * flips (det J = 1 − cos x cos y ≥ 0), so k then rises to 1.5, which folds the
 * plane near the origin.
 */
export const AMPLITUDE = {lesson: 1, folding: 1.5} as const;

/** Where the square starts (det J = 1 there: a shear) and where it ends (det J = −1.25 once folding). */
export const POINTS = {
  start: WAVY_KEEP_POINT,
  flip: FOLDING_FLIP_POINT,
} as const;

/** Zoom factors: far enough that the square's image looks like a parallelogram. */
export const ZOOM = {linear: 24, flip: 12} as const;

/** The plane: [−4, 4] on both axes over 920 px, centred at x = −440. */
export const PLANE = {
  x: -440,
  scale: {min: -4, max: 4, length: 920},
  squareSize: 0.8,
} as const;

/** The 1D picture at the end: x² at x = 1.5 stretches by 3. */
export const ONE_D = {f: square, x: 1.5, dx: 0.2} as const;

/**
 * Moments (seconds from the scene's start) in the middle of each hold, with
 * the time events ('looks-linear', 'flipped', 'side-by-side') at their default 0.
 */
export function moments() {
  const swapCaption = T.caption / 2 + T.caption;
  const warped = T.caption + 2 * T.gridIn + T.hold + T.warp;
  const linear = warped + T.hold + swapCaption + T.zoomIn + T.readouts;
  const folded = linear + T.hold + swapCaption + T.hold + T.zoomOut + T.fold;
  const flipped = folded + T.hold + swapCaption + T.slide + T.zoomFlip;
  const sideBySide = flipped + T.hold + 2 * T.sideBySide;
  return {
    warped: warped + T.hold / 2,
    linear: linear + T.hold / 2,
    folded: folded + T.hold / 2,
    flipped: flipped + T.hold / 2,
    sideBySide: sideBySide + T.closingHold / 2,
  };
}
