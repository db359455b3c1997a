import {describe, expect, it} from 'vitest';
import {
  type AxisTick,
  type Plot,
  axisCrossing,
  axisNumbers,
  functionGraphProbe,
  graphClip,
  graphLines,
  plotPoint,
  polylinePath,
  tangentAt,
  trimPolylines,
  xScale,
  yScale,
} from '../../src/geometry/functionGraph';
import {
  graphPolylines,
  ln,
  numberToPoint,
  reciprocal,
  sqrt,
} from '../../src/math';
import {AXES, SLOPE_F} from '../../scenes/02-slope.timing';

/** The 02-slope plot and its cubic x³/3 − x. */
const PLOT: Plot = {
  xMin: AXES.xMin,
  xMax: AXES.xMax,
  yMin: AXES.yMin,
  yMax: AXES.yMax,
  width: AXES.width,
  height: AXES.height,
};
const CUBIC = SLOPE_F;

/** Pixel distance from a graph point to y = f(x) at its own x. */
function offCurve(f: (x: number) => number, p: [number, number]): number {
  const x =
    PLOT.xMin +
    ((p[0] + PLOT.width / 2) / PLOT.width) * (PLOT.xMax - PLOT.xMin);
  return Math.abs(p[1] + numberToPoint(yScale(PLOT), f(x)));
}

describe('the plot', () => {
  it('maps (u, v) to local pixels, y up', () => {
    expect(plotPoint(PLOT, -2.5, -2)).toEqual([-650, 390]);
    expect(plotPoint(PLOT, 2.5, 3)).toEqual([650, -390]);
    const origin = plotPoint(PLOT, 0, 0);
    expect(origin[0]).toBe(0);
    expect(origin[1]).toBeCloseTo(78, 9);
  });

  it('crosses its axes at 0, or at the end nearest 0', () => {
    expect(axisCrossing(PLOT)).toEqual(plotPoint(PLOT, 0, 0));
    expect(axisCrossing({...PLOT, yMin: 1, yMax: 3})).toEqual(
      plotPoint({...PLOT, yMin: 1, yMax: 3}, 0, 1),
    );
  });
});

describe('graphLines', () => {
  it('lies on the curve everywhere, its ends included', () => {
    const lines = graphLines(CUBIC, PLOT);
    expect(lines).toHaveLength(1);
    for (const p of lines[0]) {
      expect(offCurve(x => CUBIC.value(x), p)).toBeLessThan(1e-6);
    }
  });

  it('ends where the curve crosses the clip line, not on a clamped point', () => {
    // f(−2.5) ≈ −2.71 lies 110 px below the plot, beyond the 430 px clip.
    const clip = graphClip(PLOT);
    const clamped = graphPolylines(CUBIC, xScale(PLOT), yScale(PLOT), {
      clipPx: clip,
    })[0][0];
    expect(clamped[1]).toBe(clip);
    expect(offCurve(x => CUBIC.value(x), clamped)).toBeGreaterThan(1);
    const start = graphLines(CUBIC, PLOT)[0][0];
    expect(start[1]).toBeCloseTo(clip, 6);
    expect(offCurve(x => CUBIC.value(x), start)).toBeLessThan(1e-6);
  });

  it('breaks at a pole and leaves out where f is undefined', () => {
    const lines = graphLines(reciprocal, PLOT);
    expect(lines).toHaveLength(2);
    expect(Math.max(...lines[0].map(p => p[0]))).toBeLessThan(0);
    expect(Math.min(...lines[1].map(p => p[0]))).toBeGreaterThan(0);
    for (const line of lines) {
      for (const p of line) {
        expect(Math.abs(p[1])).toBeLessThanOrEqual(graphClip(PLOT) + 1e-6);
        expect(offCurve(x => 1 / x, p)).toBeLessThan(1e-6);
      }
    }
    const logs = graphLines(ln, PLOT);
    expect(Math.min(...logs.flat().map(p => p[0]))).toBeGreaterThanOrEqual(0);
  });

  it('writes SVG path data, one subpath per line', () => {
    expect(
      polylinePath([
        [
          [0, 0],
          [1.005, 2],
        ],
        [
          [3, 4],
          [5, 6],
        ],
      ]),
    ).toBe('M0.00 0.00L1.00 2.00M3.00 4.00L5.00 6.00');
  });
});

describe('trimPolylines', () => {
  const lines: [number, number][][] = [
    [
      [0, 0],
      [10, 0],
    ],
    [
      [0, 10],
      [0, 40],
    ],
  ];

  it('keeps the first `end` of the total length, gaps not counted', () => {
    expect(trimPolylines(lines, 1)).toEqual(lines);
    expect(trimPolylines(lines, 0)).toEqual([]);
    expect(trimPolylines(lines, 0.25)).toEqual([lines[0]]);
    expect(trimPolylines(lines, 0.5)).toEqual([
      lines[0],
      [
        [0, 10],
        [0, 20],
      ],
    ]);
  });
});

