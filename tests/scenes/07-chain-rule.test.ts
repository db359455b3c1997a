import {describe, expect, it} from 'vitest';
import {
  LINEAR,
  NONLINEAR,
  STACK,
  SWEEP,
  T,
} from '../../scenes/07-chain-rule.timing';
import type {ChainStackProbe} from '../../src/geometry/chainStack';
import {chainAt, formatFixed, numberToPoint, texFixed} from '../../src/math';
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
  'memorized',
  'almost-trivial',
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
  'each-map',
  'sweep',
  'swept',
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

/** The stack, the heading's numbers and the caption at a handful of moments of the sweep (probed once, shared). */
let sweepProbes:
  | Promise<{stack: ChainStackProbe; numbers: string; caption: string}[]>
  | undefined;

/** Moments of the sweep probed, as fractions of the beat: its ends and three between. */
const SWEEP_MOMENTS = [0, 0.25, 0.5, 0.75, 1];

function sweepStates() {
  sweepProbes ??= (async () => {
    const {start, end} = await span('sweep');
    const out = [];
    for (const f of SWEEP_MOMENTS) {
      const nodes = await probeScene(
        PROJECT,
        SCENE,
        start + (end - start) * f,
        ['chain-stack', 'numbers', 'caption'],
      );
      out.push({
        stack: typedProbe(nodes['chain-stack'], 'chain-stack', 'ChainStack'),
        numbers: nodes.numbers.text ?? '',
        caption: nodes.caption.text ?? '',
      });
    }
    return out;
  })();
  return sweepProbes;
}

/** The number a readout's text shows after its last "=". */
function shown(text: string): string {
  return text.slice(text.lastIndexOf('=') + 1).trim();
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
  it('marks its beats in order, the slide and the sweep lasting T.slide and T.sweep (to a frame)', async () => {
    let previous = 0;
    for (const name of BEATS) {
      const {start, end} = await span(name);
      expect(start, name).toBeGreaterThanOrEqual(previous - 1e-9);
      expect(end, name).toBeGreaterThan(start);
      previous = end;
    }
    // A tween lasts its duration, rounded to whole 60 fps frames.
    for (const [name, duration] of Object.entries({
      slide: T.slide,
      sweep: T.sweep,
    })) {
      const {start, end} = await span(name);
      expect(Math.abs(end - start - duration), name).toBeLessThanOrEqual(
        1 / 60 + 1e-9,
      );
    }
    // Time events left behind by a longer opening would shorten the holds after them.
    const sextupled = await span('sextupled');
    // (Beat times add up 1/60 s steps, so allow their float rounding.)
    expect(sextupled.end - sextupled.start).toBeGreaterThanOrEqual(
      T.hold - 1 / 60 - 1e-9,
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

  it('opens on the whole formula, "memorized in Chapter 4", then "almost trivial" as it becomes the heading', async () => {
    const first = await probeScene(
      PROJECT,
      SCENE,
      (await span('memorized')).end,
      ['key-phrase'],
    );
    expect(first['key-phrase'].text).toMatch(/memorized in Chapter 4/u);
    expect(first['key-phrase'].opacity).toBe(1);
    const second = await probeScene(
      PROJECT,
      SCENE,
      (await span('almost-trivial')).end,
      ['key-phrase', 'caption'],
    );
    expect(second['key-phrase'].text).toMatch(/mapping view, almost trivial/u);
    expect(second['key-phrase'].opacity).toBe(1);
    expect(second.caption.opacity).toBe(0);
  });

  it('sweeps x across its line from SWEEP.from to SWEEP.to, over the top of sin, each line on its own scale, under "each map … its own local stretch factor"', async () => {
    const states = await sweepStates();
    const xs = states.map(s => s.stack.x);
    expect(xs[0]).toBeCloseTo(SWEEP.from, 3);
    expect(xs[xs.length - 1]).toBeCloseTo(SWEEP.to, 3);
    for (let i = 1; i < xs.length; i++)
      expect(xs[i]).toBeGreaterThan(xs[i - 1]);
    expect(xs.some(x => x < Math.sqrt(Math.PI / 2))).toBe(true);
    expect(xs.some(x => x > Math.sqrt(Math.PI / 2))).toBe(true);
    for (const {stack, caption} of states) {
      expect(stack.lines.map(l => l.range)).toEqual(SWEEP.ranges);
      expect(caption).toBe(
        'Each map multiplies the length by its own local stretch factor.',
      );
    }
    // Own scales: line 2 has half the pixels per unit of line 1.
    const [l1, l2] = states[0].stack.lines;
    expect((l2.range[1] - l2.range[0]) / (l1.range[1] - l1.range[0])).toBe(2);
  });

  it('during the sweep the markers sit at x, g(x) and f(g(x)) on their lines, shown', async () => {
    for (const {stack} of await sweepStates()) {
      const x = stack.x;
      const values = [x, NONLINEAR.g.value(x), NONLINEAR.f.value(x * x)];
      stack.lines.forEach((line, k) => {
        const scale = {
          min: line.range[0],
          max: line.range[1],
          length: line.length,
        };
        const marker = line.marker;
        expect(marker, `line ${k + 1} at x = ${x}`).not.toBeNull();
        expect(
          Math.abs(marker!.x - numberToPoint(scale, values[k])),
          `line ${k + 1} at x = ${x}`,
        ).toBeLessThanOrEqual(1);
        expect(marker!.y).toBeCloseTo(line.y, 6);
        expect(marker!.opacity).toBe(1);
      });
      expect(checkChainStack(stack, NONLINEAR_FNS), `x = ${x}`).toEqual([]);
    }
  });

  it("during the sweep the product readout and the heading are the chain rule at the current x, and each box is its map's factor times the one above", async () => {
    for (const {stack, numbers} of await sweepStates()) {
      const x = stack.x;
      const chain = chainAt(NONLINEAR_FNS, x);
      const [g, f] = chain.stages.map(st => st.factor);
      expect(stack.product).toBeCloseTo(2 * x * Math.cos(x * x), 12);
      expect(shown(stack.productReadouts[0])).toBe(formatFixed(chain.product));
      expect(shown(stack.factorReadouts[0])).toBe(formatFixed(g));
      expect(shown(stack.factorReadouts[1])).toBe(formatFixed(f));
      expect(numbers).toContain(
        `${texFixed(f)} \\cdot ${texFixed(g)} = ${texFixed(chain.product)}`,
      );
      // Line 2's box is g'(x) = 2x times dx, in line 2's own numbers.
      const stretch = drawnLength(stack, 1) / drawnLength(stack, 0);
      expect(Math.abs(stretch / (2 * x) - 1), `x = ${x}`).toBeLessThan(0.01);
      // Line 3's over line 2's is |f'(g(x))| = |cos(x²)| (away from the top of sin, where both are ~0).
      if (Math.abs(Math.cos(x * x)) > 0.2) {
        const ratio = drawnLength(stack, 2) / drawnLength(stack, 1);
        expect(
          Math.abs(ratio / Math.abs(Math.cos(x * x)) - 1),
          `x = ${x}`,
        ).toBeLessThan(0.01);
      }
    }
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
