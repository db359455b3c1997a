import {beforeAll, describe, expect, it} from 'vitest';
import {
  AMPLITUDE,
  PLANE,
  POINTS,
  WORDS,
  ZOOM,
} from '../../scenes/08-jacobian.timing';
import type {WarpedGridProbe} from '../../src/geometry/warpedGrid';
import {
  determinant,
  numberToPoint,
  orientation,
  texFixed,
  wavyMapWithAmplitude,
} from '../../src/math';
import type {Map2D, Scale, Vector2} from '../../src/math';
import {COLORS} from '../../src/theme';
import {checkWarpedGrid} from '../../src/truth/warpedGrid';
import {
  beatTimes,
  probeComponent,
  probeScene,
  renderStill,
} from '../helpers/render';
import {hasColorNear} from '../components/graphPixels';

const PROJECT = 'scenes/chapter12.ts';
const SCENE = '08-jacobian';

const LESSON = wavyMapWithAmplitude(AMPLITUDE.lesson);
const FOLDING = wavyMapWithAmplitude(AMPLITUDE.folding);

type Span = {start: number; end: number};

/** The middle of a beat. */
const middle = (b: Span) => (b.start + b.end) / 2;

const detAt = (map: Map2D, p: Vector2) => determinant(map.jacobian(p));

/** The beats, in order, and the map on screen during each ('fold' turns one into the other). */
const BEATS: [name: string, map: Map2D][] = [
  ['map', LESSON],
  ['map-hold', LESSON],
  ['warp', LESSON],
  ['warp-hold', LESSON],
  ['zoom-in', LESSON],
  ['zoom-hold', LESSON],
  ['area-factor', LESSON],
  ['area-factor-hold', LESSON],
  ['fold-hold', FOLDING],
  ['flip', FOLDING],
  ['flip-hold', FOLDING],
  ['side-by-side', FOLDING],
  ['side-by-side-hold', FOLDING],
];

