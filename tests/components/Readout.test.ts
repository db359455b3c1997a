import {describe, expect, it} from 'vitest';
import {COLORS} from '../../src/theme';
import {probeScene, renderStill, typedProbe} from '../helpers/render';
import {nearestColor} from './mappingPixels';

const PROJECT = 'scenes/demos/mapping.ts';

// One browser per probe: probe each moment once, for every key, and reuse it.
const probes = new Map<number, ReturnType<typeof probeScene>>();
function probeAt(t: number) {
  if (!probes.has(t))
    probes.set(t, probeScene(PROJECT, 'readout', t, ['slope', 'undefined']));
  return probes.get(t)!;
}

describe('Readout', () => {
  it("shows f'(x) of x² with a fixed number of decimals as x slides", async () => {
    const start = await probeAt(0.5);
    const end = await probeAt(4.5);
    const a = typedProbe(start.slope, 'slope', 'Readout');
    const b = typedProbe(end.slope, 'slope', 'Readout');
    expect(a.value).toBeCloseTo(-4, 9);
    expect(a.text).toMatch(/^f'\(x\) = \s*−4\.00$/);
    expect(b.value).toBeCloseTo(4, 9);
    expect(b.text).toMatch(/^f'\(x\) = \s*4\.00$/);
  });

  it('keeps its width while the digits change', async () => {
    const widths = [];
    for (const t of [0.5, 2.5, 4.5]) {
      const probe = await probeAt(t);
      widths.push(probe.slope.width);
    }
    for (const w of widths) expect(w).toBeCloseTo(widths[0]!, 3);
  });

  it('reads "undefined" where the derivative does not exist, never NaN', async () => {
    const probe = await probeAt(0.5);
    const custom = typedProbe(probe.undefined, 'undefined', 'Readout');
    expect(custom.value).toBeNull();
    expect(custom.text).toMatch(/= undefined$/);
    expect(custom.text).not.toMatch(/NaN/);
  });

  it('is drawn in its colour where it stands (headless Chromium)', async () => {
    const still = await renderStill(PROJECT, 'readout', 0.5);
    const probe = await probeAt(0.5);
    const {position, width = 0} = probe.slope;
    // Some pixel of the dx-yellow text lies inside the readout's box.
    let found = Infinity;
    for (let dx = -width / 2; dx <= width / 2; dx += 8) {
      found = Math.min(
        found,
        nearestColor(still, position[0] + dx, position[1], COLORS.dx, 14, 60),
      );
    }
    expect(found).toBeLessThan(Infinity);
  });
});
