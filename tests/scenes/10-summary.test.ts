import {describe, expect, it} from 'vitest';
import {
  BOX_DX,
  BOX_F,
  BOX_STOPS,
  CHAIN_FNS,
  CHAIN_X,
  GRID_MAP,
  MAP_F,
  MAP_SAMPLES,
  WORDS,
} from '../../scenes/10-summary.timing';
import {stretchStyle} from '../../src/geometry/stretchStyle';
import {
  chainAt,
  derivativeAt,
  determinant,
  formatFixed,
  valueAt,
} from '../../src/math';
import {COLORS} from '../../src/theme';
import {hasColorNear} from '../components/graphPixels';
import {
  beatTimes,
  probeScene,
  renderStill,
  typedProbe,
  unexplainedGaps,
} from '../helpers/render';

const PROJECT = 'scenes/chapter12.ts';
const SCENE = '10-summary';

/** The number at the end of a readout's text ("det J =  3.25" → "3.25"). */
function numberOf(text: string): string {
  return text.trim().split(/\s+/).pop() ?? '';
}

/** The cases the box visits, in the order of BOX_STOPS, as the lesson names them. */
const CASES = [
  {name: 'stretch', caption: 'Scale by 3', color: COLORS.dx},
  {name: 'squish', caption: 'Scale by 1/2', color: COLORS.dx},
  {name: 'flip', caption: 'Flip and scale by 2', color: COLORS.flip},
  {name: 'collapse', caption: 'Collapse', color: COLORS.collapse},
];

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

const KEYS = [
  'bullet0',
  'bullet1',
  'bullet2',
  'bullet3',
  'summaryMapping',
  'summaryBox',
  'summaryBoxReadout',
  'summaryBoxCaption',
  'summaryChain',
  'summaryGrid',
  'summaryGridReadout',
];

// Each probe seeks the scene from its start: probe each moment once, for every key, and reuse it.
const probes = new Map<number, ReturnType<typeof probeScene>>();

/** Every keyed node at t (all four tiles are built from the start), and the typed probes. */
async function at(t: number) {
  let probe = probes.get(t);
  if (!probe) probes.set(t, (probe = probeScene(PROJECT, SCENE, t, KEYS)));
  const nodes = await probe;
  return {
    nodes,
    mapping: typedProbe(nodes.summaryMapping, 'summaryMapping', 'MappingView'),
    box: typedProbe(nodes.summaryBox, 'summaryBox', 'IntervalBox'),
    boxReadout: typedProbe(
      nodes.summaryBoxReadout,
      'summaryBoxReadout',
      'Readout',
    ),
    boxCaption: nodes.summaryBoxCaption,
    chain: typedProbe(nodes.summaryChain, 'summaryChain', 'ChainStack'),
    grid: typedProbe(nodes.summaryGrid, 'summaryGrid', 'WarpedGrid'),
    gridReadout: typedProbe(
      nodes.summaryGridReadout,
      'summaryGridReadout',
      'Readout',
    ),
  };
}

/** The box picture at time t: centred on its x, showing f'(x), named and coloured by it. */
async function checkBox(t: number) {
  const {box, boxReadout: readout, boxCaption: caption} = await at(t);
  expect(box.at).not.toBeNull();
  const x = box.at ?? Number.NaN;
  expect(box.dx).toBeCloseTo(BOX_DX, 12);
  expect((box.input[0] + box.input[1]) / 2).toBeCloseTo(x, 12);
  const slope = derivativeAt(BOX_F, x);
  const style = stretchStyle(slope);
  expect(readout.value).toBe(slope.defined ? slope.value : null);
  expect(numberOf(readout.text)).toBe(formatFixed(slope));
  // For x² a centred box's output / input is f'(x) itself.
  expect(box.ratio).toBeCloseTo(slope.defined ? slope.value : Number.NaN, 9);
  expect(box.kind).toBe(style.kind);
  expect(box.caseColor).toBe(style.color);
  expect(caption.text).toBe(style.caption);
  expect(caption.fill).toBe(style.color);
  return {box, caption};
}

