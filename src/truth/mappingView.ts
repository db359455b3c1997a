/**
 * Checks a MappingView's drawing against its function, recomputed here from
 * f and the two lines' drawn ends, not with the component's geometry code:
 * every dot on its route from x to f(x) (straight, or bowed for a folded
 * part; landed dots exactly at f(x) or on the lane they were sent to), a
 * dot riding the deformed copy on the copy's drawn line, ghosts at x, arrows
 * along the path, the deforming copy of the input line (and its folded part)
 * at its place between x and f(x) and never joined across a break.
 */
import type {MappingLineProbe, MappingViewProbe} from '../geometry/mappingView';
import {valueAt} from '../math/derivative';
import type {RealFunction, Vector2} from '../math/types';
import {gradientColor} from '../theme';
import {fmt, nonFinite, pt} from './common';
import {type Checker, TOLERANCE} from './types';

/** Where the number v is on a line, from where its ends are drawn. */
function on(line: MappingLineProbe, v: number): Vector2 {
  const k = (v - line.min) / (line.max - line.min);
  return [
    line.from[0] + k * (line.to[0] - line.from[0]),
    line.from[1] + k * (line.to[1] - line.from[1]),
  ];
}

function lerp(a: Vector2, b: Vector2, t: number): Vector2 {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}

/** The bowed route from a to b at progress t: off the chord by bend·|chord|·sin(πt), along the chord turned a quarter clockwise (y down). */
function bowed(a: Vector2, b: Vector2, t: number, bend: number): Vector2 {
  const [cx, cy] = lerp(a, b, t);
  const sag = bend * Math.sin(Math.PI * t);
  return [cx - (b[1] - a[1]) * sag, cy + (b[0] - a[0]) * sag];
}

/** Distance from p to the nearest point of a polyline. */
function toPolyline(p: Vector2, line: readonly Vector2[]): number {
  if (line.length === 1) return distance(p, line[0]);
  let best = Infinity;
  for (let i = 1; i < line.length; i++) {
    const s = alongSegment(p, line[i - 1], line[i]);
    const k = Math.min(1, Math.max(0, s.k));
    best = Math.min(best, distance(p, lerp(line[i - 1], line[i], k)));
  }
  return best;
}

const shifted = (p: Vector2, by: Vector2): Vector2 => [
  p[0] + by[0],
  p[1] + by[1],
];

const distance = (a: Vector2, b: Vector2) =>
  Math.hypot(a[0] - b[0], a[1] - b[1]);

/** Pixels per unit along a line. */
function unitPx(line: MappingLineProbe): number {
  return distance(line.from, line.to) / Math.abs(line.max - line.min);
}

/** Distance of p from the line through a and b, and where along a→b it falls (0 at a, 1 at b). */
function alongSegment(p: Vector2, a: Vector2, b: Vector2) {
  const d: Vector2 = [b[0] - a[0], b[1] - a[1]];
  const length = Math.hypot(d[0], d[1]);
  if (length === 0) return {off: distance(p, a), k: 0, length};
  const k = ((p[0] - a[0]) * d[0] + (p[1] - a[1]) * d[1]) / length ** 2;
  const off = Math.abs((p[0] - a[0]) * d[1] - (p[1] - a[1]) * d[0]) / length;
  return {off, k, length};
}

/**
 * Whether f's image of [a, b] has a break (undefined somewhere, a pole or a
 * step): halving towards the half whose image moves further on the output
 * line, a continuous f leaves less than a pixel once the piece is tiny.
 */
function breaksBetween(
  fn: RealFunction,
  a: number,
  b: number,
  px: (y: number) => number,
): boolean {
  let lo = a;
  let hi = b;
  const fa = valueAt(fn, lo);
  const fb = valueAt(fn, hi);
  if (fa === undefined || fb === undefined) return true;
  let pLo = px(fa);
  let pHi = px(fb);
  for (let i = 0; i < 50; i++) {
    if (i >= 20 && Math.abs(pHi - pLo) < 0.01) return false;
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    const fm = valueAt(fn, mid);
    if (fm === undefined) return true;
    const pMid = px(fm);
    if (Math.abs(pMid - pLo) > Math.abs(pHi - pMid)) {
      hi = mid;
      pHi = pMid;
    } else {
      lo = mid;
      pLo = pMid;
    }
  }
  return Math.abs(pHi - pLo) > TOLERANCE.px;
}

