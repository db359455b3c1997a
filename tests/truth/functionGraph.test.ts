import {describe, expect, it} from 'vitest';
import {
  type AxisTick,
  type FunctionGraphProbe,
  type Plot,
  axisCrossing,
  axisNumbers,
  functionGraphProbe,
  graphLines,
  plotPoint,
  tangentAt,
  xScale,
  yScale,
} from '../../src/geometry/functionGraph';
import type {RealFunction, Vector2} from '../../src/math';
import {
  formatFixed,
  formatNumber,
  niceTicks,
  numberToPoint,
  reciprocal,
  sqrt,
  square,
} from '../../src/math';
import {checkFunctionGraph} from '../../src/truth/functionGraph';
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

/** The probe an honest FunctionGraph reports (as the component builds it). */
function honest(
  f: RealFunction,
  x: number,
  opts: {
    run?: number;
    plot?: Plot;
    end?: number;
    toScene?: (p: Vector2) => Vector2;
  } = {},
): FunctionGraphProbe {
  const plot = opts.plot ?? PLOT;
  const ticks = (scale: {min: number; max: number; length: number}) =>
    niceTicks(scale.min, scale.max, 10).map((value): AxisTick => ({
      value,
      text: formatNumber(value, 0.5),
      point: numberToPoint(scale, value),
      labelAlpha: 1,
    }));
  const crossing = axisCrossing(plot);
  const tangent = tangentAt(f, plot, x, opts.run ?? 1, 520);
  const xEnd = (v: number): Vector2 => [
    numberToPoint(xScale(plot), v),
    crossing[1],
  ];
  const yEnd = (v: number): Vector2 => [
    crossing[0],
    -numberToPoint(yScale(plot), v),
  ];
  return functionGraphProbe(
    {
      plot,
      lines: graphLines(f, plot),
      graphEnd: opts.end ?? 1,
      label: `f(x) = ${f.tex()}`,
      labelOpacity: 1,
      tangent,
      axisNumbers: axisNumbers(
        ticks(xScale(plot)),
        ticks(yScale(plot)),
        crossing,
      ),
      axes: {
        x: [xEnd(plot.xMin), xEnd(plot.xMax)],
        y: [yEnd(plot.yMin), yEnd(plot.yMax)],
      },
      readout: `slope = f'(x) = ${formatFixed(tangent.slope).padStart(6, '\u00a0')}`,
      tangentOpacity: 1,
      triangleOpacity: 1,
      readoutOpacity: 1,
    },
    opts.toScene ?? (p => [p[0], p[1] + 50]),
  );
}

const copyOf = (p: FunctionGraphProbe): FunctionGraphProbe =>
  JSON.parse(JSON.stringify(p));

describe('checkFunctionGraph on honest probes', () => {
  it('passes the cubic of 02-slope at its stops, drawn in full and partly', () => {
    for (const x of [-2, -1, 0, 1.5]) {
      expect(checkFunctionGraph(honest(CUBIC, x), CUBIC)).toEqual([]);
    }
    expect(checkFunctionGraph(honest(CUBIC, -2, {end: 0.4}), CUBIC)).toEqual(
      [],
    );
  });

  it('passes x² with a run of 0.5 on a small plot moved and scaled in the scene', () => {
    const plot = {
      xMin: -2.2,
      xMax: 2.2,
      yMin: -1,
      yMax: 5,
      width: 760,
      height: 560,
    };
    const toScene = (p: Vector2): Vector2 => [
      0.8 * p[0] - 500,
      0.8 * p[1] + 80,
    ];
    for (const x of [-1.5, 0, 1.2]) {
      expect(
        checkFunctionGraph(
          honest(square, x, {plot, run: 0.5, toScene}),
          square,
        ),
      ).toEqual([]);
    }
  });

  it('passes 1/x (broken at its pole) and √x at 0 (no tangent, readout "undefined")', () => {
    expect(checkFunctionGraph(honest(reciprocal, 1), reciprocal)).toEqual([]);
    const root = honest(sqrt, 0);
    expect(root.tangent).toBeNull();
    expect(root.readout.endsWith('undefined')).toBe(true);
    expect(checkFunctionGraph(root, sqrt)).toEqual([]);
  });
});