describe('10-summary', () => {
  it('reveals the four bullets in order, then closes', async () => {
    const b = await allBeats();
    const order = [
      'title',
      'bullet0',
      'picture0',
      'bullet0-read',
      'bullet1',
      'picture1',
      'bullet1-read',
      'bullet2',
      'picture2',
      'bullet2-read',
      'bullet3',
      'picture3',
      'bullet3-read',
      'all-hold',
      'tiles-out',
      'closing0',
      'closing1',
      'closing-hold',
      'out',
    ];
    // Back to back, but for the scene waiting for a narration block to end.
    expect(unexplainedGaps(b, order)).toEqual([]);
    // The end card belongs to the close of the series (11-closing), not here.
    expect(b['end-card']).toBeUndefined();
  });

  it('draws each picture large in its tile: the mapping and the box lines span most of a 920 px tile', async () => {
    const {mapping, box} = await at(await during('all-hold'));
    const span = (line: {from: number[]; to: number[]}) =>
      Math.abs(line.to[0] - line.from[0]);
    expect(span(mapping.input)).toBeGreaterThanOrEqual(0.65 * 920);
    expect(span(mapping.output)).toBeGreaterThanOrEqual(0.65 * 920);
    // The box's line runs over [−1.5, 2]: 3.5 units.
    expect(Math.abs(box.lines.input.unit[0]) * 3.5).toBeGreaterThanOrEqual(
      0.6 * 920,
    );
  });

  it('shows the four bullets of "What you walked away with", in the lesson\'s words', async () => {
    const {nodes} = await at(await during('all-hold'));
    WORDS.bullets.forEach((words, i) => {
      expect(nodes[`bullet${i}`].text).toBe(words);
      expect(nodes[`bullet${i}`].opacity).toBeCloseTo(1, 6);
    });
  });

  it('the box visits stretch, squish, flip and collapse: each drawn, read and named as the lesson says', async () => {
    for (const [i, c] of CASES.entries()) {
      const t = await during(`box-hold-1-${i}`);
      const {box, caption} = await checkBox(t);
      expect(box.at).toBe(BOX_STOPS[i]);
      expect(box.name).toBe(c.name);
      expect(box.caseColor).toBe(c.color);
      expect(box.landed).toBe(1);
      expect(box.drawn.color).toBe(c.color);
      expect(caption.text).toBe(c.caption);
    }
    // The collapse: both ends of [−dx/2, dx/2] land on dx²/4, the marker at f(0).
    const {box} = await at(await during('box-hold-1-3'));
    expect(box.output[0]).toBe(box.output[1]);
    expect(box.drawn.collapse).not.toBeNull();
  });

  it("each live picture's number comes from src/math, at every moment probed", async () => {
    // Moments while all four live pictures move, each in a different phase of its loop.
    const times = [
      await during('bullet3-read', 0.95),
      await during('all-hold', 0.5),
      await during('box-slide-2-1', 0.5),
      await during('chain-read-2', 0.5),
    ];
    for (const t of times) {
      const {mapping, chain, grid, gridReadout} = await at(t);
      // 1. The mapping: every dot is on its way from x to x², and landed dots sit at x².
      expect(mapping.dots.length).toBe(MAP_SAMPLES.length);
      // Where a number v is drawn on the output line.
      const {output} = mapping;
      const onOutput = (v: number) => {
        const u = (v - output.min) / (output.max - output.min);
        return [0, 1].map(
          k => output.from[k] + u * (output.to[k] - output.from[k]),
        );
      };
      for (const d of mapping.dots) {
        expect(d.fx).toBe(valueAt(MAP_F, d.x));
        if (d.t === 1) {
          const [ex, ey] = onOutput(d.fx);
          expect(d.position[0]).toBeCloseTo(ex, 6);
          expect(d.position[1]).toBeCloseTo(ey, 6);
        }
      }
      // 2. The box: centred on x, f'(x) read beside it, named and coloured by it.
      await checkBox(t);
      // 3. The chain: the product shown is the product of its stages, and the chain rule's.
      const math = chainAt(CHAIN_FNS, CHAIN_X);
      expect(chain.factors).toEqual(
        math.stages.map(s => (s.factor.defined ? s.factor.value : null)),
      );
      expect(chain.product).toBeCloseTo(6, 12);
      expect(numberOf(chain.productReadouts[0])).toBe('6.00');
      // 4. The grid: det J at the square's point, from the map's Jacobian.
      expect(grid.det).toBeCloseTo(
        determinant(GRID_MAP.jacobian(grid.point)),
        12,
      );
      expect(numberOf(gridReadout.text)).toBe(formatFixed(grid.det));
    }
  });

  it("draws the chain's last interval where the math puts it (headless Chromium)", async () => {
    // The second round's reading: the interval has flowed through both maps.
    const t = await during('chain-read-2');
    const {chain} = await at(t);
    expect(chain.progress).toBe(2);
    const line = chain.lines[2];
    // Six times dx wide: triple, then double.
    const math = chainAt(CHAIN_FNS, CHAIN_X);
    expect(line.interval[1] - line.interval[0]).toBeCloseTo(
      Math.abs(math.product.defined ? math.product.value : Number.NaN) *
        chain.dx,
      12,
    );
    const still = await renderStill(PROJECT, SCENE, t);
    const {sceneLeft, sceneRight} = line.box;
    // The box on line 3 is stroked in the dx yellow at both ends.
    expect(
      hasColorNear(still, sceneLeft[0], sceneLeft[1] - 10, COLORS.dx, 4),
    ).toBe(true);
    expect(
      hasColorNear(still, sceneRight[0], sceneRight[1] - 10, COLORS.dx, 4),
    ).toBe(true);
  });
});
