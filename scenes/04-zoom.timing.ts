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
  closeUpLand: 2,
  holdCloseUpX1: 1.5,
  zoom: 4,
  closeUpReturn: 0.8,
  closeUpRefly: 2,
  holdCloseUpX30: 1.5,
  holdThird: 1,
  slope: 0.8,
  holdSlope: 1.5,
  captionOut: 0.4,
  captionIn: 0.6,
  texPart: 1,
  holdTex: 3,
  toZero: 2.5,
  zeroReturn: 0.6,
  zeroLand: 1.5,
  zeroZoom: 5,
  holdZero: 2,
  out: 1,
};

/** The point, and the three interval lengths the scene walks through. */
export const X = 1.5;
export const DX = {first: 0.5, second: 0.1, third: 0.01};
/**
 * The close-up: 20 local dots over a fixed share (`spread`) of the inset's
 * half-width, so zooming in shrinks the neighbourhood they span. At 1.5 it
 * zooms ×1 → ×30 (the landed dots even out: "Scale by 3"); at 0, with the
 * dots spread wider, ×10 → ×10000 (they pile up on f(0): the factor → 0).
 */
export const CLOSE_UP = {
  dots: 20,
  spread: 0.28,
  zeroSpread: 0.9,
  frameWidth: 900,
  frameHeight: 380,
  /** Pixels per unit of the mapping's lines (1400 px over [−1, 4]): the inset's ×1. */
  baseUnit: 280,
  zoom: {x1: 1, x30: 30, zeroFrom: 10, zeroTo: 10000},
  zeroPoint: 0,
};
