import {describe, expect, it} from 'vitest';
import {chainAt, numberToPoint} from '../../src/math';
import {COLORS} from '../../src/theme';
import {
  LINEAR,
  NONLINEAR,
  STACK,
  moments,
} from '../../scenes/07-chain-rule.timing';
import {probeScene, renderStill} from '../helpers/render';
import {hasColorNear} from '../components/graphPixels';

const PROJECT = 'scenes/chapter12.ts';
const SCENE = '07-chain-rule';

interface StackProbe {
  x: number;
  progress: number;
  factors: (number | null)[];
  product: number | null;
  productReadouts: string[];
  factorReadouts: string[];
  intervals: [number, number][];
}

async function state(t: number, key: string) {
  const probe = await probeScene(PROJECT, SCENE, t, [key, 'numbers']);
  return {
    stack: probe[key].custom as StackProbe,
    numbers: probe.numbers.text ?? '',
  };
}

describe('07-chain-rule', () => {
  const m = moments();

  it("after g alone, the interval has tripled: g'(x) = 3", async () => {
    const {stack} = await state(m.tripled, 'linear-stack');
    expect(stack.progress).toBe(1);
    expect(stack.factors[0]).toBe(3);
    expect(stack.factorReadouts[0]).toMatch(/=\s+3\.00$/u);
    expect(stack.intervals[1]).toEqual([
      LINEAR.g.value(LINEAR.x),
      LINEAR.g.value(LINEAR.x + LINEAR.dx),
    ]);
  });

  it('triple, then double: the product shown is 6, the product of the stages', async () => {
    const {stack, numbers} = await state(m.sextupled, 'linear-stack');
    expect(stack.progress).toBe(2);
    expect(stack.factors).toEqual([3, 2]);
    expect(stack.product).toBe(stack.factors[0]! * stack.factors[1]!);
    expect(stack.product).toBe(6);
    expect(stack.productReadouts[0]).toMatch(/=\s+6\.00$/u);
    expect(numbers).toContain('2.00 \\cdot 3.00 = 6.00');
  });

  it("x → x² → sin(x²) at 0.8: the product shown is f'(g(x))·g'(x) = cos(0.64)·1.6", async () => {
    const {stack, numbers} = await state(m.nonlinear, 'chain-stack');
    const chain = chainAt([NONLINEAR.g, NONLINEAR.f], NONLINEAR.x);
    expect(stack.x).toBe(NONLINEAR.x);
    expect(stack.factors[0]).toBeCloseTo(1.6, 12);
    expect(stack.factors[1]).toBeCloseTo(Math.cos(0.64), 12);
    expect(stack.product).toBeCloseTo(
      stack.factors[0]! * stack.factors[1]!,
      12,
    );
    expect(stack.product).toBeCloseTo(
      chain.product.defined ? chain.product.value : NaN,
      12,
    );
    expect(numbers).toContain('0.80 \\cdot 1.60 = 1.28');
  });

  it('at x = 1.5 sin flips the interval: a negative factor and a negative product', async () => {
    const {stack} = await state(m.slid, 'chain-stack');
    expect(stack.x).toBeCloseTo(NONLINEAR.later, 9);
    expect(stack.factors[1]!).toBeLessThan(0);
    expect(stack.product!).toBeLessThan(0);
    const [a, b] = stack.intervals[2]!;
    expect(a).toBeGreaterThan(b);
  });

  it('draws the image of dx on the third line where f(g(x)) puts it (headless Chromium)', async () => {
    const still = await renderStill(PROJECT, SCENE, m.sextupled);
    const scale = {min: -0.5, max: 3.5, length: STACK.length};
    const y = STACK.y + STACK.gap - 12;
    for (const v of [1.5, 3]) {
      expect(
        hasColorNear(still, STACK.x + numberToPoint(scale, v), y, COLORS.dx, 3),
      ).toBe(true);
    }
  });
});
