import {describe, expect, it} from 'vitest';
import {DEMO_F} from '../../scenes/demos/graphs.facts';
import {
  derivativeAt,
  formatFixed,
  numberToPoint,
  sampleFunction,
} from '../../src/math';
import {COLORS} from '../../src/theme';
import {checkFunctionGraph} from '../../src/truth/functionGraph';
import {beatTimes, probeComponent, renderStill} from '../helpers/render';
import {hasColorNear} from './graphPixels';

const PROJECT = 'scenes/demos/graphs.ts';
const SCENE = 'demo-function-graph';
const X_SCALE = {min: -3, max: 3, length: 1500};
const Y_SCALE = {min: -2.5, max: 2.5, length: 860};

const beats = beatTimes(PROJECT, SCENE);

/** A moment `at` of the way through a beat (0 its start, 1 its end), in seconds. */
async function during(name: string, at = 0.5): Promise<number> {
  const span = (await beats)[name];
  if (!span) throw new Error(`no beat "${name}" in ${SCENE}`);
  return span.start + at * (span.end - span.start);
}

function graph(t: number) {
  return probeComponent(PROJECT, SCENE, t, 'graph', 'FunctionGraph');
}

/** The number a readout or label ends with, as printed. */
const printed = (text: string) => text.trim().split(/\s+/u).pop();

describe('FunctionGraph', () => {
  it("reads the slope f'(x) of the function at the point (x = −2: slope 3)", async () => {
    const p = await graph(await during('hold'));
    expect(p.x).toBe(-2);
    expect(p.fx).toBeCloseTo(DEMO_F.value(-2), 12);
    expect(p.slope).toBeCloseTo(3, 12);
    expect(p.readout.startsWith("slope = f'(x) =")).toBe(true);
    expect(printed(p.readout)).toBe(formatFixed(derivativeAt(DEMO_F, -2)));
    expect(p.triangle?.run.text).toBe('run = 1');
    expect(p.triangle?.rise.text).toBe('rise = 3.00');
    expect(checkFunctionGraph(p, DEMO_F)).toEqual([]);
  });

  it('keeps the readout, the tangent and the triangle true while the point slides', async () => {
    for (const at of [1 / 6, 1 / 2, 5 / 6]) {
      const p = await graph(await during('slide', at));
      expect(p.x).toBeGreaterThan(-2);
      expect(p.x).toBeLessThan(1.5);
      expect(printed(p.readout)).toBe(formatFixed(derivativeAt(DEMO_F, p.x)));
      expect(checkFunctionGraph(p, DEMO_F)).toEqual([]);
    }
  });

  it('draws the graph in from the left, every drawn point on the curve', async () => {
    const p = await graph(await during('draw', 0.5));
    expect(p.graph.end).toBeCloseTo(0.5, 2);
    expect(checkFunctionGraph(p, DEMO_F)).toEqual([]);
    const xs = p.graph.lines.flat().map(q => q[0]);
    expect(Math.min(...xs)).toBeLessThan(numberToPoint(X_SCALE, -2.5));
    expect(Math.max(...xs)).toBeLessThan(numberToPoint(X_SCALE, 1));
  });

  it('shows its end state at its last frame, whatever frame was probed before', async () => {
    // The scene's last frame (one frame after its last beat ends) is also
    // the next scene's first: a renderer that seeks straight there never
    // plays this scene to its end and draws it as an earlier probe left it.
    const mid = await graph(await during('slide', 5 / 6));
    expect(mid.x).toBeLessThan(1.45);
    const end = await graph((await beats)['end-hold'].end + 1 / 60);
    expect(end.x).toBe(1.5);
    expect(printed(end.readout)).toBe(formatFixed(derivativeAt(DEMO_F, 1.5)));
  });

  it("puts the point at (x, f(x)) and the triangle at run 1, rise f'(x)", async () => {
    const p = await graph(await during('end-hold'));
    const px = numberToPoint(X_SCALE, 1.5);
    const py = -numberToPoint(Y_SCALE, DEMO_F.value(1.5));
    expect(p.point?.[0]).toBeCloseTo(px, 6);
    expect(p.point?.[1]).toBeCloseTo(py, 6);
    const [, run, rise] = p.triangle?.corners ?? [];
    expect(run?.[0]).toBeCloseTo(numberToPoint(X_SCALE, 2.5), 6);
    // f'(1.5) = 1.5² − 1 = 1.25: the rise over a run of 1.
    expect(derivativeAt(DEMO_F, 1.5)).toEqual({defined: true, value: 1.25});
    expect(rise?.[1]).toBeCloseTo(
      -numberToPoint(Y_SCALE, DEMO_F.value(1.5) + 1.25),
      6,
    );
    // The graph's points are (x, f(x)) at the graph's own sampling.
    const on = sampleFunction(DEMO_F, -3, 3, 7).filter(
      q => Math.abs(q.y) < 2.5,
    );
    for (const q of on) {
      const x = numberToPoint(X_SCALE, q.x);
      const near = p.graph.lines
        .flat()
        .some(
          g =>
            Math.abs(g[0] - x) < 3 &&
            Math.abs(g[1] + numberToPoint(Y_SCALE, q.y)) < 3,
        );
      expect(near).toBe(true);
    }
    expect(checkFunctionGraph(p, DEMO_F)).toEqual([]);
  });

  it('draws the curve and the point where the math puts them (headless Chromium)', async () => {
    const still = await renderStill(PROJECT, SCENE, await during('end-hold'));
    // The yellow point at (1.5, f(1.5)).
    const px = numberToPoint(X_SCALE, 1.5);
    const py = -numberToPoint(Y_SCALE, DEMO_F.value(1.5));
    expect(hasColorNear(still, px, py, COLORS.dx, 2)).toBe(true);
    // The curve at x = 0.5, away from the tangent.
    const gx = numberToPoint(X_SCALE, 0.5);
    const gy = -numberToPoint(Y_SCALE, DEMO_F.value(0.5));
    expect(hasColorNear(still, gx, gy, COLORS.graph, 3)).toBe(true);
  });
});