describe('checkFunctionGraph on doctored probes', () => {
  const probe = honest(CUBIC, -2);

  it('finds a graph point 2 px off the curve', () => {
    const p = copyOf(probe);
    p.graph.lines[0][100][1] += 2;
    expect(checkFunctionGraph(p, CUBIC).join('\n')).toMatch(
      /1 graph point\(s\) are off the curve/,
    );
  });

  it('finds the graph joined across a pole, and a piece of it missing', () => {
    const joined = copyOf(honest(reciprocal, 1));
    joined.graph.lines = [joined.graph.lines.flat()];
    expect(checkFunctionGraph(joined, reciprocal).join('\n')).toMatch(
      /the graph joins x = -0\.\d+ to x = 0\.\d+ across a break of f/,
    );
    const gap = copyOf(probe);
    const line = gap.graph.lines[0];
    gap.graph.lines = [line.slice(0, 200), line.slice(300)];
    expect(checkFunctionGraph(gap, CUBIC).join('\n')).toMatch(
      /the graph is missing at x = /,
    );
  });

  it('finds the point off (x, f(x)) and a wrong f(x) held', () => {
    const p = copyOf(probe);
    p.point![1] -= 3;
    p.fx = 0.5;
    const problems = checkFunctionGraph(p, CUBIC).join('\n');
    expect(problems).toMatch(/the point for x = -2 is at/);
    expect(problems).toMatch(/holds f\(-2\) = 0.5/);
  });

  it('finds a tangent with the wrong slope, and one that is not centred on the point', () => {
    const tilted = copyOf(probe);
    const [a, b] = tilted.tangent!;
    tilted.tangent = [
      [a[0], a[1] + 20],
      [b[0], b[1] - 20],
    ];
    expect(checkFunctionGraph(tilted, CUBIC).join('\n')).toMatch(
      /the tangent at x = -2 has slope .* but f'\(x\) = 3/,
    );
    const sliding = copyOf(probe);
    const [c, d] = sliding.tangent!;
    const k = 30 / Math.hypot(d[0] - c[0], d[1] - c[1]);
    const shift = [(d[0] - c[0]) * k, (d[1] - c[1]) * k];
    sliding.tangent = [
      [c[0] + shift[0], c[1] + shift[1]],
      [d[0] + shift[0], d[1] + shift[1]],
    ];
    expect(checkFunctionGraph(sliding, CUBIC).join('\n')).toMatch(
      /is centred at .* not on the point/,
    );
  });

  it("finds a triangle whose rise is not f'(x)·run", () => {
    const p = copyOf(probe);
    p.triangle!.corners[2][1] -= 20;
    const problems = checkFunctionGraph(p, CUBIC).join('\n');
    expect(problems).toMatch(/but f'\(x\)·run = 3/);
    // The label still says 3.00: it no longer names the drawn rise.
    expect(problems).toMatch(
      /the rise label reads "rise = 3.00", but the rise drawn is 3\.1/,
    );
  });

  it('finds labels and a readout that do not show the drawn numbers', () => {
    const p = copyOf(probe);
    p.triangle!.rise.text = 'rise = 3.50';
    p.triangle!.run.text = 'run = 2';
    p.readout = "slope = f'(x) =   2.00";
    const problems = checkFunctionGraph(p, CUBIC).join('\n');
    expect(problems).toMatch(
      /the rise label reads "rise = 3.50", but the rise drawn is 3/,
    );
    expect(problems).toMatch(
      /the run label reads "run = 2", but the run drawn is 1/,
    );
    expect(problems).toMatch(
      /the slope readout reads 2, but the triangle drawn has rise\/run = 3/,
    );
    expect(problems).toMatch(/the slope readout reads 2 but stands for 3/);
  });

  it('finds a tangent and a number where the slope is undefined', () => {
    const p = copyOf(honest(sqrt, 0));
    p.tangent = [
      [0, 0],
      [0, 100],
    ];
    p.readout = "slope = f'(x) =   0.00";
    const problems = checkFunctionGraph(p, sqrt).join('\n');
    expect(problems).toMatch(
      /a tangent is drawn at x = 0, where f'\(x\) is undefined/,
    );
    expect(problems).toMatch(
      /reads "slope = f'\(x\) = {3}0.00" for an undefined value/,
    );
  });

  it('finds axes that do not cross at 0, and a number away from its tick', () => {
    const p = copyOf(probe);
    p.axes.x[0][1] += 10;
    p.axes.x[1][1] += 10;
    const one = p.axisNumbers.find(n => n.axis === 'x' && n.text === '1.0')!;
    one.position[0] -= 65;
    const problems = checkFunctionGraph(p, CUBIC).join('\n');
    expect(problems).toMatch(/the x axis runs .* but the plot puts it at/);
    expect(problems).toMatch(/the x axis number "1.0" stands at x = 0.75/);
  });

  it('finds a graph named after another function, and NaN', () => {
    const named = copyOf(probe);
    named.label = 'f(x) = x^{2}';
    expect(checkFunctionGraph(named, CUBIC)).toEqual([
      `the graph is named "f(x) = x^{2}", but f(x) = ${CUBIC.tex()}`,
    ]);
    const nan = copyOf(probe);
    nan.tangent![0][0] = Number.NaN;
    expect(checkFunctionGraph(nan, CUBIC)).toEqual([
      'tangent[0][0] is not a finite number',
    ]);
  });

  it('finds a graph of another function', () => {
    expect(checkFunctionGraph(probe, square).length).toBeGreaterThan(3);
  });
});

describe('the honest probe helper', () => {
  it('puts the point where the plot says', () => {
    const p = honest(CUBIC, 1.5);
    const at = plotPoint(PLOT, 1.5, CUBIC.value(1.5));
    expect(p.point![0]).toBeCloseTo(at[0], 9);
    expect(p.point![1]).toBeCloseTo(at[1] + 50, 9);
  });
});
