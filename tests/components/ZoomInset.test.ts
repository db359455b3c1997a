import {describe, expect, it} from 'vitest';
import {insetRadius} from '../../src/geometry/zoomInset';
import {samplePoints, square} from '../../src/math';
import {COLORS} from '../../src/theme';
import {checkZoomInset} from '../../src/truth/zoomInset';
import {probeScene, renderStill, typedProbe} from '../helpers/render';
import {nearestColor} from './mappingPixels';

const PROJECT = 'scenes/demos/mapping.ts';
const SCENE = 'zoom-inset';

// Each probe seeks the scene in the browser: probe each moment once and reuse it.
const probes = new Map<number, ReturnType<typeof probeScene>>();
function probeAt(t: number) {
  if (!probes.has(t)) probes.set(t, probeScene(PROJECT, SCENE, t, ['inset']));
  return probes.get(t)!;
}

/**
 * What the demo's inset of x² drew at t: ×10 at 1.5 until 1 s, zooms to ×100
 * by 3 s, then the point moves to 0.25 (4–6 s), −1 (7–9 s) and 0 (10–12 s),
 * its twenty close-up dots landed; back at 1.5 and ×1 (13–14 s) they fly to
 * their images (14–16 s) and the zoom runs to ×1000 (16.5–19.5 s).
 */
async function inset(t: number) {
  return typedProbe((await probeAt(t)).inset, 'inset', 'ZoomInset');
}

describe('ZoomInset', () => {
  it('captions each case from the math as the point moves', async () => {
    expect((await inset(0.5)).caption).toBe('Scale by 3');
    expect((await inset(6.5)).caption).toBe('Scale by 1/2');
    expect((await inset(9.5)).caption).toBe('Flip and scale by 2');
    expect((await inset(12.5)).caption).toBe('Collapse');
  });

  it('draws only what x² does: dots, arrows, boxes, caption and zoom label, while zooming and moving', async () => {
    for (const t of [0.5, 2, 3.5, 5, 6.5, 8, 9.5, 11, 12.5, 15, 16.2, 18]) {
      const p = await inset(t);
      expect(p.fnTex).toBe(square.tex());
      expect(checkZoomInset(p, square), `at ${t} s`).toEqual([]);
    }
  });

  it('re-spaces its local ticks x ± dx tenfold when the zoom goes from 10 to 100', async () => {
    const a = await inset(0.5);
    const b = await inset(3.5);
    expect(a.zoom).toBeCloseTo(10, 9);
    expect(b.zoom).toBeCloseTo(100, 9);
    expect(a.zoomLabel).toBe('×10');
    expect(b.zoomLabel).toBe('×100');
    expect(a.dx / b.dx).toBeCloseTo(10, 9);
  });

  it("magnified, the map looks linear: the image spacing is f'(x) times the input spacing", async () => {
    const b = await inset(3.5);
    const input = b.inputPixels[2]! - b.inputPixels[1]!;
    const output = b.outputPixels[2]! - b.outputPixels[1]!;
    expect(output / input).toBeCloseTo(3, 1);
  });

  it('draws its caption in the flip colour at x = −1 (headless Chromium)', async () => {
    const probe = await probeAt(9.5);
    const still = await renderStill(PROJECT, SCENE, 9.5);
    const [x, y] = probe.inset.position;
    // The caption sits 34 px above the 400 px frame, centred.
    let found = Infinity;
    for (let dx = -120; dx <= 120; dx += 6) {
      found = Math.min(
        found,
        nearestColor(still, x + dx, y - 200 - 34, COLORS.flip, 10, 50),
      );
    }
    expect(found).toBeLessThan(Infinity);
  });

  it('carries its close-up dots from x to f(x) along their paths: in flight at 15 s, landed at 16.2 s', async () => {
    const flying = await inset(15);
    expect(flying.progress).toBeGreaterThan(0.2);
    expect(flying.progress).toBeLessThan(0.8);
    expect(flying.dots).toHaveLength(20);
    const landed = await inset(16.2);
    expect(landed.progress).toBe(1);
    // Each dot on the output line at f(value), centred on f(1.5).
    for (const d of landed.dots) {
      const want =
        landed.outputLine.x +
        (square.value(d.value) - square.value(1.5)) *
          (landed.outputLine.length /
            (landed.outputLine.max - landed.outputLine.min));
      expect(Math.abs(d.at[0] - want)).toBeLessThan(1);
      expect(d.at[1]).toBe(landed.outputLine.y);
    }
  });

  it('writes the landed spacing going to 1 as the magnification grows from ×1 to ×1000', async () => {
    /** Largest gap over smallest of x² on twenty dots over 1.5 ± spread × the visible half-range. */
    const predicted = (zoom: number, p: {spread: number; baseUnit: number}) => {
      const s = p.spread * insetRadius(640, p.baseUnit, zoom);
      const ys = samplePoints(1.5 - s, 1.5 + s, 20).map(v => v * v);
      const gaps = ys.slice(1).map((y, i) => y - ys[i]);
      return Math.max(...gaps) / Math.min(...gaps);
    };
    const x1 = await inset(16.2);
    const x1000 = await inset(20);
    expect(x1.zoom).toBe(1);
    expect(x1000.zoom).toBe(1000);
    const a = predicted(1, x1);
    const b = predicted(1000, x1000);
    expect(a).toBeGreaterThan(1.5);
    expect(b).toBeLessThan(1.001);
    expect(x1.readout!.text).toBe(
      `largest gap ÷ smallest gap = ${a.toFixed(2)}`,
    );
    expect(x1000.readout!.text).toBe(
      `largest gap ÷ smallest gap = ${b.toFixed(2)}`,
    );
    expect(x1000.zoomLabel).toBe('×1000');
  });
});
