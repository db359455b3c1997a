/**
 * The function set of the lesson, each carrying its exact derivative (through
 * dual numbers, see dual.ts) and its LaTeX, built from the same combinators.
 */
import {
  dualAdd,
  dualCos,
  dualDiv,
  dualExp,
  dualLn,
  dualMul,
  dualPow,
  dualScale,
  dualSin,
  dualSqrt,
  dualSub,
  dual as makeDual,
} from './dual';
import type {Dual, RealFunction} from './types';

/** A RealFunction whose dual-number evaluation is always present: every function built here. */
export interface DualFunction extends RealFunction {
  dual(x: Dual): Dual;
}

// ---------------------------------------------------------------------------
// LaTeX with precedence. Each piece of TeX carries how tightly it binds, so a
// combinator adds \left( \right) only where a mathematician would write them.

const SUM = 1; // a + b, a - b
const NEG = 2; // -3x: a product with a leading minus
const PRODUCT = 3; // 3x, x\sin x, \sin x
const POWER = 4; // x^{2}, e^{x}: can be a factor, not a base
const ATOM = 5; // x, 2, \frac{..}{..}, \sqrt{..}, \left(..\right)

interface TexNode {
  readonly s: string;
  readonly prec: number;
  /** A single symbol or unsigned number: `\sin x` rather than `\sin\left(x\right)`. */
  readonly simple: boolean;
  /** Ends in a function application (`\sin x`): a following factor needs `\cdot`. */
  readonly funcApp: boolean;
  /** Starts with a digit: a preceding factor needs `\cdot` (`x \cdot 2`, not `x2`). */
  readonly numeric: boolean;
}

function node(s: string, prec: number, extra: Partial<TexNode> = {}): TexNode {
  return {
    s,
    prec,
    simple: false,
    funcApp: false,
    numeric: /^\d/.test(s),
    ...extra,
  };
}

/** Whether s has a + or − outside every brace and parenthesis (after its first character). */
function hasTopLevelSum(s: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') depth--;
    else if (depth === 0 && i > 0 && (c === '+' || c === '-')) return true;
  }
  return false;
}

/** Reads a caller's argument string (`x`, `t`, `x^{2}`, `x + 1`) into a TexNode. */
function parseTex(s: string): TexNode {
  const t = s.trim();
  if (/^(?:[A-Za-z]|\\[A-Za-z]+|\d+(?:\.\d+)?)$/.test(t)) {
    return node(t, ATOM, {simple: true});
  }
  if (hasTopLevelSum(t)) return node(t, SUM);
  if (t.startsWith('-')) return node(t, NEG);
  return node(t, PRODUCT);
}

function paren(n: TexNode): TexNode {
  return node(`\\left(${n.s}\\right)`, ATOM, {numeric: false});
}

function atLeast(n: TexNode, prec: number): TexNode {
  return n.prec < prec ? paren(n) : n;
}

/** A number in TeX: plain decimal, ASCII minus (TeX typesets it), no float noise. */
function texNumber(c: number): string {
  return String(Number(c.toPrecision(12)));
}

/** An exponent in TeX: simple fractions as \frac, the rest as decimals. */
function texExponent(n: number): string {
  if (Number.isInteger(n)) return String(n);
  for (let q = 2; q <= 12; q++) {
    const p = Math.round(n * q);
    if (Math.abs(n * q - p) < 1e-9) {
      const frac = `\\frac{${Math.abs(p)}}{${q}}`;
      return n < 0 ? `-${frac}` : frac;
    }
  }
  return texNumber(n);
}

/** `\sin x` for a bare symbol, `\sin\left(x^{2}\right)` for anything compound. */
function applyName(name: string, a: TexNode): TexNode {
  const s = a.simple ? `${name} ${a.s}` : `${name}\\left(${a.s}\\right)`;
  return node(s, PRODUCT, {funcApp: true});
}

/** −n: `-\sin x`, `-\left(x + 1\right)`; a leading minus cancels (−(−3x) = 3x). */
function negate(n: TexNode): TexNode {
  if (n.prec === NEG) return node(n.s.slice(1), PRODUCT, {funcApp: n.funcApp});
  return node(`-${atLeast(n, PRODUCT).s}`, NEG, {funcApp: n.funcApp});
}

/** Juxtaposes two factors, adding `\cdot` or a space only where plain concatenation would misread. */
function juxtapose(left: TexNode, right: TexNode): string {
  // A left factor that ends in a digit but is more than a plain number
  // (`-2 \cdot 1`) would fuse with a following letter into "1x".
  const endsInDigit = /\d$/.test(left.s) && !/^-?\d+(?:\.\d+)?$/.test(left.s);
  if (left.funcApp || right.numeric || endsInDigit) {
    return `${left.s} \\cdot ${right.s}`;
  }
  if (/[A-Za-z]$/.test(left.s) && /^[A-Za-z]/.test(right.s)) {
    return `${left.s} ${right.s}`;
  }
  return left.s + right.s;
}