/** Problems with what a mapping drew; none when the picture is the math. */
export const checkMappingView: Checker<MappingViewProbe, RealFunction> = (
  p,
  fn,
) => {
  const problems = nonFinite(p).map(path => `${path} is not a finite number`);
  if (problems.length > 0) return problems;
  const tol = TOLERANCE.px;
  for (const [name, line] of [
    ['input', p.input],
    ['output', p.output],
  ] as const) {
    if (line.min === line.max || distance(line.from, line.to) === 0) {
      return [`the ${name} line is degenerate`];
    }
  }
  const input = (x: number) => on(p.input, x);
  const output = (y: number) => on(p.output, y);
  const outLo = Math.min(p.output.min, p.output.max);
  const outHi = Math.max(p.output.min, p.output.max);
  const outUnit = unitPx(p.output);
  const n = p.samples.length;

  // Dots: one per sample where f is defined, none where it is not.
  const dotsByIndex = new Map<number, MappingViewProbe['dots'][number][]>();
  for (const d of p.dots) {
    dotsByIndex.set(d.index, [...(dotsByIndex.get(d.index) ?? []), d]);
  }
  p.samples.forEach((x, i) => {
    const here = dotsByIndex.get(i) ?? [];
    const fx = valueAt(fn, x);
    if (fx === undefined && here.length > 0) {
      problems.push(`a dot is drawn for x = ${fmt(x)}, where f is undefined`);
    } else if (fx !== undefined && here.length !== 1) {
      problems.push(
        `sample x = ${fmt(x)} has ${here.length} dots; f(x) = ${fmt(fx)} needs one`,
      );
    }
  });
  for (const [i] of dotsByIndex) {
    if (!(i >= 0 && i < n))
      problems.push(`dot ${i} is not one of the ${n} samples`);
  }

  for (const d of p.dots) {
    const label = `the dot for x = ${fmt(d.x)}`;
    if (d.index >= 0 && d.index < n && p.samples[d.index] !== d.x) {
      problems.push(
        `${label} is dot ${d.index}, whose sample is ${fmt(p.samples[d.index])}`,
      );
    }
    const fx = valueAt(fn, d.x);
    if (fx === undefined) continue;
    if (Math.abs(d.fx - fx) * outUnit > tol) {
      problems.push(
        `${label} claims f(x) = ${fmt(d.fx)}, but f(x) = ${fmt(fx)}`,
      );
    }
    if (!(d.t >= 0 && d.t <= 1)) {
      problems.push(`${label} is at progress ${fmt(d.t)}, outside 0..1`);
      continue;
    }
    const from = input(d.x);
    const to = shifted(output(fx), d.offset);
    const want = bowed(from, to, d.t, d.bend);
    const lane =
      Math.hypot(...d.offset) > 0
        ? ` (its lane, ${fmt(Math.hypot(...d.offset))} px off the output line)`
        : ' on the output line';
    if (distance(d.position, want) > tol) {
      problems.push(
        d.t === 1
          ? `${label} landed at ${pt(d.position)}, but f(x) = ${fmt(fx)} is at ${pt(want)}${lane}`
          : `${label} is at ${pt(d.position)}, but its ${d.bend === 0 ? 'path' : 'arc'} from x to f(x) = ${fmt(fx)} is at ${pt(want)} at progress ${fmt(d.t)}`,
      );
    }
    if (d.riding && p.copy && d.alpha > 0.01) {
      // It rides the copy: its part of the copy must be where it is, at its progress.
      const part = p.copy.fold && d.x < p.copy.fold.at ? p.copy.fold : p.copy;
      if (Math.abs(part.t - d.t) > 1e-9) {
        problems.push(
          `${label} rides the copy but is at progress ${fmt(d.t)}, its part of the copy at ${fmt(part.t)}`,
        );
      }
      const off = Math.min(
        ...part.lines.map(run =>
          toPolyline(
            d.position,
            run.map(q => q.at),
          ),
        ),
      );
      if (off > tol) {
        problems.push(
          `${label} rides the copy but is ${fmt(off)} px off its drawn line`,
        );
      }
    }
    const onLine = fx >= outLo - tol / outUnit && fx <= outHi + tol / outUnit;
    const surelyOn = fx >= outLo + tol / outUnit && fx <= outHi - tol / outUnit;
    if (d.onLine !== onLine && d.onLine !== surelyOn) {
      problems.push(
        `${label} says f(x) = ${fmt(fx)} is ${d.onLine ? 'on' : 'off'} the output line [${fmt(outLo)}, ${fmt(outHi)}]`,
      );
    }
    if (!onLine && d.t === 1 && d.alpha > 0.01) {
      problems.push(
        `${label} is drawn landed, but f(x) = ${fmt(fx)} is beyond the output line`,
      );
    }
    const color = gradientColor(n > 1 ? d.index / (n - 1) : 0);
    if (d.color !== color) {
      problems.push(
        `${label} is ${d.color}; sample ${d.index} of ${n} is ${color}`,
      );
    }
    if (d.ghost && distance(d.ghost, from) > tol) {
      problems.push(
        `the ghost of x = ${fmt(d.x)} is at ${pt(d.ghost)}, but x is at ${pt(from)} on the input line`,
      );
    }
  }

  // Arrows: from x towards f(x), along the dot's path.
  for (const a of p.arrows) {
    const fx = valueAt(fn, a.x);
    if (fx === undefined) {
      problems.push(
        `an arrow is drawn from x = ${fmt(a.x)}, where f is undefined`,
      );
      continue;
    }
    const dot = p.dots.find(d => d.x === a.x);
    if (dot && dot.bend !== 0) {
      problems.push(
        `the arrow of x = ${fmt(a.x)} is straight, but its dot travels on an arc`,
      );
    }
    const from = input(a.x);
    const to = shifted(output(fx), dot ? dot.offset : [0, 0]);
    const s = alongSegment(a.start, from, to);
    const e = alongSegment(a.tip, from, to);
    const slack = s.length > 0 ? tol / s.length : 0;
    if (
      s.off > tol ||
      e.off > tol ||
      s.k < -slack ||
      e.k > 1 + slack ||
      e.k < s.k - slack
    ) {
      problems.push(
        `the arrow of x = ${fmt(a.x)} runs ${pt(a.start)} → ${pt(a.tip)}, off the path from x to f(x) = ${fmt(fx)}`,
      );
    }
    if (dot && dot.color !== a.color) {
      problems.push(
        `the arrow of x = ${fmt(a.x)} is ${a.color}, its dot ${dot.color}`,
      );
    }
  }

  // The deforming copy: each point between x and f(x) (shifted by the offset).
  const copy = p.copy;
  if (copy) {
    if (!(copy.t >= 0 && copy.t <= 1)) {
      problems.push(`the copy is at progress ${fmt(copy.t)}, outside 0..1`);
      return problems;
    }
    const dir: Vector2 = [
      p.output.to[0] - p.output.from[0],
      p.output.to[1] - p.output.from[1],
    ];
    for (const [name, offset] of [
      ['copy', copy.offset],
      ...(copy.fold ? [['folded part', copy.fold.offset] as const] : []),
    ] as const) {
      const along =
        (offset[0] * dir[0] + offset[1] * dir[1]) / Math.hypot(...dir);
      if (Math.abs(along) > tol) {
        problems.push(
          `the ${name} lands shifted ${fmt(along)} px along the output line: its ticks would stand beside their f(x)`,
        );
      }
    }
    const px = (y: number) => (y - p.output.min) * outUnit;
    const fold = copy.fold;
    if (fold && !(fold.t >= 0 && fold.t <= 1)) {
      problems.push(
        `the folded part is at progress ${fmt(fold.t)}, outside 0..1`,
      );
      return problems;
    }
    const parts = [
      {
        name: 'the copy',
        part: copy,
        bend: 0,
        inside: (x: number) => !fold || x >= fold.at,
      },
      ...(fold
        ? [
            {
              name: 'the folded part',
              part: fold,
              bend: fold.bend,
              inside: (x: number) => x <= fold.at,
            },
          ]
        : []),
    ];
    for (const {name, part, bend, inside} of parts) {
      const check = (what: string, x: number, at: Vector2) => {
        const fx = valueAt(fn, x);
        if (fx === undefined) {
          problems.push(`${what} carries x = ${fmt(x)}, where f is undefined`);
          return;
        }
        if (!inside(x)) {
          problems.push(
            `${what} carries x = ${fmt(x)}, which is on the other side of the fold at ${fmt(fold?.at ?? 0)}`,
          );
        }
        const want = bowed(
          input(x),
          shifted(output(fx), part.offset),
          part.t,
          bend,
        );
        if (distance(at, want) > tol) {
          problems.push(
            `${what} puts x = ${fmt(x)} at ${pt(at)}, but at progress ${fmt(part.t)} it is at ${pt(want)} (f(x) = ${fmt(fx)})`,
          );
        }
      };
      for (const line of part.lines) {
        line.forEach(({x, at}, i) => {
          check(name, x, at);
          if (i > 0 && part.t > 0 && breaksBetween(fn, line[i - 1].x, x, px)) {
            problems.push(
              `${name} joins x = ${fmt(line[i - 1].x)} to x = ${fmt(x)} across a break of f`,
            );
          }
        });
      }
      for (const tick of part.ticks) {
        check(
          fold && name === 'the folded part'
            ? 'a tick carried by the folded part'
            : 'a carried tick',
          tick.x,
          tick.at,
        );
        if (fold && name === 'the folded part' && tick.x === fold.at) {
          problems.push(
            `the tick at the fold x = ${fmt(fold.at)} is drawn twice`,
          );
        }
      }
    }
  }
  return problems;
};
