import {describe, expect, it} from 'vitest';
import {
  chainStackGeometry,
  describeChainStack,
  rangesAround,
  rangesCovering,
  type ChainStackInput,
  type ChainStackProbe,
} from '../../src/geometry/chainStack';
import {checkChainStack} from '../../src/truth/chainStack';
import {
  composeAll,
  imageOfInterval,
  linear,
  numberToPoint,
  sin,
  square,
} from '../../src/math';

const TEXTS = {
  lineNames: ['x', 'g(x)', 'f(g(x))'],
  mapNames: ['g', 'f'],
  factorLabels: ["g'(x)", "f'(g(x))"],
  lengthLabels: ['dx', "g'(x)\\,dx", "f'(g(x))\\,g'(x)\\,dx"],
  productLabel: "f'(g(x))\\,g'(x)",
};

const LINEAR_FNS = [linear(3, 0), linear(2, 0)];
const NONLINEAR_FNS = [square, sin];

function linearInput(x: number): ChainStackInput {
  return {
    fns: LINEAR_FNS,
    ranges: [
      [-0.5, 3.5],
      [-0.5, 3.5],
      [-0.5, 3.5],
    ],
    length: 1040,
    gap: 240,
    x,
    dx: 0.25,
  };
}

function nonlinearInput(x: number, dx = 0.04): ChainStackInput {
  return {
    fns: NONLINEAR_FNS,
    ranges: rangesAround(NONLINEAR_FNS, 0.8, 1.5, 0.04, 2),
    length: 1040,
    gap: 240,
    x,
    dx,
  };
}

function honest(input: ChainStackInput, progress = 2): ChainStackProbe {
  return describeChainStack(
    chainStackGeometry(input),
    progress,
    TEXTS,
    [-50, 20],
  );
}

/**
 * Scene 07 as it was drawn before the fix, at x = 1.5: lines [−1, 3.2] over
 * 1040 px, and the interval [x, x + dx] with dx = 0.2, its ends pushed
 * through the maps (imageOfInterval), the labels and readouts from chainAt.
 */
function leftEndProbe(): ChainStackProbe {
  const x = 1.5;
  const dx = 0.2;
  const probe = honest({
    fns: NONLINEAR_FNS,
    ranges: [
      [-1, 3.2],
      [-1, 3.2],
      [-1, 3.2],
    ],
    length: 1040,
    gap: 240,
    x,
    dx,
  });
  const scale = {min: -1, max: 3.2, length: 1040};
  const ends = [0, 1, 2].map(k => {
    const f = composeAll(...NONLINEAR_FNS.slice(0, k).reverse());
    const [a, b] = imageOfInterval(f, x, dx).output;
    return [numberToPoint(scale, a), numberToPoint(scale, b)];
  });
  return {
    ...probe,
    lines: probe.lines.map((line, k) => {
      const [a, b] = ends[k];
      return {
        ...line,
        interval: [
          Math.min(
            ...imageOfInterval(
              composeAll(...NONLINEAR_FNS.slice(0, k).reverse()),
              x,
              dx,
            ).output,
          ),
          Math.max(
            ...imageOfInterval(
              composeAll(...NONLINEAR_FNS.slice(0, k).reverse()),
              x,
              dx,
            ).output,
          ),
        ],
        box: {...line.box, left: Math.min(a, b), right: Math.max(a, b)},
        label: {...line.label, x: (a + b) / 2},
      };
    }),
    stages: probe.stages.map((stage, i) => ({
      ...stage,
      trapezoid: [
        [ends[i][0], stage.trapezoid[0][1]],
        [ends[i][1], stage.trapezoid[1][1]],
        [ends[i + 1][1], stage.trapezoid[2][1]],
        [ends[i + 1][0], stage.trapezoid[3][1]],
      ],
    })),
  };
}

