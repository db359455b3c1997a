import {describe, expect, it} from 'vitest';
import {
  chainAt,
  classifyStretch as classify,
  derivativeAt,
  describeStretch,
  determinant,
  formatFixed,
  valueAt,
} from '../../src/math';
import {COLORS} from '../../src/theme';
import {
  BOX_F,
  CHAIN_FNS,
  CHAIN_X,
  GRID_MAP,
  MAP_F,
  WORDS,
  moments,
} from '../../scenes/10-summary.timing';
import {probeScene, renderStill} from '../helpers/render';
import {hasColorNear} from '../components/graphPixels';

const PROJECT = 'scenes/chapter12.ts';
const SCENE = '10-summary';

/** The number at the end of a readout's text ("det J =  3.25" → "3.25"). */
function numberOf(text: string): string {
  return text.trim().split(/\s+/).pop() ?? '';
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

describe('10-summary', () => {
  const m = moments();
  // Several moments while all four live pictures move, each in a different phase of its loop.
  const times = [m.allShown - 0.2, m.allHeld, m.allShown + 1.9];

  it('shows the four bullets of "What you walked away with", in the lesson\'s words', async () => {
    const p = await probeScene(PROJECT, SCENE, m.allHeld, KEYS);
    WORDS.bullets.forEach((words, i) => {
      expect(p[`bullet${i}`].text).toBe(words);
      expect(p[`bullet${i}`].opacity).toBeCloseTo(1, 6);
    });
  });

  it("each live picture's number comes from src/math, at every moment probed", async () => {
    for (const t of times) {
      const p = await probeScene(PROJECT, SCENE, t, KEYS);
      // 1. The mapping: every dot is on its way from x to x², and landed dots sit at x².
      const mapping = p.summaryMapping.custom as {
        dots: {
          x: number;
          fx: number;
          t: number;
          position: [number, number];
          expected: [number, number];
        }[];
      };
      for (const dot of mapping.dots) {
        expect(dot.fx).toBe(valueAt(MAP_F, dot.x));
        if (dot.t === 1) {
          expect(dot.position[0]).toBeCloseTo(dot.expected[0], 6);
          expect(dot.position[1]).toBeCloseTo(dot.expected[1], 6);
        }
      }
      // 2. The box: the readout is f'(x) at the box, the caption its name.
      const box = p.summaryBox.custom as {
        x: number;
        stretchFactor: number | null;
        kind: string;
      };
      const slope = derivativeAt(BOX_F, box.x);
      expect(numberOf(p.summaryBoxReadout.text!)).toBe(formatFixed(slope));
      expect(box.stretchFactor).toBe(slope.defined ? slope.value : null);
      expect(p.summaryBoxCaption.text).toBe(describeStretch(classify(slope)));
      // 3. The chain: the product shown is the product of its stages, and the chain rule's.
      const chain = p.summaryChain.custom as {
        factors: number[];
        product: number;
        productReadouts: string[];
      };
      const math = chainAt(CHAIN_FNS, CHAIN_X);
      expect(chain.factors).toEqual(
        math.stages.map(s => (s.factor.defined ? s.factor.value : null)),
      );
      expect(chain.product).toBeCloseTo(
        chain.factors.reduce((a, b) => a * b, 1),
        12,
      );
      expect(chain.product).toBeCloseTo(6, 12);
      expect(numberOf(chain.productReadouts[0])).toBe('6.00');
      // 4. The grid: det J at the square's point, from the map's Jacobian.
      const grid = p.summaryGrid.custom as {
        point: [number, number];
        det: number;
      };
      expect(grid.det).toBeCloseTo(
        determinant(GRID_MAP.jacobian(grid.point)),
        12,
      );
      expect(numberOf(p.summaryGridReadout.text!)).toBe(formatFixed(grid.det));
    }
  });

  it("draws the chain's last interval where the math puts it (headless Chromium)", async () => {
    // A moment when the interval has flowed through both maps and the product is being read.
    const t = m.chainRead;
    const p = await probeScene(PROJECT, SCENE, t, ['summaryChain']);
    const chain = p.summaryChain.custom as {
      progress: number;
      boxes: {left: [number, number]; right: [number, number]}[];
    };
    expect(chain.progress).toBe(2);
    const still = await renderStill(PROJECT, SCENE, t);
    const {left, right} = chain.boxes[2];
    // The box on line 3 is stroked in the dx yellow at both ends: 6 × dx wide.
    expect(hasColorNear(still, left[0], left[1] - 10, COLORS.dx, 4)).toBe(true);
    expect(hasColorNear(still, right[0], right[1] - 10, COLORS.dx, 4)).toBe(
      true,
    );
  });
});
