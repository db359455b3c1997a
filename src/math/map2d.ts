/**
 * Maps of the plane with exact Jacobians (two-variable dual numbers), and the
 * geometry of the lesson's last idea: det J is the local area factor.
 */
import {formatNumber} from './format';
import type {Dual2, Map2D, Matrix2, Orientation, Vector2} from './types';

type D2 = Dual2 | number;

function lift(a: D2): Dual2 {
  return typeof a === 'number' ? {value: a, dx: 0, dy: 0} : a;
}

/**
 * Operations on two-variable dual numbers, for building a {@link map2D}.
 *
 * @remarks
 * Each value carries its partials (∂/∂x, ∂/∂y); every operation applies the
 * chain rule to both at once. Plain numbers are accepted as constants.
 */
export const d2 = {
  /** A constant: partials zero. */
  constant(c: number): Dual2 {
    return {value: c, dx: 0, dy: 0};
  },
  /** a + b. */
  add(a: D2, b: D2): Dual2 {
    const p = lift(a);
    const q = lift(b);
    return {value: p.value + q.value, dx: p.dx + q.dx, dy: p.dy + q.dy};
  },
  /** a − b. */
  sub(a: D2, b: D2): Dual2 {
    const p = lift(a);
    const q = lift(b);
    return {value: p.value - q.value, dx: p.dx - q.dx, dy: p.dy - q.dy};
  },
  /** a·b, by the product rule. */
  mul(a: D2, b: D2): Dual2 {
    const p = lift(a);
    const q = lift(b);
    return {
      value: p.value * q.value,
      dx: p.dx * q.value + p.value * q.dx,
      dy: p.dy * q.value + p.value * q.dy,
    };
  },
  /** a / b, by the quotient rule. */
  div(a: D2, b: D2): Dual2 {
    const p = lift(a);
    const q = lift(b);
    const q2 = q.value * q.value;
    return {
      value: p.value / q.value,
      dx: (p.dx * q.value - p.value * q.dx) / q2,
      dy: (p.dy * q.value - p.value * q.dy) / q2,
    };
  },
  /** k·a for a real k. */
  scale(k: number, a: D2): Dual2 {
    const p = lift(a);
    return {value: k * p.value, dx: k * p.dx, dy: k * p.dy};
  },
  /** −a. */
  neg(a: D2): Dual2 {
    return d2.scale(-1, a);
  },
  /** sin a. */
  sin(a: D2): Dual2 {
    const p = lift(a);
    const c = Math.cos(p.value);
    return {value: Math.sin(p.value), dx: c * p.dx, dy: c * p.dy};
  },
  /** cos a. */
  cos(a: D2): Dual2 {
    const p = lift(a);
    const s = -Math.sin(p.value);
    return {value: Math.cos(p.value), dx: s * p.dx, dy: s * p.dy};
  },
  /** e^a. */
  exp(a: D2): Dual2 {
    const p = lift(a);
    const e = Math.exp(p.value);
    return {value: e, dx: e * p.dx, dy: e * p.dy};
  },
  /** aⁿ for a real n (integer n for negative a). */
  pow(a: D2, n: number): Dual2 {
    const p = lift(a);
    if (n === 0) return {value: 1, dx: 0, dy: 0};
    const k = n * Math.pow(p.value, n - 1);
    return {value: Math.pow(p.value, n), dx: k * p.dx, dy: k * p.dy};
  },
  /** a². */
  square(a: D2): Dual2 {
    return d2.mul(a, a);
  },
};

function assertPoint(where: string, p: Vector2): void {
  if (!Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
    throw new Error(
      `${where}: expected a point with finite coordinates, got (${p[0]}, ${p[1]})`,
    );
  }
}

/**
 * A map of the plane from a builder on two-variable dual numbers; its Jacobian is exact.
 *
 * @example
 * map2D((x, y) => [d2.add(x, d2.sin(y)), d2.add(y, d2.sin(x))], ['x + \\sin y', 'y + \\sin x'])
 */
export function map2D(
  build: (x: Dual2, y: Dual2) => [Dual2, Dual2],
  tex: [string, string],
): Map2D {
  const run = (p: Vector2) =>
    build({value: p[0], dx: 1, dy: 0}, {value: p[1], dx: 0, dy: 1});
  return {
    tex,
    value(p) {
      const [u, v] = run(p);
      return [u.value, v.value];
    },
    jacobian(p) {
      const [u, v] = run(p);
      return [
        [u.dx, u.dy],
        [v.dx, v.dy],
      ];
    },
  };
}

/** The TeX of a·x + b·y: `2x - y`, `x`, `0`. */
function texLinear(a: number, b: number): string {
  const term = (c: number, v: string) =>
    c === 1
      ? v
      : c === -1
        ? `-${v}`
        : `${formatNumber(c).replace('\u2212', '-')}${v}`;
  if (a === 0 && b === 0) return '0';
  if (a === 0) return term(b, 'y');
  if (b === 0) return term(a, 'x');
  const right = term(b, 'y');
  return right.startsWith('-')
    ? `${term(a, 'x')} - ${right.slice(1)}`
    : `${term(a, 'x')} + ${right}`;
}

/** The linear map p ↦ m·p; its Jacobian is m everywhere. */
export function linearMap2D(m: Matrix2): Map2D {
  const [[a, b], [c, d]] = m;
  return {
    tex: [texLinear(a, b), texLinear(c, d)],
    value: ([x, y]) => [a * x + b * y, c * x + d * y],
    jacobian: () => [
      [a, b],
      [c, d],
    ],
  };
}

