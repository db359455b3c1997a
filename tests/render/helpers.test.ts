import {describe, expect, it} from 'vitest';
import {probeScene, renderStill} from '../helpers/render';

const PROJECT = 'tests/render/fixtures/project.ts';

describe('tests/helpers/render', () => {
  it('renderStill decodes the pixels the fixture scene puts at known places', async () => {
    const still = await renderStill(PROJECT, 'colors', 1.2, {
      preset: 'preview',
    });
    expect([still.width, still.height]).toEqual([854, 480]);
    expect(still.data.length).toBe(854 * 480 * 4);
    expect(still.pixel(100, 240)).toEqual([255, 0, 0, 255]);
    expect(still.pixel(750, 100)).toEqual([0, 0, 255, 255]);
    expect(still.pixel(427, 240)).toEqual([0, 255, 0, 255]);
    expect(still.file).toMatch(/colors@1\.2s\.png$/);
  });

  it('probeScene returns position, opacity, text, colours and probe() of keyed nodes', async () => {
    const nodes = await probeScene(PROJECT, 'colors', 0.75, [
      'square',
      'label',
      'probe',
      'left',
    ]);
    expect(nodes.square.position).toEqual([0, 0]);
    expect(nodes.square.opacity).toBeGreaterThan(0.2);
    expect(nodes.square.opacity).toBeLessThan(0.8);
    expect(nodes.square.width).toBe(200);
    expect(nodes.square.fill).toBe('#00ff00');
    expect(nodes.label.text).toBe('hello');
    expect(nodes.label.position).toEqual([200, -300]);
    expect(nodes.left.position).toEqual([-480, 0]);
    expect(nodes.probe.custom).toEqual({answer: 42, children: 0});
    await expect(probeScene(PROJECT, 'colors', 0.5, ['nope'])).rejects.toThrow(
      /no node with key "nope".*keys found: .*square/,
    );
  });
});
