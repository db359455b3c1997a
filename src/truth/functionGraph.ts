/**
 * Checks a FunctionGraph's drawing against its function, recomputed here
 * from f (its values and derivativeAt) and the plot's frame, not with the
 * component's geometry code: the axes cross at 0, their numbers stand at
 * their values, the curve lies on y = f(x) and is never joined across a
 * break, the point is (x, f(x)), the tangent has slope f'(x), the triangle's
 * rise is f'(x)·run, and each label shows the number of what it names.
 */
import type {FunctionGraphProbe} from '../geometry/functionGraph';
import {derivativeAt, valueAt} from '../math/derivative';
import type {RealFunction, Vector2} from '../math/types';
import {checkReadoutText, fmt, nonFinite, numberInText, pt} from './common';
import {type Checker, TOLERANCE} from './types';

/**
 * Whether a label's number agrees with the drawn number it names: within
 * 1% of it, or within 1 px (`unit` px per unit), or equal to it rounded to
 * the decimals the label shows.
 */
function agrees(
  shown: {value: number; decimals: number},
  drawn: number,
  unit: number,
): boolean {
  const diff = Math.abs(shown.value - drawn);
  return (
    diff <= TOLERANCE.relative * Math.abs(drawn) ||
    diff * unit <= TOLERANCE.px ||
    diff <= 0.5 * 10 ** -shown.decimals + 1e-9 * Math.max(1, Math.abs(drawn))
  );
}

