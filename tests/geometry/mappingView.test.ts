import {describe, expect, it} from 'vitest';
import {
  type MappingLayout,
  type MappingViewState,
  arcPoint,
  carriedTicks,
  copyLines,
  copyPoint,
  copyRuns,
  copyTicks,
  deformedCopy,
  dotAlpha,
  dotProgress,
  easeInOutCubic,
  flowLength,
  ghostAlpha,
  inputPoint,
  joins,
  mappedDots,
  mappingArrows,
  mappingViewProbe,
  onOutputLine,
  outputPoint,
  routeOf,
  sampleInputs,
  splitRuns,
} from '../../src/geometry/mappingView';
import type {RealFunction} from '../../src/math';
import {ln, numberToPoint, reciprocal, square} from '../../src/math';
import {gradientColor} from '../../src/theme';

/** The 03-mapping layout: x² from [−3, 4] onto [−1, 10], lines 1400 px long, 360 px apart. */
const LAYOUT: MappingLayout = {
  input: {min: -3, max: 4, length: 1400},
  output: {min: -1, max: 10, length: 1400},
  gap: 360,
};
const FLOW = {duration: 2, stagger: 0.3};

/** A step: 0 below 1, 2 from 1 on (defined everywhere, continuous nowhere near 1). */
const STEP: RealFunction = {
  tex: () => 'H(x - 1)',
  value: x => (x < 1 ? 0 : 2),
  slope: x => (x === 1 ? Number.NaN : 0),
};

describe('lines', () => {
  it('puts x on the input line above and y on the output line below', () => {
    expect(inputPoint(LAYOUT, -3)).toEqual([-700, -180]);
    expect(inputPoint(LAYOUT, 4)).toEqual([700, -180]);
    expect(outputPoint(LAYOUT, 10)).toEqual([700, 180]);
    expect(outputPoint(LAYOUT, 4.5)).toEqual([0, 180]);
  });

  it('knows which values fall on the drawn output line', () => {
    expect(onOutputLine(LAYOUT, 10)).toBe(true);
    expect(onOutputLine(LAYOUT, -1)).toBe(true);
    expect(onOutputLine(LAYOUT, 10.24)).toBe(false);
    expect(onOutputLine(LAYOUT, -1.01)).toBe(false);
  });

  it('uses the given samples, or 41 even ones over the input range', () => {
    expect(sampleInputs([1, 2], -3, 4)).toEqual([1, 2]);
    const even = sampleInputs([], -3, 4);
    expect(even).toHaveLength(41);
    expect(even[0]).toBe(-3);
    expect(even[40]).toBe(4);
  });
});

