/**
 * Checks a ZoomInset's drawing against its function: recomputed here from f
 * and the inner lines' ranges, not with the inset's geometry code.
 */
import type {ZoomInsetProbe} from '../geometry/zoomInset';
import {derivativeAt} from '../math/derivative';
import type {RealFunction} from '../math/types';
import {
  CASE_LOOK,
  checkReadoutText,
  close,
  compatibleKinds,
  nonFinite,
  numberInText,
  fmt,
} from './common';
import {type Checker, TOLERANCE} from './types';

/** The inset draws a box narrower than this (a collapse) this wide, centred, so it stays visible. */
const MIN_VISIBLE_BOX = 3;

/** A stretch as a caption names it: its case and its signed factor. */
export interface NamedStretch {
  readonly kind: string;
  /** The signed factor the caption states (−2 for "Flip and scale by 2"); null for "Undefined". */
  readonly factor: number | null;
  /** Half a unit in the factor's last printed digit: how far the printed factor may be off. */
  readonly rounding: number;
}

/** A caption's factor: "3", "1/2", "1.50". */
function factorText(text: string): {value: number; rounding: number} | null {
  const fraction = /^(\d+)\/(\d+)$/.exec(text);
  if (fraction) {
    return {value: Number(fraction[1]) / Number(fraction[2]), rounding: 1e-9};
  }
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return null;
  const decimals = m[2]?.length ?? 0;
  return {value: Number(text), rounding: 0.5 * 10 ** -decimals};
}

/**
 * What a caption says the map does ("Scale by 3", "Scale by 1/2", "Flip and
 * scale by 2", "Flip", "No stretch", "Collapse", "Undefined"), or null when
 * it says none of these.
 */
export function parseStretchCaption(caption: string): NamedStretch | null {
  const text = caption.trim();
  if (text === 'Collapse') return {kind: 'collapse', factor: 0, rounding: 0};
  if (text === 'No stretch') return {kind: 'unit', factor: 1, rounding: 0};
  if (text === 'Flip') return {kind: 'flip', factor: -1, rounding: 0};
  if (text === 'Undefined')
    return {kind: 'undefined', factor: null, rounding: 0};
  const flip = /^Flip and scale by (.+)$/.exec(text);
  if (flip) {
    const f = factorText(flip[1]);
    return f ? {kind: 'flip', factor: -f.value, rounding: f.rounding} : null;
  }
  const scale = /^Scale by (.+)$/.exec(text);
  if (scale) {
    const f = factorText(scale[1]);
    if (!f || f.value === 1) return null;
    return {
      kind: f.value > 1 ? 'stretch' : 'squish',
      factor: f.value,
      rounding: f.rounding,
    };
  }
  return null;
}

type Line = ZoomInsetProbe['inputLine'];

/** The pixel x of the number v on an inner line. */
function xOn(line: Line, v: number): number {
  return line.x + ((v - line.min) / (line.max - line.min) - 0.5) * line.length;
}

/** Pixels per unit along an inner line. */
function unitOf(line: Line): number {
  return line.length / (line.max - line.min);
}

/**
 * Problems with what a zoom inset drew; none when its dots, arrows and boxes
 * are where f puts them and its caption, colour and zoom label say what is drawn.
 */
