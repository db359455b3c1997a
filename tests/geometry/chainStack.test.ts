import {describe, expect, it} from 'vitest';
import {
  CHAIN_STACK_LAYOUT,
  boxOpacity,
  centredInterval,
  chainStackGeometry,
  describeChainStack,
  factorOpacity,
  imageOf,
  lineY,
  markerOf,
  movingBox,
  productOpacity,
  rangesAround,
  rangesCovering,
  trapezoidOpacity,
  type ChainStackInput,
} from '../../src/geometry/chainStack';
import {
  chainAt,
  composeAll,
  imageOfInterval,
  linear,
  numberToPoint,
  sin,
  square,
} from '../../src/math';
import {COLORS} from '../../src/theme';

const LINEAR: ChainStackInput = {
  fns: [linear(3, 0), linear(2, 0)],
  ranges: [
    [-0.5, 3.5],
    [-0.5, 3.5],
    [-0.5, 3.5],
  ],
  length: 1100,
  gap: 250,
  x: 0.375,
  dx: 0.25,
};

/** x → x² → sin(x²) as scene 07 draws it: dx = 0.04, one width of 2 per line. */
const NONLINEAR_FNS = [square, sin];
const NONLINEAR_DX = 0.04;
const nonlinear = (x: number, dx = NONLINEAR_DX): ChainStackInput => ({
  fns: NONLINEAR_FNS,
  ranges: rangesAround(NONLINEAR_FNS, 0.8, 1.5, NONLINEAR_DX, 2),
  length: 1040,
  gap: 240,
  x,
  dx,
});

const TEXTS = {
  lineNames: ['x', 'g(x)', 'f(g(x))'],
  mapNames: ['g', 'f'],
  factorLabels: ["g'(x)", "f'(g(x))"],
  lengthLabels: ['dx', "g'(x)\\,dx", "f'(g(x))\\,g'(x)\\,dx"],
  productLabel: 'product',
};

const product = (x: number) => {
  const p = chainAt(NONLINEAR_FNS, x).product;
  return p.defined ? p.value : NaN;
};

describe('centredInterval', () => {
  it('centres the interval on the point', () => {
    expect(centredInterval(1.5, 0.04)).toEqual([1.48, 1.52]);
  });
  it('rejects a dx that is not a positive number, naming it', () => {
    expect(() => centredInterval(1, 0)).toThrow(/dx > 0, got 0/);
    expect(() => centredInterval(1, Number.NaN)).toThrow(/finite dx, got NaN/);
  });
});

describe('chainStackGeometry: triple, then double', () => {
  const g = chainStackGeometry(LINEAR);
  const scale = {min: -0.5, max: 3.5, length: 1100};

  it('carries [0.25, 0.5] to [0.75, 1.5] and on to [1.5, 3], boxes in pixels where the lines put them', () => {
    expect(g.lines.map(l => l.image.span)).toEqual([
      [0.25, 0.5],
      [0.75, 1.5],
      [1.5, 3],
    ]);
    const [a, b] = [1.5, 3].map(v => numberToPoint(scale, v));
    expect(g.lines[2].box.left).toBeCloseTo(a, 9);
    expect(g.lines[2].box.right).toBeCloseTo(b, 9);
  });

  it('draws each box 3 and 6 times as long as dx, and each label names exactly that length', () => {
    const widths = g.lines.map(l => l.box.width);
    expect(widths[1] / widths[0]).toBeCloseTo(3, 12);
    expect(widths[2] / widths[0]).toBeCloseTo(6, 12);
    const ppu = 1100 / 4;
    g.lines.forEach(l =>
      expect(l.labelValue * ppu).toBeCloseTo(l.box.width, 9),
    );
    expect(g.lines.map(l => l.labelValue)).toEqual([0.25, 0.75, 1.5]);
  });

  it('stacks the lines centred on the node, a gap apart', () => {
    expect(g.lines.map(l => l.y)).toEqual([-250, 0, 250]);
    expect(lineY(0, 2, 100)).toBe(-50);
  });

  it('puts each length label centred over its box, above it', () => {
    const line = g.lines[1];
    expect(line.labelAt[0]).toBe(line.box.centre);
    expect(line.labelAt[1]).toBeLessThan(
      line.y - CHAIN_STACK_LAYOUT.boxHeight / 2,
    );
  });

  it('joins each box to its image with an uncrossed region when nothing flips', () => {
    const [p0, p1, p2, p3] = g.stages[0].trapezoid;
    expect([p0[0], p1[0]]).toEqual([g.lines[0].box.left, g.lines[0].box.right]);
    expect([p3[0], p2[0]]).toEqual([g.lines[1].box.left, g.lines[1].box.right]);
    expect(p0[1]).toBeGreaterThan(g.lines[0].y);
    expect(p2[1]).toBeLessThan(g.lines[1].y);
  });
});

