/**
 * Holds a ChainStack's picture to the math: recomputes, from the maps alone,
 * where the interval lands on every line and what each label and readout
 * should say, and lists every contradiction with what was drawn.
 *
 * @remarks
 * Independent of src/geometry/chainStack.ts (only its probe type is
 * imported): the image of the interval is found here by sampling the
 * composition densely with `fn.value`, the factors with {@link chainAt}.
 */
import {chainAt, formatFixed, numberToPoint} from '../math';
import type {Derivative, RealFunction, Scale} from '../math';
import type {
  ChainStackProbe,
  ChainStackReadoutProbe,
} from '../geometry/chainStack';
import {sampledRange} from './common';
import {TOLERANCE, type Checker} from './types';

/** Samples of the composition over the interval (plus its two ends). */
const SAMPLES = 4000;

/** How far a drawn ratio of lengths may stray from the factor a readout claims (relative). */
export const RATIO_TOLERANCE = 0.02;

/** Every non-finite number (and unexpected null) in a JSON-safe record, by path. */
function nonFinite(value: unknown, path: string, out: string[]): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(`${path} is ${value}`);
  } else if (value === null) {
    // A readout's or label's value is null when the math says "undefined";
    // the factor and product fields likewise. Anywhere else a null is a NaN
    // that JSON turned into null.
    if (
      !/\.(value|factor|product|moving|marker)$|^probe\.factors\[\d+\]$/u.test(
        path,
      )
    ) {
      out.push(`${path} is null (NaN or Infinity before JSON)`);
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => nonFinite(v, `${path}[${i}]`, out));
  } else if (typeof value === 'object' && value !== undefined) {
    for (const [k, v] of Object.entries(value)) {
      nonFinite(v, `${path}.${k}`, out);
    }
  }
}

/** The composition of the first k maps, by their values alone. */
function valueThrough(fns: readonly RealFunction[], k: number, x: number) {
  let v = x;
  for (let i = 0; i < k; i++) v = fns[i].value(v);
  return v;
}

function fmt(v: number, digits = 3): string {
  return Number.isFinite(v) ? v.toFixed(digits) : String(v);
}

/** ", 40.3% off" when the expected length is at least a pixel (a percentage of nothing says nothing). */
function percentOff(miss: number, expectedPx: number): string {
  return expectedPx >= 1 ? `, ${fmt((100 * miss) / expectedPx, 1)}% off` : '';
}

function value(d: Derivative): number {
  return d.defined ? d.value : Number.NaN;
}

/** The number a readout's text shows after "=", or NaN ("undefined"). */
function shownNumber(text: string): number {
  const tail = text.slice(text.lastIndexOf('=') + 1).trim();
  return Number(tail.replace(/\u2212/gu, '-'));
}

/** A readout against the math: its value and the number its text shows. */
function checkReadout(
  where: string,
  readout: ChainStackReadoutProbe,
  math: Derivative,
  out: string[],
): void {
  const expected = value(math);
  if (!math.defined) {
    if (readout.value !== null || !/undefined$/u.test(readout.text)) {
      out.push(
        `${where} shows "${readout.text}" but the math says it is undefined (${math.reason})`,
      );
    }
    return;
  }
  if (
    readout.value === null ||
    Math.abs(readout.value - expected) > 1e-9 * Math.max(1, Math.abs(expected))
  ) {
    out.push(
      `${where} holds ${readout.value} but the chain rule gives ${expected}`,
    );
  }
  const shown = shownNumber(readout.text);
  if (!(Math.abs(shown - expected) <= 0.005 + 1e-9)) {
    out.push(
      `${where} reads "${readout.text}" but the chain rule gives ${formatFixed(math)}`,
    );
  }
}

