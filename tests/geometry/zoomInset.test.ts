import {describe, expect, it} from 'vitest';
import {
  MIN_BOX_WIDTH,
  type ZoomInsetSpec,
  closeUpValues,
  insetReadout,
  insetRadius,
  landedSpacingRatio,
  lensConnector,
  localStep,
  magnificationAt,
  readoutDigits,
  spanFactor,
  zoomInsetGeometry,
  zoomInsetProbe,
  zoomLabel,
} from '../../src/geometry/zoomInset';
import {
  cube,
  exp,
  derivativeAt,
  ln,
  numberToPoint,
  reciprocal,
  sin,
  square,
} from '../../src/math';
import {COLORS} from '../../src/theme';

/** The demo's inset: x² around 1.5 at ×10 of a 200 px/unit line, in a 640 × 400 frame. */
const INSET: ZoomInsetSpec = {
  fn: square,
  point: 1.5,
  zoom: 10,
  baseUnit: 200,
  dx: 0,
  frameWidth: 640,
  frameHeight: 400,
};

describe('the magnified lines', () => {
  it('magnify both lines by zoom × the base unit, centred on x and on f(x)', () => {
    const g = zoomInsetGeometry(INSET);
    expect(g.unit).toBeCloseTo(2000, 9);
    for (const line of [g.inputLine, g.outputLine]) {
      expect(line.length).toBe(540);
      expect(line.length / (line.max - line.min)).toBeCloseTo(2000, 9);
    }
    expect((g.inputLine.min + g.inputLine.max) / 2).toBeCloseTo(1.5, 12);
    expect((g.outputLine.min + g.outputLine.max) / 2).toBeCloseTo(2.25, 12);
    // Input line above the centre, output line below: 0.2 × height + 20 px.
    expect(g.inputLine.y).toBe(-100);
    expect(g.outputLine.y).toBe(100);
  });

  it('keeps the frame drawable where f(x) is undefined, centring the output line on x', () => {
    const g = zoomInsetGeometry({...INSET, fn: ln, point: -1});
    expect(g.center).toBe(-1);
    expect(g.ticks.every(t => t.image === null && t.output === null)).toBe(
      true,
    );
    expect(g.connectors).toEqual([null, null, null]);
    expect(g.outputBox).toBeNull();
    expect(g.style.caption).toBe('Undefined');
    expect(g.style.color).toBe(COLORS.muted);
  });
});

describe('the local step dx', () => {
  it('re-spaces the ticks x ± dx tenfold when the zoom goes from ×10 to ×100', () => {
    const a = zoomInsetGeometry(INSET);
    const b = zoomInsetGeometry({...INSET, zoom: 100});
    expect(a.step / b.step).toBeCloseTo(10, 9);
    expect(a.ticks.map(t => t.value)).toEqual([
      1.5 - a.step,
      1.5,
      1.5 + a.step,
    ]);
  });

  it('keeps x ± dx and their images inside the frame, whatever f stretches by', () => {
    for (const [fn, point] of [
      [square, 1.5],
      [square, -1],
      [cube, 2],
      [sin, 0],
      [reciprocal, 0.3],
    ] as const) {
      for (const zoom of [1, 3, 10, 37, 100]) {
        const g = zoomInsetGeometry({...INSET, fn, point, zoom});
        for (const t of g.ticks) {
          expect(Math.abs(t.input[0])).toBeLessThan(270);
          expect(Math.abs(t.output![0])).toBeLessThan(320);
        }
      }
    }
  });

  it("refines the step where f curves, until the images of x ± dx are f'(x) times as far apart within half a pixel", () => {
    for (const [fn, point] of [
      [reciprocal, 0.3],
      [exp, 2],
      [ln, 0.05],
      [sin, 1],
    ] as const) {
      for (const zoom of [1, 4, 10]) {
        const g = zoomInsetGeometry({...INSET, fn, point, zoom});
        const [a, , b] = g.ticks;
        const slope = derivativeAt(fn, point);
        if (!slope.defined) throw new Error('f is differentiable here');
        const drawn = b.output![0] - a.output![0];
        const linear = slope.value * (b.input[0] - a.input[0]);
        expect(Math.abs(drawn - linear)).toBeLessThanOrEqual(0.5);
      }
    }
    // 1/x at 0.3 at ×1: the nice step 0.05 would draw −11.43 for f' = −11.1 (6 px off).
    expect(
      zoomInsetGeometry({...INSET, fn: reciprocal, point: 0.3, zoom: 1}).step,
    ).toBeLessThan(0.05);
  });

  it('uses a given dx as it is', () => {
    expect(localStep(square, 1.5, 0.135, 2000, 0.01)).toBe(0.01);
    expect(zoomInsetGeometry({...INSET, dx: 0.01}).step).toBe(0.01);
    expect(insetRadius(640, 200, 10)).toBeCloseTo(0.135, 12);
  });
});

