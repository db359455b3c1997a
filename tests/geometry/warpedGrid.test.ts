import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {
  CORNER_COLORS,
  EDGE_SAMPLES,
  LINE_SAMPLES,
  READOUT_ROWS,
  blend,
  blendMatrix,
  detReadout,
  drawnJacobian,
  focusOf,
  gridLayers,
  gridLevel,
  gridView,
  jacobianTex,
  markerDiameter,
  pixelMapper,
  polygonArea,
  squareCorners,
  tinySquare,
  viewOf,
  warpedGridProbe,
  windowIn,
  zoomBetween,
} from '../../src/geometry/warpedGrid';
import {
  FOLDING_FLIP_POINT,
  WAVY_KEEP_POINT,
  determinant,
  foldingWavyMap,
  linearMap2D,
  numberToPoint,
  pointToNumber,
  wavyMap,
} from '../../src/math';
import type {Map2D, Matrix2, Vector2} from '../../src/math';
import {COLORS, STROKES} from '../../src/theme';
import {AREA_POINT, SCALE, gridInput} from '../fixtures/warpedGrid';

const input = gridInput;

const close = (a: readonly number[], b: readonly number[], tol: number) =>
  Math.hypot(a[0] - b[0], a[1] - b[1]) <= tol;

describe('blend', () => {
  it('is p at t = 0, map(p) at t = 1, and halfway at t = 1/2', () => {
    const p: Vector2 = [0.3, -1.2];
    const q = wavyMap.value(p);
    expect(blend(wavyMap, p, 0)).toEqual(p);
    expect(blend(wavyMap, p, 1)).toEqual(q);
    const mid = blend(wavyMap, p, 0.5);
    expect(mid[0]).toBeCloseTo((p[0] + q[0]) / 2, 12);
    expect(mid[1]).toBeCloseTo((p[1] + q[1]) / 2, 12);
  });
});

describe('the view and pixels', () => {
  it('pixelMapper(view)(p) is (numberToPoint(x), −numberToPoint(y)) of the view', () => {
    const view = gridView(SCALE, SCALE, 3, [1, -0.5]);
    const toPx = pixelMapper(view);
    for (const p of [
      [0, 0],
      [1, -0.5],
      [-2.5, 3.75],
    ] as Vector2[]) {
      const [x, y] = toPx(p);
      expect(x).toBeCloseTo(numberToPoint(view.x, p[0]), 9);
      expect(y).toBeCloseTo(-numberToPoint(view.y, p[1]), 9);
    }
  });

  it('keeps the drawn point at its zoom-1 pixel at every zoom', () => {
    const base = input({point: FOLDING_FLIP_POINT, map: foldingWavyMap});
    const at1 = pixelMapper(viewOf(base))(focusOf(base));
    for (const zoom of [1.5, 8, 24, 100]) {
      const g = input({...base, zoom});
      expect(close(pixelMapper(viewOf(g))(focusOf(g)), at1, 1e-9)).toBe(true);
    }
  });

  it('magnifies distances by the zoom', () => {
    const g = input({zoom: 8});
    const toPx = pixelMapper(viewOf(g));
    const [a, b] = [toPx([0, 0]), toPx([1, 0])];
    expect(b[0] - a[0]).toBeCloseTo((8 * SCALE.length) / 8, 9);
  });

  it('rejects a degenerate view, naming it', () => {
    expect(() =>
      pixelMapper({x: {min: 1, max: 1, length: 10}, y: SCALE}),
    ).toThrow(/x scale with min !== max, got \[1, 1\]/);
  });
});