describe('chainStackGeometry: x → x² → sin(x²)', () => {
  it.each([0.8, 1.5])(
    "at x = %s the box on the third line is f'(g(x))·g'(x)·dx long, within 0.1%%",
    x => {
      const g = chainStackGeometry(nonlinear(x));
      const ppu = 1040 / 2;
      const drawn = g.lines[2].box.width / ppu;
      expect(
        Math.abs(drawn / (Math.abs(product(x)) * NONLINEAR_DX) - 1),
      ).toBeLessThan(0.001);
      expect(g.lines[2].labelValue).toBeCloseTo(
        Math.abs(product(x)) * NONLINEAR_DX,
        15,
      );
    },
  );

  it('the old left-end interval with dx = 0.2 was 40% too long at x = 1.5: the defect this module fixes', () => {
    const old = imageOfInterval(composeAll(sin, square), 1.5, 0.2);
    const length = Math.abs(old.outputLength);
    expect(length).toBeCloseTo(0.529, 3);
    expect(length / (Math.abs(product(1.5)) * 0.2)).toBeGreaterThan(1.39);
    const centred = chainStackGeometry(nonlinear(1.5, 0.2)).lines[2].image.span;
    expect(
      (centred[1] - centred[0]) / (Math.abs(product(1.5)) * 0.2),
    ).toBeCloseTo(1, 2);
  });

  it('while x slides from 0.8 to 1.5 the box on line 3 stays within 1 px of the length its label names, through the fold at √(π/2)', () => {
    let worst = 0;
    for (let i = 0; i <= 350; i++) {
      const x = 0.8 + i / 500;
      const line = chainStackGeometry(nonlinear(x)).lines[2];
      const ppu = 1040 / 2;
      worst = Math.max(worst, Math.abs(line.box.width - line.labelValue * ppu));
    }
    expect(worst).toBeGreaterThan(0.5); // the fold is a second-order bump, not nothing
    expect(worst).toBeLessThan(1);
  });

  it('at x = 1.5 sin reverses the interval: the box on line 3 starts on the right, its region crosses, and it is red', () => {
    const g = chainStackGeometry(nonlinear(1.5));
    expect(g.lines[1].image.orientation).toBe('kept');
    expect(g.lines[2].image.orientation).toBe('flipped');
    expect(g.lines[2].box.start).toBe(g.lines[2].box.right);
    const [p0, p1, p2, p3] = g.stages[1].trapezoid;
    expect(Math.sign(p1[0] - p0[0])).toBe(1);
    expect(Math.sign(p2[0] - p3[0])).toBe(-1);
    expect(g.lines[2].boxColor).toBe(COLORS.flip);
    expect(g.lines[1].boxColor).toBe(COLORS.dx);
  });

  it('uses the true image where the map folds: around the top of sin, the box reaches 1, not just the images of its ends', () => {
    const top = Math.sqrt(Math.PI / 2);
    const g = chainStackGeometry(nonlinear(top, 0.2));
    const line = g.lines[2];
    expect(line.image.folds).toHaveLength(1);
    expect(line.image.folds[0]).toBeCloseTo(top, 12);
    expect(line.image.span[1]).toBeCloseTo(1, 15);
    expect(Math.max(...line.image.ends)).toBeLessThan(0.99);
    expect(line.box.right).toBeCloseTo(numberToPoint(line.scale, 1), 9);
  });

  it('reads each stage factor and the product from chainAt', () => {
    const g = chainStackGeometry(nonlinear(0.8));
    const chain = chainAt(NONLINEAR_FNS, 0.8);
    expect(g.factors).toEqual(chain.stages.map(s => s.factor));
    expect(g.product).toEqual(chain.product);
    expect(g.lines[1].runningProduct).toEqual(chain.stages[0].factor);
  });
});