export const checkZoomInset: Checker<ZoomInsetProbe, RealFunction> = (
  p,
  fn,
) => {
  const problems = nonFinite(p).map(path => `${path} is not a finite number`);
  if (problems.length > 0 || p.opacity <= 0.01) return problems;
  const px = TOLERANCE.px;
  const rel = TOLERANCE.relative;
  const {inputLine: inLine, outputLine: outLine} = p;
  if (
    !(inLine.length > 0 && outLine.length > 0) ||
    inLine.min === inLine.max ||
    outLine.min === outLine.max
  ) {
    return ['an inner line has no scale (no length, or min = max)'];
  }

  // One magnification for both lines: that is what makes the frame the local linear map.
  const unit = unitOf(inLine);
  if (!close(unitOf(outLine), unit, rel, 0)) {
    problems.push(
      `the output line is drawn at ${fmt(unitOf(outLine))} px per unit, the input line at ${fmt(unit)}: the frame is not one magnification`,
    );
  }
  const used = unit / p.baseUnit;
  const label = numberInText(p.zoomLabel);
  if (!label) {
    problems.push(`the zoom label reads "${p.zoomLabel}": no number in it`);
  } else if (
    Math.abs(label.value - used) >
    0.5 * 10 ** -label.decimals + 1e-9 * used
  ) {
    problems.push(
      `the zoom label reads "${p.zoomLabel}", but the lines are magnified ×${fmt(used)}`,
    );
  }

  // The local ticks: x − dx, x, x + dx.
  const [a, x, b] = p.ticks;
  if (p.ticks.length !== 3) {
    problems.push(
      `expected the three ticks x − dx, x, x + dx, got ${p.ticks.length}`,
    );
    return problems;
  }
  const pxOf = (v: number) => Math.abs(v) * unit;
  if (
    pxOf(x - p.point) > px ||
    pxOf(b - x - p.dx) > px ||
    pxOf(x - a - p.dx) > px
  ) {
    problems.push(
      `the ticks ${fmt(a)}, ${fmt(x)}, ${fmt(b)} are not x − dx, x, x + dx for x = ${fmt(p.point)}, dx = ${fmt(p.dx)}`,
    );
  }
  const images = p.ticks.map(t => fn.value(t));
  p.ticks.forEach((t, i) => {
    const wantIn = xOn(inLine, t);
    if (Math.abs(p.inputPixels[i] - wantIn) > px) {
      problems.push(
        `the dot of ${fmt(t)} is drawn at x = ${fmt(p.inputPixels[i])} px, but ${fmt(t)} is at ${fmt(wantIn)} px`,
      );
    }
    const y = images[i];
    const drawn = p.outputPixels[i];
    const arrow = p.connectors[i];
    if (!Number.isFinite(y)) {
      if (drawn !== null || arrow !== null) {
        problems.push(`f(${fmt(t)}) is undefined, yet an image of it is drawn`);
      }
      return;
    }
    const wantOut = xOn(outLine, y);
    if (drawn === null) {
      problems.push(`f(${fmt(t)}) = ${fmt(y)} is not drawn`);
    } else if (Math.abs(drawn - wantOut) > px) {
      problems.push(
        `the image of ${fmt(t)} lands at x = ${fmt(drawn)} px, but f(${fmt(t)}) = ${fmt(y)} is at ${fmt(wantOut)} px`,
      );
    }
    if (arrow) {
      const [from, to] = arrow;
      if (
        Math.hypot(from[0] - wantIn, from[1] - inLine.y) > px ||
        Math.hypot(to[0] - wantOut, to[1] - outLine.y) > px
      ) {
        problems.push(
          `the arrow from ${fmt(t)} runs (${fmt(from[0])}, ${fmt(from[1])}) → (${fmt(to[0])}, ${fmt(to[1])}), not from ${fmt(t)} to f(${fmt(t)}) = ${fmt(y)} at (${fmt(wantOut)}, ${fmt(outLine.y)})`,
        );
      }
    } else {
      problems.push(`no arrow joins ${fmt(t)} to its image`);
    }
  });

  problems.push(...checkCloseUp(p, fn, unit));

  // The boxes on [x, x + dx] and on its image.
  const ends = (l: number, r: number) => [Math.min(l, r), Math.max(l, r)];
  const [inL, inR] = ends(xOn(inLine, x), xOn(inLine, b));
  if (
    Math.abs(p.inputBox.left - inL) > px ||
    Math.abs(p.inputBox.right - inR) > px
  ) {
    problems.push(
      `the box on [${fmt(x)}, ${fmt(b)}] spans ${fmt(p.inputBox.left)}..${fmt(p.inputBox.right)} px, not ${fmt(inL)}..${fmt(inR)} px`,
    );
  }
  if (Number.isFinite(images[1]) && Number.isFinite(images[2])) {
    const [outL, outR] = ends(xOn(outLine, images[1]), xOn(outLine, images[2]));
    const box = p.outputBox;
    const widened =
      box !== null &&
      outR - outL < MIN_VISIBLE_BOX &&
      Math.abs((box.left + box.right) / 2 - (outL + outR) / 2) <= px &&
      box.right - box.left <= MIN_VISIBLE_BOX + px;
    if (!box) {
      problems.push(`the image of [${fmt(x)}, ${fmt(b)}] is not boxed`);
    } else if (
      !widened &&
      (Math.abs(box.left - outL) > px || Math.abs(box.right - outR) > px)
    ) {
      problems.push(
        `the image box spans ${fmt(box.left)}..${fmt(box.right)} px, but f maps [${fmt(x)}, ${fmt(b)}] to ${fmt(outL)}..${fmt(outR)} px`,
      );
    }
  }

  // The caption names the stretch drawn: output spacing over input spacing, signed.
  if (p.captionOpacity > 0.01) {
    const named = parseStretchCaption(p.caption);
    const d = derivativeAt(fn, p.point);
    if (!named) {
      problems.push(`the caption reads "${p.caption}": no stretch named`);
    } else if (!d.defined || named.kind === 'undefined') {
      if (d.defined || named.kind !== 'undefined') {
        problems.push(
          d.defined
            ? `the caption reads "${p.caption}", but f'(${fmt(p.point)}) = ${fmt(d.value)}`
            : `the caption reads "${p.caption}", but f'(${fmt(p.point)}) is undefined (${d.reason})`,
        );
      }
    } else {
      // The widest pair of drawn images: x ± dx, else the box's [x, x + dx] or [x − dx, x].
      const pairs: [number, number][] = [
        [0, 2],
        [1, 2],
        [0, 1],
      ];
      const pair = pairs.find(
        ([i, j]) => p.outputPixels[i] !== null && p.outputPixels[j] !== null,
      );
      if (pair) {
        const [i, j] = pair;
        const run = p.inputPixels[j] - p.inputPixels[i];
        const rise = p.outputPixels[j]! - p.outputPixels[i]!;
        const ratio = rise / run;
        const tol = px / Math.abs(run);
        const factor = named.factor ?? Number.NaN;
        if (
          !compatibleKinds(ratio, tol).has(named.kind) ||
          !close(ratio, factor, rel, tol + named.rounding)
        ) {
          problems.push(
            `the caption reads "${p.caption}", but the images are drawn ${fmt(ratio)} times as far apart as their inputs`,
          );
        }
      }
    }
    if (named) {
      const look = CASE_LOOK[named.kind];
      if (look && look.color.toLowerCase() !== p.color.toLowerCase()) {
        problems.push(
          `"${p.caption}" is drawn in ${p.color}, but a ${look.name} is shown in ${look.color}`,
        );
      }
      if (p.kind !== named.kind) {
        problems.push(
          `the inset reports the case "${p.kind}", but its caption reads "${p.caption}"`,
        );
      }
    }
  }
  return problems;
};