describe('the tiny square', () => {
  it('is centred on the point, side h, counterclockwise from the lower left', () => {
    expect(squareCorners([1, 2], 0.5)).toEqual([
      [0.75, 1.75],
      [1.25, 1.75],
      [1.25, 2.25],
      [0.75, 2.25],
    ]);
    expect(polygonArea(squareCorners([1, 2], 0.5))).toBeCloseTo(0.25, 12);
  });

  it('keeps its pixel size as the zoom grows: side = squareSize / zoom', () => {
    expect(tinySquare(input({zoom: 8})).side).toBeCloseTo(0.1, 12);
    const at1 = markerDiameter(viewOf(input()), 0.8);
    expect(markerDiameter(viewOf(input({zoom: 8})), 0.1)).toBeCloseTo(at1, 9);
  });

  it('draws corner i of the outline at the drawn corner i, each the blend of a source corner', () => {
    const sq = tinySquare(input({t: 0.6, zoom: 3}));
    expect(sq.outline).toHaveLength(4 * EDGE_SAMPLES);
    sq.corners.forEach((c, i) => {
      expect(close(c, blend(wavyMap, sq.source[i], 0.6), 1e-12)).toBe(true);
      expect(close(sq.outline[i * EDGE_SAMPLES], c, 1e-12)).toBe(true);
    });
  });

  it('at (π, 0), zoomed ×24, the lesson map doubles the drawn area: "area × 2.00 (stretch)"', () => {
    const sq = tinySquare(input({zoom: 24}));
    expect(determinant(wavyMap.jacobian(AREA_POINT))).toBeCloseTo(2, 12);
    expect(sq.areaRatio).toBeCloseTo(2, 3);
    expect(sq.areaFactorText).toBe('area × 2.00 (stretch)');
    expect(sq.style.color).toBe(COLORS.dx);
    expect(sq.markerDirection).toBe('counterclockwise');
    expect(sq.orientationText).toBe('orientation kept');
  });

  it('at the fold, zoomed ×12, the drawn square flips: "area × −1.25 (flip)", red, clockwise', () => {
    const sq = tinySquare(
      input({map: foldingWavyMap, point: FOLDING_FLIP_POINT, zoom: 12}),
    );
    expect(sq.areaRatio).toBeCloseTo(-1.25, 2);
    expect(sq.areaFactorText).toBe('area × \u22121.25 (flip)');
    expect(sq.style.color).toBe(COLORS.flip);
    expect(sq.markerDirection).toBe('clockwise');
    expect(sq.orientationText).toBe('orientation flipped');
  });

  it('where det J = 0 the drawn area collapses: no marker, white, "area collapsed"', () => {
    const sq = tinySquare(input({point: [0, 0], zoom: 24}));
    expect(Math.abs(sq.areaRatio)).toBeLessThan(0.005);
    expect(sq.markerDirection).toBe('none');
    expect(sq.style.color).toBe(COLORS.collapse);
    expect(sq.orientationText).toBe('area collapsed');
    expect(sq.areaFactorText).toBe('area × 0.00 (collapse)');
  });

  it('at the shear point (π/2, 0) the area does not change: "area × 1.00 (no stretch)"', () => {
    const sq = tinySquare(input({point: WAVY_KEEP_POINT, zoom: 24}));
    expect(sq.areaRatio).toBeCloseTo(1, 3);
    expect(sq.areaFactorText).toBe('area × 1.00 (no stretch)');
  });

  it('before the warp (t = 0) the square is itself: area factor exactly 1', () => {
    const sq = tinySquare(input({t: 0}));
    expect(sq.areaRatio).toBeCloseTo(1, 12);
    expect(sq.corners).toEqual(sq.source);
  });

  it('under a linear map the drawn area factor is det lerp(I, M, t), for every M and t', () => {
    const entry = fc.double({min: -3, max: 3, noNaN: true});
    fc.assert(
      fc.property(
        fc.tuple(entry, entry, entry, entry),
        fc.double({min: 0, max: 1, noNaN: true}),
        ([a, b, c, d], t) => {
          const m: Matrix2 = [
            [a, b],
            [c, d],
          ];
          const sq = tinySquare(
            input({map: linearMap2D(m), point: [0.5, -1], t}),
          );
          const want = determinant(drawnJacobian(m, t));
          expect(sq.areaRatio).toBeCloseTo(want, 9);
        },
      ),
    );
  });
});