describe('08-jacobian', () => {
  let beats: Record<string, Span>;
  const grid = (seconds: number): Promise<WarpedGridProbe> =>
    probeComponent(PROJECT, SCENE, seconds, 'grid', 'WarpedGrid');

  beforeAll(async () => {
    beats = await beatTimes(PROJECT, SCENE);
  });

  it('names every beat, the area factor among them, in storyboard order', () => {
    const order = Object.entries(beats)
      .sort(([, a], [, b]) => a.start - b.start)
      .map(([name]) => name);
    expect(order).toEqual([
      ...BEATS.slice(0, 8).map(([name]) => name),
      'fold',
      ...BEATS.slice(8).map(([name]) => name),
      'out',
    ]);
  });

  it('introduces the area factor where the area changes: at (π, 0) det J = 2 and the square’s area doubles', async () => {
    const t = middle(beats['area-factor-hold']);
    const p = await grid(t);
    expect(p.point).toEqual(POINTS.start);
    expect(detAt(LESSON, p.point)).toBeCloseTo(2, 12);
    expect(p.readouts.detTex).toBe('\\det J = 2.00');
    // The row a viewer reads names the drawn area ratio, a stretch.
    expect(p.readouts.areaFactor.opacity).toBeCloseTo(1, 6);
    expect(p.readouts.areaFactor.text).toBe('area × 2.00 (stretch)');
    expect(Math.abs(p.drawnAreaRatio / 2 - 1)).toBeLessThan(0.01);
    expect(p.readouts.orientationText).toBe('orientation kept');
    // And the caption on screen is the one about stretching.
    const {caption} = await probeScene(PROJECT, SCENE, t, ['caption']);
    expect(caption.text).toBe(WORDS.det);
    expect(caption.opacity).toBeCloseTo(1, 6);
    expect(checkWarpedGrid(p, LESSON)).toEqual([]);
  });

  it('draws what the map says in the middle and at the end of every beat', async () => {
    for (const [name, map] of BEATS) {
      const b = beats[name];
      for (const t of [middle(b), b.end]) {
        const p = await grid(t);
        expect(checkWarpedGrid(p, map), `${name} at ${t.toFixed(3)} s`).toEqual(
          [],
        );
      }
    }
    // The fold changes the map: the lesson's at its start, the folding one at its end.
    expect(checkWarpedGrid(await grid(beats.fold.start), LESSON)).toEqual([]);
    expect(checkWarpedGrid(await grid(beats.fold.end), FOLDING)).toEqual([]);
  });

  it('the orientation marker agrees with the sign of det J at every hold', async () => {
    const shown: [string, Map2D, Vector2][] = [
      ['warp-hold', LESSON, POINTS.start],
      ['area-factor-hold', LESSON, POINTS.start],
      ['fold-hold', FOLDING, POINTS.start],
      ['flip-hold', FOLDING, POINTS.flip],
      ['side-by-side-hold', FOLDING, POINTS.flip],
    ];
    for (const [name, map, point] of shown) {
      const probe = await grid(middle(beats[name]));
      const det = detAt(map, point);
      expect(probe.det, name).toBeCloseTo(det, 9);
      expect(probe.orientation, name).toBe(orientation(det));
      expect(probe.markerDirection, name).toBe(
        det > 0 ? 'counterclockwise' : 'clockwise',
      );
    }
  });

  it('the fold really flips: det J = −1.25 at the origin, the marker turns clockwise, the area reads × −1.25 in red', async () => {
    const p = await grid(middle(beats['flip-hold']));
    expect(p.zoom).toBeCloseTo(ZOOM.flip, 6);
    expect(p.det).toBeCloseTo(-1.25, 12);
    expect(p.markerDirection).toBe('clockwise');
    expect(p.drawnSignedArea).toBeLessThan(0);
    expect(p.readouts.areaFactor.text).toBe('area × \u22121.25 (flip)');
    expect(p.readouts.areaFactor.color).toBe(COLORS.flip);
    expect(p.readouts.detColor).toBe(COLORS.flip);
  });

  it('side by side, the det J label is the grid’s det J, in the grid’s colour', async () => {
    const t = middle(beats['side-by-side-hold']);
    const p = await grid(t);
    const {'finale-det': label} = await probeScene(PROJECT, SCENE, t, [
      'finale-det',
    ]);
    expect(label.text).toBe(
      `\\det J = ${texFixed(detAt(FOLDING, POINTS.flip))}`,
    );
    expect(label.fill).toBe(p.readouts.detColor);
    expect(label.opacity).toBeCloseTo(1, 6);
  });

  it('draws the square’s corners where the map sends them, zoomed ×24 at (π, 0) and ×12 at the fold (headless Chromium)', async () => {
    const cases: [string, Map2D, Vector2, number, number, string][] = [
      ['area-factor-hold', LESSON, POINTS.start, ZOOM.linear, 0, COLORS.flip],
      ['area-factor-hold', LESSON, POINTS.start, ZOOM.linear, 2, COLORS.output],
      ['flip-hold', FOLDING, POINTS.flip, ZOOM.flip, 0, COLORS.flip],
    ];
    for (const [name, map, point, zoom, corner, color] of cases) {
      const still = await renderStill(PROJECT, SCENE, middle(beats[name]));
      const h = PLANE.squareSize / zoom;
      const s = corner === 0 ? -h / 2 : h / 2;
      const [u, v] = map.value([point[0] + s, point[1] + s]);
      // The view is magnified ×zoom about the drawn point map(p).
      const [qx, qy] = map.value(point);
      const view = (q: number, a: Scale): Scale => ({
        min: q + (a.min - q) / zoom,
        max: q + (a.max - q) / zoom,
        length: a.length,
      });
      const x = PLANE.x + numberToPoint(view(qx, PLANE.xScale), u);
      const y = -numberToPoint(view(qy, PLANE.yScale), v);
      expect(
        hasColorNear(still, x, y, color, 3),
        `${name}, corner ${corner}`,
      ).toBe(true);
    }
  });
});
