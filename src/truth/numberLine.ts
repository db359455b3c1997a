/**
 * Checks a NumberLine's drawing against its own scale: every tick at the
 * pixel its number maps to, every number written where that number is.
 * Recomputed here from min, max and length, not with the line's geometry code.
 */
import type {NumberLineProbe} from '../geometry/numberLine';
import {fmt, nonFinite} from './common';
import {type Checker, TOLERANCE} from './types';

/**
 * The number a tick label prints ("1.50", "−3", "0"), or null when it is not
 * a plain number (the screen uses the typographic minus, U+2212).
 */
export function labelNumber(text: string): number | null {
  const m = /^([\u2212-]?)(\d+(?:\.\d+)?)$/.exec(text.trim());
  if (!m) return null;
  const v = Number(m[2]);
  return m[1] ? -v : v;
}

/** Problems with what a number line drew; none when every tick and number is where it belongs. */
export const checkNumberLine: Checker<NumberLineProbe, null> = p => {
  const problems = nonFinite(p).map(path => `${path} is not a finite number`);
  if (problems.length > 0) return problems;
  const px = TOLERANCE.px;
  const half = p.length / 2;
  if (!(p.length > 0) || p.min === p.max) {
    if (p.ticks.length + p.labels.length > 0) {
      problems.push(
        `a line of range [${fmt(p.min)}, ${fmt(p.max)}] over ${fmt(p.length)} px has no scale, yet draws ${p.ticks.length} ticks and ${p.labels.length} numbers`,
      );
    }
    return problems;
  }
  // The pixel offset along the line (from its centre) of the number v.
  const at = (v: number) => ((v - p.min) / (p.max - p.min) - 0.5) * p.length;
  const drawn = Math.min(1, Math.max(0, p.drawn));
  const reach = -half + p.length * drawn;
  if (Math.abs(p.reach - reach) > px) {
    problems.push(
      `the line is drawn to ${fmt(p.reach)} px, but ${fmt(drawn * 100)} % of it ends at ${fmt(reach)} px`,
    );
  }
  for (const t of p.ticks) {
    const want = at(t.value);
    if (Math.abs(t.point - want) > px) {
      problems.push(
        `the tick of ${fmt(t.value)} is drawn at ${fmt(t.point)} px, but ${fmt(t.value)} is at ${fmt(want)} px`,
      );
    }
    if (t.point < -half - px || t.point > Math.min(half, reach) + px) {
      problems.push(
        `the tick of ${fmt(t.value)} at ${fmt(t.point)} px stands off the drawn line (${fmt(-half)} to ${fmt(Math.min(half, reach))} px)`,
      );
    }
  }
  for (const l of p.labels) {
    const n = labelNumber(l.text);
    if (n === null) {
      problems.push(`a tick number reads "${l.text}": not a number`);
      continue;
    }
    const want = at(n);
    if (Math.abs(l.point - want) > px) {
      problems.push(
        `"${l.text}" is written at ${fmt(l.point)} px, but ${fmt(n)} is at ${fmt(want)} px (${fmt(p.min + ((l.point + half) / p.length) * (p.max - p.min))} is there)`,
      );
    }
    if (l.point < -half - px || l.point > Math.min(half, reach) + px) {
      problems.push(
        `"${l.text}" at ${fmt(l.point)} px is written off the drawn line`,
      );
    }
  }
  return problems;
};
