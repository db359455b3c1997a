/**
 * Timing and facts of scene 02-slope, kept in a module without Motion Canvas
 * imports so the scene's test reads the same facts. Editing a number here
 * changes the video. When each beat happens is not computed here: the scene
 * names its beats (`beat(name, ...)`), and tests ask for them by name.
 */
import {constant, cube, divide, identity, subtract, wavyMap} from '../src/math';

/** Every duration of the scene, in seconds. */
export const T = {
  caption: 0.8,
  axes: 1.5,
  graph: 2.5,
  hold: 1.5,
  tangent: 1.0,
  triangle: 1.0,
  slideToFlat: 3.5,
  slideAcross: 5,
  shrink: 1.5,
  axesIcon: 1.2,
  extraAxis: 1.0,
  closingHold: 2.5,
  out: 1.0,
};

/** The function on screen: a gentle cubic with slopes of both signs and two flat spots. */
export const SLOPE_F = subtract(divide(cube, constant(3)), identity);

/** Where the point stops: a steep climb, the flat top, then a climb again past the dip. */
export const STOPS = {start: -2, flat: -1, end: 1.5} as const;

/** The axes: ranges, pixel size and where the graph sits. */
export const AXES = {
  xMin: -2.5,
  xMax: 2.5,
  yMin: -2,
  yMax: 3,
  width: 1300,
  height: 780,
  y: 50,
};

/** The plane map shown at the end: its inputs and outputs need more axes than a page has. */
export const PLANE_MAP = wavyMap;