describe('the readouts', () => {
  it('shows J and det J of the full map at the point, with TeX minus signs', () => {
    const j = wavyMap.jacobian(AREA_POINT);
    expect(jacobianTex(j)).toBe(
      'J = \\begin{bmatrix} 1.00 & 1.00 \\\\ -1.00 & 1.00 \\end{bmatrix}',
    );
    expect(detReadout(j).tex).toBe('\\det J = 2.00');
  });

  it('colours det J by its kind: yellow for a stretch, red for a flip, white for a collapse', () => {
    const det = (m: Map2D, p: Vector2) => detReadout(m.jacobian(p)).style;
    expect(det(wavyMap, AREA_POINT).color).toBe(COLORS.dx);
    expect(det(foldingWavyMap, FOLDING_FLIP_POINT).color).toBe(COLORS.flip);
    expect(det(foldingWavyMap, FOLDING_FLIP_POINT).name).toBe('flip');
    expect(det(wavyMap, [0, 0]).color).toBe(COLORS.collapse);
  });

  it('names a plain matrix as asked: A = ..., det A = −2.00', () => {
    const a: Matrix2 = [
      [-2, 1],
      [0, 1],
    ];
    expect(jacobianTex(a, 'A')).toBe(
      'A = \\begin{bmatrix} -2.00 & 1.00 \\\\ 0.00 & 1.00 \\end{bmatrix}',
    );
    expect(detReadout(a, 'A').tex).toBe('\\det A = -2.00');
    expect(detReadout(a, 'A').style.color).toBe(COLORS.flip);
  });

  it('puts the area factor row below the orientation row', () => {
    expect(READOUT_ROWS.areaFactor).toBeGreaterThan(READOUT_ROWS.orientation);
    expect(READOUT_ROWS.orientation).toBeGreaterThan(READOUT_ROWS.det);
  });
});

describe('blendMatrix', () => {
  const a: Matrix2 = [
    [2, 1],
    [0, 1],
  ];
  const b: Matrix2 = [
    [-2, 1],
    [0, 1],
  ];

  it('is a at s = 0, b at s = 1, entry by entry in between', () => {
    expect(blendMatrix(a, b, 0)).toEqual(a);
    expect(blendMatrix(a, b, 1)).toEqual(b);
    expect(blendMatrix(a, b, 0.25)).toEqual([
      [1, 1],
      [0, 1],
    ]);
  });

  it('from det 2 to det −2 passes through a collapse halfway (det 0)', () => {
    expect(determinant(blendMatrix(a, b, 0.5))).toBe(0);
    fc.assert(
      fc.property(
        fc.double({min: 0, max: 1, noNaN: true}),
        s => Math.abs(determinant(blendMatrix(a, b, s)) - (2 - 4 * s)) < 1e-12,
      ),
    );
  });
});

describe('windowIn', () => {
  it('draws a close-up’s window on the plane it magnifies: centred on the drawn point, its side divided by the zoom', () => {
    const plane = input({zoom: 1});
    const closeUp = input({
      zoom: 8,
      xScale: {min: Math.PI - 2, max: Math.PI + 2, length: 400},
      yScale: {min: -2, max: 2, length: 400},
    });
    const w = windowIn(viewOf(plane), viewOf(closeUp));
    // Same pixels per unit at zoom 1 (920 px / 8 units vs 400 px / 4 units ≈ 1.15):
    // the window is 4 / 8 = 0.5 units, 57.5 px on the plane.
    expect(w.size[0]).toBeCloseTo(0.5 * (920 / 8), 9);
    expect(w.size[1]).toBeCloseTo(0.5 * (920 / 8), 9);
    const centre = pixelMapper(viewOf(plane))(focusOf(plane));
    expect(close(w.centre, centre, 1e-9)).toBe(true);
  });

  it('is the whole plane for a view of itself', () => {
    const v = viewOf(input());
    const w = windowIn(v, v);
    expect(w.size).toEqual([920, 920]);
    expect(close(w.centre, [0, 0], 1e-9)).toBe(true);
  });
});

