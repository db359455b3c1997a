/**
 * Number lines as manim has them: a numeric range plus two inverse maps,
 * number → pixel offset from the line's centre, and back.
 */
import type {Scale} from './types';

function assertFinite(where: string, name: string, v: number): void {
  if (!Number.isFinite(v)) {
    throw new Error(`${where}: expected a finite ${name}, got ${v}`);
  }
}

function assertScale(where: string, scale: Scale): void {
  assertFinite(where, 'scale.min', scale.min);
  assertFinite(where, 'scale.max', scale.max);
  assertFinite(where, 'scale.length', scale.length);
  if (scale.min === scale.max) {
    throw new Error(
      `${where}: expected a scale with min !== max, got min = max = ${scale.min}`,
    );
  }
}

/**
 * `normalize(a, b)(x)` gives t in [0, 1] along [a, b] (t = 0 at a, 1 at b).
 *
 * @remarks
 * As in d3-scale, x outside [a, b] gives t outside [0, 1] (no clamping), and a
 * degenerate range a === b has the defined answer 0.5: its midpoint.
 */
export function normalize(a: number, b: number): (x: number) => number {
  const span = b - a;
  if (span === 0 || Number.isNaN(span)) return () => 0.5;
  return x => (x - a) / span;
}

/**
 * The pixel offset of the number x from the centre of the line.
 *
 * @remarks
 * Linear: `min ↦ −length/2`, `max ↦ +length/2`. Offsets run along the line's
 * own direction; a component turns them into screen coordinates.
 */
export function numberToPoint(scale: Scale, x: number): number {
  assertScale('numberToPoint', scale);
  assertFinite('numberToPoint', 'number', x);
  return ((x - scale.min) / (scale.max - scale.min) - 0.5) * scale.length;
}

/** The number at pixel offset p from the centre of the line: the inverse of {@link numberToPoint}. */
export function pointToNumber(scale: Scale, p: number): number {
  assertScale('pointToNumber', scale);
  assertFinite('pointToNumber', 'point', p);
  if (scale.length === 0) {
    throw new Error(
      'pointToNumber: expected a scale with non-zero length, got length 0',
    );
  }
  return scale.min + (p / scale.length + 0.5) * (scale.max - scale.min);
}
