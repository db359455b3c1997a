/**
 * The best linear approximation of a function near a point, and the chain
 * rule run backward (backpropagation) through a composition.
 */
import {chainAt} from './chain';
import {derivativeAt} from './derivative';
import {linear} from './functions';
import type {DualFunction} from './functions';
import type {Derivative, RealFunction} from './types';

/**
 * The best linear approximation of f near a: L(x) = f(a) + f'(a)·(x − a).
 *
 * @remarks
 * L agrees with f to first order at a: f(a + h) − L(a + h) shrinks faster
 * than h (for x², it is exactly h²). This is the "linear transformation that
 * best approximates a function near a point" of the lesson. Throws, naming a,
 * where f'(a) does not exist.
 */
export function linearization(f: RealFunction, a: number): DualFunction {
  const d = derivativeAt(f, a);
  const fa = f.value(a);
  if (!d.defined || !Number.isFinite(fa)) {
    throw new Error(
      `linearization: expected f to be differentiable at a = ${a}, got ${d.defined ? `f(a) = ${fa}` : d.reason}`,
    );
  }
  return linear(d.value, fa - d.value * a);
}

/** What backpropagation knows about one layer of a composition, from the output back. */
export interface BackwardStep {
  /** The layer's index in the composition (0 = the first map applied). */
  readonly layer: number;
  /** The layer's own local stretch factor where it is applied. */
  readonly factor: Derivative;
  /**
   * The derivative of the final output with respect to this layer's input:
   * the product of this layer's factor and every later layer's.
   */
  readonly gradient: Derivative;
}

/**
 * The chain rule run backward: for maps applied in order (fns[0] first), the
 * derivative of the final output with respect to each layer's input, computed
 * from the last layer back to the first, as backpropagation does.
 *
 * @remarks
 * Step k (0-based, in the returned order) is layer n − 1 − k; its gradient is
 * the previous step's gradient times the layer's factor, starting from 1 at
 * the output. The last step's gradient is the whole composition's derivative
 * at x, the same number as `chainAt(fns, x).product` multiplied front to back.
 */
export function backpropagate(
  fns: readonly RealFunction[],
  x: number,
): BackwardStep[] {
  const {stages} = chainAt(fns, x);
  const steps: BackwardStep[] = [];
  let gradient: Derivative = {defined: true, value: 1};
  for (let layer = stages.length - 1; layer >= 0; layer--) {
    const factor = stages[layer].factor;
    if (gradient.defined && factor.defined) {
      gradient = {defined: true, value: gradient.value * factor.value + 0};
    } else if (gradient.defined && !factor.defined) {
      gradient = {
        defined: false,
        reason: `layer ${layer + 1}: ${factor.reason}`,
      };
    }
    steps.push({layer, factor, gradient});
  }
  return steps;
}
