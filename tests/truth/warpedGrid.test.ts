import {describe, expect, it} from 'vitest';
import {
  type WarpedGridInput,
  type WarpedGridProbe,
  warpedGridProbe,
} from '../../src/geometry/warpedGrid';
import {
  FOLDING_FLIP_POINT,
  WAVY_KEEP_POINT,
  foldingWavyMap,
  linearMap2D,
  wavyMap,
} from '../../src/math';
import type {Map2D, Vector2} from '../../src/math';
import {COLORS} from '../../src/theme';
import {checkWarpedGrid} from '../../src/truth/warpedGrid';
import {gridInput} from '../fixtures/warpedGrid';

const input = gridInput;

const SHOWN = {square: 1, readouts: 1, areaFactor: 1};
const NO_AREA = {square: 1, readouts: 1, areaFactor: 0};

/** A probe as the browser sends it: through JSON. */
function probeOf(
  over: Partial<WarpedGridInput>,
  opacity = SHOWN,
): WarpedGridProbe {
  return JSON.parse(JSON.stringify(warpedGridProbe(input(over), opacity)));
}

/** A probe's fields, writable, to draw a lie into a copy. */
type Writable<T> = T extends object
  ? {-readonly [K in keyof T]: Writable<T[K]>}
  : T;

/** A copy of a probe with one thing changed, sent through JSON as the browser sends it. */
function tamper(
  probe: WarpedGridProbe,
  change: (p: Writable<WarpedGridProbe>) => void,
): WarpedGridProbe {
  const copy: Writable<WarpedGridProbe> = JSON.parse(JSON.stringify(probe));
  change(copy);
  return JSON.parse(JSON.stringify(copy));
}

describe('checkWarpedGrid passes an honest drawing', () => {
  const honest: [string, Partial<WarpedGridInput>, typeof SHOWN, Map2D][] = [
    ['flat, before the warp', {t: 0}, NO_AREA, wavyMap],
    ['mid-warp, zoom 1', {t: 0.4}, NO_AREA, wavyMap],
    ['area factor ×2 at (π, 0), zoomed ×24', {zoom: 24}, SHOWN, wavyMap],
    [
      'area factor −1.25 at the fold, zoomed ×12',
      {map: foldingWavyMap, point: FOLDING_FLIP_POINT, zoom: 12},
      SHOWN,
      foldingWavyMap,
    ],
    [
      'sliding through the fold at zoom 1, area row hidden',
      {map: foldingWavyMap, point: [1.1, 0]},
      NO_AREA,
      foldingWavyMap,
    ],
    [
      'the collapse at (0, 0), zoomed ×24',
      {point: [0, 0], zoom: 24},
      NO_AREA,
      wavyMap,
    ],
    [
      'the shear at (π/2, 0), area row hidden',
      {point: WAVY_KEEP_POINT, zoom: 24},
      NO_AREA,
      wavyMap,
    ],
    [
      'zooming halfway (×4.9), the grid scaled',
      {zoom: Math.sqrt(24), xScale: {min: -2, max: 6, length: 400}},
      NO_AREA,
      wavyMap,
    ],
  ];
  for (const [name, over, opacity, map] of honest) {
    it(name, () => {
      expect(checkWarpedGrid(probeOf({map, ...over}, opacity), map)).toEqual(
        [],
      );
    });
  }
});

describe('checkWarpedGrid finds the 08-jacobian defect', () => {
  it('an area factor shown at (π/2, 0), where det J = 1, says a change the picture does not show', () => {
    // What 08-jacobian did: it introduced the area factor at the shear point,
    // where the square only slants and keeps its area.
    const defect = probeOf({point: WAVY_KEEP_POINT, zoom: 24});
    expect(defect.readouts.areaFactor.text).toBe('area × 1.00 (no stretch)');
    const found = checkWarpedGrid(defect, wavyMap);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /says the area changes by a factor \("area × 1\.00 \(no stretch\)"\), but the drawn square keeps its area \(ratio 1\.000, det J = 1\.00 at \(1\.571, 0\.000\)\).*det J ≠ 1/,
    );
  });

  it('the same readout at (π, 0), det J = 2, passes', () => {
    expect(checkWarpedGrid(probeOf({zoom: 24}), wavyMap)).toEqual([]);
  });
});

