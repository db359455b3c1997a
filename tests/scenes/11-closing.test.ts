import {describe, expect, it} from 'vitest';
import {
  BACKWARD,
  LAYERS,
  LAYER_X,
  LAYER_X_LATER,
  PILLAR_F,
  PILLAR_MATRIX,
  PILLAR_STOPS,
  RECAP_F,
  RECAP_STOPS,
  WORDS,
} from '../../scenes/11-closing.timing';
import {stretchStyle} from '../../src/geometry/stretchStyle';
import {
  backpropagate,
  chainAt,
  derivativeAt,
  determinant,
  formatFixed,
} from '../../src/math';
import {beatTimes, probeScene, typedProbe} from '../helpers/render';

const PROJECT = 'scenes/chapter12.ts';
const SCENE = '11-closing';

/** The number at the end of a readout's text ("dy/dx =  2.63" → "2.63"). */
function numberOf(text: string): string {
  return text.trim().split(/\s+/).pop() ?? '';
}

let beats: ReturnType<typeof beatTimes> | undefined;

/** The scene's named beats, as it recorded them when it played (asked once). */
function allBeats() {
  return (beats ??= beatTimes(PROJECT, SCENE));
}

/** The moment a fraction `at` of the way through a beat (seconds from the scene's start). */
async function during(name: string, at = 0.5): Promise<number> {
  const span = (await allBeats())[name];
  if (!span) throw new Error(`no beat "${name}" in ${SCENE}`);
  return span.start + at * (span.end - span.start);
}

/** The backward column's rows, line 0 (x) to line 3 (y). */
const GRADIENT_KEYS = ['gradient0', 'gradient1', 'gradient2', 'gradient3'];

/** The stack, its backward column and the "linear" / "nonlinear" labels at t. */
async function layersAt(t: number) {
  const nodes = await probeScene(PROJECT, SCENE, t, [
    'title',
    'caption',
    'layers',
    'kind0',
    'kind1',
    'kind2',
    ...GRADIENT_KEYS,
  ]);
  return {
    nodes,
    stack: typedProbe(nodes.layers, 'layers', 'ChainStack'),
    rows: GRADIENT_KEYS.map(k => typedProbe(nodes[k], k, 'Readout')),
    opacities: GRADIENT_KEYS.map(k => nodes[k].opacity),
  };
}

/** The gradient of the output with respect to line k, from the math alone. */
function gradientFromMath(x: number, k: number): number | null {
  if (k === LAYERS.length) return 1;
  const step = backpropagate(LAYERS, x).find(s => s.layer === k);
  return step?.gradient.defined ? step.gradient.value : null;
}

