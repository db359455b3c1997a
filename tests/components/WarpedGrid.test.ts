import {describe, expect, it} from 'vitest';
import {
  FOLDING_FLIP_POINT,
  WAVY_KEEP_POINT,
  determinant,
  foldingWavyMap,
  numberToPoint,
  orientation,
  wavyMap,
} from '../../src/math';
import type {Map2D, Vector2} from '../../src/math';
import {COLORS} from '../../src/theme';
import {probeScene, renderStill} from '../helpers/render';
import {hasColorNear} from './graphPixels';

const PROJECT = 'scenes/demos/graphs.ts';
const SCENE = 'demo-warped-grid';
/** The demo's plane: centred at x = −440, [−4, 4] over 920 px on both axes. */
const PLANE_X = -440;
const SCALE = {min: -4, max: 4, length: 920};

interface GridProbe {
  t: number;
  zoom: number;
  point: Vector2;
  det: number;
  orientation: string;
  markerDirection: string;
  drawnSignedArea: number;
  corners: Vector2[];
  cornerPixels: Vector2[];
  centrePixel: Vector2;
}

async function grid(t: number): Promise<GridProbe> {
  const probe = await probeScene(PROJECT, SCENE, t, ['grid']);
  return probe.grid.custom as GridProbe;
}

const EXPECTED = (map: Map2D, p: Vector2) => determinant(map.jacobian(p));

describe('WarpedGrid', () => {
  it('draws the square where it started while t = 0', async () => {
    const p = await grid(0.5);
    expect(p.t).toBe(0);
    // Centred on the keep point with side 0.8: lower-left corner at p − 0.4.
    expect(p.corners[0]![0]).toBeCloseTo(WAVY_KEEP_POINT[0] - 0.4, 9);
    expect(p.corners[0]![1]).toBeCloseTo(WAVY_KEEP_POINT[1] - 0.4, 9);
  });

  it('shows det J of the map at the point (wavyMap at (π/2, 0): det J = 1)', async () => {
    const p = await grid(3);
    expect(p.t).toBeCloseTo(1, 9);
    expect(p.det).toBeCloseTo(EXPECTED(wavyMap, WAVY_KEEP_POINT), 9);
    expect(p.orientation).toBe('kept');
  });

  it('zoomed ×8, the image of the square is a parallelogram of area det J · h²', async () => {
    const p = await grid(6);
    expect(p.zoom).toBeCloseTo(8, 6);
    const h = 0.8 / 8;
    expect(p.drawnSignedArea / (h * h)).toBeCloseTo(p.det, 1);
  });

  it('the marker turns counterclockwise where det J > 0 and clockwise where det J < 0', async () => {
    const moments: [number, Map2D, Vector2][] = [
      [3, wavyMap, WAVY_KEEP_POINT],
      [6, wavyMap, WAVY_KEEP_POINT],
      [12, foldingWavyMap, WAVY_KEEP_POINT],
      [15, foldingWavyMap, FOLDING_FLIP_POINT],
    ];
    for (const [t, map, point] of moments) {
      const p = await grid(t);
      const det = EXPECTED(map, point);
      expect(p.det).toBeCloseTo(det, 6);
      expect(p.orientation).toBe(orientation(det));
      expect(p.markerDirection).toBe(
        det > 0 ? 'counterclockwise' : 'clockwise',
      );
    }
    // The flip point really is a flip: det J = −1.25 there.
    expect(EXPECTED(foldingWavyMap, FOLDING_FLIP_POINT)).toBeLessThan(0);
  });

  it('draws the red corner where the folding map sends the lower-left corner (headless Chromium)', async () => {
    const still = await renderStill(PROJECT, SCENE, 15);
    const corner: Vector2 = [
      FOLDING_FLIP_POINT[0] - 0.4,
      FOLDING_FLIP_POINT[1] - 0.4,
    ];
    const [u, v] = foldingWavyMap.value(corner);
    const x = PLANE_X + numberToPoint(SCALE, u);
    const y = -numberToPoint(SCALE, v);
    expect(hasColorNear(still, x, y, COLORS.flip, 3)).toBe(true);
    // The green corner (upper right of the source square) is not there.
    expect(hasColorNear(still, x, y, COLORS.output, 3)).toBe(false);
  });
});
