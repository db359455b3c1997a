/**
 * Timing of scene 03-mapping, kept in a module without Motion Canvas imports
 * so the scene's test can compute when each beat is on screen. Editing a
 * number here changes the video.
 */

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
  integerFlow: 2,
  integerStagger: 0.3,
  holdIntegers: 2,
  reset: 1,
  denseFlow: 2,
  denseStagger: 0.04,
  holdDense: 2,
  dotsOut: 0.8,
  deform: 3,
  words: 0.8,
  holdDeform: 3,
  swap: 1.2,
  gentleFlow: 2,
  gentleDeform: 3,
  holdGentle: 3,
  out: 1,
};

/** Sample rows: the integers −2..3, then dense rows for x² and for the gentler map. */
export const SAMPLES = {
  integers: {min: -2, max: 3, count: 6},
  dense: {min: -3, max: 3, count: 49},
  gentle: {min: -3, max: 4, count: 36},
};

const say = T.sayOut + T.sayIn;
const flow = (duration: number, stagger: number, count: number) =>
  duration + stagger * (count - 1);

/** Moments (seconds from the scene's start) in the middle of each beat's hold. */
export function moments() {
  const integersStart =
    T.heading +
    say +
    2 * T.lineGrow +
    T.readLines +
    Math.max(T.tex, say) +
    T.readMachine;
  const integersLanded =
    integersStart +
    T.dotsIn +
    T.arrows +
    flow(T.integerFlow, T.integerStagger, SAMPLES.integers.count);
  const denseStart = integersLanded + T.holdIntegers;
  const denseLanded =
    denseStart +
    T.reset +
    T.dotsIn +
    flow(T.denseFlow, T.denseStagger, SAMPLES.dense.count);
  const deformStart = denseLanded + T.holdDense;
  const deformed = deformStart + Math.max(T.dotsOut, say) + T.deform + T.words;
  const gentleStart = deformed + T.holdDeform;
  const gentleDeformed =
    gentleStart +
    T.reset +
    Math.max(T.swap, say) +
    T.dotsIn +
    flow(T.gentleFlow, T.denseStagger, SAMPLES.gentle.count) +
    Math.max(T.dotsOut, T.gentleDeform);
  return {
    integersLanded: integersLanded + T.holdIntegers / 2,
    denseLanded: denseLanded + T.holdDense / 2,
    deformed: deformed + T.holdDeform / 2,
    gentleDeformed: gentleDeformed + T.holdGentle / 2,
    end: gentleDeformed + T.holdGentle + T.out,
  };
}
