import {describe, expect, it} from 'vitest';
import {derivativeAt, formatFixed, numberToPoint} from '../../src/math';
import {COLORS} from '../../src/theme';
import {AXES, SLOPE_F, STOPS, moments} from '../../scenes/02-slope.timing';
import {probeScene, renderStill} from '../helpers/render';
import {hasColorNear} from '../components/graphPixels';

const PROJECT = 'scenes/chapter12.ts';
const SCENE = '02-slope';
const X_SCALE = {min: AXES.xMin, max: AXES.xMax, length: AXES.width};
const Y_SCALE = {min: AXES.yMin, max: AXES.yMax, length: AXES.height};

interface GraphProbe {
  x: number;
  fx: number | null;
  slope: number | null;
  slopeText: string;
  readoutText: string;
  pointPixel: [number, number];
}

async function graph(t: number): Promise<GraphProbe> {
  const probe = await probeScene(PROJECT, SCENE, t, ['graph']);
  return probe.graph.custom as GraphProbe;
}

describe('02-slope', () => {
  const m = moments();

  it("the slope readout is f'(x) of the cubic at each stop: 3 at −2, 0 at the flat top, 1.25 at 1.5", async () => {
    const expected: [number, number, string][] = [
      [m.steep, STOPS.start, '3.00'],
      [m.flat, STOPS.flat, '0.00'],
      [m.end, STOPS.end, '1.25'],
    ];
    for (const [t, x, text] of expected) {
      const p = await graph(t);
      expect(p.x).toBeCloseTo(x, 9);
      expect(p.slopeText).toBe(formatFixed(derivativeAt(SLOPE_F, x)));
      expect(p.slopeText).toBe(text);
      expect(p.readoutText.endsWith(text)).toBe(true);
    }
  });

  it('the point stands on the curve at (x, f(x)) (headless Chromium)', async () => {
    const still = await renderStill(PROJECT, SCENE, m.flat);
    const x = numberToPoint(X_SCALE, STOPS.flat);
    const y = AXES.y - numberToPoint(Y_SCALE, SLOPE_F.value(STOPS.flat));
    expect(hasColorNear(still, x, y, COLORS.dx, 2)).toBe(true);
    // The flat top's tangent is horizontal: tangent colour beside the point, at the same height.
    expect(hasColorNear(still, x + 120, y, COLORS.tangent, 3)).toBe(true);
  });
});