describe('gridLevel and zoomBetween', () => {
  it('halves the grid step at each doubling of the zoom', () => {
    expect(gridLevel(input()).step).toBe(1);
    expect(gridLevel(input({zoom: 8})).step).toBeCloseTo(1 / 8, 12);
    expect(gridLevel(input({zoom: 8, gridStep: 0.5})).step).toBeCloseTo(
      1 / 16,
      12,
    );
    expect(gridLevel(input({zoom: Math.SQRT2})).fade).toBeCloseTo(0.5, 12);
  });

  it('zooms evenly in log space: halfway from ×1 to ×24 is ×√24', () => {
    expect(zoomBetween(1, 24, 0.5)).toBeCloseTo(Math.sqrt(24), 12);
    expect(zoomBetween(24, 1, 1)).toBe(1);
  });
});

describe('gridLayers', () => {
  it('before the warp draws straight lines with two points each, and no ghost', () => {
    const layers = gridLayers(input({t: 0}));
    expect(layers.map(l => l.stroke)).toEqual([COLORS.grid, COLORS.axis]);
    for (const l of layers) for (const p of l.paths) expect(p).toHaveLength(2);
  });

  it('once warped, puts every sample of a grid line at the blend of a point of that line, evenly', () => {
    // Under a linear map the blend lerp(I, M, t) is linear and invertible, so
    // each drawn sample can be carried back to the plane it was taken from.
    const m: Matrix2 = [
      [1, 0.5],
      [0.2, 1.5],
    ];
    const t = 0.7;
    const g = input({map: linearMap2D(m), t, zoom: 2, point: [0.5, 0.5]});
    const view = viewOf(g);
    const [[a, b], [c, d]] = drawnJacobian(m, t);
    const det = a * d - b * c;
    const back = ([px, py]: Vector2): Vector2 => {
      const u = pointToNumber(view.x, px);
      const v = pointToNumber(view.y, -py);
      return [(d * u - b * v) / det, (a * v - c * u) / det];
    };
    const [ghost, warped, ...rest] = gridLayers(g);
    expect(ghost.stroke).toBe(COLORS.ghost);
    // The ghost is the unwarped grid: straight lines, two points each.
    for (const p of ghost.paths) expect(p).toHaveLength(2);
    expect(warped.stroke).toBe(COLORS.grid);
    expect(warped.lineWidth).toBe(STROKES.grid);
    expect(rest.at(-1)!.stroke).toBe(COLORS.axis);
    expect(rest.at(-1)!.lineWidth).toBe(STROKES.grid + 1);
    const step = gridLevel(g).step;
    let vertical = 0;
    for (const path of warped.paths) {
      expect(path).toHaveLength(LINE_SAMPLES);
      const pre = path.map(back);
      // One coordinate is constant, a multiple of the step; the other moves evenly.
      const fixed = Math.abs(pre[0][0] - pre[1][0]) < 1e-9 ? 0 : 1;
      if (fixed === 0) vertical++;
      const k = pre[0][fixed] / step;
      expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-9);
      const gap = pre[1][1 - fixed] - pre[0][1 - fixed];
      expect(gap).toBeGreaterThan(0);
      pre.forEach((q, i) => {
        expect(q[fixed]).toBeCloseTo(pre[0][fixed], 9);
        expect(q[1 - fixed]).toBeCloseTo(pre[0][1 - fixed] + i * gap, 9);
      });
    }
    expect(vertical).toBeGreaterThan(0);
    expect(vertical).toBeLessThan(warped.paths.length);
  });

  it('draws warped lines past every edge of the frame, zoomed ×24 at the area factor point', () => {
    const g = input({zoom: 24});
    const [, warped] = gridLayers(g);
    const xs = warped.paths.flat().map(p => p[0]);
    const ys = warped.paths.flat().map(p => p[1]);
    const half = SCALE.length / 2;
    expect(Math.min(...xs)).toBeLessThan(-half);
    expect(Math.max(...xs)).toBeGreaterThan(half);
    expect(Math.min(...ys)).toBeLessThan(-half);
    expect(Math.max(...ys)).toBeGreaterThan(half);
  });

  it('fades the next finer lines in between levels: only the odd ones, at the fade opacity', () => {
    const g = input({zoom: 1.5, t: 0});
    const view = viewOf(g);
    const {fade, finerStep} = gridLevel(g);
    expect(fade).toBeGreaterThan(0.5);
    const [, finer, axes] = gridLayers(g);
    expect(finer.opacity).toBeCloseTo(fade, 12);
    expect(finer.paths.length).toBeGreaterThan(0);
    for (const [[x0, y0], [x1]] of finer.paths) {
      // Straight at t = 0: a vertical line keeps its x, a horizontal one its y.
      const k =
        x0 === x1
          ? pointToNumber(view.x, x0) / finerStep
          : pointToNumber(view.y, -y0) / finerStep;
      expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-9);
      expect(Math.abs(Math.round(k)) % 2).toBe(1);
    }
    expect(axes.stroke).toBe(COLORS.axis);
  });
});