describe('11-closing', () => {
  it('closes the series in the lesson order: recap, two pillars, backpropagation, attention, end card', async () => {
    const b = await allBeats();
    const order = [
      'recap-title',
      ...WORDS.recap.map((_, i) => `recap-${i}`),
      'recap-picture',
      'recap-slide-1',
      'recap-stop-1',
      'recap-slide-2',
      'recap-stop-2',
      'recap-out',
      'pillars-title',
      'pillars-in',
      'pillars-live',
      'pillars-slide',
      'pillars-hold',
      'pillars-out',
      'backprop-title',
      'backprop-caption',
      'forward-0',
      'forward-1',
      'forward-2',
      'backward',
      'backprop-hold',
      'attention-title',
      'attention-caption',
      'attention-slide',
      'attention-hold',
      'built-caption',
      'built-hold',
      'layers-out',
      'end-card',
      'end-hold',
      'out',
    ];
    for (const [i, name] of order.entries()) {
      expect(b[name], name).toBeDefined();
      if (i > 0)
        expect(b[name].start, name).toBeGreaterThanOrEqual(b[order[i - 1]].end);
    }
  });

  it("the recap lists the arc of the series; its last line, the local stretch, is live: box, f'(x) and case agree with the math", async () => {
    const recapKeys = WORDS.recap.map((_, i) => `recap${i}`);
    for (const [i, stop] of RECAP_STOPS.entries()) {
      const t =
        i === 0
          ? await during('recap-picture', 0.9)
          : await during(`recap-stop-${i}`);
      const nodes = await probeScene(PROJECT, SCENE, t, [
        'title',
        ...recapKeys,
        'recapBox',
        'recapSlope',
        'recapStretch',
        'recapMapping',
      ]);
      expect(nodes.title.text).toBe(WORDS.recapTitle);
      recapKeys.forEach((k, j) => {
        expect(nodes[k].text).toBe(WORDS.recap[j]);
        expect(nodes[k].opacity).toBeCloseTo(1, 6);
      });
      const box = typedProbe(nodes.recapBox, 'recapBox', 'IntervalBox');
      const slope = typedProbe(nodes.recapSlope, 'recapSlope', 'Readout');
      const d = derivativeAt(RECAP_F, stop);
      const style = stretchStyle(d);
      expect(box.at).toBe(stop);
      expect(box.ratio ?? NaN).toBeCloseTo(d.defined ? d.value : NaN, 9);
      expect(numberOf(slope.text)).toBe(formatFixed(d));
      expect(nodes.recapStretch.text).toBe(style.caption);
      expect(box.kind).toBe(style.kind);
      // Long lines: the picture spans more than a third of the frame.
      const mapping = typedProbe(
        nodes.recapMapping,
        'recapMapping',
        'MappingView',
      );
      expect(
        Math.abs(mapping.input.to[0] - mapping.input.from[0]),
      ).toBeGreaterThanOrEqual(700);
    }
  });

  it('the two pillars: det A of the linear map and the tangent slope of sin(x²), both from src/math', async () => {
    const t = await during('pillars-hold');
    const nodes = await probeScene(PROJECT, SCENE, t, [
      'title',
      'pillarDet',
      'pillarGrid',
      'pillarGraph',
    ]);
    expect(nodes.title.text).toBe(WORDS.pillarsTitle);
    const det = typedProbe(nodes.pillarDet, 'pillarDet', 'Readout');
    expect(det.value).toBe(determinant(PILLAR_MATRIX));
    expect(numberOf(det.text)).toBe('1.25');
    const grid = typedProbe(nodes.pillarGrid, 'pillarGrid', 'WarpedGrid');
    expect(grid.t).toBeCloseTo(1, 9);
    const graph = typedProbe(nodes.pillarGraph, 'pillarGraph', 'FunctionGraph');
    expect(graph.x).toBe(PILLAR_STOPS[1]);
    const d = derivativeAt(PILLAR_F, PILLAR_STOPS[1]);
    expect(graph.slope).toBeCloseTo(d.defined ? d.value : NaN, 12);
    expect(numberOf(graph.readout)).toBe(formatFixed(d));
  });

  it('backpropagation: the gradients appear from the output back to the input', async () => {
    const early = await layersAt(await during('backward', 0.2));
    // The output's row is coming in; the input's is not yet.
    expect(early.opacities[3]).toBeGreaterThan(0);
    expect(early.opacities[0]).toBe(0);
    expect(early.opacities[1]).toBe(0);
    const middle = await layersAt(await during('backward', 0.6));
    expect(middle.opacities[3]).toBeCloseTo(1, 6);
    expect(middle.opacities[2]).toBeCloseTo(1, 6);
    expect(middle.opacities[0]).toBe(0);
  });

  it('backpropagation: each row is d(output)/d(line) from backpropagate, and the last equals the forward chain rule', async () => {
    const {nodes, stack, rows, opacities} = await layersAt(
      await during('backprop-hold'),
    );
    expect(nodes.title.text).toBe(WORDS.backpropTitle);
    expect(nodes.caption.text).toBe(WORDS.backprop);
    expect(stack.x).toBe(LAYER_X);
    expect(stack.progress).toBe(LAYERS.length);
    const chain = chainAt(LAYERS, LAYER_X);
    expect(stack.factors).toEqual(
      chain.stages.map(s => (s.factor.defined ? s.factor.value : null)),
    );
    rows.forEach((row, k) => {
      expect(opacities[k]).toBeCloseTo(1, 6);
      expect(row.value).toBe(gradientFromMath(LAYER_X, k));
      expect(numberOf(row.text)).toBe(formatFixed(row.value ?? NaN));
    });
    // Output first: the timing's BACKWARD is the same computation the rows show.
    expect(BACKWARD.map(s => s.layer)).toEqual([2, 1, 0]);
    expect(rows[0].value).toBeCloseTo(
      chain.product.defined ? chain.product.value : NaN,
      12,
    );
    // dy/dh₂ is the last layer's factor alone; dy/dx the product of all three.
    expect(rows[2].value).toBe(stack.factors[2]);
    expect(rows[0].value).toBeCloseTo(
      (stack.factors[0] ?? NaN) *
        (stack.factors[1] ?? NaN) *
        (stack.factors[2] ?? NaN),
      12,
    );
    // The stack's lines are long: 900 px of a 1920 px frame.
    for (const line of stack.lines)
      expect(line.length).toBeGreaterThanOrEqual(900);
  });

  it("attention: linear, nonlinear, linear; as x moves only the nonlinearity's factor changes, and the gradients follow", async () => {
    const before = await layersAt(await during('backprop-hold'));
    const after = await layersAt(await during('attention-hold'));
    expect(after.nodes.title.text).toBe(WORDS.attentionTitle);
    expect(after.nodes.kind0.text).toBe(WORDS.linearName);
    expect(after.nodes.kind1.text).toBe(WORDS.nonlinearName);
    expect(after.nodes.kind2.text).toBe(WORDS.linearName);
    expect(after.nodes.kind1.opacity).toBeCloseTo(1, 6);
    expect(after.stack.x).toBe(LAYER_X_LATER);
    // Linear layers stretch by the same factor everywhere ...
    expect(after.stack.factors[0]).toBe(before.stack.factors[0]);
    expect(after.stack.factors[2]).toBe(before.stack.factors[2]);
    // ... the nonlinearity does not: towards the top of sin it flattens.
    expect(before.stack.factors[1] ?? 0).toBeCloseTo(Math.cos(0.5), 12);
    expect(after.stack.factors[1] ?? 0).toBeCloseTo(Math.cos(1.3), 12);
    expect(after.rows[0].value).not.toBeCloseTo(before.rows[0].value ?? 0, 2);
    after.rows.forEach((row, k) => {
      expect(row.value).toBe(gradientFromMath(LAYER_X_LATER, k));
    });
    const built = await probeScene(PROJECT, SCENE, await during('built-hold'), [
      'caption',
    ]);
    expect(built.caption.text).toBe(WORDS.built);
  });

  it('ends on the card to the next series', async () => {
    const nodes = await probeScene(PROJECT, SCENE, await during('end-hold'), [
      'next',
      'seeYou',
    ]);
    expect(nodes.next.text).toBe(WORDS.next);
    expect(nodes.seeYou.text).toBe(WORDS.seeYou);
    expect(nodes.next.opacity).toBeCloseTo(1, 6);
  });
});