describe('the flow', () => {
  it('eases in and out, cubic', () => {
    expect(easeInOutCubic(0)).toBe(0);
    expect(easeInOutCubic(0.25)).toBeCloseTo(0.0625, 12);
    expect(easeInOutCubic(0.5)).toBe(0.5);
    expect(easeInOutCubic(0.75)).toBeCloseTo(0.9375, 12);
    expect(easeInOutCubic(1)).toBe(1);
  });

  it('lasts one trip plus a stagger per later dot', () => {
    expect(flowLength(FLOW, 6)).toBeCloseTo(3.5, 12);
    expect(flowLength({duration: 2, stagger: 0}, 41)).toBe(2);
  });

  it('staggers the dots: the first lands while the last still travels', () => {
    // At 2.5 s of 3.5 s: dot 0 left at 0 and landed at 2; dot 5 left at 1.5.
    const progress = 2.5 / 3.5;
    expect(dotProgress(progress, 0, 6, FLOW)).toBe(1);
    expect(dotProgress(progress, 5, 6, FLOW)).toBeCloseTo(0.5, 12);
    expect(dotProgress(0, 0, 6, FLOW)).toBe(0);
    expect(dotProgress(1, 5, 6, FLOW)).toBe(1);
  });

  it('lands every dot at f(x) on the output line and skips x where f is undefined', () => {
    const xs = [-2, -1, 0, 1, 2, 3];
    const dots = mappedDots(square, LAYOUT, xs, 1, FLOW);
    expect(dots.map(d => d.fx)).toEqual([4, 1, 0, 1, 4, 9]);
    for (const d of dots) {
      expect(d.t).toBe(1);
      expect(d.position).toEqual([numberToPoint(LAYOUT.output, d.x ** 2), 180]);
    }
    const logs = mappedDots(ln, LAYOUT, [-1, 0, 1, 2], 1, FLOW);
    expect(logs.map(d => d.x)).toEqual([1, 2]);
    // Colours follow the sample row, skipped samples included.
    expect(logs.map(d => d.color)).toEqual([
      gradientColor(2 / 3),
      gradientColor(1),
    ]);
  });

  it('moves a dot in flight along the straight path from x to f(x)', () => {
    const [d] = mappedDots(square, LAYOUT, [3], 0.5, {
      duration: 2,
      stagger: 0,
    });
    expect(d.t).toBe(0.5);
    const from = inputPoint(LAYOUT, 3);
    const to = outputPoint(LAYOUT, 9);
    expect(d.position[0]).toBeCloseTo((from[0] + to[0]) / 2, 9);
    expect(d.position[1]).toBeCloseTo(0, 9);
  });

  it('fades a dot whose image is off the line as it travels, and leaves a ghost once it departs', () => {
    const [off] = mappedDots(square, LAYOUT, [3.2], 0.5, FLOW);
    expect(off.onLine).toBe(false);
    expect(dotAlpha(off, 1)).toBeCloseTo(1 - off.t, 12);
    const [landed] = mappedDots(square, LAYOUT, [3.2], 1, FLOW);
    expect(dotAlpha(landed, 1)).toBe(0);
    const [still] = mappedDots(square, LAYOUT, [2], 0, FLOW);
    expect(ghostAlpha(still, 1, 1)).toBe(0);
    expect(ghostAlpha(landed, 1, 1)).toBeCloseTo(0.35, 12);
  });
});

describe('arrows', () => {
  it('run from x towards f(x), and are left out where x and f(x) nearly meet', () => {
    const dots = mappedDots(square, LAYOUT, [0, 3], 0, FLOW);
    const arrows = mappingArrows(dots, 9, 1);
    expect(arrows.map(a => a.x)).toEqual([0, 3]);
    for (const a of arrows) {
      const d = dots.find(dot => dot.x === a.x)!;
      const along = (p: [number, number]) =>
        ((p[0] - d.from[0]) * (d.to[1] - d.from[1]) -
          (p[1] - d.from[1]) * (d.to[0] - d.from[0])) /
        Math.hypot(d.to[0] - d.from[0], d.to[1] - d.from[1]);
      expect(Math.abs(along(a.start))).toBeLessThan(1e-9);
      expect(Math.abs(along(a.tip))).toBeLessThan(1e-9);
      // Grown fully, the tip stops 1.6 radii short of f(x).
      expect(Math.hypot(a.tip[0] - d.to[0], a.tip[1] - d.to[1])).toBeCloseTo(
        14.4,
        9,
      );
    }
    // Lines with one scale 20 px apart: 1 ↦ 1 is 20 px long, under three radii (27 px).
    const near: MappingLayout = {...LAYOUT, output: LAYOUT.input, gap: 20};
    expect(
      mappingArrows(mappedDots(square, near, [1, 2], 0, FLOW), 9, 1).map(
        a => a.x,
      ),
    ).toEqual([2]);
  });
});

