import {describe, expect, it} from 'vitest';
import {
  determinant,
  numberToPoint,
  orientation,
  wavyMapWithAmplitude,
} from '../../src/math';
import type {Vector2} from '../../src/math';
import {COLORS} from '../../src/theme';
import {
  AMPLITUDE,
  PLANE,
  POINTS,
  ZOOM,
  moments,
} from '../../scenes/08-jacobian.timing';
import {probeScene, renderStill} from '../helpers/render';
import {hasColorNear} from '../components/graphPixels';

const PROJECT = 'scenes/chapter12.ts';
const SCENE = '08-jacobian';

interface GridProbe {
  t: number;
  zoom: number;
  point: Vector2;
  det: number;
  orientation: string;
  markerDirection: string;
  drawnSignedArea: number;
}

async function grid(t: number): Promise<GridProbe> {
  const probe = await probeScene(PROJECT, SCENE, t, ['grid']);
  return probe.grid.custom as GridProbe;
}

describe('08-jacobian', () => {
  const m = moments();
  /** What the scene shows at each hold: the amplitude of the map and the point. */
  const shown: [name: string, t: number, k: number, p: Vector2][] = [
    ['warped', m.warped, AMPLITUDE.lesson, POINTS.start],
    ['zoomed in', m.linear, AMPLITUDE.lesson, POINTS.start],
    ['folded', m.folded, AMPLITUDE.folding, POINTS.start],
    ['at the fold', m.flipped, AMPLITUDE.folding, POINTS.flip],
    ['side by side', m.sideBySide, AMPLITUDE.folding, POINTS.flip],
  ];

  it('the orientation marker agrees with the sign of det J at every moment shown', async () => {
    for (const [name, t, k, p] of shown) {
      const probe = await grid(t);
      const det = determinant(wavyMapWithAmplitude(k).jacobian(p));
      expect(probe.det, name).toBeCloseTo(det, 9);
      expect(probe.orientation, name).toBe(orientation(det));
      expect(probe.markerDirection, name).toBe(
        det > 0 ? 'counterclockwise' : 'clockwise',
      );
    }
  });

  it('the fold really flips: det J = −1.25 at the origin and the marker turns clockwise', async () => {
    const probe = await grid(m.flipped);
    expect(probe.det).toBeCloseTo(-1.25, 12);
    expect(probe.markerDirection).toBe('clockwise');
    expect(probe.drawnSignedArea).toBeLessThan(0);
  });

  it('zoomed in, the image of the square is a parallelogram of area det J · h²', async () => {
    const probe = await grid(m.linear);
    expect(probe.zoom).toBeCloseTo(ZOOM.linear, 6);
    const h = PLANE.squareSize / ZOOM.linear;
    expect(probe.drawnSignedArea / (h * h)).toBeCloseTo(probe.det, 2);
  });

  it('draws the red corner where the folding map sends it, zoomed ×12 (headless Chromium)', async () => {
    const still = await renderStill(PROJECT, SCENE, m.flipped);
    const map = wavyMapWithAmplitude(AMPLITUDE.folding);
    const h = PLANE.squareSize / ZOOM.flip;
    const corner: Vector2 = [POINTS.flip[0] - h / 2, POINTS.flip[1] - h / 2];
    const [u, v] = map.value(corner);
    // The view is magnified ×12 about the drawn point map(p) = (0, 0).
    const [qx, qy] = map.value(POINTS.flip);
    const view = (q: number) => ({
      min: q + (PLANE.scale.min - q) / ZOOM.flip,
      max: q + (PLANE.scale.max - q) / ZOOM.flip,
      length: PLANE.scale.length,
    });
    const x = PLANE.x + numberToPoint(view(qx), u);
    const y = -numberToPoint(view(qy), v);
    expect(hasColorNear(still, x, y, COLORS.flip, 3)).toBe(true);
  });
});
