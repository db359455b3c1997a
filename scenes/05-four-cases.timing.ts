/**
 * Timing of scene 05-four-cases, kept in a module without Motion Canvas
 * imports so the scene's test can compute when each case is on screen.
 * Editing a number here changes the video.
 */

/** Every duration of the scene, in seconds. */
export const T = {
  intro: 1.2,
  introHold: 2,
  move: 1.5,
  fade: 0.6,
  land: 2,
  pileFlow: 1.5,
  pileStagger: 0.04,
  hold: 3,
  out: 1,
};

/** Sample dots near the collapse point: they pile up onto (nearly) the same output. */
export const PILE = {min: -0.4, max: 0.4, count: 17};

/** The four cases for f(x) = x², in the order the scene shows them, with the lesson's words. */
export const CASES = [
  {
    x: 1.5,
    words:
      "f'(x) > 1: local stretching. The neighborhood comes out bigger than it went in.",
  },
  {
    x: 0.25,
    words:
      "0 < f'(x) < 1: local compression. The neighborhood gets squished toward a point.",
  },
  {
    x: -1,
    words:
      "f'(x) < 0: the mapping flips orientation there. Points to the right of x land to the left of f(x). The little interval gets turned around.",
  },
  {
    x: 0,
    words:
      "f'(x) = 0: the interval collapses to a point. Everything nearby piles up onto the same output.",
  },
] as const;

/** Seconds one case takes (the collapse case also lets the nearby dots pile up). */
export function caseDuration(index: number): number {
  const pile =
    index === CASES.length - 1
      ? T.pileFlow + T.pileStagger * (PILE.count - 1)
      : 0;
  return T.move + T.fade + T.land + pile + T.hold;
}

/** When case `index` starts (its point starts moving). */
export function caseStart(index: number): number {
  let t = T.intro + T.introHold;
  for (let i = 0; i < index; i++) t += caseDuration(i);
  return t;
}

/** A moment in the middle of case `index`'s final hold: everything about it is on screen. */
export function caseHoldMoment(index: number): number {
  return caseStart(index) + caseDuration(index) - T.hold / 2;
}
