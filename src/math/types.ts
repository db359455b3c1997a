/**
 * The shared vocabulary of the math module: every type a component or a scene
 * reads. Pure TypeScript; nothing here imports Motion Canvas.
 */

/** A point or vector of the plane. */
export type Vector2 = [x: number, y: number];

/** A 2×2 matrix, row-major: `[[a, b], [c, d]]`. */
export type Matrix2 = [
  row0: [a: number, b: number],
  row1: [c: number, d: number],
];

/**
 * The derivative at a point: a number, or a defined "undefined" answer (never
 * NaN) where f' does not exist, is infinite, or x is outside the domain.
 */
export type Derivative =
  | {readonly defined: true; readonly value: number}
  | {readonly defined: false; readonly reason: string};

/** A number line's numeric range and its pixel length. */
export interface Scale {
  /** The number at the left end. */
  readonly min: number;
  /** The number at the right end (may be below `min`: the line then runs backwards). */
  readonly max: number;
  /** Pixel length of the line; `numberToPoint(min) = -length / 2`. */
  readonly length: number;
}

/**
 * A real function that carries its exact derivative and its LaTeX.
 *
 * @remarks
 * Built from the function set (powers, sin, cos, exp, ln, 1/x, √x, a·x + b)
 * and closed under sum, difference, product, quotient and composition.
 */
export interface RealFunction {
  /** LaTeX of f applied to `arg` (default `x`): `compose(sin, square).tex()` is `\sin\left(x^{2}\right)`. */
  tex(arg?: string): string;
  /** f(x); NaN outside the domain. */
  value(x: number): number;
  /** f'(x) as a number; NaN where it does not exist (use {@link derivativeAt} for screens). */
  slope(x: number): number;
  /**
   * f applied to a dual number: value and derivative together (forward-mode
   * automatic differentiation). Every function built by src/math has it; a
   * hand-written RealFunction may omit it and is then differentiated through `slope`.
   */
  dual?(x: Dual): Dual;
}

/**
 * A dual number `value + deriv·ε` with ε² = 0: carrying it through f gives
 * `f(value) + f'(value)·deriv·ε`, the exact derivative by the chain rule.
 */
export interface Dual {
  readonly value: number;
  readonly deriv: number;
}

/** A two-variable dual number: a value and its partial derivatives ∂/∂x and ∂/∂y. */
export interface Dual2 {
  readonly value: number;
  readonly dx: number;
  readonly dy: number;
}

/**
 * How a map moves a tiny interval around x, in the lesson's words.
 *
 * - `stretch`: f' > 1; `squish`: 0 < f' < 1; `unit`: f' = 1 (moved, not resized);
 * - `flip`: f' < 0, with `size` telling whether |f'| stretches, squishes or keeps length;
 * - `collapse`: f' = 0; `undefined`: f' does not exist here.
 */
export type StretchKind =
  | {readonly kind: 'stretch'; readonly factor: number}
  | {readonly kind: 'squish'; readonly factor: number}
  | {readonly kind: 'unit'; readonly factor: 1}
  | {
      readonly kind: 'flip';
      readonly factor: number;
      readonly size: 'stretch' | 'squish' | 'unit';
    }
  | {readonly kind: 'collapse'; readonly factor: 0}
  | {readonly kind: 'undefined'; readonly reason: string};

/** The image of the input interval [x, x + dx] under f. */
export interface IntervalImage {
  /** The input interval's ends, `[x, x + dx]`. */
  readonly input: readonly [a: number, b: number];
  /** The images of those ends, in the same order: `[f(x), f(x + dx)]` (flipped when f(x+dx) < f(x)). */
  readonly output: readonly [fa: number, fb: number];
  /** dx, signed. */
  readonly inputLength: number;
  /** f(x + dx) - f(x), signed: negative when orientation flips. */
  readonly outputLength: number;
  /** outputLength / inputLength, the finite-dx stretch (→ f'(x) as dx → 0); undefined when not finite. */
  readonly ratio: Derivative;
  /** f'(x), the stretch factor in the limit. */
  readonly stretchFactor: Derivative;
  /** The lesson's classification of f'(x). */
  readonly stretch: StretchKind;
  /** Whether the image keeps the order of the ends. */
  readonly orientation: 'kept' | 'flipped' | 'collapsed' | 'undefined';
  /**
   * The true image set `[min f, max f]` over the interval: wider than the
   * ends' span when the interval holds a turning point (x² over [−0.15, 0.35]
   * is [0, 0.1225], not [0.0225, 0.1225]); `[NaN, NaN]` where f is undefined
   * somewhere in it.
   */
  readonly span: readonly [min: number, max: number];
  /** The turning points strictly inside the interval, where f' changes sign and the image folds back on itself. */
  readonly folds: readonly number[];
}

/** One stage of a chain of maps: the function, where it is applied, and its stretch factor there. */
export interface ChainStage {
  readonly fn: RealFunction;
  /** The point this stage receives (x for the first stage, g(x) for the second, ...). */
  readonly input: number;
  /** The point it sends it to. */
  readonly output: number;
  /** This stage's local stretch factor at `input`: g'(x), f'(g(x)), ... */
  readonly factor: Derivative;
}

/** The chain rule at a point: each stage and the product of their factors. */
export interface ChainAtPoint {
  readonly stages: readonly ChainStage[];
  /** The product of every stage's factor; undefined if any stage is. */
  readonly product: Derivative;
  /** The final output, the composition's value. */
  readonly value: number;
}

/** A map of the plane with an exact Jacobian. */
export interface Map2D {
  /** LaTeX of the two components, e.g. `['x + \\sin y', 'y + \\sin x']`. */
  readonly tex: readonly [string, string];
  /** The image of p. */
  value(p: Vector2): Vector2;
  /** The Jacobian matrix at p: `[[∂u/∂x, ∂u/∂y], [∂v/∂x, ∂v/∂y]]`. */
  jacobian(p: Vector2): Matrix2;
}

/** Whether a linear (or linearised) map keeps, reverses or destroys orientation. */
export type Orientation = 'kept' | 'flipped' | 'degenerate';