describe('markers: the point on every line', () => {
  it('marks x on line 1, g(x) on line 2 and f(g(x)) on line 3, each where its own scale puts it', () => {
    const ranges = rangesCovering(NONLINEAR_FNS, 0.3, 1.9, NONLINEAR_DX, 0.5);
    for (const x of [0.3, 1.2, 1.9]) {
      const g = chainStackGeometry({...nonlinear(x), ranges});
      const values = [x, x * x, Math.sin(x * x)];
      g.lines.forEach((line, k) => {
        expect(line.marker!.value).toBeCloseTo(values[k], 14);
        const scale = {min: ranges[k][0], max: ranges[k][1], length: 1040};
        expect(line.marker!.at[0]).toBeCloseTo(
          numberToPoint(scale, values[k]),
          9,
        );
        expect(line.marker!.at[1]).toBe(line.y);
      });
    }
  });
  it('sits inside the box on its line: the interval is centred on x, and its images hold g(x) and f(g(x))', () => {
    const g = chainStackGeometry(nonlinear(1.5));
    for (const line of g.lines) {
      expect(line.marker!.at[0]).toBeGreaterThanOrEqual(line.box.left);
      expect(line.marker!.at[0]).toBeLessThanOrEqual(line.box.right);
    }
  });
  it('is absent where the point has no image (markerOf a NaN)', () => {
    const scale = {min: 0, max: 2, length: 1000};
    expect(markerOf(scale, Number.NaN, 40)).toBeNull();
    expect(markerOf(scale, 1.5, 40)).toEqual({value: 1.5, at: [250, 40]});
  });
});

describe('rangesCovering', () => {
  it('gives each line its own range, in whole steps, holding all of its travel: x → x² → sin(x²) from 0.3 to 1.9', () => {
    expect(rangesCovering(NONLINEAR_FNS, 0.3, 1.9, 0.04, 0.5)).toEqual([
      [0, 2],
      [0, 4],
      [-1, 1],
    ]);
  });
  it('is the same whichever way the point travels, and gives a line the point stays on one step', () => {
    expect(rangesCovering(NONLINEAR_FNS, 1.9, 0.3, 0.04, 0.5)).toEqual(
      rangesCovering(NONLINEAR_FNS, 0.3, 1.9, 0.04, 0.5),
    );
    const flat = rangesCovering([linear(0, 1)], 0, 1, 0.1, 0.5);
    expect(flat[1]).toEqual([1, 1.5]);
  });
  it('refuses a step that is not a positive number, naming it', () => {
    expect(() => rangesCovering(NONLINEAR_FNS, 0.3, 1.9, 0.04, 0)).toThrow(
      /step > 0, got 0/,
    );
  });
});

describe('rangesAround', () => {
  it('gives every line the same width, holding where the interval travels', () => {
    const ranges = rangesAround(NONLINEAR_FNS, 0.8, 1.5, 0.04, 2);
    for (const [lo, hi] of ranges) expect(hi - lo).toBeCloseTo(2, 12);
    expect(ranges[0][0]).toBeLessThan(0.78);
    expect(ranges[0][1]).toBeGreaterThan(1.52);
    expect(ranges[1][0]).toBeLessThan(0.78 ** 2);
    expect(ranges[1][1]).toBeGreaterThan(1.52 ** 2);
    expect(ranges[2][1]).toBeGreaterThan(1); // the top of sin is passed on the way
  });
  it('refuses a width the travel does not fit in, naming the line', () => {
    expect(() => rangesAround(NONLINEAR_FNS, 0.8, 1.5, 0.04, 1.6)).toThrow(
      /line 2 travels over/,
    );
  });
});

