import {describe, expect, it} from 'vitest';
import {chainAt, linear, numberToPoint} from '../../src/math';
import {COLORS} from '../../src/theme';
import {probeScene, renderStill} from '../helpers/render';
import {hasColorNear} from './graphPixels';

const PROJECT = 'scenes/demos/graphs.ts';
const SCENE = 'demo-chain-stack';
/** The demo stack: centred at x = −60, lines [−0.5, 3.5] over 1100 px, 250 px apart. */
const STACK_X = -60;
const SCALE = {min: -0.5, max: 3.5, length: 1100};
const LINE_Y = [-250, 0, 250];

interface StackProbe {
  x: number;
  progress: number;
  factors: (number | null)[];
  product: number | null;
  productText: string;
  factorReadouts: string[];
  productReadouts: string[];
  intervals: [number, number][];
}

async function stack(t: number): Promise<StackProbe> {
  const probe = await probeScene(PROJECT, SCENE, t, ['stack']);
  return probe.stack.custom as StackProbe;
}

describe('ChainStack', () => {
  it('its product equals the product of its stages: triple, then double = ×6', async () => {
    const p = await stack(6);
    expect(p.progress).toBe(2);
    expect(p.factors).toEqual([3, 2]);
    expect(p.product).toBe(p.factors[0]! * p.factors[1]!);
    expect(p.product).toBe(6);
    expect(p.productReadouts[0]).toMatch(/=\s+6\.00$/u);
    expect(p.factorReadouts[0]).toMatch(/=\s+3\.00$/u);
    expect(p.factorReadouts[1]).toMatch(/=\s+2\.00$/u);
  });

  it('carries [x, x + dx] to [g(x), g(x + dx)] and on to [f(g(x)), f(g(x + dx))]', async () => {
    const p = await stack(6);
    expect(p.intervals).toEqual([
      [0.25, 0.5],
      [0.75, 1.5],
      [1.5, 3],
    ]);
  });

  it('follows x: every stage is chainAt of the new point', async () => {
    const p = await stack(9.5);
    expect(p.x).toBe(0);
    const chain = chainAt([linear(3, 0), linear(2, 0)], 0);
    expect(p.product).toBe(chain.product.defined ? chain.product.value : null);
    expect(p.intervals[2]).toEqual([0, 1.5]);
  });

  it('draws the box on the third line where f(g(x)) puts it (headless Chromium)', async () => {
    const still = await renderStill(PROJECT, SCENE, 6.5);
    // The box's left edge is a yellow stroke at f(g(0.25)) = 1.5 on line 3.
    const x = STACK_X + numberToPoint(SCALE, 1.5);
    expect(hasColorNear(still, x, LINE_Y[2]! - 12, COLORS.dx, 3)).toBe(true);
    // Its right edge at f(g(0.5)) = 3.
    const x2 = STACK_X + numberToPoint(SCALE, 3);
    expect(hasColorNear(still, x2, LINE_Y[2]! - 12, COLORS.dx, 3)).toBe(true);
  });
});