describe('the deforming copy', () => {
  it('is one unbroken run for a continuous map', () => {
    const runs = copyRuns(square, LAYOUT);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toHaveLength(400);
  });

  it('breaks at a pole, at a step and where f is undefined', () => {
    const poles = copyRuns(reciprocal, LAYOUT);
    expect(poles).toHaveLength(2);
    expect(poles[0][poles[0].length - 1]).toBeLessThan(0);
    expect(poles[1][0]).toBeGreaterThan(0);
    const steps = copyRuns(STEP, LAYOUT);
    expect(steps).toHaveLength(2);
    expect(steps[0][steps[0].length - 1]).toBeLessThan(1);
    expect(steps[1][0]).toBeGreaterThanOrEqual(1);
    const logs = copyRuns(ln, LAYOUT);
    expect(logs).toHaveLength(1);
    expect(logs[0][0]).toBeGreaterThan(0);
  });

  it('joins neighbours only where f is continuous between them', () => {
    expect(joins(square, LAYOUT, 1, 1.02)).toBe(true);
    expect(joins(reciprocal, LAYOUT, -0.01, 0.01)).toBe(false);
    expect(joins(STEP, LAYOUT, 0.99, 1.01)).toBe(false);
    expect(joins(ln, LAYOUT, -0.01, 0.01)).toBe(false);
  });

  it('carries x from the input line (t = 0) to just above f(x) (t = 1)', () => {
    expect(copyPoint(square, LAYOUT, 2, 0, -34)).toEqual(inputPoint(LAYOUT, 2));
    const landed = copyPoint(square, LAYOUT, 2, 1, -34)!;
    expect(landed[0]).toBeCloseTo(outputPoint(LAYOUT, 4)[0], 9);
    expect(landed[1]).toBeCloseTo(180 - 34, 9);
    expect(copyPoint(ln, LAYOUT, -1, 0.5, -34)).toBeUndefined();
  });

  it('draws every run and carries ticks coloured along the row', () => {
    const runs = copyRuns(reciprocal, LAYOUT);
    const lines = copyLines(reciprocal, LAYOUT, runs, 1, 0);
    expect(lines.map(l => l.length)).toEqual(runs.map(r => r.length));
    const ticks = copyTicks(square, LAYOUT, [-1, 0, 1], 1, 0);
    expect(ticks.map(t => t.color)).toEqual([
      gradientColor(0),
      gradientColor(0.5),
      gradientColor(1),
    ]);
    expect(ticks[1].at).toEqual(outputPoint(LAYOUT, 0));
    expect(carriedTicks([], LAYOUT)).toEqual([
      -3, -2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4,
    ]);
  });
});

describe('mappingViewProbe', () => {
  const state = (progress: number): MappingViewState => {
    const samples = [-2, -1, 0, 1, 2, 3];
    const dots = mappedDots(square, LAYOUT, samples, progress, FLOW);
    return {
      layout: LAYOUT,
      samples,
      flowProgress: progress,
      dotRadius: 9,
      dots,
      dotOpacity: 1,
      ghostOpacity: 1,
      arrows: mappingArrows(dots, 9, 1),
      arrowOpacity: 1,
      copy: {
        t: 0.5,
        offset: -34,
        opacity: 1,
        lines: copyLines(square, LAYOUT, copyRuns(square, LAYOUT), 0.5, -34),
        ticks: copyTicks(square, LAYOUT, [0, 1], 0.5, -34),
      },
    };
  };

  it('reports lines, dots, arrows and copy in scene pixels, JSON-safe', () => {
    const shift = (p: [number, number]): [number, number] => [
      p[0] + 100,
      p[1] + 10,
    ];
    const probe = mappingViewProbe(state(1), shift);
    expect(probe.type).toBe('MappingView');
    expect(probe.input).toEqual({
      min: -3,
      max: 4,
      from: [-600, -170],
      to: [800, -170],
    });
    expect(probe.output.from).toEqual([-600, 190]);
    expect(probe.dots[5].position).toEqual(shift(outputPoint(LAYOUT, 9)));
    expect(probe.dots[5].ghost).toEqual(shift(inputPoint(LAYOUT, 3)));
    expect(probe.copy!.offset).toEqual([0, -34]);
    expect(JSON.parse(JSON.stringify(probe))).toEqual(probe);
  });

  it('reports the lines where the line nodes draw them, when told', () => {
    const probe = mappingViewProbe(
      {
        ...state(1),
        lineEnds: {
          input: [
            [-700, -175],
            [700, -175],
          ],
          output: [
            [-700, 180],
            [700, 180],
          ],
        },
      },
      p => p,
    );
    expect(probe.input.from).toEqual([-700, -175]);
    expect(probe.output.to).toEqual([700, 180]);
  });

  it('has no ghosts before the dots leave, and no copy or arrows while they are hidden', () => {
    const probe = mappingViewProbe(
      {...state(0), arrows: [], copy: null},
      p => p,
    );
    expect(probe.dots.every(d => d.ghost === null)).toBe(true);
    expect(probe.arrows).toEqual([]);
    expect(probe.copy).toBeNull();
  });
});