/** The determinant ad − bc of a 2×2 matrix: its signed area factor. */
export function determinant(m: Matrix2): number {
  return m[0][0] * m[1][1] - m[0][1] * m[1][0];
}

/**
 * Whether a map with determinant `det` keeps ('kept'), reverses ('flipped') or
 * destroys ('degenerate', |det| < tolerance) orientation.
 */
export function orientation(det: number, tolerance = 1e-9): Orientation {
  if (Number.isNaN(det)) {
    throw new Error('orientation: expected a determinant, got NaN');
  }
  if (Math.abs(det) < tolerance) return 'degenerate';
  return det > 0 ? 'kept' : 'flipped';
}

/**
 * The images of the corners of the square with corner p and side h:
 * p, p + (h, 0), p + (h, h), p + (0, h), in that (counter-clockwise) order.
 */
export function imageOfSquare(
  map: Map2D,
  p: Vector2,
  h: number,
): [Vector2, Vector2, Vector2, Vector2] {
  assertPoint('imageOfSquare', p);
  const [x, y] = p;
  return [
    map.value([x, y]),
    map.value([x + h, y]),
    map.value([x + h, y + h]),
    map.value([x, y + h]),
  ];
}

/**
 * The signed area of a polygon by the shoelace formula.
 *
 * @remarks
 * Positive when the corners run counter-clockwise in math coordinates (y up),
 * so the image of a counter-clockwise square has negative area exactly when the
 * map flips orientation there. (On a y-down screen the sign reads the other way.)
 */
export function signedArea(quad: readonly Vector2[]): number {
  let twice = 0;
  for (let i = 0; i < quad.length; i++) {
    const [x0, y0] = quad[i];
    const [x1, y1] = quad[(i + 1) % quad.length];
    twice += x0 * y1 - x1 * y0;
  }
  return twice / 2;
}

/**
 * The signed area of the image of the h × h square at p, divided by h².
 *
 * @remarks
 * As h → 0 this tends to det J(p): zoomed in far enough the map is linear, and a
 * linear map scales every area by its determinant.
 */
export function areaRatio(map: Map2D, p: Vector2, h: number): number {
  if (!Number.isFinite(h) || h === 0) {
    throw new Error(`areaRatio: expected a finite non-zero h, got ${h}`);
  }
  return signedArea(imageOfSquare(map, p, h)) / (h * h);
}

/** The Jacobian by central differences, for tests and sanity checks of exact Jacobians. */
export function numericJacobian(map: Map2D, p: Vector2, h = 1e-5): Matrix2 {
  assertPoint('numericJacobian', p);
  const [x, y] = p;
  const [ux1, vx1] = map.value([x + h, y]);
  const [ux0, vx0] = map.value([x - h, y]);
  const [uy1, vy1] = map.value([x, y + h]);
  const [uy0, vy0] = map.value([x, y - h]);
  return [
    [(ux1 - ux0) / (2 * h), (uy1 - uy0) / (2 * h)],
    [(vx1 - vx0) / (2 * h), (vy1 - vy0) / (2 * h)],
  ];
}

/**
 * The map (x, y) ↦ (x + k·sin y, y + k·sin x), the lesson's warp with amplitude k.
 *
 * @remarks
 * J = [[1, k cos y], [k cos x, 1]], so det J = 1 − k² cos x cos y. For k ≤ 1 the
 * determinant is never negative (|cos x cos y| ≤ 1): the map squeezes but never
 * flips. For k > 1 it is negative near (0, 0) and (π, π), where it folds the plane.
 */
export function wavyMapWithAmplitude(k: number): Map2D {
  if (!Number.isFinite(k)) {
    throw new Error(`wavyMapWithAmplitude: expected a finite k, got ${k}`);
  }
  const coefficient = k === 1 ? '' : formatNumber(k).replace('\u2212', '-');
  return map2D(
    (x, y) => [
      d2.add(x, d2.scale(k, d2.sin(y))),
      d2.add(y, d2.scale(k, d2.sin(x))),
    ],
    [`x + ${coefficient}\\sin y`, `y + ${coefficient}\\sin x`],
  );
}

/**
 * The lesson's map (x, y) ↦ (x + sin y, y + sin x).
 *
 * @remarks
 * det J = 1 − cos x cos y ≥ 0 everywhere: it is 0 (degenerate) at (0, 0),
 * (π, π) and their 2π-translates, and at most 2, at (π, 0) and (0, π). It never
 * flips orientation; use {@link foldingWavyMap} to show a flip.
 */
export const wavyMap: Map2D = wavyMapWithAmplitude(1);

/**
 * (x, y) ↦ (x + 1.5 sin y, y + 1.5 sin x): the warp strong enough to flip.
 *
 * @remarks
 * det J = 1 − 2.25 cos x cos y: −1.25 at (0, 0) (flipped), 1 at (π/2, 0) (kept),
 * 3.25 at (π, 0).
 */
export const foldingWavyMap: Map2D = wavyMapWithAmplitude(1.5);

/** A point where {@link wavyMap} (and {@link foldingWavyMap}) keep orientation: det J = 1 at (π/2, 0). */
export const WAVY_KEEP_POINT: Vector2 = [Math.PI / 2, 0];

/** A point where {@link wavyMap} collapses area: det J = 0 at (0, 0), its nearest approach to a flip. */
export const WAVY_DEGENERATE_POINT: Vector2 = [0, 0];

/**
 * A point where {@link foldingWavyMap} flips orientation: det J = −1.25 at (0, 0).
 *
 * @remarks
 * {@link wavyMap} itself has no such point (det J ≥ 0 everywhere).
 */
export const FOLDING_FLIP_POINT: Vector2 = [0, 0];
