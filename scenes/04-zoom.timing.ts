/**
 * Timing of scene 04-zoom, kept in a module without Motion Canvas imports so
 * the scene's test can read the same facts. Editing a number here changes the
 * video; tests find each beat by its name (src/beats.ts).
 */

/** Every duration of the scene, in seconds. */
export const T = {
  lines: 1.2,
  caption: 0.8,
  box: 1,
  holdBox: 1.5,
  land: 2.5,
  readouts: 0.8,
  holdFirst: 2.5,
  shrink: 2,
  holdSecond: 2.5,
  inset: 1.2,
  zoom: 3,
  holdThird: 2.5,
  slope: 0.8,
  holdSlope: 1.5,
  captionOut: 0.4,
  captionIn: 0.6,
  texPart: 1,
  holdTex: 3,
  out: 1,
};

/** The point, and the three interval lengths the scene walks through. */
export const X = 1.5;
export const DX = {first: 0.5, second: 0.1, third: 0.01};
/** Magnification of the inset at the second and third dx, so the magnified box keeps its size. */
export const ZOOM = {second: 1, third: 10};