describe('what the frame shows', () => {
  const cases = [
    {x: 1.5, ratio: 3, caption: 'Scale by 3', color: COLORS.dx},
    {x: 0.25, ratio: 0.5, caption: 'Scale by 1/2', color: COLORS.dx},
    {x: -1, ratio: -2, caption: 'Flip and scale by 2', color: COLORS.flip},
    {x: 0, ratio: 0, caption: 'Collapse', color: COLORS.collapse},
  ];
  for (const c of cases) {
    it(`x² at ${c.x}: the images are f'(x) = ${c.ratio} times as far apart as x ± dx, captioned "${c.caption}"`, () => {
      const g = zoomInsetGeometry({...INSET, point: c.x});
      const [a, , b] = g.ticks;
      const ratio = (b.output![0] - a.output![0]) / (b.input[0] - a.input[0]);
      expect(ratio).toBeCloseTo(c.ratio, 9);
      expect(g.style.caption).toBe(c.caption);
      expect(g.style.color).toBe(c.color);
    });
  }

  it('puts every image on the output line where f puts it', () => {
    for (const point of [-1.2, 0.3, 2]) {
      const g = zoomInsetGeometry({...INSET, fn: sin, point, zoom: 7});
      for (const t of g.ticks) {
        expect(t.image).toBeCloseTo(Math.sin(t.value), 14);
        expect(t.output![0]).toBeCloseTo(
          numberToPoint(g.outputLine, Math.sin(t.value)),
          9,
        );
        expect(t.output![1]).toBe(g.outputLine.y);
        expect(t.input[0]).toBeCloseTo(numberToPoint(g.inputLine, t.value), 9);
      }
    }
  });

  it('joins each tick to its image with a connector, and boxes [x, x + dx] and its image', () => {
    const g = zoomInsetGeometry({...INSET, point: -1});
    g.ticks.forEach((t, i) =>
      expect(g.connectors[i]).toEqual([t.input, t.output]),
    );
    const [, here, right] = g.ticks;
    expect(g.inputBox.center[0]).toBeCloseTo(
      (here.input[0] + right.input[0]) / 2,
      9,
    );
    expect(g.inputBox.width).toBeCloseTo(right.input[0] - here.input[0], 9);
    // Flipped: the image of [x, x + dx] runs leftwards from f(x).
    expect(g.outputBox!.width).toBeCloseTo(
      here.output![0] - right.output![0],
      9,
    );
  });

  it('draws a collapsed image box at least 3 px wide, centred on the image', () => {
    const g = zoomInsetGeometry({...INSET, point: 0, zoom: 100});
    const [, here, right] = g.ticks;
    expect(Math.abs(right.output![0] - here.output![0])).toBeLessThan(3);
    expect(g.outputBox!.width).toBe(MIN_BOX_WIDTH);
    expect(g.outputBox!.center[0]).toBeCloseTo(
      (here.output![0] + right.output![0]) / 2,
      9,
    );
  });

  it('names f\'(x), not the secant: the caption of sin at 0 is "No stretch"', () => {
    const g = zoomInsetGeometry({...INSET, fn: sin, point: 0});
    expect(g.style.caption).toBe('No stretch');
    expect(derivativeAt(sin, 0)).toEqual({defined: true, value: 1});
  });
});

describe('the magnification', () => {
  it('zooms evenly in log scale: each tenfold zoom takes the same time', () => {
    expect(magnificationAt(1, 100, 0)).toBe(1);
    expect(magnificationAt(1, 100, 0.5)).toBeCloseTo(10, 9);
    expect(magnificationAt(10, 100, 0.5)).toBeCloseTo(Math.sqrt(1000), 9);
    expect(magnificationAt(10, 100, 1)).toBe(100);
  });

  it('writes the magnification used in the corner', () => {
    expect(zoomLabel(10)).toBe('×10');
    expect(zoomLabel(31.6)).toBe('×32');
    expect(zoomLabel(0.25)).toBe('×0.25');
    expect(zoomInsetGeometry({...INSET, zoom: 100}).zoomLabel).toBe('×100');
  });
});

