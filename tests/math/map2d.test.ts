import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import * as M from '../../src/math';
import type {Map2D, Matrix2, Vector2} from '../../src/math';

const pointArb = fc.tuple(
  fc.double({min: -4, max: 4, noNaN: true}),
  fc.double({min: -4, max: 4, noNaN: true}),
) as fc.Arbitrary<Vector2>;

const closeMatrix = (a: Matrix2, b: Matrix2, tol: number) =>
  a.every((row, i) => row.every((v, j) => Math.abs(v - b[i][j]) <= tol));

const polar: Map2D = M.map2D(
  (r, t) => [M.d2.mul(r, M.d2.cos(t)), M.d2.mul(r, M.d2.sin(t))],
  ['r\\cos\\theta', 'r\\sin\\theta'],
);

const assorted: ReadonlyArray<[string, Map2D]> = [
  ['wavyMap', M.wavyMap],
  ['foldingWavyMap', M.foldingWavyMap],
  ['polar coordinates', polar],
  [
    '(x² − y², 2xy)',
    M.map2D(
      (x, y) => [
        M.d2.sub(M.d2.square(x), M.d2.pow(y, 2)),
        M.d2.scale(2, M.d2.mul(x, y)),
      ],
      ['x^{2} - y^{2}', '2xy'],
    ),
  ],
  [
    '(e^x cos y, x / (1 + y²))',
    M.map2D(
      (x, y) => [
        M.d2.mul(M.d2.exp(x), M.d2.cos(y)),
        M.d2.div(x, M.d2.add(1, M.d2.square(y))),
      ],
      ['e^{x}\\cos y', '\\frac{x}{1 + y^{2}}'],
    ),
  ],
  [
    'linearMap2D([[2, 1], [−1, 3]])',
    M.linearMap2D([
      [2, 1],
      [-1, 3],
    ]),
  ],
];

describe('Jacobians', () => {
  for (const [name, map] of assorted) {
    it(`${name}: the exact Jacobian matches numericJacobian`, () => {
      fc.assert(
        fc.property(pointArb, p =>
          closeMatrix(
            map.jacobian(p),
            M.numericJacobian(map, p),
            1e-6 * (1 + Math.hypot(...map.value(p))),
          ),
        ),
        {numRuns: 100},
      );
    });
  }

  it('wavyMap has J = [[1, cos y], [cos x, 1]] and det J = 1 − cos x cos y', () => {
    fc.assert(
      fc.property(pointArb, ([x, y]) => {
        const j = M.wavyMap.jacobian([x, y]);
        return (
          closeMatrix(
            j,
            [
              [1, Math.cos(y)],
              [Math.cos(x), 1],
            ],
            0,
          ) &&
          Math.abs(M.determinant(j) - (1 - Math.cos(x) * Math.cos(y))) < 1e-15
        );
      }),
    );
  });

  it('wavyMap never flips (det J ≥ 0); foldingWavyMap does near (0, 0)', () => {
    fc.assert(
      fc.property(
        pointArb,
        p => M.determinant(M.wavyMap.jacobian(p)) >= -1e-15,
      ),
    );
    expect(M.determinant(M.wavyMap.jacobian(M.WAVY_KEEP_POINT))).toBeCloseTo(
      1,
      15,
    );
    expect(M.determinant(M.wavyMap.jacobian(M.WAVY_DEGENERATE_POINT))).toBe(0);
    expect(
      M.orientation(M.determinant(M.wavyMap.jacobian(M.WAVY_DEGENERATE_POINT))),
    ).toBe('degenerate');
    const det = M.determinant(M.foldingWavyMap.jacobian(M.FOLDING_FLIP_POINT));
    expect(det).toBeCloseTo(-1.25, 15);
    expect(M.orientation(det)).toBe('flipped');
    expect(
      M.orientation(
        M.determinant(M.foldingWavyMap.jacobian(M.WAVY_KEEP_POINT)),
      ),
    ).toBe('kept');
  });

  it('carries the LaTeX of its components', () => {
    expect(M.wavyMap.tex).toEqual(['x + \\sin y', 'y + \\sin x']);
    expect(M.foldingWavyMap.tex).toEqual(['x + 1.5\\sin y', 'y + 1.5\\sin x']);
    expect(
      M.linearMap2D([
        [2, -1],
        [0, 1],
      ]).tex,
    ).toEqual(['2x - y', 'y']);
    expect(
      M.linearMap2D([
        [-1, 0.5],
        [1, 0],
      ]).tex,
    ).toEqual(['-x + 0.5y', 'x']);
  });
});

