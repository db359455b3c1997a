import {describe, expect, it} from 'vitest';
import {COLORS} from '../../src/theme';
import {probeScene, renderStill} from '../helpers/render';
import {nearestColor} from './mappingPixels';

const PROJECT = 'scenes/demos/mapping.ts';
const SCENE = 'zoom-inset';
const KEYS = ['inset'];

// Each probe starts its own browser: probe each moment once, for every key, and reuse it.
const probes = new Map<number, ReturnType<typeof probeScene>>();
function probeAt(t: number) {
  if (!probes.has(t)) probes.set(t, probeScene(PROJECT, SCENE, t, KEYS));
  return probes.get(t)!;
}

interface InsetProbe {
  point: number;
  zoom: number;
  dx: number;
  caption: string;
  ticks: number[];
  images: number[];
  inputPixels: number[];
  outputPixels: number[];
}

async function inset(t: number): Promise<InsetProbe> {
  const probe = await probeAt(t);
  return probe.inset.custom as InsetProbe;
}

describe('ZoomInset', () => {
  it('captions each case from the math as the point moves', async () => {
    expect((await inset(0.5)).caption).toBe('Scale by 3');
    expect((await inset(6.5)).caption).toBe('Scale by 1/2');
    expect((await inset(9.5)).caption).toBe('Flip and scale by 2');
    expect((await inset(12.5)).caption).toBe('Collapse');
  });

  it('re-spaces its local ticks x ± dx tenfold when the zoom goes from 10 to 100', async () => {
    const a = await inset(0.5);
    const b = await inset(3.5);
    expect(a.zoom).toBeCloseTo(10, 9);
    expect(b.zoom).toBeCloseTo(100, 9);
    expect(a.dx / b.dx).toBeCloseTo(10, 9);
  });

  it("magnified, the map looks linear: the image spacing is f'(x) times the input spacing", async () => {
    const b = await inset(3.5);
    const input = b.inputPixels[2]! - b.inputPixels[1]!;
    const output = b.outputPixels[2]! - b.outputPixels[1]!;
    expect(output / input).toBeCloseTo(3, 1);
  });

  it('draws its caption in the flip colour at x = −1 (headless Chromium)', async () => {
    for (const [t, color] of [[9.5, COLORS.flip]] as const) {
      const probe = await probeAt(t);
      const still = await renderStill(PROJECT, 'zoom-inset', t);
      const [x, y] = probe.inset.position;
      // The caption sits 34 px above the 400 px frame, centred.
      let found = Infinity;
      for (let dx = -120; dx <= 120; dx += 6) {
        found = Math.min(
          found,
          nearestColor(still, x + dx, y - 200 - 34, color, 10, 50),
        );
      }
      expect(found).toBeLessThan(Infinity);
    }
  });
});
