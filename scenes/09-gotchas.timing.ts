/**
 * Timing and facts of scene 09-gotchas, kept in a module without Motion Canvas
 * imports so the scene's test can compute when each beat is on screen.
 * Editing a number here changes the video.
 */
import {linear, square} from '../src/math';

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
};

/** Beat 1: x² with a box centred on the probe, so its output / input is exactly f'(x) = 2x. */
export const LOCAL_F = square;
/** Where the probe stands in beat 1: no stretch, stretch by 3, squish by 1/2. */
export const LOCAL_STOPS = [0.5, 1.5, 0.25] as const;
/** Width of the probe's box in beat 1. */
export const LOCAL_DX = 0.4;

/** Beat 2: a map whose derivative is −3 at the point shown (and everywhere). */
export const FLIP_F = linear(-3, 0);
/** The left end a of the interval [a, b] in beat 2, and its width. */
export const FLIP_X = 0.5;
export const FLIP_DX = 0.5;

/** Beat 3: x² at its flat spot 0; the interval [0, dx] shrinks through these widths. */
export const FLAT_F = square;
export const FLAT_X = 0;
export const FLAT_DXS = [0.5, 0.2, 0.05] as const;

/** Lesson words, in order: each beat's title and its sentence. */
export const WORDS = {
  localTitle: 'The stretch factor is local, not global',
  local:
    "f'(x) describes only a tiny neighborhood of x. Move to a different input and the same function may stretch by a completely different amount.",
  flipTitle: 'Negative does not mean \u201cshrinking\u201d',
  flip: "A negative derivative flips orientation. Its size |f'(x)| still tells you stretch versus squish. f'(x)\u00a0=\u00a0\u22123 flips the interval and triples its length.",
  flatSpot: 'the flat spot',
  flatTitle: 'Collapse is not the same as \u201cno output\u201d',
  flat: "f'(x) = 0 means the tiny interval squashes to a point at that input, not that the function stops existing. It is the flat spot, the maximum, minimum, or saddle you hunted in earlier chapters.",
};

/**
 * Moments (seconds from the scene's start) when each beat's facts are held
 * on screen, computed from {@link T}; tests probe the scene at these times.
 * Assumes the scene's time events (`waitUntil`) at their default, no extra wait.
 */
export function moments() {
  const beat1 =
    T.title + T.linesIn + T.boxIn + T.land + T.readouts + T.caption + T.hold;
  const sweepStart = beat1;
  const beat1End =
    sweepStart + (LOCAL_STOPS.length - 1) * (T.sweep + T.sweepHold) + T.read;
  const beat2Start = beat1End + T.swap + T.title;
  const flipHeld =
    beat2Start + T.linesIn + T.boxIn + T.land + T.readouts + T.caption;
  const beat2End = flipHeld + T.read;
  const beat3Start = beat2End + T.swap + T.title;
  const flatLanded =
    beat3Start +
    T.linesIn +
    T.boxIn +
    T.land +
    T.readouts +
    T.graphIn +
    T.graph +
    T.tangent;
  const flatHeld =
    flatLanded + (FLAT_DXS.length - 1) * (T.shrink + T.shrinkHold) + T.caption;
  return {
    sweep: [sweepStart, beat1End - T.read],
    flipHeld: flipHeld + 0.5,
    flatHeld: flatHeld + 0.5,
  };
}
