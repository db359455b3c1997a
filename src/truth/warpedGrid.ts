/**
 * Holds a WarpedGrid's drawing to its map: recomputes, from the probe's
 * inputs and the Map2D alone, where the tiny square must be, what area it
 * must have and what every readout must say, without the geometry code that
 * drew it. Pure TypeScript.
 */
import type {WarpedGridProbe} from '../geometry/warpedGrid';
import {stretchColor} from '../geometry/stretchStyle';
import {classifyStretch, stretchName} from '../math/interval';
import {determinant} from '../math/map2d';
import {numberToPoint} from '../math/scale';
import type {Map2D, Scale, Vector2} from '../math/types';
import {type Checker, TOLERANCE} from './types';

/**
 * How far a two-decimal readout may sit from the number it names: half its
 * last digit, plus float noise.
 */
const ROUNDING = 0.005 + 1e-9;

/**
 * A ratio this close to 0 or 1 (relative to the label tolerance) may be
 * named either way: "no stretch" or "stretch" for 1.004. Below the lower
 * bound a name must say a change; beyond the upper it must not.
 */
const NAME_TOLERANCE = {tight: 0.002, loose: TOLERANCE.relative} as const;

/**
 * The least change of area an area factor readout may show: it says the area
 * changes by a factor, and a square whose area changes by less than a tenth
 * does not show that (a shear, det J = 1, shows none at all).
 */
export const MIN_AREA_CHANGE = 0.1;

/** Every path in the probe whose value is not a finite number (JSON sends NaN and ±∞ as null). */
function nonFinite(value: unknown, path: string, out: string[]): void {
  if (value === null || value === undefined) {
    out.push(`${path} is ${value}: a number was NaN or infinite`);
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(`${path} is ${value}`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => nonFinite(v, `${path}[${i}]`, out));
  } else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value))
      nonFinite(v, `${path}.${k}`, out);
  }
}

/** The numbers written in a label, in order ("−1.25" and "-1.25" alike). */
function numbersIn(text: string): number[] {
  return [...text.replace(/\u2212/g, '-').matchAll(/-?\d+(?:\.\d+)?/g)].map(m =>
    Number(m[0]),
  );
}

const fmt = (v: number, digits = 3) => v.toFixed(digits);
const fmtPx = (p: readonly number[]) => `(${fmt(p[0], 1)}, ${fmt(p[1], 1)})`;

/** The names a label may give a ratio: its classification at the tight and the loose tolerance. */
function namesFor(ratio: number): Set<string> {
  return new Set(
    [NAME_TOLERANCE.tight, NAME_TOLERANCE.loose].map(tol =>
      stretchName(classifyStretch(ratio, tol)),
    ),
  );
}

/** The colours a label may have for a ratio (as {@link namesFor}). */
function coloursFor(ratio: number): Set<string> {
  return new Set(
    [NAME_TOLERANCE.tight, NAME_TOLERANCE.loose].map(tol =>
      stretchColor(classifyStretch(ratio, tol).kind),
    ),
  );
}

/** The marker directions a drawn area ratio allows: by its sign, none when it has collapsed. */
function directionsFor(ratio: number): Set<string> {
  return new Set(
    [NAME_TOLERANCE.tight, NAME_TOLERANCE.loose].map(tol =>
      Math.abs(ratio) < tol
        ? 'none'
        : ratio > 0
          ? 'counterclockwise'
          : 'clockwise',
    ),
  );
}

const ORIENTATION_WORDS: Record<string, string> = {
  counterclockwise: 'orientation kept',
  clockwise: 'orientation flipped',
  none: 'area collapsed',
};

/** Signed area of a pixel polygon (y down), as a math-y-up area in px². */
function pixelArea(points: readonly (readonly number[])[]): number {
  let twice = 0;
  for (let i = 0; i < points.length; i++) {
    const [x0, y0] = points[i];
    const [x1, y1] = points[(i + 1) % points.length];
    twice += x0 * y1 - x1 * y0;
  }
  // y grows downwards on screen: a counterclockwise (math) polygon has
  // negative shoelace area in pixels.
  return -twice / 2;
}