describe('the lens', () => {
  it('joins the lens to the two corners of the frame edge that faces it, starting at its rim', () => {
    const lens = [0, -400] as const;
    const [start, corner] = lensConnector(lens, -1, 640, 400);
    expect(corner).toEqual([-320, -200]);
    expect(Math.hypot(start[0] - lens[0], start[1] - lens[1])).toBeCloseTo(
      15,
      9,
    );
    // On the segment from the lens to the corner.
    const cross =
      (start[0] - lens[0]) * (corner[1] - lens[1]) -
      (start[1] - lens[1]) * (corner[0] - lens[0]);
    expect(cross).toBeCloseTo(0, 6);
    expect(lensConnector([10, 300], 1, 640, 400)[1]).toEqual([320, 200]);
  });
});

describe('the probe', () => {
  it('reports what is drawn, JSON-safe, with null where f is undefined', () => {
    const spec = {...INSET, fn: reciprocal, point: 0.01, zoom: 1, dx: 0.01};
    const p = zoomInsetProbe(spec);
    expect(p.type).toBe('ZoomInset');
    expect(p.ticks).toEqual([0, 0.01, 0.02]);
    expect(p.images[0]).toBeNull();
    expect(p.outputPixels[0]).toBeNull();
    expect(p.connectors[0]).toBeNull();
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });
});

/** 04's close-up: x² at 1.5 in a 900 × 380 frame on a 280 px/unit line, 20 dots over 0.28 of the half-range. */
const CLOSE_UP: ZoomInsetSpec = {
  fn: square,
  point: 1.5,
  zoom: 1,
  baseUnit: 280,
  dx: 0,
  frameWidth: 900,
  frameHeight: 380,
  dotCount: 20,
  spread: 0.28,
  progress: 1,
  readout: 'spacing',
};

/** The gaps of x² between consecutive dots x + kh, from the algebra: h(2x + (2k + 1)h). */
function squareGapRatio(x: number, s: number, count: number): number {
  const h = (2 * s) / (count - 1);
  const gaps = Array.from(
    {length: count - 1},
    (_, k) => h * (2 * (x - s) + (2 * k + 1) * h),
  );
  return Math.max(...gaps) / Math.min(...gaps);
}

describe('the close-up dots', () => {
  it('spread evenly over point ± spread × the visible half-range, so their pixel spread stays fixed as the zoom grows', () => {
    for (const zoom of [1, 10, 100, 1000]) {
      const g = zoomInsetGeometry({...CLOSE_UP, zoom});
      expect(g.dots).toHaveLength(20);
      const s = 0.28 * insetRadius(900, 280, zoom);
      expect(g.dots[0].value).toBeCloseTo(1.5 - s, 12);
      expect(g.dots[19].value).toBeCloseTo(1.5 + s, 12);
      // 0.28 of the 400 px half-line, on each side of x (at x = 0 px).
      expect(g.dots[0].input[0]).toBeCloseTo(-112, 6);
      expect(g.dots[19].input[0]).toBeCloseTo(112, 6);
      const gaps = g.dots.slice(1).map((d, i) => d.value - g.dots[i].value);
      for (const gap of gaps) expect(gap).toBeCloseTo(gaps[0], 12);
    }
    expect(closeUpValues(1, 0.5, 0.2, 0)).toEqual([]);
  });

  it('land at f(x) on the magnified output line, centred on f(point)', () => {
    const g = zoomInsetGeometry({...CLOSE_UP, zoom: 10});
    for (const d of g.dots) {
      expect(d.image).toBeCloseTo(d.value ** 2, 12);
      const want = (d.value ** 2 - 2.25) * g.unit;
      expect(d.output![0]).toBeCloseTo(want, 6);
      expect(d.output![1]).toBe(g.outputLine.y);
      expect(d.at).toEqual(d.output);
    }
  });

  it('travel in a straight line from input to image as progress goes 0 → 1', () => {
    const a = zoomInsetGeometry({...CLOSE_UP, progress: 0});
    const m = zoomInsetGeometry({...CLOSE_UP, progress: 0.25});
    for (const [i, d] of m.dots.entries()) {
      expect(a.dots[i].at).toEqual(d.input);
      expect(d.at[0]).toBeCloseTo(0.75 * d.input[0] + 0.25 * d.output![0], 9);
      expect(d.at[1]).toBeCloseTo(0.75 * d.input[1] + 0.25 * d.output![1], 9);
    }
    // Progress is clamped to [0, 1].
    expect(zoomInsetGeometry({...CLOSE_UP, progress: 2}).dots[0].at).toEqual(
      a.dots[0].output,
    );
  });

  it('wear the gradient from red (left) to yellow (right): shade i / (n − 1)', () => {
    const g = zoomInsetGeometry(CLOSE_UP);
    expect(g.dots.map(d => d.shade)).toEqual(
      Array.from({length: 20}, (_, i) => i / 19),
    );
  });

  it('stay on the input line where f is undefined, with no image', () => {
    const g = zoomInsetGeometry({...CLOSE_UP, fn: ln, point: 0.01, zoom: 1});
    const lost = g.dots.filter(d => d.value <= 0);
    expect(lost.length).toBeGreaterThan(0);
    for (const d of lost) {
      expect(d.image).toBeNull();
      expect(d.output).toBeNull();
      expect(d.at).toEqual(d.input);
    }
    expect(g.readout).toMatchObject({value: null});
    expect(g.readout!.text).toMatch(/undefined$/);
  });

  it('are absent by default, as 05 uses the inset', () => {
    expect(zoomInsetGeometry(INSET).dots).toEqual([]);
    expect(zoomInsetGeometry(INSET).readout).toBeNull();
  });
});