describe('movingBox', () => {
  const g = chainStackGeometry(nonlinear(1.5));
  it('is absent while no stage flows', () => {
    expect(movingBox(g, 0)).toBeNull();
    expect(movingBox(g, 1)).toBeNull();
    expect(movingBox(g, 2)).toBeNull();
  });
  it('moves each end from its place on one line to its place on the next', () => {
    const from = g.lines[1];
    const to = g.lines[2];
    const m = movingBox(g, 1.5)!;
    expect(m.stage).toBe(1);
    expect(m.y).toBeCloseTo((from.y + to.y) / 2, 12);
    const a = (from.box.start + to.box.start) / 2;
    const b = (from.box.end + to.box.end) / 2;
    expect(m.left).toBeCloseTo(Math.min(a, b), 9);
    expect(m.right).toBeCloseTo(Math.max(a, b), 9);
    const early = movingBox(g, 1 + 1e-9)!;
    expect(early.left).toBeCloseTo(from.box.left, 4);
    expect(early.right).toBeCloseTo(from.box.right, 4);
  });
});

describe('opacities', () => {
  it('shows a line’s box once the interval has arrived, and the product only with its last factor', () => {
    expect(boxOpacity(0, 0)).toBe(1);
    expect(boxOpacity(2, 1.99)).toBe(0);
    expect(boxOpacity(2, 2)).toBe(1);
    expect(trapezoidOpacity(1, 1)).toBe(0);
    expect(trapezoidOpacity(1, 1.25)).toBe(1);
    expect(factorOpacity(0, 0.7)).toBe(0);
    expect(factorOpacity(0, 1)).toBe(1);
    expect(productOpacity(2, 1.5)).toBe(0);
    expect(productOpacity(2, 2)).toBe(1);
  });
});

describe('describeChainStack', () => {
  it('is JSON-safe: a round trip through JSON changes nothing', () => {
    const g = chainStackGeometry(nonlinear(1.2));
    for (const progress of [0, 0.5, 1.5, 2]) {
      const probe = describeChainStack(g, progress, TEXTS, [-50, 20]);
      expect(JSON.parse(JSON.stringify(probe))).toEqual(probe);
    }
  });
  it('reports readouts as the screen writes them and boxes in scene coordinates too', () => {
    const probe = describeChainStack(
      chainStackGeometry(nonlinear(1.5)),
      2,
      TEXTS,
      [-50, 20],
    );
    expect(probe.type).toBe('ChainStack');
    expect(probe.productReadouts).toEqual(['product = \u22121.88']);
    expect(probe.factorReadouts).toEqual([
      "g'(x) = 3.00",
      "f'(g(x)) = \u22120.63",
    ]);
    expect(probe.lines[2].box.sceneLeft).toEqual([
      probe.lines[2].box.left - 50,
      probe.lines[2].y + 20,
    ]);
    expect(probe.moving).toBeNull();
  });
  it('reports each marker where the geometry puts it, at the markers’ opacity', () => {
    const g = chainStackGeometry(nonlinear(1.5));
    const probe = describeChainStack(g, 2, TEXTS, [-50, 20], 0.5);
    expect(probe.lines.map(l => l.marker)).toEqual(
      g.lines.map(l => ({
        value: l.marker!.value,
        x: l.marker!.at[0],
        y: l.y,
        opacity: 0.5,
      })),
    );
  });
});

describe('imageOf', () => {
  it('keeps the ends in order and spans the least to the greatest value', () => {
    const image = imageOf(square, -0.1, 0.3);
    expect(image.ends).toEqual([square.value(-0.1), square.value(0.3)]);
    expect(image.span[0]).toBe(0);
    expect(image.orientation).toBe('kept');
  });
});
