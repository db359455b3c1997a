/**
 * Checks an IntervalBox's drawing against its function: recomputed here
 * from f by sampling, not with the component's geometry code.
 */
import type {IntervalBoxProbe, Px} from '../geometry/intervalBox';
import type {RealFunction} from '../math/types';
import {
  CASE_LOOK,
  checkReadoutText,
  close,
  compatibleKinds,
  nonFinite,
  sampledRange,
  fmt,
} from './common';
import {type Checker, TOLERANCE} from './types';

/** Problems with what an interval box drew; none when the picture is the math. */
export const checkIntervalBox: Checker<IntervalBoxProbe, RealFunction> = (
  p,
  fn,
) => {
  const problems = nonFinite({
    drawn: p.drawn,
    lines: p.lines,
    ends: p.movingEnds,
  }).map(path => `${path} is not a finite number`);
  if (problems.length > 0 || p.opacity <= 0.01) return problems;
  const px = TOLERANCE.px;
  const at = (line: 'input' | 'output', v: number): Px => {
    const {origin, unit} = p.lines[line];
    return [origin[0] + v * unit[0], origin[1] + v * unit[1]];
  };
  const [a, b] = p.input;
  const f = (x: number) => fn.value(x);
  const t = Math.min(1, Math.max(0, p.landed));

  if (p.inputOpacity > 0.01) {
    const want = [at('input', a)[0], at('input', b)[0]].sort((u, v) => u - v);
    const box = p.drawn.inputBox;
    if (
      Math.abs(box.left - want[0]) > px ||
      Math.abs(box.right - want[1]) > px
    ) {
      problems.push(
        `the input box spans x = ${fmt(box.left)}..${fmt(box.right)} px, but [${fmt(a)}, ${fmt(b)}] is at ${fmt(want[0])}..${fmt(want[1])} px`,
      );
    }
  }

  const pieces = p.drawn.pieces;
  if (t > 0 && pieces.length > 0) {
    const fa = f(a);
    const fb = f(b);
    if (!Number.isFinite(fa) || !Number.isFinite(fb)) {
      problems.push(
        `a box is drawn though f is undefined at an end of [${fmt(a)}, ${fmt(b)}]`,
      );
      return problems;
    }
    // The travelling ends: each at its place between x and f(x).
    const lerp = (x: number, fx: number): Px => {
      const p0 = at('input', x);
      const p1 = at('output', fx);
      return [p0[0] + (p1[0] - p0[0]) * t, p0[1] + (p1[1] - p0[1]) * t];
    };
    const ends = p.movingEnds;
    const want = [lerp(a, fa), lerp(b, fb)];
    if (!ends)
      problems.push('the travelling copy is drawn but reports no ends');
    else {
      ends.forEach((e, i) => {
        const w = want[i];
        if (Math.hypot(e[0] - w[0], e[1] - w[1]) > px) {
          problems.push(
            `end ${i === 0 ? 'a' : 'b'} is drawn at (${fmt(e[0])}, ${fmt(e[1])}), expected (${fmt(w[0])}, ${fmt(w[1])}) at landed = ${fmt(t)}`,
          );
        }
      });
    }
    if (t > 0.5 && p.drawn.color !== p.caseColor) {
      problems.push(
        `the landing box is drawn ${p.drawn.color}, but its case "${p.kind}" is ${p.caseColor}`,
      );
    }
    if (t >= 1) {
      // The union of the landed pieces is the true image of [a, b].
      const [lo, hi] = sampledRange(f, Math.min(a, b), Math.max(a, b));
      const want2 = [at('output', lo)[0], at('output', hi)[0]].sort(
        (u, v) => u - v,
      );
      const left = Math.min(...pieces.map(q => q.left));
      const right = Math.max(...pieces.map(q => q.right));
      if (Math.abs(left - want2[0]) > px || Math.abs(right - want2[1]) > px) {
        problems.push(
          `the image of [${fmt(a)}, ${fmt(b)}] under ${p.fnTex} is [${fmt(lo)}, ${fmt(hi)}] (x = ${fmt(want2[0])}..${fmt(want2[1])} px), but the box spans x = ${fmt(left)}..${fmt(right)} px`,
        );
      }
      // The case named is the stretch drawn: end-to-end output over input, signed.
      const unit = p.lines.output.unit[0];
      const inputPx = Math.abs((b - a) * p.lines.input.unit[0]);
      if (ends && inputPx > 0 && unit !== 0) {
        const drawnRatio = (ends[1][0] - ends[0][0]) / unit / (b - a);
        const tol = px / Math.min(inputPx, Math.abs((b - a) * unit));
        const look = CASE_LOOK[p.kind];
        if (!compatibleKinds(drawnRatio, tol).has(p.kind)) {
          problems.push(
            `the box is named "${p.name}" (${p.kind}), but it draws output / input = ${fmt(drawnRatio)}`,
          );
        } else if (
          !look ||
          look.color !== p.caseColor ||
          look.name !== p.name
        ) {
          problems.push(
            `case "${p.kind}" is shown as "${p.name}" in ${p.caseColor}`,
          );
        }
      }
      if (p.kind === 'collapse') {
        const x = p.at ?? (a + b) / 2;
        const mark = p.drawn.collapse;
        const w = at('output', f(x));
        if (!mark)
          problems.push('a collapse is named but no collapse marker is drawn');
        else if (Math.hypot(mark.point[0] - w[0], mark.point[1] - w[1]) > px) {
          problems.push(
            `the collapse marker is at x = ${fmt(mark.point[0])} px, but f(${fmt(x)}) = ${fmt(f(x))} is at ${fmt(w[0])} px`,
          );
        }
      }
    }
  }

  if (p.readoutOpacity > 0.01 && p.readouts.length >= 3) {
    const [input, output, ratio] = p.readouts;
    const dOut = f(b) - f(a);
    const rel = TOLERANCE.relative;
    const pxUnit = (line: 'input' | 'output') =>
      px / Math.abs(p.lines[line].unit[0] || 1);
    const named: [typeof input, number, number, string][] = [
      [input, b - a, pxUnit('input'), 'the input length'],
      [output, dOut, pxUnit('output'), 'the output length'],
      [ratio, dOut / (b - a), 0, 'output / input'],
    ];
    for (const [r, want, abs, what] of named) {
      if (r.value === null || !close(r.value, want, rel, abs)) {
        problems.push(
          `the readout "${r.label.trim()}" shows ${r.value}, but ${what} drawn is ${fmt(want)}`,
        );
      }
      problems.push(
        ...checkReadoutText(`the readout "${r.label.trim()}"`, r.text, r.value),
      );
    }
  }
  return problems;
};
