import {describe, expect, it} from 'vitest';
import {chainAt, linear, numberToPoint} from '../../src/math';
import {COLORS} from '../../src/theme';
import {checkChainStack} from '../../src/truth/chainStack';
import {probeComponent, renderStill} from '../helpers/render';
import {hasColorNear} from './graphPixels';

const PROJECT = 'scenes/demos/graphs.ts';
const SCENE = 'demo-chain-stack';
/** The demo's maps: triple, then double. */
const FNS = [linear(3, 0), linear(2, 0)];
/** The demo stack: centred at x = −60, lines [−0.5, 3.5] over 1100 px, 250 px apart. */
const STACK_X = -60;
const SCALE = {min: -0.5, max: 3.5, length: 1100};
const LINE_Y = [-250, 0, 250];

const stack = (t: number) =>
  probeComponent(PROJECT, SCENE, t, 'stack', 'ChainStack');

/** The still after both stages (rendered once for the pixel tests). */
let settled: ReturnType<typeof renderStill> | undefined;
const settledStill = () => (settled ??= renderStill(PROJECT, SCENE, 6.5));

describe('ChainStack', () => {
  it('its product equals the product of its stages: triple, then double = ×6', async () => {
    const p = await stack(6);
    expect(p.progress).toBe(2);
    expect(p.factors).toEqual([3, 2]);
    expect(p.product).toBe(6);
    expect(p.productReadouts).toHaveLength(1);
    expect(p.productReadouts[0]).toMatch(/=\s+6\.00$/u);
    expect(p.factorReadouts[0]).toMatch(/=\s+3\.00$/u);
    expect(p.factorReadouts[1]).toMatch(/=\s+2\.00$/u);
  });

  it('centres the interval on x: [0.25, 0.5] around 0.375 goes to [0.75, 1.5], then to [1.5, 3], and draws it there', async () => {
    const p = await stack(6);
    expect(p.x).toBe(0.375);
    expect(p.lines.map(l => l.interval)).toEqual([
      [0.25, 0.5],
      [0.75, 1.5],
      [1.5, 3],
    ]);
    const line = p.lines[2];
    expect(line.box.left).toBeCloseTo(numberToPoint(SCALE, 1.5), 6);
    expect(line.box.right).toBeCloseTo(numberToPoint(SCALE, 3), 6);
    // In scene coordinates too, where a viewer sees it.
    expect(line.box.sceneLeft[0]).toBeCloseTo(
      STACK_X + numberToPoint(SCALE, 1.5),
      6,
    );
    expect(line.box.sceneLeft[1]).toBeCloseTo(LINE_Y[2], 6);
  });

  it('draws what the math says: the checker finds nothing, the labels name the lengths under them', async () => {
    const p = await stack(6);
    expect(checkChainStack(p, FNS)).toEqual([]);
    expect(p.lines.map(l => l.label.tex)).toEqual([
      'dx',
      "g'(x)\\,dx",
      "f'(g(x))\\,g'(x)\\,dx",
    ]);
    expect(p.lines.map(l => l.label.value)).toEqual([0.25, 0.75, 1.5]);
    const widths = p.lines.map(l => l.box.right - l.box.left);
    expect(widths[2] / widths[0]).toBeCloseTo(6, 9);
  });

  it('carries a box between the lines while a stage flows, and the picture stays true mid-flight', async () => {
    const p = await stack(2);
    expect(p.progress).toBeGreaterThan(0);
    expect(p.progress).toBeLessThan(1);
    expect(p.moving).not.toBeNull();
    expect(p.moving?.y).toBeGreaterThan(p.lines[0].y);
    expect(p.moving?.y).toBeLessThan(p.lines[1].y);
    expect(p.lines[1].box.opacity).toBe(0);
    expect(checkChainStack(p, FNS)).toEqual([]);
  });

  it('follows x: slid to 0.125, the interval is [0, 0.25], every stage is chainAt of the new point, and each marker is at the point on its line', async () => {
    const p = await stack(9.5);
    expect(p.x).toBe(0.125);
    const chain = chainAt(FNS, 0.125);
    expect(p.product).toBe(chain.product.defined ? chain.product.value : null);
    expect(p.lines[2].interval).toEqual([0, 1.5]);
    expect(checkChainStack(p, FNS)).toEqual([]);
    // The point's markers follow too (hidden unless a scene shows them): x, g(x) = 3x, f(g(x)) = 6x.
    p.lines.forEach((line, k) => {
      const value = [0.125, 0.375, 0.75][k];
      expect(line.marker?.value).toBe(value);
      expect(line.marker?.x).toBeCloseTo(numberToPoint(SCALE, value), 6);
      expect(line.marker?.y).toBe(LINE_Y[k]);
      expect(line.marker?.opacity).toBe(0);
    });
  });

  it('draws the box on the third line where f(g(x)) puts it (headless Chromium)', async () => {
    const still = await settledStill();
    // The box's left edge is a yellow stroke at f(g(0.25)) = 1.5 on line 3.
    const x = STACK_X + numberToPoint(SCALE, 1.5);
    expect(hasColorNear(still, x, LINE_Y[2] - 12, COLORS.dx, 3)).toBe(true);
    // Its right edge at f(g(0.5)) = 3.
    const x2 = STACK_X + numberToPoint(SCALE, 3);
    expect(hasColorNear(still, x2, LINE_Y[2] - 12, COLORS.dx, 3)).toBe(true);
  });

  it('draws the box on the first line centred on x = 0.375: edges at 0.25 and 0.5, none at 0.625 (headless Chromium)', async () => {
    const still = await settledStill();
    const y = LINE_Y[0] - 12;
    for (const v of [0.25, 0.5]) {
      const x = STACK_X + numberToPoint(SCALE, v);
      expect(hasColorNear(still, x, y, COLORS.dx, 3)).toBe(true);
    }
    // Where the right edge of an interval starting at x would be.
    const stale = STACK_X + numberToPoint(SCALE, 0.625);
    expect(hasColorNear(still, stale, y, COLORS.dx, 3)).toBe(false);
  });
});
