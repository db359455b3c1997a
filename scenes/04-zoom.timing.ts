/**
 * Timing of scene 04-zoom, kept in a module without Motion Canvas imports so
 * the scene's test can compute when each dx is on screen. Editing a number
 * here changes the video.
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

/** Moments (seconds from the scene's start) in the middle of each hold. */
export function moments() {
  const first =
    Math.max(T.lines, T.caption) + T.box + T.holdBox + T.land + T.readouts;
  const second = first + T.holdFirst + T.shrink;
  const third = second + T.holdSecond + T.inset + T.zoom;
  const definition =
    third +
    T.holdThird +
    T.slope +
    T.holdSlope +
    Math.max(T.captionOut, T.texPart) +
    T.captionIn +
    2 * T.texPart;
  return {
    first: first + T.holdFirst / 2,
    second: second + T.holdSecond / 2,
    third: third + T.holdThird / 2,
    definition: definition + T.holdTex / 2,
    end: definition + T.holdTex + T.out,
  };
}
