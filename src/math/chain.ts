/**
 * The chain rule at a point, stage by stage: each map's local stretch factor
 * where it is applied, and their product.
 */
import {derivativeAt} from './derivative';
import type {ChainAtPoint, ChainStage, Derivative, RealFunction} from './types';

/**
 * The chain rule at x for maps applied in order: fns[0] first, then fns[1], ...
 *
 * @remarks
 * For `chainAt([g, f], x)` the stages' factors are g'(x) and f'(g(x)), and the
 * product is (f∘g)'(x) = f'(g(x))·g'(x): each stage stretches the tiny interval
 * it receives, so the stretches multiply. If any factor is undefined, so is the
 * product, with that stage's reason.
 */
export function chainAt(fns: readonly RealFunction[], x: number): ChainAtPoint {
  if (fns.length === 0) {
    throw new Error(
      'chainAt: expected at least one function, got an empty array',
    );
  }
  const stages: ChainStage[] = [];
  let input = x;
  let productValue = 1;
  let failure: string | undefined;
  fns.forEach((fn, i) => {
    const factor = derivativeAt(fn, input);
    const output = fn.value(input);
    stages.push({fn, input, output, factor});
    // Later stages still get an input after a failure, so each can be drawn.
    input = output;
    if (failure !== undefined) return;
    if (factor.defined) productValue *= factor.value;
    else failure = `stage ${i + 1}: ${factor.reason}`;
  });
  const product: Derivative =
    failure === undefined
      ? {defined: true, value: productValue + 0}
      : {defined: false, reason: failure};
  return {stages, product, value: stages[stages.length - 1].output};
}