describe('checkChainStack on honest probes', () => {
  it('passes triple-then-double at every stage of its flow', () => {
    for (const progress of [0, 0.3, 0.5, 1, 1.5, 1.9, 2]) {
      expect(
        checkChainStack(honest(linearInput(0.375), progress), LINEAR_FNS),
      ).toEqual([]);
    }
  });

  it('passes x → x² → sin(x²) at every point of the slide from 0.8 to 1.5, through the fold', () => {
    for (let x = 0.8; x <= 1.5 + 1e-9; x += 0.01) {
      expect(checkChainStack(honest(nonlinearInput(x)), NONLINEAR_FNS)).toEqual(
        [],
      );
    }
    const top = Math.sqrt(Math.PI / 2);
    expect(checkChainStack(honest(nonlinearInput(top)), NONLINEAR_FNS)).toEqual(
      [],
    );
  });

  it('passes the sweep of x from 0.3 to 1.9 with its markers shown, each line on its own scale, over the top of sin', () => {
    const ranges = rangesCovering(NONLINEAR_FNS, 0.3, 1.9, 0.04, 0.5);
    for (let x = 0.3; x <= 1.9 + 1e-9; x += 0.005) {
      const probe = describeChainStack(
        chainStackGeometry({...nonlinearInput(x), ranges}),
        2,
        TEXTS,
        [-50, 20],
        1,
      );
      expect(checkChainStack(probe, NONLINEAR_FNS), `x = ${x}`).toEqual([]);
    }
  });

  it('passes a probe that went through JSON, as the page sends it', () => {
    const probe = JSON.parse(JSON.stringify(honest(nonlinearInput(1.5), 1.5)));
    expect(checkChainStack(probe, NONLINEAR_FNS)).toEqual([]);
  });
});

describe('checkChainStack catches the lie of the old scene 07 (x = 1.5, dx = 0.2, interval [x, x + dx])', () => {
  const violations = checkChainStack(leftEndProbe(), NONLINEAR_FNS);

  it('the label f′(g(x))·g′(x)·dx names 0.377 while the box under it is 0.529 long', () => {
    expect(violations).toContainEqual(
      expect.stringMatching(
        /^line 3: the label "f'\(g\(x\)\)\\,g'\(x\)\\,dx" names 0\.377 but the box is 0\.529 long \(.*40\.\d% off\)$/u,
      ),
    );
  });

  it('the drawn ratio −2.65 contradicts the product readout −1.88', () => {
    expect(violations).toContainEqual(
      expect.stringMatching(
        /^line 3: drawn length \/ length on line 1 = -2\.65 but the product readout .* reads -1\.88/u,
      ),
    );
  });

  it('the box on the first line is not centred on x', () => {
    expect(violations).toContainEqual(
      expect.stringMatching(
        /^line 1: the box spans .* but the image of \[1\.4000, 1\.6000\] is \[1\.4000, 1\.6000\]/u,
      ),
    );
  });
});

describe('checkChainStack: why dx must be small', () => {
  it('a centred interval with dx = 0.2 is still a lie at the top of sin: a box while the label names 0', () => {
    const top = Math.sqrt(Math.PI / 2);
    const probe = honest(nonlinearInput(top, 0.2));
    const violations = checkChainStack(probe, NONLINEAR_FNS);
    expect(violations).toContainEqual(
      expect.stringMatching(
        /^line 3: the label .* names 0\.000 but the box is 0\.03\d long \(1\d\.\d px against 0\.0 px\)$/u,
      ),
    );
  });
  it('and dx = 0.06 is too big on these lines: at the top of sin, 1.5 px of box where the label names 0', () => {
    const top = Math.sqrt(Math.PI / 2);
    expect(
      checkChainStack(honest(nonlinearInput(top, 0.06)), NONLINEAR_FNS),
    ).toContainEqual(
      expect.stringMatching(
        /^line 3: the label .* \(1\.[4-5] px against 0\.0 px\)$/u,
      ),
    );
    expect(checkChainStack(honest(nonlinearInput(top)), NONLINEAR_FNS)).toEqual(
      [],
    );
  });
});

