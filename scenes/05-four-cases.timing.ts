/**
 * Timing and facts of scene 05-four-cases, kept in a module without Motion
 * Canvas imports so the scene's test reads the same cases. Editing a number
 * here changes the video. When each beat happens is not computed here: the
 * scene names its beats (`beat(name, ...)`), and tests ask for them by name.
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

/**
 * The four cases for f(x) = x², in the order the scene shows them, with the
 * lesson's words. `beat` names the case's beats (`<beat>-move`,
 * `<beat>-reveal`, `<beat>-land`, `<beat>-hold`; the collapse also has
 * `collapse-pile`).
 */
export const CASES = [
  {
    beat: 'stretch',
    x: 1.5,
    words:
      "f'(x) > 1: local stretching. The neighborhood comes out bigger than it went in.",
  },
  {
    beat: 'squish',
    x: 0.25,
    words:
      "0 < f'(x) < 1: local compression. The neighborhood gets squished toward a point.",
  },
  {
    beat: 'flip',
    x: -1,
    words:
      "f'(x) < 0: the mapping flips orientation there. Points to the right of x land to the left of f(x). The little interval gets turned around.",
  },
  {
    beat: 'collapse',
    x: 0,
    words:
      "f'(x) = 0: the interval collapses to a point. Everything nearby piles up onto the same output.",
  },
] as const;