describe('checkWarpedGrid finds a drawing that contradicts the map', () => {
  const good = probeOf({zoom: 24});

  it('a corner drawn 2 px from the image of its source corner', () => {
    const bad = tamper(good, p => {
      p.cornerPixels[2][0] += 2;
    });
    expect(checkWarpedGrid(bad, wavyMap)).toEqual([
      expect.stringMatching(/^corner 2 drawn at .* \(2\.0 px off\)$/),
    ]);
  });

  it('the square drawn under another map', () => {
    const found = checkWarpedGrid(good, foldingWavyMap);
    expect(found.some(m => /^corner 0 drawn at/.test(m))).toBe(true);
    expect(
      found.some(m => /det readout says 2, det J .* is 3\.250/.test(m)),
    ).toBe(true);
  });

  it('an outline that leaves the image of the edges', () => {
    const bad = tamper(good, p => {
      p.outlinePixels[5][1] -= 3;
    });
    expect(checkWarpedGrid(bad, wavyMap)).toContainEqual(
      expect.stringMatching(/outline is 3\.0 px off .* \(point 5\)/),
    );
  });

  it('a det readout that is not det J', () => {
    const bad = tamper(good, p => {
      p.readouts.detTex = '\\det J = 1.00';
    });
    expect(checkWarpedGrid(bad, wavyMap)).toEqual([
      'the det readout says 1, det J at (3.142, 0.000) is 2.000',
    ]);
  });

  it('a Jacobian readout with a wrong entry', () => {
    const bad = tamper(good, p => {
      p.readouts.jacobianTex = p.readouts.jacobianTex.replace('-1.00', '1.00');
    });
    expect(checkWarpedGrid(bad, wavyMap)).toContainEqual(
      expect.stringMatching(/^the Jacobian readout shows \[1, 1, 1, 1\]/),
    );
  });

  it('an area factor row whose number is not the drawn area ratio', () => {
    const bad = tamper(good, p => {
      p.readouts.areaFactor.text = 'area × 2.10 (stretch)';
    });
    expect(checkWarpedGrid(bad, wavyMap)).toEqual([
      expect.stringMatching(
        /^the area factor row says "area × 2\.10 \(stretch\)", the drawn square's area changed by 2\.00/,
      ),
    ]);
  });

  it('an area factor row that names the wrong case or wears the wrong colour', () => {
    const named = tamper(good, p => {
      p.readouts.areaFactor.name = 'squish';
      p.readouts.areaFactor.text = 'area × 2.00 (squish)';
    });
    expect(checkWarpedGrid(named, wavyMap)).toEqual([
      expect.stringMatching(/names "squish" .* is stretch$/),
    ]);
    const coloured = tamper(good, p => {
      p.readouts.areaFactor.color = COLORS.flip;
    });
    expect(checkWarpedGrid(coloured, wavyMap)).toEqual([
      expect.stringMatching(/area factor row is coloured #fc6255/),
    ]);
  });

  it('an area factor row shown while the square is too big for its area to be det J', () => {
    // Zoom 1: the 0.8-wide square bends; its area ratio is not det J = 2.
    const big = probeOf({zoom: 1});
    expect(Math.abs(big.drawnAreaRatio - 2)).toBeGreaterThan(0.02);
    expect(checkWarpedGrid(big, wavyMap)).toEqual([
      expect.stringMatching(
        /stands beside det J = 2\.00, but the drawn square's area changed by .*only a tiny square under the full map \(t = 1\) changes its area by det J \(here zoom 1\.00, t = 1\.000\)$/,
      ),
    ]);
    expect(checkWarpedGrid(probeOf({zoom: 1}, NO_AREA), wavyMap)).toEqual([]);
  });

  it('an area factor row shown halfway through the warp, where the drawn square is not yet the image', () => {
    const half = probeOf({zoom: 24, t: 0.5});
    expect(checkWarpedGrid(half, wavyMap)).toEqual([
      expect.stringMatching(
        /stands beside det J = 2\.00, but the drawn square's area changed by 1\.25.*\(here zoom 24\.00, t = 0\.500\)$/,
      ),
    ]);
  });

  it('a marker that turns against the drawn square, or a det coloured against its sign', () => {
    const flipped = probeOf({
      map: foldingWavyMap,
      point: FOLDING_FLIP_POINT,
      zoom: 12,
    });
    const marker = tamper(flipped, p => {
      p.markerDirection = 'counterclockwise';
    });
    const found = checkWarpedGrid(marker, foldingWavyMap);
    expect(found).toContainEqual(
      expect.stringMatching(
        /^the marker turns counterclockwise, the drawn square's signed area ratio is -1\.2/,
      ),
    );
    expect(found).toContainEqual(
      'the orientation row says "orientation flipped" while the marker turns counterclockwise',
    );
    const det = tamper(flipped, p => {
      p.readouts.detColor = COLORS.dx;
    });
    expect(checkWarpedGrid(det, foldingWavyMap)).toEqual([
      expect.stringMatching(
        /det readout is coloured #ffd23f, det J = -1\.250 is a flip/,
      ),
    ]);
  });

  it('a number that was NaN (JSON sends it as null)', () => {
    const bad = tamper(good, p => {
      p.corners[1][0] = Number.NaN;
    });
    expect(checkWarpedGrid(bad, wavyMap)).toEqual([
      'probe.corners[1][0] is null: a number was NaN or infinite',
    ]);
  });
});

describe('checkWarpedGrid holds a close-up to the linear map J', () => {
  /** The 08 close-up: the plane at 115 px a unit, 380 px wide, ×8 about (π, 0). */
  const CLOSE: Partial<WarpedGridInput> = {
    closeUp: true,
    xScale: {min: Math.PI - 1.652, max: Math.PI + 1.652, length: 380},
    yScale: {min: -1.652, max: 1.652, length: 380},
    zoom: 8,
    squareSize: 1.25,
  };

  it('passes at ×8 about (π, 0), before, during and after the warp', () => {
    for (const t of [0, 0.5, 1]) {
      expect(
        checkWarpedGrid(probeOf({...CLOSE, t}, NO_AREA), wavyMap),
        `t = ${t}`,
      ).toEqual([]);
    }
  });

  it('passes at a point where the map bends (1, 1) once zoomed far enough (×64)', () => {
    const bends = {...CLOSE, point: [1, 1] as Vector2, zoom: 64};
    expect(checkWarpedGrid(probeOf(bends, NO_AREA), wavyMap)).toEqual([]);
  });

  it('finds a close-up not zoomed in far enough to be J: ×1 at (1, 1), where the square visibly bends', () => {
    const near = {...CLOSE, point: [1, 1] as Vector2, zoom: 1};
    // The same drawing, not claiming to be J, is honest.
    expect(
      checkWarpedGrid(probeOf({...near, closeUp: false}, NO_AREA), wavyMap),
    ).toEqual([]);
    expect(checkWarpedGrid(probeOf(near, NO_AREA), wavyMap)).toEqual([
      expect.stringMatching(
        /^the close-up's square is drawn \d+\.\d px from where the linear map lerp\(I, J, t\) puts it \((corner \d|outline point \d+), t = 1\.000, zoom 1\.00\): a close-up must show J$/,
      ),
    ]);
  });

  it('finds a close-up drawn off J: under another map, or one outline point nudged 2 px', () => {
    // Checked against a map whose J differs (the folding one), both the
    // map's own check and the close-up's claim fail.
    const good = probeOf({...CLOSE}, NO_AREA);
    const found = checkWarpedGrid(good, foldingWavyMap);
    expect(found).toContainEqual(
      expect.stringMatching(/^the close-up's square is drawn/),
    );
    // A 2 px nudge of one outline point is named too.
    const bad = tamper(good, p => {
      p.outlinePixels[3][0] += 2;
    });
    expect(checkWarpedGrid(bad, wavyMap)).toContainEqual(
      expect.stringMatching(
        /^the close-up's square is drawn 2\.\d px from .*\(outline point 3, t = 1\.000, zoom 8\.00\)/,
      ),
    );
  });

  it('reads the readouts of a plain matrix A like those of J', () => {
    const m = linearMap2D([
      [2, 1],
      [0, 1],
    ]);
    const p = probeOf({
      map: m,
      matrixName: 'A',
      point: [0.5, 0.5],
      squareSize: 1,
    });
    expect(p.readouts.detTex).toBe('\\det A = 2.00');
    expect(p.readouts.jacobianTex.startsWith('A = ')).toBe(true);
    expect(checkWarpedGrid(p, m)).toEqual([]);
    const lie = tamper(p, q => {
      q.readouts.detTex = '\\det A = 1.00';
    });
    expect(checkWarpedGrid(lie, m)).toEqual([
      'the det readout says 1, det J at (0.500, 0.500) is 2.000',
    ]);
  });
});
