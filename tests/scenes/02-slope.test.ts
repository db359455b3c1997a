import {describe, expect, it} from 'vitest';
import {AXES, SLOPE_F, STOPS} from '../../scenes/02-slope.timing';
import {derivativeAt, formatFixed, numberToPoint} from '../../src/math';
import {COLORS} from '../../src/theme';
import {numberInText} from '../../src/truth/common';
import {checkFunctionGraph} from '../../src/truth/functionGraph';
import {hasColorNear} from '../components/graphPixels';
import {
  beatTimes,
  probeComponent,
  renderStill,
  unexplainedGaps,
} from '../helpers/render';

const PROJECT = 'scenes/chapter12.ts';
const SCENE = '02-slope';
const X_SCALE = {min: AXES.xMin, max: AXES.xMax, length: AXES.width};
const Y_SCALE = {min: AXES.yMin, max: AXES.yMax, length: AXES.height};

const beats = beatTimes(PROJECT, SCENE);

/** A moment `at` of the way through a beat (0 its start, 1 its end), in seconds. */
async function during(name: string, at = 0.5): Promise<number> {
  const span = (await beats)[name];
  if (!span) throw new Error(`no beat "${name}" in ${SCENE}`);
  return span.start + at * (span.end - span.start);
}

// Each probe seeks the scene from its start: probe each moment once and reuse it.
const probes = new Map<number, ReturnType<typeof graphAt>>();
function graphAt(t: number) {
  return probeComponent(PROJECT, SCENE, t, 'graph', 'FunctionGraph');
}
function graph(t: number) {
  if (!probes.has(t)) probes.set(t, graphAt(t));
  return probes.get(t)!;
}

describe('02-slope', () => {
  it('names its beats in the order of the lesson', async () => {
    const spans = Object.entries(await beats)
      // Narration blocks (narration:<id>) overlay the beats.
      .filter(([name]) => !name.startsWith('narration:'))
      .sort(([, a], [, b]) => a.start - b.start || a.end - b.end);
    expect(spans.map(([name]) => name)).toEqual([
      'see-caption',
      'axes',
      'graph',
      'graph-hold',
      'tangent',
      'steepness',
      'steep-caption',
      'triangle',
      'steep-hold',
      'slide-to-flat',
      'flat-top',
      'flat-hold',
      'slide-across',
      'end-hold',
      'problem-caption',
      'shrink',
      'axes-icon',
      'axes-hold',
      'extra-axes',
      'out-of-axes',
      'out-of-axes-hold',
      'need-caption',
      'closing-hold',
      'out',
    ]);
    // Beats follow one another with no gap: the scene is nothing but its
    // beats, and the scene waiting for a narration block to end.
    expect(
      unexplainedGaps(
        await beats,
        spans.map(([name]) => name),
      ),
    ).toEqual([]);
  });

  it("the slope readout is f'(x) of the cubic at each stop: 3 at −2, 0 at the flat top, 1.25 at 1.5", async () => {
    const expected: [string, number, string][] = [
      ['steep-hold', STOPS.start, '3.00'],
      ['flat-hold', STOPS.flat, '0.00'],
      ['end-hold', STOPS.end, '1.25'],
    ];
    for (const [name, x, text] of expected) {
      const p = await graph(await during(name));
      expect(p.x).toBeCloseTo(x, 9);
      expect(formatFixed(derivativeAt(SLOPE_F, x))).toBe(text);
      expect(p.readout.endsWith(text)).toBe(true);
      expect(p.triangle?.rise.text).toBe(`rise = ${text}`);
      expect(checkFunctionGraph(p, SLOPE_F)).toEqual([]);
    }
  });

  it('draws the truth while the point slides and while the axes shrink', async () => {
    for (const [name, at] of [
      ['graph', 0.5],
      ['slide-to-flat', 0.4],
      ['slide-across', 0.6],
      ['shrink', 0.5],
      ['closing-hold', 0.5],
    ] as const) {
      const p = await graph(await during(name, at));
      expect(checkFunctionGraph(p, SLOPE_F)).toEqual([]);
    }
    // Mid-slide the readout is the live slope at the point's live x.
    const p = await graph(await during('slide-across', 0.6));
    expect(p.x).toBeGreaterThan(STOPS.flat);
    expect(p.x).toBeLessThan(STOPS.end);
    expect(numberInText(p.readout)?.value).toBe(
      Number(formatFixed(derivativeAt(SLOPE_F, p.x)).replace('\u2212', '-')),
    );
  });

  it('draws the graph in from the left: half way through its beat, only its left part', async () => {
    const p = await graph(await during('graph', 0.5));
    expect(p.graph.end).toBeGreaterThan(0);
    expect(p.graph.end).toBeLessThan(1);
    const xs = p.graph.lines.flat().map(q => q[0]);
    expect(Math.min(...xs)).toBeLessThan(-500);
    expect(Math.max(...xs)).toBeLessThan(500);
  });

  it('the point stands on the curve at (x, f(x)) (headless Chromium)', async () => {
    const t = await during('flat-hold');
    const still = await renderStill(PROJECT, SCENE, t);
    const x = numberToPoint(X_SCALE, STOPS.flat);
    const y = AXES.y - numberToPoint(Y_SCALE, SLOPE_F.value(STOPS.flat));
    expect(hasColorNear(still, x, y, COLORS.dx, 2)).toBe(true);
    // The flat top's tangent is horizontal: tangent colour beside the point, at the same height.
    expect(hasColorNear(still, x + 120, y, COLORS.tangent, 3)).toBe(true);
  });
});