describe('warpedGridProbe', () => {
  const opacity = {square: 1, readouts: 1, areaFactor: 1};

  it('is JSON-safe: it survives a JSON round trip unchanged', () => {
    const probe = warpedGridProbe(input({zoom: 24}), opacity);
    expect(JSON.parse(JSON.stringify(probe))).toEqual(probe);
    expect(probe.type).toBe('WarpedGrid');
  });

  it('reports the drawn corners in local pixels, and the readouts as drawn', () => {
    const g = input({zoom: 24});
    const probe = warpedGridProbe(g, opacity);
    const toPx = pixelMapper(viewOf(g));
    probe.corners.forEach((c, i) =>
      expect(close(probe.cornerPixels[i], toPx(c), 1e-9)).toBe(true),
    );
    expect(probe.cornerColors).toEqual(CORNER_COLORS);
    expect(probe.det).toBeCloseTo(2, 12);
    expect(probe.readouts.detTex).toBe('\\det J = 2.00');
    expect(probe.readouts.areaFactor.text).toBe('area × 2.00 (stretch)');
    expect(probe.drawnAreaRatio).toBeCloseTo(2, 3);
  });

  it('reports whether the grid claims to be a close-up, and the det rows’ own opacity (the panel’s by default)', () => {
    const plain = warpedGridProbe(input(), opacity);
    expect(plain.closeUp).toBe(false);
    expect(plain.readouts.detOpacity).toBe(1);
    const zoomed = warpedGridProbe(input({closeUp: true, matrixName: 'J'}), {
      ...opacity,
      readouts: 0.5,
      det: 0,
    });
    expect(zoomed.closeUp).toBe(true);
    expect(zoomed.readouts.opacity).toBe(0.5);
    expect(zoomed.readouts.detOpacity).toBe(0);
  });

  it('names the matrix in its readouts as the input asks', () => {
    const m = linearMap2D([
      [2, 1],
      [0, 1],
    ]);
    const probe = warpedGridProbe(
      input({map: m, matrixName: 'A', point: [0.5, 0.5], squareSize: 1}),
      opacity,
    );
    expect(
      probe.readouts.jacobianTex.startsWith('A = \\begin{bmatrix} 2.00'),
    ).toBe(true);
    expect(probe.readouts.detTex).toBe('\\det A = 2.00');
    expect(probe.drawnAreaRatio).toBeCloseTo(2, 12);
  });
});