describe('determinant and orientation', () => {
  it('determinant([[a, b], [c, d]]) = ad − bc', () => {
    expect(
      M.determinant([
        [2, 1],
        [-1, 3],
      ]),
    ).toBe(7);
    expect(
      M.determinant([
        [0, 1],
        [1, 0],
      ]),
    ).toBe(-1);
  });

  it('orientation agrees with the sign of det', () => {
    fc.assert(
      fc.property(fc.double({min: -1e6, max: 1e6, noNaN: true}), det => {
        const o = M.orientation(det);
        if (Math.abs(det) < 1e-9) return o === 'degenerate';
        return o === (det > 0 ? 'kept' : 'flipped');
      }),
    );
    expect(M.orientation(1e-12)).toBe('degenerate');
    expect(M.orientation(0.05, 0.1)).toBe('degenerate');
  });

  it("orientation agrees with the sign of the image square's signed area", () => {
    fc.assert(
      fc.property(pointArb, p => {
        const det = M.determinant(M.foldingWavyMap.jacobian(p));
        fc.pre(Math.abs(det) > 1e-3);
        const area = M.signedArea(M.imageOfSquare(M.foldingWavyMap, p, 1e-4));
        return M.orientation(det) === (area > 0 ? 'kept' : 'flipped');
      }),
    );
  });
});

describe('imageOfSquare and signedArea', () => {
  it('imageOfSquare lists the images of p, p + (h, 0), p + (h, h), p + (0, h)', () => {
    const m = M.linearMap2D([
      [2, 0],
      [0, 3],
    ]);
    expect(M.imageOfSquare(m, [1, 1], 0.5)).toEqual([
      [2, 3],
      [3, 3],
      [3, 4.5],
      [2, 4.5],
    ]);
  });

  it('signedArea is positive counter-clockwise (y up) and negative clockwise', () => {
    const ccw: Vector2[] = [
      [0, 0],
      [2, 0],
      [2, 3],
      [0, 3],
    ];
    expect(M.signedArea(ccw)).toBe(6);
    expect(M.signedArea([...ccw].reverse())).toBe(-6);
  });

  it('for a linear map the area ratio is exactly det at every size', () => {
    const m: Matrix2 = [
      [2, 1],
      [-1, 3],
    ];
    for (const h of [1, 0.1, 3]) {
      expect(M.areaRatio(M.linearMap2D(m), [0.3, -2], h)).toBeCloseTo(7, 12);
    }
  });

  it('areaRatio → det J as h shrinks', () => {
    for (const [, map] of assorted) {
      for (const p of [
        [0.3, -0.7],
        [1, 2],
        [-2.5, 0.4],
      ] as Vector2[]) {
        const det = M.determinant(map.jacobian(p));
        const errors = [0.1, 0.01, 0.001].map(h =>
          Math.abs(M.areaRatio(map, p, h) - det),
        );
        expect(errors[2]).toBeLessThan(1e-2 * (1 + Math.abs(det)));
        // The error shrinks with h (up to rounding, which is all a linear map has).
        expect(errors[2]).toBeLessThanOrEqual(errors[0] + 1e-8);
      }
    }
  });

  it('areaRatio rejects h = 0, naming it', () => {
    expect(() => M.areaRatio(M.wavyMap, [0, 0], 0)).toThrow(
      'areaRatio: expected a finite non-zero h, got 0',
    );
  });
});