describe('riding the copy, and folding its negative half', () => {
  const MAIN = {t: 0.5, offset: -34, bend: 0};
  const FOLD = {at: 0, route: {t: 0.5, offset: -96, bend: 0.12}};

  it('arcPoint leaves a and reaches b exactly, bulging bend·|chord| at its middle', () => {
    const a: [number, number] = [0, 0];
    const b: [number, number] = [300, 400];
    expect(arcPoint(a, b, 0, 0.2)).toEqual(a);
    expect(arcPoint(a, b, 1, 0.2)).toEqual(b);
    const mid = arcPoint(a, b, 0.5, 0.2);
    // Off the chord's middle (150, 200) by 0.2·500 = 100 px, along (−400, 300)/500.
    expect(mid[0]).toBeCloseTo(150 - 80, 9);
    expect(mid[1]).toBeCloseTo(200 + 60, 9);
    expect(arcPoint(a, b, 0.3, 0)).toEqual([90, 120]);
  });

  it('routes x below the fold on the fold, the rest on the main route', () => {
    expect(routeOf(-0.5, MAIN, FOLD)).toBe(FOLD.route);
    expect(routeOf(0, MAIN, FOLD)).toBe(MAIN);
    expect(routeOf(-0.5, MAIN, null)).toBe(MAIN);
  });

  it('splits the copy at the fold, each half ending there', () => {
    const {main, folded} = splitRuns(square, [[-1, -0.5, 0.5, 1]], 0);
    expect(folded).toEqual([[-1, -0.5, 0]]);
    expect(main).toEqual([[0, 0.5, 1]]);
    // Not defined at the fold: neither half claims it.
    expect(splitRuns(ln, [[-1, 1]], 0)).toEqual({main: [[1]], folded: [[-1]]});
  });

  it('puts every riding dot where the copy takes its x', () => {
    const xs = [-2, -1, 0, 1, 2];
    const dots = mappedDots(square, LAYOUT, xs, 0, FLOW, {
      main: MAIN,
      fold: FOLD,
    });
    for (const d of dots) {
      const r = routeOf(d.x, MAIN, FOLD);
      expect(d.riding).toBe(true);
      expect(d.t).toBe(r.t);
      expect(d.position).toEqual(
        copyPoint(square, LAYOUT, d.x, r.t, r.offset, r.bend),
      );
    }
    // −1 and 1 share an image but not a place: different lanes, different routes.
    const [, m1, , p1] = dots;
    expect(m1.to[0]).toBeCloseTo(p1.to[0], 9);
    expect(m1.to[1]).toBe(180 - 96);
    expect(p1.to[1]).toBe(180 - 34);
  });

  it('gives arrows only to the dots asked for, and none to a dot on an arc', () => {
    const dots = mappedDots(square, LAYOUT, [-2, 1, 2, 3], 0, FLOW, {
      main: MAIN,
      fold: FOLD,
    });
    expect(mappingArrows(dots, 9, 1, [1, 3]).map(a => a.x)).toEqual([1, 3]);
    expect(mappingArrows(dots, 9, 1).map(a => a.x)).toEqual([1, 2, 3]);
    // The arrow ends short of the dot's landing place on its lane.
    const [a] = mappingArrows(dots, 9, 1, [2]);
    const d = dots[2];
    expect(Math.hypot(a.tip[0] - d.to[0], a.tip[1] - d.to[1])).toBeCloseTo(
      14.4,
      9,
    );
  });

  it('draws the folded half on its own route, and the tick at the fold once', () => {
    const copy = deformedCopy(
      square,
      LAYOUT,
      copyRuns(square, LAYOUT),
      [-1, 0, 1],
      MAIN,
      FOLD,
      1,
    );
    expect(copy.ticks.map(t => t.x)).toEqual([0, 1]);
    expect(copy.fold!.ticks.map(t => t.x)).toEqual([-1]);
    // Colours still count along the whole row.
    expect(copy.fold!.ticks[0].color).toBe(gradientColor(0));
    const folded = copy.fold!.lines[0];
    expect(folded[folded.length - 1].x).toBe(0);
    expect(copy.lines[0][0].x).toBe(0);
    expect(folded[0].at).toEqual(copyPoint(square, LAYOUT, -3, 0.5, -96, 0.12));
    const plain = deformedCopy(
      square,
      LAYOUT,
      copyRuns(square, LAYOUT),
      [-1, 0, 1],
      MAIN,
      null,
      1,
    );
    expect(plain.fold).toBeNull();
    expect(plain.ticks).toHaveLength(3);
  });
});
