import {describe, expect, it} from 'vitest';
import {square} from '../../src/math';
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
 * by 3 s, then the point moves to 0.25 (4–6 s), −1 (7–9 s) and 0 (10–12 s).
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
    for (const t of [0.5, 2, 3.5, 5, 6.5, 8, 9.5, 11, 12.5]) {
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
});
