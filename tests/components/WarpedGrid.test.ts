import {beforeAll, describe, expect, it} from 'vitest';
import type {WarpedGridProbe} from '../../src/geometry/warpedGrid';
import {
  FOLDING_FLIP_POINT,
  determinant,
  foldingWavyMap,
  numberToPoint,
  wavyMap,
} from '../../src/math';
import type {Map2D, Vector2} from '../../src/math';
import {COLORS} from '../../src/theme';
import {checkWarpedGrid} from '../../src/truth/warpedGrid';
import {
  beatTimes,
  probeComponent,
  probeScene,
  renderStill,
} from '../helpers/render';
import {hasColorNear} from './graphPixels';

const PROJECT = 'scenes/demos/graphs.ts';
const SCENE = 'demo-warped-grid';

/** The demo's square starts at (1, 1), where the lesson's map squishes area (det J ≈ 0.71). */
const START: Vector2 = [1, 1];
/** The demo reads the area factor zoomed ×8. */
const AREA_ZOOM = 8;

type Beats = Record<string, {start: number; end: number}>;

/** The middle of a beat. */
const middle = (b: {start: number; end: number}) => (b.start + b.end) / 2;

const detAt = (map: Map2D, p: Vector2) => determinant(map.jacobian(p));

describe('WarpedGrid', () => {
  let beats: Beats;
  const grid = (seconds: number): Promise<WarpedGridProbe> =>
    probeComponent(PROJECT, SCENE, seconds, 'grid', 'WarpedGrid');

  beforeAll(async () => {
    beats = await beatTimes(PROJECT, SCENE);
  });

  it('draws the square where it started while the grid is flat', async () => {
    const p = await grid(middle(beats.flat));
    expect(p.t).toBe(0);
    // Centred on the start point with side 0.8: lower-left corner at p − 0.4.
    expect(p.corners[0][0]).toBeCloseTo(START[0] - 0.4, 9);
    expect(p.corners[0][1]).toBeCloseTo(START[1] - 0.4, 9);
    expect(checkWarpedGrid(p, wavyMap)).toEqual([]);
  });

  it('once warped, shows det J of the map at the point (≈ 0.71 at (1, 1))', async () => {
    const p = await grid(beats.warp.end);
    expect(p.t).toBeCloseTo(1, 9);
    expect(p.det).toBeCloseTo(detAt(wavyMap, START), 9);
    expect(p.readouts.detTex).toBe('\\det J = 0.71');
    expect(checkWarpedGrid(p, wavyMap)).toEqual([]);
  });

  it('zoomed ×8, reads the area factor of the square it draws: "area × 0.71 (squish)"', async () => {
    const p = await grid(middle(beats['area-factor-hold']));
    expect(p.zoom).toBeCloseTo(AREA_ZOOM, 6);
    expect(p.readouts.areaFactor.opacity).toBeCloseTo(1, 6);
    expect(p.readouts.areaFactor.text).toBe('area × 0.71 (squish)');
    // The drawn image's area over the source square's is det J, within 1%.
    expect(Math.abs(p.drawnAreaRatio / p.det - 1)).toBeLessThan(0.01);
    expect(checkWarpedGrid(p, wavyMap)).toEqual([]);
  });

  it('hides the area factor row before zooming out, where the big square is not det J', async () => {
    const p = await grid(beats['zoom-out'].end);
    expect(p.zoom).toBeCloseTo(1, 6);
    expect(p.readouts.areaFactor.opacity).toBe(0);
    expect(checkWarpedGrid(p, wavyMap)).toEqual([]);
  });

  it('the marker turns counterclockwise where the drawn square keeps orientation and clockwise where it flips', async () => {
    const moments: [string, number, Map2D, Vector2][] = [
      ['warped', beats.warp.end, wavyMap, START],
      ['zoomed', middle(beats['area-factor-hold']), wavyMap, START],
      ['folded', middle(beats['fold-hold']), foldingWavyMap, START],
      [
        'at the fold',
        middle(beats['flip-hold']),
        foldingWavyMap,
        FOLDING_FLIP_POINT,
      ],
    ];
    for (const [name, t, map, point] of moments) {
      const p = await grid(t);
      const det = detAt(map, point);
      expect(p.point, name).toEqual(point);
      expect(p.det, name).toBeCloseTo(det, 6);
      expect(p.markerDirection, name).toBe(
        det > 0 ? 'counterclockwise' : 'clockwise',
      );
      expect(checkWarpedGrid(p, map), name).toEqual([]);
    }
    // The flip point really is a flip: det J = −1.25 there.
    expect(detAt(foldingWavyMap, FOLDING_FLIP_POINT)).toBeCloseTo(-1.25, 12);
  });

  it('draws the red corner where the folding map sends the lower-left corner (headless Chromium)', async () => {
    const t = middle(beats['flip-hold']);
    const p = await grid(t);
    const {grid: node} = await probeScene(PROJECT, SCENE, t, ['grid']);
    expect(p.zoom).toBe(1);
    const corner: Vector2 = [
      FOLDING_FLIP_POINT[0] - p.squareSide / 2,
      FOLDING_FLIP_POINT[1] - p.squareSide / 2,
    ];
    const [u, v] = foldingWavyMap.value(corner);
    // Zoom 1: the plane's own axes, around the node's position (scene pixels).
    const x = node.position[0] + numberToPoint(p.xScale, u);
    const y = node.position[1] - numberToPoint(p.yScale, v);
    const still = await renderStill(PROJECT, SCENE, t);
    expect(hasColorNear(still, x, y, COLORS.flip, 3)).toBe(true);
    // The green corner (upper right of the source square) is not there.
    expect(hasColorNear(still, x, y, COLORS.output, 3)).toBe(false);
  });
});
