import {describe, expect, it} from 'vitest';
import {
  GENTLE,
  SAMPLES,
  SQUARE,
  WORDS_AT,
} from '../../scenes/03-mapping.timing';
import type {MappingViewProbe} from '../../src/geometry/mappingView';
import {stretchStyle} from '../../src/geometry/stretchStyle';
import {derivativeAt, samplePoints} from '../../src/math';
import {checkMappingView} from '../../src/truth/mappingView';
import {nearestColor} from '../components/mappingPixels';
import {
  beatTimes,
  probeScene,
  renderStill,
  typedProbe,
} from '../helpers/render';

const PROJECT = 'scenes/chapter12.ts';
const SCENE = '03-mapping';
const KEYS = ['mapping', 'squishes', 'stretches'];

const beats = beatTimes(PROJECT, SCENE);

/** A moment `at` of the way through a beat (0 its start, 1 its end), in seconds. */
async function during(name: string, at = 0.5): Promise<number> {
  const span = (await beats)[name];
  if (!span) throw new Error(`no beat "${name}" in ${SCENE}`);
  return span.start + at * (span.end - span.start);
}

// Each probe seeks the scene from its start: probe each moment once, for every key, and reuse it.
const probes = new Map<number, ReturnType<typeof probeScene>>();
async function at(t: number) {
  if (!probes.has(t)) probes.set(t, probeScene(PROJECT, SCENE, t, KEYS));
  const nodes = await probes.get(t)!;
  return {nodes, mapping: typedProbe(nodes.mapping, 'mapping', 'MappingView')};
}

/** Where the number v is drawn on a line of the probe. */
function on(line: MappingViewProbe['output'], v: number): [number, number] {
  const k = (v - line.min) / (line.max - line.min);
  return [
    line.from[0] + k * (line.to[0] - line.from[0]),
    line.from[1] + k * (line.to[1] - line.from[1]),
  ];
}

describe('03-mapping', () => {
  it('names its beats in the order of the lesson', async () => {
    const names = Object.entries(await beats)
      .sort(([, a], [, b]) => a.start - b.start || a.end - b.end)
      .map(([name]) => name);
    expect(names).toEqual([
      'heading',
      'lines-caption',
      'input-line',
      'output-line',
      'read-lines',
      'machine',
      'read-machine',
      'integers',
      'integer-dots',
      'arrows',
      'integer-flow',
      'integer-hold',
      'dense',
      'integers-out',
      'dense-dots',
      'dense-flow',
      'dense-hold',
      'deform',
      'sometimes',
      'deform-copy',
      'words',
      'deform-hold',
      'gentle',
      'square-out',
      'gentle-swap',
      'gentle-dots',
      'gentle-flow',
      'gentle-deform',
      'gentle-hold',
      'out',
    ]);
  });

  it('sends the integers −2..3 to their squares on the output line', async () => {
    const {mapping: m} = await at(await during('integer-hold'));
    expect(m.dots.map(d => d.x)).toEqual([-2, -1, 0, 1, 2, 3]);
    expect(m.dots.map(d => d.fx)).toEqual([4, 1, 0, 1, 4, 9]);
    for (const d of m.dots) {
      expect(d.t).toBe(1);
      const [x, y] = on(m.output, d.x ** 2);
      expect(d.position[0]).toBeCloseTo(x, 6);
      expect(d.position[1]).toBeCloseTo(y, 6);
    }
    // Each arrow points from x down to its square.
    expect(m.arrows.map(a => a.x)).toEqual([-2, -1, 0, 1, 2, 3]);
    expect(checkMappingView(m, SQUARE)).toEqual([]);
  });

  it('lands every dense dot at x², the early ones first', async () => {
    const xs = samplePoints(
      SAMPLES.dense.min,
      SAMPLES.dense.max,
      SAMPLES.dense.count,
    );
    const flying = (await at(await during('dense-flow', 0.6))).mapping;
    expect(flying.dots.map(d => d.x)).toEqual(xs);
    expect(flying.dots[0].t).toBe(1);
    expect(flying.dots[xs.length - 1].t).toBeLessThan(1);
    expect(checkMappingView(flying, SQUARE)).toEqual([]);
    const landed = (await at(await during('dense-hold'))).mapping;
    expect(landed.dots.every(d => d.t === 1)).toBe(true);
    expect(checkMappingView(landed, SQUARE)).toEqual([]);
  });

  it('deforms the copy of the input line onto x², and names what it does where', async () => {
    const mid = (await at(await during('deform-copy', 0.5))).mapping;
    expect(mid.copy?.t).toBeGreaterThan(0);
    expect(mid.copy?.t).toBeLessThan(1);
    expect(checkMappingView(mid, SQUARE)).toEqual([]);
    const {nodes, mapping: m} = await at(await during('deform-hold'));
    expect(m.copy?.t).toBe(1);
    expect(checkMappingView(m, SQUARE)).toEqual([]);
    // Each word is f'(x)'s case at its x, in its colour, under f(x).
    for (const key of ['squishes', 'stretches'] as const) {
      const x = WORDS_AT[key];
      const style = stretchStyle(derivativeAt(SQUARE, x));
      expect(style.kind).toBe(key === 'squishes' ? 'squish' : 'stretch');
      expect(nodes[key].text).toBe(`${style.name}es`);
      expect(nodes[key].fill).toBe(style.color);
      expect(nodes[key].opacity).toBe(1);
      expect(nodes[key].position[0]).toBeCloseTo(on(m.output, x * x)[0], 6);
    }
  });

  it('maps the gentler example x + ½ sin 2x, built from the combinators', async () => {
    const flying = (await at(await during('gentle-flow', 0.4))).mapping;
    expect(checkMappingView(flying, GENTLE)).toEqual([]);
    const {mapping: m} = await at(await during('gentle-hold'));
    expect(m.output.min).toBe(-3);
    expect(m.output.max).toBe(4);
    expect(m.copy?.t).toBe(1);
    expect(checkMappingView(m, GENTLE)).toEqual([]);
    // The same picture is not x²'s.
    expect(checkMappingView(m, SQUARE).length).toBeGreaterThan(0);
  });

  it('draws the dot for x = 3 at 9 in its gradient colour (headless Chromium)', async () => {
    const t = await during('integer-hold');
    const {mapping: m} = await at(t);
    const still = await renderStill(PROJECT, SCENE, t);
    const d = m.dots.find(d => d.x === 3)!;
    const [x, y] = on(m.output, 9);
    expect(nearestColor(still, x, y, d.color, 3, 30)).toBeLessThan(Infinity);
  });
});
