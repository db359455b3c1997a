import {describe, expect, it} from 'vitest';
import {CASES, caseHoldMoment} from '../../scenes/05-four-cases.timing';
import {COLORS} from '../../src/theme';
import {nearestColor} from '../components/mappingPixels';
import {probeScene, renderStill} from '../helpers/render';

const PROJECT = 'scenes/chapter12.ts';
const KEYS = ['slope', 'x-readout', 'case-name', 'inset', 'box', 'mapping'];
const SCENE = '05-four-cases';

// Each probe starts its own browser: probe each moment once, for every key, and reuse it.
const probes = new Map<number, ReturnType<typeof probeScene>>();
function probeAt(t: number) {
  if (!probes.has(t)) probes.set(t, probeScene(PROJECT, SCENE, t, KEYS));
  return probes.get(t)!;
}

/** What the lesson says each case of x² shows. */
const EXPECTED = [
  {x: 1.5, slope: 3, text: '3.00', name: 'stretch', caption: 'Scale by 3'},
  {x: 0.25, slope: 0.5, text: '0.50', name: 'squish', caption: 'Scale by 1/2'},
  {
    x: -1,
    slope: -2,
    text: '−2.00',
    name: 'flip',
    caption: 'Flip and scale by 2',
  },
  {x: 0, slope: 0, text: '0.00', name: 'collapse', caption: 'Collapse'},
];

interface BoxProbe {
  x: number;
  kind: string;
  landed: number;
  movingEnds: [[number, number], [number, number]];
}

describe('05-four-cases', () => {
  it('shows the cases in the lesson order', () => {
    expect(CASES.map(c => c.x)).toEqual(EXPECTED.map(e => e.x));
  });

  EXPECTED.forEach((e, i) => {
    it(`shows f'(x) = ${e.slope} for x² at x = ${e.x} while the ${e.name} case is on screen`, async () => {
      const p = await probeAt(caseHoldMoment(i));
      const slope = p.slope.custom as {value: number; text: string};
      expect(slope.value).toBe(e.slope);
      expect(slope.text).toMatch(new RegExp(`^f'\\(x\\) = \\s*${e.text}$`));
      expect((p['x-readout'].custom as {value: number}).value).toBe(e.x);
      expect(p['case-name'].text).toBe(e.name);
      expect(p['case-name'].opacity).toBeGreaterThan(0.99);
      expect((p.inset.custom as {caption: string}).caption).toBe(e.caption);
      const box = p.box.custom as BoxProbe;
      expect(box.x).toBe(e.x);
      expect(box.landed).toBe(1);
    });
  });

  it('lands a, b as b, a in the flip case', async () => {
    const p = await probeAt(caseHoldMoment(2));
    const box = p.box.custom as BoxProbe;
    expect(box.kind).toBe('flip');
    // a's end (first) lands to the right of b's end.
    expect(box.movingEnds[0][0]).toBeGreaterThan(box.movingEnds[1][0]);
  });

  it('piles the dots near 0 up onto nearly the same output in the collapse case', async () => {
    const p = await probeAt(caseHoldMoment(3));
    const dots = (
      p.mapping.custom as {dots: {t: number; position: [number, number]}[]}
    ).dots;
    expect(dots.length).toBeGreaterThan(10);
    for (const d of dots) expect(d.t).toBe(1);
    const xs = dots.map(d => d.position[0]);
    const spread = Math.max(...xs) - Math.min(...xs);
    // The inputs span 0.8 units; their images span at most 0.16: a fifth, piled on one side of 0.
    const inputSpread = 0.8 * (1400 / 4.5);
    expect(spread).toBeLessThan(inputSpread / 4);
  });

  it("draws the flip case's f'(x) readout in the flip colour (headless Chromium)", async () => {
    const t = caseHoldMoment(2);
    const p = await probeAt(t);
    const still = await renderStill(PROJECT, SCENE, t);
    const {position, width = 0, height = 0} = p.slope;
    // The readout hangs right of and below its position (offset [-1, -1]).
    let found = Infinity;
    for (let dx = 0; dx <= width; dx += 6) {
      found = Math.min(
        found,
        nearestColor(
          still,
          position[0] + dx,
          position[1] + height / 2,
          COLORS.flip,
          12,
          50,
        ),
      );
    }
    expect(found).toBeLessThan(Infinity);
  });
});