/**
 * Checks a WarpedGrid's probe against its map; one line per contradiction.
 *
 * @remarks
 * Recomputed here, from the map and the probe's inputs (point, square size,
 * zoom, t and the axes) only:
 * - the drawn square: each corner, each outline point and the centre are at
 *   lerp(p, map(p), t), within {@link TOLERANCE}.px, in the view magnified
 *   `zoom` times about the drawn point;
 * - the readouts: J and det J at the point, the det's colour by its kind;
 * - the drawn area: the shoelace area of the outline as drawn (in pixels,
 *   back to math units) over the source square's h²; the marker turns by its
 *   sign, the orientation row says so, and both wear its colour;
 * - the area factor row, while it is visible: its number is that drawn ratio
 *   (within 1%), its name and colour are the ratio's, the square is small
 *   enough that the ratio is det J (within 1%), and the area does change (by
 *   at least {@link MIN_AREA_CHANGE}): a label saying the area changes by a
 *   factor must name a factor the picture shows;
 * - a close-up (`closeUp`), which claims its picture is the linear map J:
 *   every corner and outline point is where lerp(I, J, t) puts it about the
 *   drawn point, within {@link TOLERANCE}.px, so the map, seen that close,
 *   really is J;
 * - no number is NaN or infinite.
 */