/**
 * A ChainStack's probe against its maps: the box on every line spans the
 * true image of [x − dx/2, x + dx/2] under the composition so far (within
 * 1 px); every length label equals the length of the box it names (within
 * 1 %, or 1 px); every readout is the chain rule's number; each drawn ratio
 * of lengths agrees with the factor or product a readout claims for it
 * (within 2 %, or 1 px where the box is too short for a percentage to be
 * drawable); the swept regions join the boxes and cross exactly where the
 * interval is reversed; the box in flight stays between its two lines; the
 * point's marker on line k sits at the point's image under the first k maps
 * (x, g(x), f(g(x)), ...) on that line (within 1 px), shown or not.
 */
export const checkChainStack: Checker<ChainStackProbe, RealFunction[]> = (
  probe,
  fns,
) => {
  const out: string[] = [];
  nonFinite(probe, 'probe', out);
  if (out.length > 0) return out;
  const n = fns.length;
  if (probe.lines.length !== n + 1 || probe.stages.length !== n) {
    return [
      `${n} maps need ${n + 1} lines and ${n} stages, the probe has ${probe.lines.length} lines and ${probe.stages.length} stages`,
    ];
  }
  if (!(probe.dx > 0))
    return [`dx must be positive, the probe has ${probe.dx}`];

  const a = probe.x - probe.dx / 2;
  const b = probe.x + probe.dx / 2;
  const chain = chainAt(fns, probe.x);
  const scales: Scale[] = probe.lines.map(line => ({
    min: line.range[0],
    max: line.range[1],
    length: line.length,
  }));
  /** Pixels per unit of line k (unsigned). */
  const ppu = (k: number) =>
    Math.abs(scales[k].length / (scales[k].max - scales[k].min));
  const drawnLength = (k: number) =>
    probe.lines[k].box.right - probe.lines[k].box.left;
  /** The sign of the change of the first k maps over [a, b]; 0 when too small to see. */
  const orientation = (k: number): number => {
    const change = valueThrough(fns, k, b) - valueThrough(fns, k, a);
    return Math.abs(change) * ppu(k) < TOLERANCE.px ? 0 : Math.sign(change);
  };

  // Factors and readouts are the chain rule's.
  chain.stages.forEach((stage, i) => {
    const shown = probe.factors[i];
    const expected = value(stage.factor);
    if (
      stage.factor.defined
        ? shown === null || Math.abs(shown - expected) > 1e-9
        : shown !== null
    ) {
      out.push(
        `stage ${i + 1}: factor ${shown} but the math gives ${expected}`,
      );
    }
    checkReadout(
      `stage ${i + 1}: factor readout`,
      probe.stages[i].readout,
      stage.factor,
      out,
    );
  });

  probe.lines.forEach((line, k) => {
    const where = `line ${k + 1}`;
    const scale = scales[k];
    // The box spans the true image of the interval.
    const [lo, hi] = sampledRange(x => valueThrough(fns, k, x), a, b, SAMPLES);
    const p0 = numberToPoint(scale, lo);
    const p1 = numberToPoint(scale, hi);
    const left = Math.min(p0, p1);
    const right = Math.max(p0, p1);
    const off = Math.max(
      Math.abs(line.box.left - left),
      Math.abs(line.box.right - right),
    );
    if (!(off <= TOLERANCE.px)) {
      out.push(
        `${where}: the box spans ${fmt(line.box.left, 1)} to ${fmt(line.box.right, 1)} px, ` +
          `but the image of [${fmt(a, 4)}, ${fmt(b, 4)}] is [${fmt(lo, 4)}, ${fmt(hi, 4)}], ` +
          `${fmt(left, 1)} to ${fmt(right, 1)} px (off by ${fmt(off, 1)} px)`,
      );
    }
    const q0 = numberToPoint(scale, line.interval[0]);
    const q1 = numberToPoint(scale, line.interval[1]);
    if (!(
      Math.abs(Math.min(q0, q1) - line.box.left) <= TOLERANCE.px &&
      Math.abs(Math.max(q0, q1) - line.box.right) <= TOLERANCE.px
    )) {
      out.push(
        `${where}: the probe says the interval is [${fmt(line.interval[0], 4)}, ${fmt(line.interval[1], 4)}] but its box is drawn elsewhere`,
      );
    }
    if (!(Math.abs(line.box.y - line.y) <= TOLERANCE.px)) {
      out.push(
        `${where}: the box is at y = ${fmt(line.box.y, 1)}, off its line at y = ${fmt(line.y, 1)}`,
      );
    }

    // The length label names the drawn length: |first k factors' product|·dx.
    const running =
      k === 0 ? 1 : value(chainAt(fns.slice(0, k), probe.x).product);
    const named = Math.abs(running) * probe.dx;
    const length = drawnLength(k);
    if (line.label.tex !== '') {
      if (
        line.label.value === null
          ? Number.isFinite(named)
          : !(Math.abs(line.label.value - named) <= 1e-9 * Math.max(1, named))
      ) {
        out.push(
          `${where}: the label "${line.label.tex}" is given the value ${line.label.value}, but it names ${fmt(named, 4)}`,
        );
      }
      const namedPx = named * ppu(k);
      const miss = Math.abs(length - namedPx);
      if (!(miss <= Math.max(TOLERANCE.relative * namedPx, TOLERANCE.px))) {
        out.push(
          `${where}: the label "${line.label.tex}" names ${fmt(named)} but the box is ` +
            `${fmt(length / ppu(k))} long (${fmt(length, 1)} px against ${fmt(namedPx, 1)} px${percentOff(miss, namedPx)})`,
        );
      }
      const centre = (line.box.left + line.box.right) / 2;
      if (!(Math.abs(line.label.x - centre) <= TOLERANCE.px)) {
        out.push(
          `${where}: the label "${line.label.tex}" is at x = ${fmt(line.label.x, 1)}, not over its box (centre ${fmt(centre, 1)})`,
        );
      }
    }

    // The point's marker sits where the maps so far take the point.
    const image = valueThrough(fns, k, probe.x);
    const marker = line.marker;
    if (marker === null) {
      if (Number.isFinite(image)) {
        out.push(
          `${where}: no marker, but the point lands at ${fmt(image, 4)}`,
        );
      }
    } else if (!Number.isFinite(image)) {
      out.push(
        `${where}: a marker at ${fmt(marker.x, 1)} px, but the point has no image here (${image})`,
      );
    } else {
      const expected = numberToPoint(scale, image);
      const off = Math.hypot(marker.x - expected, marker.y - line.y);
      if (!(off <= TOLERANCE.px)) {
        out.push(
          `${where}: the marker is at (${fmt(marker.x, 1)}, ${fmt(marker.y, 1)}) px, ` +
            `but the point lands at ${fmt(image, 4)}, (${fmt(expected, 1)}, ${fmt(line.y, 1)}) px (off by ${fmt(off, 1)} px)`,
        );
      }
    }

    // The running product readout (lines 3, ...) is the chain rule's.
    if (k >= 2) {
      if (line.product === null) {
        out.push(`${where}: the running product readout is missing`);
      } else {
        checkReadout(
          `${where}: product readout`,
          line.product,
          chainAt(fns.slice(0, k), probe.x).product,
          out,
        );
      }
    }
  });

  // Drawn ratios against the factors the readouts claim: line k / line 1
  // against the running product (g'(x) on line 2, the product on line 3, ...),
  // line i + 1 / line i against stage i's factor.
  const ratioCheck = (
    what: string,
    k: number,
    base: number,
    claimed: number | null,
  ) => {
    if (claimed === null) return;
    const baseLength = drawnLength(base) / ppu(base);
    const length = drawnLength(k);
    const expectedPx = Math.abs(claimed) * baseLength * ppu(k);
    const miss = Math.abs(length - expectedPx);
    if (!(miss <= Math.max(RATIO_TOLERANCE * expectedPx, TOLERANCE.px))) {
      const sign = orientation(k) * orientation(base) < 0 ? -1 : 1;
      const ratio = (sign * length) / ppu(k) / baseLength;
      out.push(
        `line ${k + 1}: drawn length / length on line ${base + 1} = ${fmt(ratio, 2)} but ${what} reads ${fmt(claimed, 2)} ` +
          `(${fmt(length, 1)} px against ${fmt(expectedPx, 1)} px${percentOff(miss, expectedPx)})`,
      );
    }
  };
  for (let k = 1; k <= n; k++) {
    ratioCheck(
      k === 1
        ? `the factor readout "${probe.stages[0].readout.text}"`
        : `the product readout "${probe.lines[k].product?.text ?? ''}"`,
      k,
      0,
      k === 1
        ? probe.stages[0].readout.value
        : (probe.lines[k].product?.value ?? null),
    );
    if (k >= 2) {
      ratioCheck(
        `the factor readout "${probe.stages[k - 1].readout.text}"`,
        k,
        k - 1,
        probe.stages[k - 1].readout.value,
      );
    }
  }

  // Each swept region joins the box on line i to the box on line i + 1, and
  // crosses itself exactly where map i reverses the interval.
  probe.stages.forEach((stage, i) => {
    const where = `map ${i + 1}`;
    const t = stage.trapezoid;
    if (t.length !== 4) {
      out.push(`${where}: the swept region has ${t.length} corners, not 4`);
      return;
    }
    const top = probe.lines[i].box;
    const bottom = probe.lines[i + 1].box;
    const matches = (xs: number[], box: {left: number; right: number}) => {
      const [u, v] = [Math.min(...xs), Math.max(...xs)];
      return (
        Math.abs(u - box.left) <= TOLERANCE.px &&
        Math.abs(v - box.right) <= TOLERANCE.px
      );
    };
    if (!matches([t[0][0], t[1][0]], top)) {
      out.push(
        `${where}: the swept region starts at ${fmt(t[0][0], 1)}..${fmt(t[1][0], 1)} px, not at the box on line ${i + 1}`,
      );
    }
    if (!matches([t[2][0], t[3][0]], bottom)) {
      out.push(
        `${where}: the swept region ends at ${fmt(t[3][0], 1)}..${fmt(t[2][0], 1)} px, not at the box on line ${i + 2}`,
      );
    }
    const before = orientation(i);
    const after = orientation(i + 1);
    if (before !== 0 && after !== 0) {
      const crossed =
        Math.sign(t[1][0] - t[0][0]) !== Math.sign(t[2][0] - t[3][0]);
      if (crossed !== (before !== after)) {
        out.push(
          `${where}: the swept region ${crossed ? 'crosses' : 'does not cross'}, but the map ${before !== after ? 'reverses' : 'keeps'} the order of the interval's ends`,
        );
      }
    }
  });

  // The box in flight stays between the boxes it travels from and to.
  if (probe.moving && probe.moving.opacity > 0) {
    const p = Math.min(n, Math.max(0, probe.progress));
    const i = Math.min(Math.floor(p), n - 1);
    const from = probe.lines[i];
    const to = probe.lines[i + 1];
    const xs = [from.box.left, from.box.right, to.box.left, to.box.right];
    const m = probe.moving;
    if (!(
      m.left >= Math.min(...xs) - TOLERANCE.px &&
      m.right <= Math.max(...xs) + TOLERANCE.px &&
      m.y >= Math.min(from.y, to.y) - TOLERANCE.px &&
      m.y <= Math.max(from.y, to.y) + TOLERANCE.px
    )) {
      out.push(
        `the box in flight (${fmt(m.left, 1)} to ${fmt(m.right, 1)} px at y = ${fmt(m.y, 1)}) strays from lines ${i + 1} and ${i + 2}`,
      );
    }
  }
  return out;
};