/**
 * Problems with the close-up's dots and readout: the dots must be evenly
 * spaced over point ± spread × the visible half-range, each drawn on the
 * straight path from its number on the input line to f of it on the output
 * line, `progress` of the way (so a landed dot sits at f(x) within 1 px), and
 * the readout must print what the landed dots do.
 */
function checkCloseUp(p: ZoomInsetProbe, fn: RealFunction, unit: number) {
  const problems: string[] = [];
  const n = p.dots.length;
  if (n === 0) {
    if (p.readout) problems.push('a readout is written, but no dots are drawn');
    return problems;
  }
  const px = TOLERANCE.px;
  const {inputLine: inLine, outputLine: outLine} = p;
  const half = ((inLine.max - inLine.min) / 2) * p.spread;
  const values = p.dots.map(d => d.value);
  values.forEach((v, i) => {
    const want = p.point - half + (2 * half * i) / Math.max(1, n - 1);
    if (Math.abs(v - want) * unit > px) {
      problems.push(
        `dot ${i} stands for ${fmt(v)}, but ${n} dots evenly over ${fmt(p.point)} ± ${fmt(half)} put it at ${fmt(want)}`,
      );
    }
  });
  const images = values.map(v => fn.value(v));
  if (p.dotsOpacity > 0.01) {
    p.dots.forEach((d, i) => {
      const y = images[i];
      const from: [number, number] = [xOn(inLine, d.value), inLine.y];
      if (!Number.isFinite(y)) {
        if (d.landed) {
          problems.push(
            `f(${fmt(d.value)}) is undefined, yet dot ${i} is drawn landing`,
          );
        }
        return;
      }
      if (!d.landed) {
        problems.push(
          `f(${fmt(d.value)}) = ${fmt(y)}, yet dot ${i} never lands`,
        );
        return;
      }
      const to: [number, number] = [xOn(outLine, y), outLine.y];
      const t = p.progress;
      const want = [
        from[0] + (to[0] - from[0]) * t,
        from[1] + (to[1] - from[1]) * t,
      ];
      if (Math.hypot(d.at[0] - want[0], d.at[1] - want[1]) > px) {
        problems.push(
          t >= 1
            ? `dot ${i} lands at (${fmt(d.at[0])}, ${fmt(d.at[1])}), but f(${fmt(d.value)}) = ${fmt(y)} is at (${fmt(to[0])}, ${fmt(to[1])})`
            : `dot ${i} is drawn at (${fmt(d.at[0])}, ${fmt(d.at[1])}), off its path from ${fmt(d.value)} to f(${fmt(d.value)}) = ${fmt(y)}: ${fmt(t)} of the way is (${fmt(want[0])}, ${fmt(want[1])})`,
        );
      }
    });
  }
  const r = p.readout;
  if (r && r.opacity > 0.01) {
    const finite = images.every(y => Number.isFinite(y));
    let value: number | null = null;
    if (finite && r.kind === 'spacing' && n >= 3) {
      const gaps = images.slice(1).map((y, i) => Math.abs(y - images[i]));
      const smallest = Math.min(...gaps);
      value = smallest > 0 ? Math.max(...gaps) / smallest : null;
    } else if (finite && r.kind === 'factor') {
      const span = values[n - 1] - values[0];
      value =
        span > 0 ? (Math.max(...images) - Math.min(...images)) / span : null;
    }
    problems.push(
      ...checkReadoutText(
        r.kind === 'spacing'
          ? 'the landed spacing readout'
          : 'the local factor readout',
        r.text,
        value,
      ),
    );
  }
  return problems;
}