describe('checkChainStack catches each kind of tampering', () => {
  const base = () => honest(nonlinearInput(1.5), 2);

  it('a box moved by 2 px, but not one moved by 0.5 px', () => {
    const moved = (px: number) => {
      const p = base();
      p.lines[1].box.left += px;
      p.lines[1].box.right += px;
      p.lines[1].label.x += px;
      p.stages.forEach(s => s.trapezoid.forEach(c => (c[0] += 0)));
      return p;
    };
    const off = checkChainStack(moved(2), NONLINEAR_FNS);
    expect(off).toContainEqual(
      expect.stringMatching(/^line 2: the box spans/u),
    );
    const within = checkChainStack(moved(0.5), NONLINEAR_FNS).filter(m =>
      m.startsWith('line 2: the box'),
    );
    expect(within).toEqual([]);
  });

  it('a readout that rounds wrongly, or holds another number', () => {
    const p = base();
    p.lines[2].product!.text = "f'(g(x))\\,g'(x) = \u22121.89";
    p.stages[0].readout.value = 3.1;
    const v = checkChainStack(p, NONLINEAR_FNS);
    expect(v).toContainEqual(
      expect.stringMatching(
        /^line 3: product readout reads ".*1\.89" but the chain rule gives \u22121\.88$/u,
      ),
    );
    expect(v).toContainEqual(
      expect.stringMatching(
        /^stage 1: factor readout holds 3\.1 but the chain rule gives 3$/u,
      ),
    );
  });

  it('a label given a value that is not the length it names', () => {
    const p = base();
    p.lines[1].label.value = 0.1;
    expect(checkChainStack(p, NONLINEAR_FNS)).toContainEqual(
      expect.stringMatching(
        /^line 2: the label "g'\(x\)\\,dx" is given the value 0\.1, but it names 0\.1200$/u,
      ),
    );
  });

  it('a swept region that does not cross where sin reverses the interval', () => {
    const p = base();
    const t = p.stages[1].trapezoid;
    [t[2][0], t[3][0]] = [t[3][0], t[2][0]];
    expect(checkChainStack(p, NONLINEAR_FNS)).toEqual([
      "map 2: the swept region does not cross, but the map reverses the order of the interval's ends",
    ]);
  });

  it('a marker off x, g(x) or f(g(x)) by more than a pixel, shown or hidden, but not one off by half a pixel', () => {
    const moved = (k: number, dx: number, dy = 0) => {
      const p = base();
      p.lines[k].marker!.x += dx;
      p.lines[k].marker!.y += dy;
      return checkChainStack(p, NONLINEAR_FNS);
    };
    expect(moved(0, 1.5)).toEqual([
      expect.stringMatching(
        /^line 1: the marker is at .* but the point lands at 1\.5000, .* \(off by 1\.5 px\)$/u,
      ),
    ]);
    expect(moved(1, 0, -2)).toEqual([
      expect.stringMatching(/^line 2: the marker is at .*2\.2500/u),
    ]);
    expect(moved(2, -3)).toEqual([
      expect.stringMatching(/^line 3: the marker .*0\.7781/u),
    ]);
    expect(moved(2, 0.5)).toEqual([]);
    // A marker at g(x) on the line of f(g(x)): the right number on the wrong line.
    const p = base();
    p.lines[2].marker!.x = p.lines[1].marker!.x;
    expect(checkChainStack(p, NONLINEAR_FNS)).toContainEqual(
      expect.stringMatching(/^line 3: the marker/u),
    );
  });

  it('a missing marker where the point has an image', () => {
    const p = base();
    p.lines[1].marker = null;
    expect(checkChainStack(p, NONLINEAR_FNS)).toEqual([
      'line 2: no marker, but the point lands at 2.2500',
    ]);
  });

  it('a box in flight that leaves its two lines', () => {
    const p = honest(nonlinearInput(1.5), 1.5);
    p.moving!.y = p.lines[0].y;
    expect(checkChainStack(p, NONLINEAR_FNS)).toContainEqual(
      expect.stringMatching(
        /^the box in flight .* strays from lines 2 and 3$/u,
      ),
    );
  });

  it('NaN anywhere, before or after JSON', () => {
    const p = base();
    p.lines[2].box.right = Number.NaN;
    expect(checkChainStack(p, NONLINEAR_FNS)).toEqual([
      'probe.lines[2].box.right is NaN',
    ]);
    const json = JSON.parse(JSON.stringify(p));
    expect(checkChainStack(json, NONLINEAR_FNS)).toEqual([
      'probe.lines[2].box.right is null (NaN or Infinity before JSON)',
    ]);
  });

  it('a probe with the wrong number of lines for its maps', () => {
    expect(checkChainStack(base(), [square])).toEqual([
      '1 maps need 2 lines and 1 stages, the probe has 3 lines and 2 stages',
    ]);
  });
});
