import {describe, expect, it} from 'vitest';
import {LINEAR, NONLINEAR, STACK, T} from '../../scenes/07-chain-rule.timing';
import type {ChainStackProbe} from '../../src/geometry/chainStack';
import {chainAt, numberToPoint} from '../../src/math';
import {COLORS} from '../../src/theme';
import {checkChainStack} from '../../src/truth/chainStack';
import {
  beatTimes,
  probeScene,
  renderStill,
  typedProbe,
} from '../helpers/render';
import {hasColorNear} from '../components/graphPixels';

const PROJECT = 'scenes/chapter12.ts';
const SCENE = '07-chain-rule';
const LINEAR_FNS = [LINEAR.g, LINEAR.f];
const NONLINEAR_FNS = [NONLINEAR.g, NONLINEAR.f];

/** The beats in the order the scene plays them. */
const BEATS = [
  'compose',
  'triple',
  'tripled',
  'double',
  'sextupled',
  'product-not-sum',
  'swap',
  'nonlinear-stages',
  'nonlinear-product',
  'slide',
  'slid',
  'out',
];

let beats: ReturnType<typeof beatTimes> | undefined;

/** A beat's span, in seconds from the scene's start. */
async function span(name: string): Promise<{start: number; end: number}> {
  beats ??= beatTimes(PROJECT, SCENE);
  const found = (await beats)[name];
  if (!found) throw new Error(`no beat "${name}" in ${SCENE}`);
  return found;
}

async function middleOf(name: string): Promise<number> {
  const {start, end} = await span(name);
  return (start + end) / 2;
}

/** The stack keyed `key` and the chain rule's numbers in the heading, at t. */
async function state(
  t: number,
  key: string,
): Promise<{stack: ChainStackProbe; numbers: string}> {
  const nodes = await probeScene(PROJECT, SCENE, t, [key, 'numbers']);
  return {
    stack: typedProbe(nodes[key], key, 'ChainStack'),
    numbers: nodes.numbers.text ?? '',
  };
}

/** The length of the box on line k, in that line's numbers. */
function drawnLength(stack: ChainStackProbe, k: number): number {
  const line = stack.lines[k];
  const unitsPerPx = Math.abs(line.range[1] - line.range[0]) / line.length;
  return (line.box.right - line.box.left) * unitsPerPx;
}

function productAt(x: number): number {
  const p = chainAt(NONLINEAR_FNS, x).product;
  return p.defined ? p.value : NaN;
}

