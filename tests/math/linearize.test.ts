import {describe, expect, it} from 'vitest';
import * as M from '../../src/math';

describe('linearization(f, a): the best linear approximation near a', () => {
  it("L(a) = f(a) and L has slope f'(a) everywhere", () => {
    const f = M.compose(M.sin, M.square);
    for (const a of [-1.2, 0, 0.4, 1.5]) {
      const L = M.linearization(f, a);
      expect(L.value(a)).toBeCloseTo(f.value(a), 12);
      for (const x of [-3, 0, 2.5])
        expect(L.slope(x)).toBeCloseTo(f.slope(a), 12);
    }
  });

  it('for x² at a the error f(a + h) − L(a + h) is exactly h²: first-order agreement', () => {
    const a = 1;
    const L = M.linearization(M.square, a);
    for (const h of [1, 0.5, 0.1, 0.01, -0.3]) {
      expect(M.square.value(a + h) - L.value(a + h)).toBeCloseTo(h * h, 12);
    }
  });

  it('for a smooth f the error over h goes to 0 as h does', () => {
    const f = M.compose(M.sin, M.square);
    const L = M.linearization(f, 0.8);
    const ratio = (h: number) =>
      Math.abs(f.value(0.8 + h) - L.value(0.8 + h)) / h;
    expect(ratio(0.001)).toBeLessThan(ratio(0.01));
    expect(ratio(0.01)).toBeLessThan(ratio(0.1));
    expect(ratio(0.001)).toBeLessThan(0.01);
  });

  it("throws, naming a, where f'(a) does not exist", () => {
    expect(() => M.linearization(M.sqrt, 0)).toThrow(/a = 0/);
  });
});

describe('backpropagate(fns, x): the chain rule run backward', () => {
  it('visits the layers from the last to the first, multiplying their factors', () => {
    const fns = [M.linear(3, 0), M.linear(2, 0), M.linear(0.5, 1)];
    const steps = M.backpropagate(fns, 0.2);
    expect(steps.map(s => s.layer)).toEqual([2, 1, 0]);
    expect(
      steps.map(s => (s.gradient.defined ? s.gradient.value : NaN)),
    ).toEqual([0.5, 1, 3]);
  });

  it('its last gradient equals chainAt(fns, x).product, the forward product', () => {
    const fns = [M.square, M.sin, M.linear(1.5, -0.5), M.exp];
    for (const x of [-1, 0.3, 1.2]) {
      const steps = M.backpropagate(fns, x);
      const last = steps[steps.length - 1].gradient;
      const forward = M.chainAt(fns, x).product;
      expect(last.defined && forward.defined).toBe(true);
      if (last.defined && forward.defined)
        expect(last.value).toBeCloseTo(forward.value, 12);
      // Each step's gradient is d(output)/d(layer input): check against the composition of the tail.
      for (const s of steps) {
        const tail = M.composeAll(...fns.slice(s.layer).reverse());
        const input = M.chainAt(fns, x).stages[s.layer].input;
        expect(s.gradient.defined).toBe(true);
        if (s.gradient.defined)
          expect(s.gradient.value).toBeCloseTo(tail.slope(input), 10);
      }
    }
  });

  it('an undefined factor makes every gradient behind it undefined, naming the layer', () => {
    const steps = M.backpropagate([M.linear(2, 0), M.sqrt, M.linear(3, 0)], 0);
    expect(steps[0].gradient.defined).toBe(true);
    expect(steps[1].gradient.defined).toBe(false);
    expect(steps[2].gradient.defined).toBe(false);
    if (!steps[2].gradient.defined)
      expect(steps[2].gradient.reason).toMatch(/layer 2/);
  });
});
