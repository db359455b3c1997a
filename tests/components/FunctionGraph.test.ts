import {describe, expect, it} from 'vitest';
import {derivativeAt, formatFixed, numberToPoint} from '../../src/math';
import {COLORS} from '../../src/theme';
import {DEMO_F} from '../../scenes/demos/graphs.facts';
import {probeScene, renderStill} from '../helpers/render';
import {hasColorNear} from './graphPixels';

const PROJECT = 'scenes/demos/graphs.ts';
const SCENE = 'demo-function-graph';
const X_SCALE = {min: -3, max: 3, length: 1500};
const Y_SCALE = {min: -2.5, max: 2.5, length: 860};

interface GraphProbe {
  x: number;
  fx: number | null;
  slope: number | null;
  slopeText: string;
  readoutText: string;
  pointPixel: [number, number];
  runCorner: [number, number];
  riseCorner: [number, number];
}

async function graph(t: number): Promise<GraphProbe> {
  const probe = await probeScene(PROJECT, SCENE, t, ['graph']);
  return probe.graph.custom as GraphProbe;
}

describe('FunctionGraph', () => {
  it("reads the slope f'(x) of the function at the point (x = −2: slope 3)", async () => {
    const p = await graph(3);
    expect(p.x).toBe(-2);
    expect(p.fx).toBeCloseTo(DEMO_F.value(-2), 12);
    expect(p.slope).toBeCloseTo(3, 12);
    expect(p.readoutText.startsWith("slope = f'(x) =")).toBe(true);
    expect(p.readoutText.trim().split(/\s+/u).pop()).toBe(
      formatFixed(derivativeAt(DEMO_F, -2)),
    );
  });

  it('keeps the readout equal to derivativeAt while the point slides', async () => {
    for (const t of [3.5, 4.5, 5.5]) {
      const p = await graph(t);
      expect(p.x).toBeGreaterThan(-2);
      expect(p.x).toBeLessThan(1.5);
      expect(p.slopeText).toBe(formatFixed(derivativeAt(DEMO_F, p.x)));
    }
  });

  it('shows its end state at its last frame, whatever frame was probed before', async () => {
    // The scene's last frame (7.017 s) is also the next scene's first: a
    // renderer that seeks straight there never plays this scene to its end
    // and draws it as an earlier probe left it (here x ≈ 1.44 of 5.5 s).
    const mid = await graph(5.5);
    expect(mid.x).toBeLessThan(1.45);
    const end = await graph(7.017);
    expect(end.x).toBe(1.5);
    expect(end.slopeText).toBe(formatFixed(derivativeAt(DEMO_F, 1.5)));
  });

  it("puts the point at (x, f(x)) and the triangle at run 1, rise f'(x)", async () => {
    const p = await graph(7);
    const px = numberToPoint(X_SCALE, 1.5);
    const py = -numberToPoint(Y_SCALE, DEMO_F.value(1.5));
    expect(p.pointPixel[0]).toBeCloseTo(px, 6);
    expect(p.pointPixel[1]).toBeCloseTo(py, 6);
    expect(p.runCorner[0]).toBeCloseTo(numberToPoint(X_SCALE, 2.5), 6);
    // f'(1.5) = 1.5² − 1 = 1.25: the rise over a run of 1.
    const rise = derivativeAt(DEMO_F, 1.5);
    expect(rise).toEqual({defined: true, value: 1.25});
    expect(p.riseCorner[1]).toBeCloseTo(
      -numberToPoint(Y_SCALE, DEMO_F.value(1.5) + 1.25),
      6,
    );
  });

  it('draws the curve and the point where the math puts them (headless Chromium)', async () => {
    const still = await renderStill(PROJECT, SCENE, 7);
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