describe('07-chain-rule', () => {
  it('marks its beats in order, the slide lasting T.slide (to a frame)', async () => {
    let previous = 0;
    for (const name of BEATS) {
      const {start, end} = await span(name);
      expect(start, name).toBeGreaterThanOrEqual(previous - 1e-9);
      expect(end, name).toBeGreaterThan(start);
      previous = end;
    }
    const slide = await span('slide');
    // A tween lasts its duration, rounded to whole 60 fps frames.
    expect(Math.abs(slide.end - slide.start - T.slide)).toBeLessThanOrEqual(
      1 / 60 + 1e-9,
    );
  });

  it("after g alone, the interval has tripled: g'(x) = 3", async () => {
    const {stack} = await state(await middleOf('tripled'), 'linear-stack');
    expect(stack.progress).toBe(1);
    expect(stack.factors[0]).toBe(3);
    expect(stack.factorReadouts[0]).toMatch(/=\s+3\.00$/u);
    expect(stack.lines[1].interval).toEqual([0.75, 1.5]);
    expect(checkChainStack(stack, LINEAR_FNS)).toEqual([]);
  });

  it('triple, then double: the product shown is 6, the product of the stages', async () => {
    const {stack, numbers} = await state(
      await middleOf('sextupled'),
      'linear-stack',
    );
    expect(stack.progress).toBe(2);
    expect(stack.factors).toEqual([3, 2]);
    expect(stack.product).toBe(6);
    expect(stack.productReadouts[0]).toMatch(/=\s+6\.00$/u);
    expect(numbers).toContain('2.00 \\cdot 3.00 = 6.00');
    expect(checkChainStack(stack, LINEAR_FNS)).toEqual([]);
  });

  it("x → x² → sin(x²) at 0.8: the box on line 3 is f'(g(x))·g'(x)·dx long, and that is what the heading and the readout say", async () => {
    const {stack, numbers} = await state(
      await middleOf('nonlinear-product'),
      'chain-stack',
    );
    expect(stack.x).toBe(NONLINEAR.x);
    expect(stack.factors[0]).toBeCloseTo(1.6, 12);
    expect(stack.factors[1]).toBeCloseTo(Math.cos(0.64), 12);
    expect(stack.product).toBeCloseTo(productAt(0.8), 12);
    expect(numbers).toContain('0.80 \\cdot 1.60 = 1.28');
    // The drawn ratio is the product the screen claims, within 2%.
    const ratio = drawnLength(stack, 2) / drawnLength(stack, 0);
    expect(Math.abs(ratio / productAt(0.8) - 1)).toBeLessThan(0.02);
    expect(checkChainStack(stack, NONLINEAR_FNS)).toEqual([]);
  });

  it('at x = 1.5 sin flips the interval: a red box on line 3, |−1.88| times as long as dx', async () => {
    const {stack, numbers} = await state(await middleOf('slid'), 'chain-stack');
    expect(stack.x).toBeCloseTo(NONLINEAR.later, 9);
    expect(stack.factors[1]).toBeLessThan(0);
    expect(stack.product).toBeCloseTo(productAt(1.5), 12);
    expect(numbers).toContain('-0.63 \\cdot 3.00 = -1.88');
    const [a, b] = stack.lines[2].ends;
    expect(a).toBeGreaterThan(b);
    expect(stack.lines[2].box.color).toBe(COLORS.flip);
    const ratio = drawnLength(stack, 2) / drawnLength(stack, 0);
    expect(Math.abs(ratio / Math.abs(productAt(1.5)) - 1)).toBeLessThan(0.02);
    // Every line has one scale, so the boxes compare on screen as they do in numbers.
    const widths = stack.lines.map(l => (l.range[1] - l.range[0]) / l.length);
    expect(widths[1]).toBeCloseTo(widths[0], 12);
    expect(widths[2]).toBeCloseTo(widths[0], 12);
    expect(checkChainStack(stack, NONLINEAR_FNS)).toEqual([]);
  });

  it('tells the truth all through the slide, over the top of sin at x = √(π/2)', async () => {
    const {start, end} = await span('slide');
    const seen: number[] = [];
    for (let i = 0; i <= 8; i++) {
      const {stack} = await state(
        start + ((end - start) * i) / 8,
        'chain-stack',
      );
      seen.push(stack.x);
      expect(checkChainStack(stack, NONLINEAR_FNS), `x = ${stack.x}`).toEqual(
        [],
      );
    }
    expect(Math.min(...seen)).toBeLessThan(Math.sqrt(Math.PI / 2));
    expect(Math.max(...seen)).toBeGreaterThan(Math.sqrt(Math.PI / 2));
  });

  it('draws the image of dx on the third line where f(g(x)) puts it (headless Chromium)', async () => {
    const still = await renderStill(
      PROJECT,
      SCENE,
      await middleOf('sextupled'),
    );
    const scale = {min: -0.5, max: 3.5, length: STACK.length};
    const y = STACK.y + STACK.gap - 12;
    for (const v of [1.5, 3]) {
      expect(
        hasColorNear(still, STACK.x + numberToPoint(scale, v), y, COLORS.dx, 3),
      ).toBe(true);
    }
  });

  it('at x = 1.5 the red box on the third line spans sin((1.5 ± 0.02)²) (headless Chromium)', async () => {
    const still = await renderStill(PROJECT, SCENE, await middleOf('slid'));
    const [min, max] = NONLINEAR.ranges[2];
    const scale = {min, max, length: STACK.length};
    const y = STACK.y + STACK.gap - 12;
    const half = NONLINEAR.dx / 2;
    for (const x of [NONLINEAR.later - half, NONLINEAR.later + half]) {
      const v = Math.sin(x * x);
      expect(
        hasColorNear(
          still,
          STACK.x + numberToPoint(scale, v),
          y,
          COLORS.flip,
          3,
        ),
      ).toBe(true);
    }
  });
});