// The TeX builders of functions made here; a hand-written RealFunction falls
// back to its own tex(arg) string.
const TEX = new WeakMap<RealFunction, (a: TexNode) => TexNode>();

function texOf(f: RealFunction, a: TexNode): TexNode {
  const builder = TEX.get(f);
  return builder ? builder(a) : parseTex(f.tex(a.s));
}

/** The dual evaluation of any RealFunction; one without `dual` is differentiated through `slope`. */
export function dualOf(f: RealFunction): (x: Dual) => Dual {
  if (f.dual) return x => f.dual!(x);
  return x => ({
    value: f.value(x.value),
    deriv: f.slope(x.value) * x.deriv,
  });
}

function finiteOrNaN(v: number): number {
  return Number.isFinite(v) ? v : NaN;
}

function make(
  dual: (x: Dual) => Dual,
  tex: (a: TexNode) => TexNode,
): DualFunction {
  const f: DualFunction = {
    dual,
    tex: (arg = 'x') => tex(parseTex(arg)).s,
    // NaN outside the domain, as the contract says (1/0 is NaN here, not Infinity).
    value: x => finiteOrNaN(dual(makeDual(x, 0)).value),
    slope: x => {
      const r = dual(makeDual(x, 1));
      // + 0 turns −0 into 0.
      return Number.isFinite(r.value) && Number.isFinite(r.deriv)
        ? r.deriv + 0
        : NaN;
    },
  };
  TEX.set(f, tex);
  return f;
}

// ---------------------------------------------------------------------------
// Built-ins

/** f(x) = x. */
export const identity: DualFunction = make(
  x => x,
  a => a,
);

/** f(x) = c, a constant. */
export function constant(c: number): DualFunction {
  const tex =
    c < 0
      ? node(`-${texNumber(-c)}`, NEG)
      : node(texNumber(c), ATOM, {simple: true});
  return make(
    () => makeDual(c, 0),
    () => tex,
  );
}

/**
 * f(x) = xⁿ for any real n.
 *
 * @remarks
 * Integer n works for negative x; a non-integer n is defined for x ≥ 0 only
 * (x > 0 where n < 1, since the slope n·xⁿ⁻¹ is infinite at 0).
 */
export function power(n: number): DualFunction {
  if (!Number.isFinite(n)) {
    throw new Error(`power: expected a finite exponent, got ${n}`);
  }
  if (n === 0) return constant(1);
  if (n === 1) return identity;
  const exponent = texExponent(n);
  return make(
    x => dualPow(x, n),
    a =>
      node(`${atLeast(a, ATOM).s}^{${exponent}}`, POWER, {numeric: a.numeric}),
  );
}

/** f(x) = x². */
export const square: DualFunction = power(2);

/** f(x) = x³. */
export const cube: DualFunction = power(3);

/** f(x) = sin x. */
export const sin: DualFunction = make(dualSin, a => applyName('\\sin', a));

/** f(x) = cos x. */
export const cos: DualFunction = make(dualCos, a => applyName('\\cos', a));

/** f(x) = eˣ. */
export const exp: DualFunction = make(dualExp, a =>
  node(`e^{${a.s}}`, POWER, {numeric: false}),
);

/** f(x) = ln x, defined for x > 0. */
export const ln: DualFunction = make(dualLn, a => applyName('\\ln', a));

/** f(x) = 1/x, defined for x ≠ 0. */
export const reciprocal: DualFunction = make(
  x => dualDiv(makeDual(1, 0), x),
  a => node(`\\frac{1}{${a.s}}`, ATOM, {numeric: false}),
);

/** f(x) = √x, defined for x ≥ 0, with an infinite slope at 0. */
export const sqrt: DualFunction = make(dualSqrt, a =>
  node(`\\sqrt{${a.s}}`, ATOM, {numeric: false}),
);

// ---------------------------------------------------------------------------
// Combinators

/** (f + g)(x) = f(x) + g(x). */
export function add(f: RealFunction, g: RealFunction): DualFunction {
  const df = dualOf(f);
  const dg = dualOf(g);
  return make(
    x => dualAdd(df(x), dg(x)),
    a => {
      const l = texOf(f, a);
      const r = texOf(g, a);
      // f + (−3x) reads f − 3x; a sum on the right needs no brackets.
      const s = r.s.startsWith('-')
        ? `${l.s} - ${r.s.slice(1)}`
        : `${l.s} + ${r.s}`;
      return node(s, SUM);
    },
  );
}