describe('the landed spacing readout', () => {
  it('is the largest gap over the smallest between consecutive images', () => {
    expect(landedSpacingRatio([0, 1, 3, 4])).toBe(2);
    expect(landedSpacingRatio([4, 3, 1, 0])).toBe(2);
    expect(landedSpacingRatio([0, 3, 6, 9])).toBe(1);
    expect(landedSpacingRatio([0, 1])).toBeNull();
    expect(landedSpacingRatio([0, 0, 1])).toBeNull();
    expect(landedSpacingRatio([0, null, 1])).toBeNull();
  });

  it('goes to 1 as the magnification grows for x² at 1.5, as the algebra of its gaps says', () => {
    const ratios = [1, 10, 30, 100, 1000].map(zoom => {
      const g = zoomInsetGeometry({...CLOSE_UP, zoom});
      const s = 0.28 * insetRadius(900, 280, zoom);
      expect(g.readout!.value).toBeCloseTo(squareGapRatio(1.5, s, 20), 6);
      return g.readout!.value!;
    });
    expect(ratios[0]).toBeGreaterThan(1.5);
    expect(ratios[2]).toBeLessThan(1.05);
    expect(ratios[4]).toBeLessThan(1.001);
    for (let i = 1; i < ratios.length; i++) {
      expect(ratios[i]).toBeLessThan(ratios[i - 1]);
    }
  });

  it('writes its value with two decimals after few words', () => {
    const g = zoomInsetGeometry(CLOSE_UP);
    expect(g.readout!.text).toBe(
      `largest gap ÷ smallest gap = ${g.readout!.value!.toFixed(2)}`,
    );
  });
});

describe('the local factor readout', () => {
  it("is the images' span over the dots' span: f'(x) for x² on a symmetric row", () => {
    expect(spanFactor([1, 2], [1, 4])).toBe(3);
    expect(spanFactor([1.4, 1.5, 1.6], [1.96, 2.25, 2.56])).toBeCloseTo(3, 9);
    expect(spanFactor([1, 1], [1, 1])).toBeNull();
    expect(spanFactor([0, 1], [null, 1])).toBeNull();
  });

  it('goes to 0 at x = 0 for x² as the zoom runs from ×10 to ×10000: (s² − h²/4) / 2s for 20 dots over ±s, h apart', () => {
    const spec = {
      ...CLOSE_UP,
      point: 0,
      spread: 0.9,
      readout: 'factor',
    } as const;
    let last = Infinity;
    for (const zoom of [10, 100, 1000, 10000]) {
      const g = zoomInsetGeometry({...spec, zoom});
      const s = 0.9 * insetRadius(900, 280, zoom);
      // An even row has no dot at 0: the nearest two land at (h/2)².
      const h = (2 * s) / 19;
      const want = (s * s - (h * h) / 4) / (2 * s);
      expect(g.readout!.value! / want).toBeCloseTo(1, 9);
      expect(g.readout!.value!).toBeLessThan(last / 9.99);
      last = g.readout!.value!;
    }
    expect(last).toBeLessThan(1e-4);
  });

  it('keeps two significant digits as it shrinks: 0.064, 0.000064, and 3.00', () => {
    expect(readoutDigits(0.0643)).toBe(3);
    expect(readoutDigits(0.0000643)).toBe(6);
    expect(readoutDigits(3)).toBe(2);
    expect(readoutDigits(0)).toBe(2);
    expect(insetReadout('factor', [0, 1], [0, 0.0000643])!.text).toBe(
      'output span ÷ input span = 0.000064',
    );
    expect(insetReadout('none', [0, 1], [0, 1])).toBeNull();
  });
});