export const checkWarpedGrid: Checker<WarpedGridProbe, Map2D> = (
  probe,
  map,
) => {
  const out: string[] = [];
  nonFinite(probe, 'probe', out);
  if (out.length > 0) return out;

  const {t, zoom, point} = probe;
  if (!(zoom > 0)) return [`zoom is ${zoom}: expected a positive zoom`];
  if (!(probe.squareSize > 0)) {
    return [`squareSize is ${probe.squareSize}: expected a positive side`];
  }
  const h = probe.squareSize / zoom;
  const drawn = (q: Vector2): Vector2 => {
    const m = map.value(q);
    return [q[0] + (m[0] - q[0]) * t, q[1] + (m[1] - q[1]) * t];
  };
  // The view: magnification `zoom` about the drawn point, which stays put.
  const focus = drawn(point);
  const about = (s: Scale, c: number): Scale => ({
    min: c + (s.min - c) / zoom,
    max: c + (s.max - c) / zoom,
    length: s.length,
  });
  const vx = about(probe.xScale, focus[0]);
  const vy = about(probe.yScale, focus[1]);
  const px = (q: Vector2): Vector2 => [
    numberToPoint(vx, q[0]),
    -numberToPoint(vy, q[1]),
  ];
  const off = (a: readonly number[], b: readonly number[]) =>
    Math.hypot(a[0] - b[0], a[1] - b[1]);

  // The square's corners, counterclockwise from the lower left.
  const src: Vector2[] = [
    [point[0] - h / 2, point[1] - h / 2],
    [point[0] + h / 2, point[1] - h / 2],
    [point[0] + h / 2, point[1] + h / 2],
    [point[0] - h / 2, point[1] + h / 2],
  ];
  if (Math.abs(probe.squareSide - h) > 1e-9 * Math.max(1, h)) {
    out.push(
      `the square's side is ${probe.squareSide} but squareSize / zoom = ${h}`,
    );
  }
  const cornerSets: [string, readonly (readonly number[])[], number][] = [
    ['corner', probe.cornerPixels, t],
    ['source corner', probe.sourceCornerPixels, 0],
  ];
  for (const [what, pixels, at] of cornerSets) {
    if (pixels.length !== 4) {
      out.push(`${pixels.length} ${what}s drawn: expected 4`);
      continue;
    }
    src.forEach((c, i) => {
      const m = map.value(c);
      const want = px([c[0] + (m[0] - c[0]) * at, c[1] + (m[1] - c[1]) * at]);
      const d = off(pixels[i], want);
      if (d > TOLERANCE.px) {
        out.push(
          `${what} ${i} drawn at ${fmtPx(pixels[i])} px, the map puts it at ${fmtPx(want)} px at t = ${fmt(at)} (${fmt(d, 1)} px off)`,
        );
      }
    });
  }
  const centre = px(focus);
  if (off(probe.centrePixel, centre) > TOLERANCE.px) {
    out.push(
      `the marker's centre is drawn at ${fmtPx(probe.centrePixel)} px, the drawn point is at ${fmtPx(centre)} px`,
    );
  }

  // The outline: each edge cut evenly, every cut carried by the blend.
  const outline = probe.outlinePixels;
  const perEdge = outline.length / 4;
  if (!Number.isInteger(perEdge) || perEdge < 1) {
    out.push(
      `the outline has ${outline.length} points: expected the same number on each of 4 edges`,
    );
  } else {
    let worst = 0;
    let worstAt = 0;
    outline.forEach((q, k) => {
      const e = Math.floor(k / perEdge);
      const s = (k % perEdge) / perEdge;
      const a = src[e];
      const b = src[(e + 1) % 4];
      const d = off(
        q,
        px(drawn([a[0] + (b[0] - a[0]) * s, a[1] + (b[1] - a[1]) * s])),
      );
      if (d > worst) [worst, worstAt] = [d, k];
    });
    if (worst > TOLERANCE.px) {
      out.push(
        `the square's outline is ${fmt(worst, 1)} px off the image of its edges (point ${worstAt})`,
      );
    }
  }

  // A close-up claims its picture is the linear map J: the drawn square must
  // be where lerp(I, J, t), about the drawn point, puts it.
  if (probe.closeUp) {
    const [[a, b], [c, d]] = map.jacobian(point);
    const linear = (q: Vector2): Vector2 => {
      const u = q[0] - point[0];
      const v = q[1] - point[1];
      return [
        focus[0] + (1 + (a - 1) * t) * u + b * t * v,
        focus[1] + c * t * u + (1 + (d - 1) * t) * v,
      ];
    };
    let worst = 0;
    let worstAt = '';
    probe.cornerPixels.forEach((q, i) => {
      if (i >= 4) return;
      const dist = off(q, px(linear(src[i])));
      if (dist > worst) [worst, worstAt] = [dist, `corner ${i}`];
    });
    if (Number.isInteger(perEdge) && perEdge >= 1) {
      outline.forEach((q, k) => {
        const e = Math.floor(k / perEdge);
        const s = (k % perEdge) / perEdge;
        const p0 = src[e];
        const p1 = src[(e + 1) % 4];
        const dist = off(
          q,
          px(
            linear([p0[0] + (p1[0] - p0[0]) * s, p0[1] + (p1[1] - p0[1]) * s]),
          ),
        );
        if (dist > worst) [worst, worstAt] = [dist, `outline point ${k}`];
      });
    }
    if (worst > TOLERANCE.px) {
      out.push(
        `the close-up's square is drawn ${fmt(worst, 1)} px from where the linear map lerp(I, J, t) puts it (${worstAt}, t = ${fmt(t)}, zoom ${fmt(zoom, 2)}): a close-up must show J`,
      );
    }
  }

  // The drawn area, measured on the drawn outline, back in math units.
  const pxPerUnit =
    (vx.length / (vx.max - vx.min)) * (vy.length / (vy.max - vy.min));
  const ratio = pixelArea(outline) / pxPerUnit / (h * h);
  if (
    Math.abs(probe.drawnAreaRatio - ratio) >
    TOLERANCE.relative * Math.max(Math.abs(ratio), 1e-3)
  ) {
    out.push(
      `the probe says the drawn area ratio is ${fmt(probe.drawnAreaRatio)}, the drawn outline's is ${fmt(ratio)}`,
    );
  }

  // J and det J at the point.
  const jac = map.jacobian(point);
  const det = determinant(jac);
  const r = probe.readouts;
  const shownJ = numbersIn(r.jacobianTex);
  const wantJ = [jac[0][0], jac[0][1], jac[1][0], jac[1][1]];
  if (
    shownJ.length !== 4 ||
    shownJ.some((v, i) => Math.abs(v - wantJ[i]) > ROUNDING)
  ) {
    out.push(
      `the Jacobian readout shows [${shownJ.join(', ')}], J at (${fmt(point[0])}, ${fmt(point[1])}) is [${wantJ.map(v => fmt(v)).join(', ')}]`,
    );
  }
  const shownDet = numbersIn(r.detTex).at(-1);
  if (shownDet === undefined || Math.abs(shownDet - det) > ROUNDING) {
    out.push(
      `the det readout says ${shownDet ?? `nothing ("${r.detTex}")`}, det J at (${fmt(point[0])}, ${fmt(point[1])}) is ${fmt(det)}`,
    );
  }
  if (Math.abs(probe.det - det) > 1e-9 * Math.max(1, Math.abs(det))) {
    out.push(`the probe's det is ${probe.det}, det J is ${det}`);
  }
  if (!coloursFor(det).has(r.detColor)) {
    out.push(
      `the det readout is coloured ${r.detColor}, det J = ${fmt(det)} is a ${stretchName(classifyStretch(det, NAME_TOLERANCE.tight))} (${[...coloursFor(det)].join(' or ')})`,
    );
  }

  // The orientation marker and its row, by the sign of the drawn area.
  const directions = directionsFor(ratio);
  if (!directions.has(probe.markerDirection)) {
    out.push(
      `the marker turns ${probe.markerDirection}, the drawn square's signed area ratio is ${fmt(ratio)} (${[...directions].join(' or ')})`,
    );
  }
  if (r.orientationText !== ORIENTATION_WORDS[probe.markerDirection]) {
    out.push(
      `the orientation row says "${r.orientationText}" while the marker turns ${probe.markerDirection}`,
    );
  }
  const colours = coloursFor(ratio);
  for (const [what, colour] of [
    ['marker', probe.markerColor],
    ['orientation row', r.orientationColor],
  ] as const) {
    if (!colours.has(colour)) {
      out.push(
        `the ${what} is coloured ${colour}, a drawn area ratio of ${fmt(ratio)} is coloured ${[...colours].join(' or ')}`,
      );
    }
  }

  // The area factor row, while a viewer can see it.
  const area = r.areaFactor;
  if (area.opacity > 0) {
    const shown = numbersIn(area.text)[0];
    if (
      shown === undefined ||
      Math.abs(shown - ratio) >
        Math.max(TOLERANCE.relative * Math.abs(ratio), ROUNDING)
    ) {
      out.push(
        `the area factor row says "${area.text}", the drawn square's area changed by ${fmt(ratio)} (drawn image area / source area)`,
      );
    }
    const names = namesFor(ratio);
    const named = names.has(area.name) && area.text.includes(area.name);
    if (!named) {
      out.push(
        `the area factor row names "${area.name}" ("${area.text}"), a drawn area ratio of ${fmt(ratio)} is ${[...names].join(' or ')}`,
      );
    }
    if (!colours.has(area.color)) {
      out.push(
        `the area factor row is coloured ${area.color}, a drawn area ratio of ${fmt(ratio)} is coloured ${[...colours].join(' or ')}`,
      );
    }
    if (
      Math.abs(ratio - det) >
      Math.max(TOLERANCE.relative * Math.abs(det), 2 * ROUNDING)
    ) {
      out.push(
        `the area factor row stands beside det J = ${fmt(det, 2)}, but the drawn square's area changed by ${fmt(ratio)}: only a tiny square under the full map (t = 1) changes its area by det J (here zoom ${fmt(zoom, 2)}, t = ${fmt(t)})`,
      );
    }
    if (Math.abs(ratio - 1) < MIN_AREA_CHANGE) {
      out.push(
        `the area factor row says the area changes by a factor ("${area.text}"), but the drawn square keeps its area (ratio ${fmt(ratio)}, det J = ${fmt(det, 2)} at (${fmt(point[0])}, ${fmt(point[1])})): a factor of 1 shows no change, so show the area factor where det J ≠ 1`,
      );
    }
  }
  return out;
};