/** (f − g)(x) = f(x) − g(x). */
export function subtract(f: RealFunction, g: RealFunction): DualFunction {
  const df = dualOf(f);
  const dg = dualOf(g);
  return make(
    x => dualSub(df(x), dg(x)),
    a => {
      const l = texOf(f, a);
      const r = texOf(g, a);
      let s: string;
      if (r.prec === SUM) s = `${l.s} - ${paren(r).s}`;
      else if (r.s.startsWith('-')) s = `${l.s} + ${r.s.slice(1)}`;
      else s = `${l.s} - ${r.s}`;
      return node(s, SUM);
    },
  );
}

/** (f·g)(x) = f(x)·g(x). */
export function multiply(f: RealFunction, g: RealFunction): DualFunction {
  const df = dualOf(f);
  const dg = dualOf(g);
  return make(
    x => dualMul(df(x), dg(x)),
    a => {
      const l0 = texOf(f, a);
      const r0 = texOf(g, a);
      // A factor of ±1 is not written: 1·x is x, never "1x".
      if (l0.s === '1') return r0;
      if (r0.s === '1') return l0;
      if (l0.s === '-1') return negate(r0);
      if (r0.s === '-1') return negate(l0);
      // A leading minus may stay in front of a product: (−3x)·y = −3x y.
      const l = l0.prec === NEG ? l0 : atLeast(l0, PRODUCT);
      const r = atLeast(r0, PRODUCT);
      return node(juxtapose(l, r), l.prec === NEG ? NEG : PRODUCT, {
        funcApp: r.funcApp,
        numeric: l.numeric,
      });
    },
  );
}

/** (f/g)(x) = f(x)/g(x), undefined where g(x) = 0. */
export function divide(f: RealFunction, g: RealFunction): DualFunction {
  const df = dualOf(f);
  const dg = dualOf(g);
  return make(
    x => dualDiv(df(x), dg(x)),
    a =>
      node(`\\frac{${texOf(f, a).s}}{${texOf(g, a).s}}`, ATOM, {
        numeric: false,
      }),
  );
}

/** (k·f)(x) = k·f(x): `scaleBy(3, identity)` is 3x, `scaleBy(-1, sin)` is −sin x. */
export function scaleBy(k: number, f: RealFunction): DualFunction {
  if (!Number.isFinite(k)) {
    throw new Error(`scaleBy: expected a finite factor, got ${k}`);
  }
  if (k === 0) return constant(0);
  const df = dualOf(f);
  return make(
    x => dualScale(k, df(x)),
    a => {
      const inner = texOf(f, a);
      if (k === 1) return inner;
      if (k === -1) return negate(inner);
      const coefficient = node(texNumber(Math.abs(k)), ATOM, {simple: true});
      const product = juxtapose(coefficient, atLeast(inner, PRODUCT));
      return k < 0
        ? node(`-${product}`, NEG, {funcApp: inner.funcApp})
        : node(product, PRODUCT, {funcApp: inner.funcApp});
    },
  );
}

/** f(x) = a·x + b: `linear(2, 1)` is 2x + 1, `linear(3, 0)` is 3x. */
export function linear(a: number, b: number): DualFunction {
  if (!Number.isFinite(a) || !Number.isFinite(b)) {
    throw new Error(`linear: expected finite a and b, got a = ${a}, b = ${b}`);
  }
  if (a === 0) return constant(b);
  const ax = a === 1 ? identity : scaleBy(a, identity);
  return b === 0 ? ax : add(ax, constant(b));
}

/**
 * (outer ∘ inner)(x) = outer(inner(x)): `compose(sin, square)` is sin(x²).
 *
 * @remarks
 * The dual number flows through inner, then outer, which is the chain rule:
 * (f∘g)'(x) = f'(g(x))·g'(x).
 */
export function compose(
  outer: RealFunction,
  inner: RealFunction,
): DualFunction {
  const dOuter = dualOf(outer);
  const dInner = dualOf(inner);
  return make(
    x => dOuter(dInner(x)),
    a => texOf(outer, texOf(inner, a)),
  );
}

/**
 * Composition of any number of functions, the last applied first:
 * `composeAll(f, g, h)(x) = f(g(h(x)))`; with no functions, the identity.
 */
export function composeAll(...fns: RealFunction[]): DualFunction {
  if (fns.length === 0) return identity;
  let result: RealFunction = fns[fns.length - 1];
  for (let i = fns.length - 2; i >= 0; i--) result = compose(fns[i], result);
  return result.dual && TEX.has(result)
    ? (result as DualFunction)
    : compose(identity, result);
}