describe('tangentAt', () => {
  it("puts the point at (x, f(x)) and the triangle at run, rise f'(x)·run", () => {
    const g = tangentAt(CUBIC, PLOT, -2, 1, 520);
    expect(g.defined).toBe(true);
    expect(g.slope).toEqual({defined: true, value: 3});
    expect(g.value).toBeCloseTo(-2 / 3, 12);
    expect(g.point).toEqual(plotPoint(PLOT, -2, g.value!));
    expect(g.runCorner).toEqual(plotPoint(PLOT, -1, g.value!));
    expect(g.riseCorner[1]).toBeCloseTo(
      plotPoint(PLOT, -1, g.value! + 3)[1],
      9,
    );
    expect(g.runLabel.text).toBe('run = 1');
    expect(g.riseLabel.text).toBe('rise = 3.00');
    expect(g.riseLabelOffset).toEqual([-1, 0]);
  });

  it("draws the tangent centred on the point, tangentLength long, with slope f'(x)", () => {
    const g = tangentAt(CUBIC, PLOT, 1.5, 0.5, 300);
    const [a, b] = g.tangent;
    expect(Math.hypot(b[0] - a[0], b[1] - a[1])).toBeCloseTo(300, 9);
    expect((a[0] + b[0]) / 2).toBeCloseTo(g.point[0], 9);
    expect((a[1] + b[1]) / 2).toBeCloseTo(g.point[1], 9);
    // Screen slope: −f'(x) · (px per y unit) / (px per x unit) = −1.25 · 156 / 260.
    expect((b[1] - a[1]) / (b[0] - a[0])).toBeCloseTo((-1.25 * 156) / 260, 9);
    expect(g.riseLabel.text).toBe('rise = 0.63');
  });

  it('labels a negative rise and a backwards run', () => {
    const g = tangentAt(CUBIC, PLOT, 0, -1, 300);
    expect(g.riseLabel.text).toBe('rise = 1.00');
    expect(g.runLabel.text).toBe('run = \u22121');
    expect(g.riseLabelOffset).toEqual([1, 0]);
    expect(tangentAt(CUBIC, PLOT, 0, 1, 300).riseLabel.text).toBe(
      'rise = \u22121.00',
    );
  });

  it('is not defined where f or its slope is undefined', () => {
    expect(tangentAt(sqrt, PLOT, 0, 1, 300).defined).toBe(false);
    const g = tangentAt(ln, PLOT, -1, 1, 300);
    expect(g.defined).toBe(false);
    expect(g.value).toBeUndefined();
    expect(g.riseLabel.text).toBe('rise = undefined');
  });
});

describe('axisNumbers', () => {
  const tick = (value: number, point: number): AxisTick => ({
    value,
    text: String(value),
    point,
    labelAlpha: 1,
  });

  it('places numbers under the x axis and left of the y axis, leaving out the 0s', () => {
    const numbers = axisNumbers(
      [tick(-1, -260), tick(0, 0), tick(1, 260)],
      [tick(0, -78), tick(1, 78), {...tick(2, 234), labelAlpha: 0}],
      [0, 78],
    );
    expect(numbers.map(n => [n.axis, n.value, n.position])).toEqual([
      ['x', -1, [-260, 99]],
      ['x', 1, [260, 99]],
      ['y', 1, [-21, -78]],
    ]);
  });
});

describe('functionGraphProbe', () => {
  it('reports the frame, the trimmed graph and the triangle in scene pixels', () => {
    const lines = graphLines(CUBIC, PLOT);
    const tangent = tangentAt(CUBIC, PLOT, -1, 1, 520);
    const probe = functionGraphProbe(
      {
        plot: PLOT,
        lines,
        graphEnd: 0.5,
        label: 'f(x) = x',
        labelOpacity: 0,
        tangent,
        axisNumbers: [],
        axes: {
          x: [plotPoint(PLOT, -2.5, 0), plotPoint(PLOT, 2.5, 0)],
          y: [plotPoint(PLOT, 0, -2), plotPoint(PLOT, 0, 3)],
        },
        readout: "slope = f'(x) =  0.00",
        tangentOpacity: 1,
        triangleOpacity: 1,
        readoutOpacity: 1,
      },
      p => [p[0], p[1] + 50],
    );
    expect(probe.type).toBe('FunctionGraph');
    const {origin, ex, ey} = probe.frame;
    expect(origin[0]).toBe(0);
    expect(origin[1]).toBeCloseTo(128, 9);
    expect(ex[0]).toBeCloseTo(260, 9);
    expect(ex[1]).toBe(0);
    expect(ey[0]).toBe(0);
    expect(ey[1]).toBeCloseTo(-156, 9);
    expect(probe.label).toBeNull();
    expect(probe.slope).toBe(0);
    expect(probe.point).toEqual([tangent.point[0], tangent.point[1] + 50]);
    const drawn = probe.graph.lines.flat();
    expect(Math.max(...drawn.map(p => p[0]))).toBeLessThan(100);
    expect(JSON.parse(JSON.stringify(probe))).toEqual(probe);
  });
});