/** Problems with what a graph drew; none when the picture is the math. */
export const checkFunctionGraph: Checker<FunctionGraphProbe, RealFunction> = (
  p,
  fn,
) => {
  const problems = nonFinite(p).map(path => `${path} is not a finite number`);
  if (problems.length > 0) return problems;
  const tol = TOLERANCE.px;
  const {origin, ex, ey} = p.frame;
  const det = ex[0] * ey[1] - ex[1] * ey[0];
  if (det === 0) return ['the plot frame is degenerate'];
  const ux = Math.hypot(...ex);
  const uy = Math.hypot(...ey);
  /** The scene pixel of the math point (u, v). */
  const pixel = (u: number, v: number): Vector2 => [
    origin[0] + u * ex[0] + v * ey[0],
    origin[1] + u * ex[1] + v * ey[1],
  ];
  /** The math point at a scene pixel. */
  const math = (q: readonly number[]): [number, number] => {
    const dx = q[0] - origin[0];
    const dy = q[1] - origin[1];
    return [(dx * ey[1] - dy * ey[0]) / det, (ex[0] * dy - ex[1] * dx) / det];
  };
  const far = (a: readonly number[], b: readonly number[]) =>
    Math.hypot(a[0] - b[0], a[1] - b[1]) > tol;
  const {xMin, xMax, yMin, yMax} = p.range;
  const clamp0 = (lo: number, hi: number) =>
    Math.min(Math.max(0, Math.min(lo, hi)), Math.max(lo, hi));

  // The axes cross at 0 (or at the end nearest 0) and span their ranges.
  const cu = clamp0(xMin, xMax);
  const cv = clamp0(yMin, yMax);
  const axisEnds: [string, readonly Vector2[], Vector2[]][] = [
    ['x', p.axes.x, [pixel(xMin, cv), pixel(xMax, cv)]],
    ['y', p.axes.y, [pixel(cu, yMin), pixel(cu, yMax)]],
  ];
  for (const [name, drawn, want] of axisEnds) {
    if (far(drawn[0], want[0]) || far(drawn[1], want[1])) {
      problems.push(
        `the ${name} axis runs ${pt(drawn[0])} → ${pt(drawn[1])}, but the plot puts it at ${pt(want[0])} → ${pt(want[1])}`,
      );
    }
  }

  // Each axis number stands at its value.
  for (const n of p.axisNumbers) {
    const shown = numberInText(n.text);
    if (!shown) {
      problems.push(`the ${n.axis} axis number "${n.text}" is not a number`);
      continue;
    }
    const [u, v] = math(n.position);
    const off =
      n.axis === 'x' ? (u - shown.value) * ux : (v - shown.value) * uy;
    if (Math.abs(off) > tol) {
      problems.push(
        `the ${n.axis} axis number "${n.text}" stands at ${n.axis} = ${fmt(n.axis === 'x' ? u : v)}`,
      );
    }
  }

  // The curve: every drawn point on y = f(x), nothing joined across a break.
  const distanceToCurve = (q: readonly number[]) => {
    const [u, v] = math(q);
    const fu = valueAt(fn, u);
    if (fu === undefined) return {u, off: Infinity};
    const s = derivativeAt(fn, u);
    // First order: the vertical gap shrunk by the curve's steepness on screen.
    const steep = s.defined ? (s.value * uy) / ux : 0;
    return {u, off: (Math.abs(v - fu) * uy) / Math.hypot(1, steep)};
  };
  const vPx = (u: number) => {
    const fu = valueAt(fn, u);
    return fu === undefined ? undefined : fu * uy;
  };
  const joinsBreak = (a: number, b: number) => {
    let lo = a;
    let hi = b;
    let pLo = vPx(lo);
    let pHi = vPx(hi);
    if (pLo === undefined || pHi === undefined) return true;
    for (let i = 0; i < 50; i++) {
      if (i >= 20 && Math.abs(pHi - pLo) < 0.01) return false;
      const mid = lo + (hi - lo) / 2;
      if (mid <= Math.min(lo, hi) || mid >= Math.max(lo, hi)) break;
      const pm = vPx(mid);
      if (pm === undefined) return true;
      if (Math.abs(pm - pLo) > Math.abs(pHi - pm)) {
        hi = mid;
        pHi = pm;
      } else {
        lo = mid;
        pLo = pm;
      }
    }
    return Math.abs(pHi - pLo) > tol;
  };
  let offCurve = 0;
  let firstOff = '';
  const spans: [number, number][] = [];
  for (const line of p.graph.lines) {
    let previous: number | undefined;
    for (const q of line) {
      const {u, off} = distanceToCurve(q);
      if (off > tol) {
        if (offCurve++ === 0) {
          firstOff = `${pt(q)} (x = ${fmt(u)}, ${off === Infinity ? 'where f is undefined' : `${fmt(off)} px from y = f(x)`})`;
        }
      }
      if (previous !== undefined && joinsBreak(previous, u)) {
        problems.push(
          `the graph joins x = ${fmt(previous)} to x = ${fmt(u)} across a break of f`,
        );
      }
      previous = u;
    }
    if (line.length > 0) {
      const a = math(line[0])[0];
      const b = math(line[line.length - 1])[0];
      spans.push([Math.min(a, b), Math.max(a, b)]);
    }
  }
  if (offCurve > 0) {
    problems.push(
      `${offCurve} graph point(s) are off the curve, first ${firstOff}`,
    );
  }
  // Once drawn in full, the graph is everywhere the curve is inside the plot.
  if (p.graph.end >= 1) {
    const slack = tol / ux;
    const lo = Math.min(xMin, xMax);
    const hi = Math.max(xMin, xMax);
    const vLo = Math.min(yMin, yMax);
    const vHi = Math.max(yMin, yMax);
    for (let i = 1; i < 200; i++) {
      const u = lo + ((hi - lo) * i) / 200;
      const fu = valueAt(fn, u);
      if (fu === undefined || fu < vLo || fu > vHi) continue;
      if (!spans.some(([a, b]) => u >= a - slack && u <= b + slack)) {
        problems.push(
          `the graph is missing at x = ${fmt(u)}, where f(x) = ${fmt(fu)} is inside the plot`,
        );
        break;
      }
    }
  }

  // The graph's name, when it names f.
  const name = p.label === null ? null : /^f\(x\)\s*=\s*(.*)$/.exec(p.label);
  if (name && name[1] !== fn.tex()) {
    problems.push(`the graph is named "${p.label}", but f(x) = ${fn.tex()}`);
  }

  // The point, its tangent and its triangle.
  const x = p.x;
  const fx = valueAt(fn, x);
  const slope = derivativeAt(fn, x);
  if (fx === undefined) {
    if (p.point || p.fx !== null) {
      problems.push(`a point is drawn at x = ${fmt(x)}, where f is undefined`);
    }
  } else {
    const want = pixel(x, fx);
    if (!p.point || far(p.point, want)) {
      problems.push(
        `the point for x = ${fmt(x)} is at ${p.point ? pt(p.point) : 'nowhere'}, but (x, f(x)) = (${fmt(x)}, ${fmt(fx)}) is at ${pt(want)}`,
      );
    }
    if (p.fx === null || Math.abs(p.fx - fx) * uy > tol) {
      problems.push(
        `the graph holds f(${fmt(x)}) = ${p.fx}, but it is ${fmt(fx)}`,
      );
    }
  }
  if (!slope.defined || fx === undefined) {
    if (p.tangent && p.opacity.tangent > 0.01) {
      problems.push(
        `a tangent is drawn at x = ${fmt(x)}, where f'(x) is undefined`,
      );
    }
    if (p.triangle && p.opacity.triangle > 0.01) {
      problems.push(
        `a slope triangle is drawn at x = ${fmt(x)}, where f'(x) is undefined`,
      );
    }
    if (p.slope !== null) {
      problems.push(
        `the graph holds f'(${fmt(x)}) = ${p.slope}, but it is undefined`,
      );
    }
    problems.push(...checkReadoutText('the slope readout', p.readout, null));
    return problems;
  }
  const m = slope.value;
  if (
    p.slope === null ||
    Math.abs(p.slope - m) > 1e-9 * Math.max(1, Math.abs(m))
  ) {
    problems.push(
      `the graph holds f'(${fmt(x)}) = ${p.slope}, but it is ${fmt(m)}`,
    );
  }
  const at = pixel(x, fx);
  // The tangent: centred on the point, along one unit of x and f'(x) of y.
  if (!p.tangent) {
    problems.push(
      `no tangent is drawn at x = ${fmt(x)}, where f'(x) = ${fmt(m)}`,
    );
  } else {
    const d: Vector2 = [ex[0] + m * ey[0], ex[1] + m * ey[1]];
    const dl = Math.hypot(...d);
    const offLine = (q: readonly number[]) =>
      Math.abs((q[0] - at[0]) * d[1] - (q[1] - at[1]) * d[0]) / dl;
    const [a, b] = p.tangent;
    const mid: Vector2 = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    if (offLine(a) > tol || offLine(b) > tol || !far(a, b)) {
      const drawn = (math(b)[1] - math(a)[1]) / (math(b)[0] - math(a)[0]);
      problems.push(
        `the tangent at x = ${fmt(x)} has slope ${fmt(drawn)}, but f'(x) = ${fmt(m)}`,
      );
    } else if (far(mid, at)) {
      problems.push(
        `the tangent at x = ${fmt(x)} is centred at ${pt(mid)}, not on the point ${pt(at)}`,
      );
    }
  }
  // The triangle: run along y = f(x), rise up to the tangent, labels naming them.
  if (p.triangle) {
    const [a, b, c] = p.triangle.corners;
    const [ub, vb] = math(b);
    const [uc, vc] = math(c);
    const run = ub - x;
    const rise = vc - vb;
    if (far(a, at)) {
      problems.push(
        `the triangle starts at ${pt(a)}, not at the point ${pt(at)}`,
      );
    }
    if (Math.abs(vb - fx) * uy > tol) {
      problems.push(
        `the run of the triangle is not level with the point: it ends at y = ${fmt(vb)}, f(x) = ${fmt(fx)}`,
      );
    }
    if (Math.abs(uc - ub) * ux > tol) {
      problems.push(
        `the rise of the triangle is not upright: it runs from x = ${fmt(ub)} to ${fmt(uc)}`,
      );
    }
    if (Math.abs(vc - (fx + m * run)) * uy > tol) {
      problems.push(
        `the rise of the triangle is ${fmt(rise)} over a run of ${fmt(run)}, but f'(x)·run = ${fmt(m * run)}`,
      );
    }
    const runShown = numberInText(p.triangle.run.text);
    if (!runShown || !agrees(runShown, run, ux)) {
      problems.push(
        `the run label reads "${p.triangle.run.text}", but the run drawn is ${fmt(run)}`,
      );
    }
    const riseShown = numberInText(p.triangle.rise.text);
    if (!riseShown || !agrees(riseShown, rise, uy)) {
      problems.push(
        `the rise label reads "${p.triangle.rise.text}", but the rise drawn is ${fmt(rise)}`,
      );
    }
    // The readout is the slope drawn: rise over run.
    const shown = numberInText(p.readout);
    if (shown && run !== 0 && !agrees(shown, rise / run, Math.abs(run) * uy)) {
      problems.push(
        `the slope readout reads ${shown.value}, but the triangle drawn has rise/run = ${fmt(rise / run)}`,
      );
    }
  }
  problems.push(...checkReadoutText('the slope readout', p.readout, m));
  return problems;
};
