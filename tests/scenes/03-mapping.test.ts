import {describe, expect, it} from 'vitest';
import {
  ARROWS_AT,
  FOLD_AT,
  GENTLE,
  SAMPLES,
  SQUARE,
  SWEEP,
  WORDS_AT,
} from '../../scenes/03-mapping.timing';
import type {MappingViewProbe} from '../../src/geometry/mappingView';
import {stretchStyle} from '../../src/geometry/stretchStyle';
import {derivativeAt, formatFixed, samplePoints} from '../../src/math';
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
const KEYS = [
  'mapping',
  'squishes',
  'stretches',
  'sweep-box',
  'slope-readout',
  'slope-kind',
];

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
  return {
    nodes,
    mapping: typedProbe(nodes.mapping, 'mapping', 'MappingView'),
    box: typedProbe(nodes['sweep-box'], 'sweep-box', 'IntervalBox'),
  };
}

type Px = [number, number];
const gap = (a: Px, b: Px) => Math.hypot(a[0] - b[0], a[1] - b[1]);

/** Distance from p to a drawn polyline (the copy's runs). */
function offLine(p: Px, runs: {at: Px}[][]): number {
  let best = Infinity;
  for (const run of runs) {
    for (let i = 1; i < run.length; i++) {
      const a = run[i - 1].at;
      const b = run[i].at;
      const d: Px = [b[0] - a[0], b[1] - a[1]];
      const k = Math.min(
        1,
        Math.max(
          0,
          ((p[0] - a[0]) * d[0] + (p[1] - a[1]) * d[1]) /
            (d[0] ** 2 + d[1] ** 2 || 1),
        ),
      );
      best = Math.min(best, gap(p, [a[0] + k * d[0], a[1] + k * d[1]]));
    }
  }
  return best;
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
      // Narration blocks (narration:<id>) overlay the beats.
      .filter(([name]) => !name.startsWith('narration:'))
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
      'ride-arrows',
      'dense-flow',
      'fold',
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
      'sweep-in',
      'sweep-land',
      'sweep',
      'sweep-hold',
      'out',
    ]);
  });

  it('plays every beat for its length: only the waits for time events may take no time', async () => {
    const waits = ['integers', 'dense', 'deform', 'gentle'];
    for (const [name, span] of Object.entries(await beats)) {
      if (!waits.includes(name))
        expect(span.end - span.start, name).toBeGreaterThan(0.1);
    }
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

  it('carries the dense dots on the deforming line: dots and line move together', async () => {
    const xs = samplePoints(
      SAMPLES.dense.min,
      SAMPLES.dense.max,
      SAMPLES.dense.count,
    );
    const m = (await at(await during('dense-flow', 0.5))).mapping;
    expect(m.dots.map(d => d.x)).toEqual(xs);
    const copy = m.copy!;
    expect(copy.t).toBeGreaterThan(0);
    expect(copy.t).toBeLessThan(1);
    for (const d of m.dots.filter(d => d.x >= FOLD_AT)) {
      // Each dot is where the line is, at the line's progress.
      expect(d.riding).toBe(true);
      expect(d.t).toBe(copy.t);
      expect(offLine(d.position, copy.lines)).toBeLessThan(1);
    }
    // The negative half waits on the input line.
    for (const d of m.dots.filter(d => d.x < FOLD_AT)) {
      expect(d.t).toBe(0);
      expect(offLine(d.position, copy.fold!.lines)).toBeLessThan(1);
    }
    // Only a few dots have arrows, and each runs to where its dot lands.
    expect(m.arrows.map(a => a.x)).toEqual(ARROWS_AT);
    expect(checkMappingView(m, SQUARE)).toEqual([]);
  });

  it('sends the negative inputs later, on arcs onto a lane of their own: never onto the positive ones', async () => {
    const moments = [
      await during('dense-flow', 0.25),
      await during('dense-flow', 0.75),
      await during('fold', 0.3),
      await during('fold', 0.7),
      await during('dense-hold'),
    ];
    for (const t of moments) {
      const m = (await at(t)).mapping;
      expect(checkMappingView(m, SQUARE)).toEqual([]);
      const fold = m.copy!.fold!;
      // While the positive half moves the negative one waits, and the other way round.
      expect(m.copy!.t === 1 || fold.t === 0).toBe(true);
      // −x never stands on (or within a dot of) the place of x, which shares its image.
      for (const d of m.dots.filter(d => d.x < FOLD_AT)) {
        const twin = m.dots.find(e => Math.abs(e.x + d.x) < 1e-9)!;
        expect(gap(d.position, twin.position)).toBeGreaterThan(2 * m.dotRadius);
      }
    }
    // On a bowed route: mid-flight, a negative dot is off the straight chord of its trip.
    const mid = (await at(await during('fold', 0.5))).mapping;
    const d = mid.dots.find(d => d.x === SAMPLES.dense.min)!;
    expect(d.bend).not.toBe(0);
    const landed = (await at(await during('dense-hold'))).mapping;
    const lane = landed.copy!.fold!.offset[1];
    expect(lane).toBeLessThan(landed.copy!.offset[1] - 2 * landed.dotRadius);
    for (const d of landed.dots) {
      // Both halves land over x² on the output line, each on its lane.
      expect(d.t).toBe(1);
      expect(d.position[0]).toBeCloseTo(on(landed.output, d.x ** 2)[0], 6);
    }
  });

  it('lets the folded half join the copy, and names what it does where', async () => {
    const {nodes, mapping: m} = await at(await during('deform-hold'));
    expect(m.copy?.t).toBe(1);
    expect(m.copy?.fold?.offset).toEqual(m.copy?.offset);
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

  it('carries the dots of x + ½ sin 2x on its deforming line too', async () => {
    const flying = (await at(await during('gentle-flow', 0.4))).mapping;
    expect(flying.copy!.fold).toBeNull();
    for (const d of flying.dots) {
      expect(d.t).toBe(flying.copy!.t);
      expect(offLine(d.position, flying.copy!.lines)).toBeLessThan(1);
    }
    expect(checkMappingView(flying, GENTLE)).toEqual([]);
    const {mapping: m} = await at(await during('gentle-hold'));
    expect(m.output.min).toBe(-3);
    expect(m.output.max).toBe(4);
    expect(m.copy?.t).toBe(1);
    expect(checkMappingView(m, GENTLE)).toEqual([]);
    // The same picture is not x²'s.
    expect(checkMappingView(m, SQUARE).length).toBeGreaterThan(0);
  });

  it("sweeps a box along x + ½ sin 2x: its ratio is its drawn output over input, and approaches f'(x)", async () => {
    const start = (await at(await during('sweep', 0))).box;
    const end = (await at(await during('sweep', 1))).box;
    expect(start.at).toBeCloseTo(SWEEP.from, 3);
    expect(end.at).toBeCloseTo(SWEEP.to, 3);
    for (const u of [0.2, 0.5, 0.8]) {
      const {nodes, box} = await at(await during('sweep', u));
      expect(box.landed).toBe(1);
      expect(box.dx).toBe(SWEEP.dx);
      // The ratio on screen is the drawn output length over the drawn input length.
      const [i0, i1] = box.inputPixels;
      const [o0, o1] = box.outputPixels;
      const drawn = Math.abs(o1! - o0!) / Math.abs(i1 - i0);
      const ratio = box.readouts[2].value!;
      expect(ratio).toBeCloseTo(drawn, 2);
      // Beside it, f'(x) from the math: within dx²/6 of the ratio (the
      // symmetric quotient of x + ½ sin 2x is 1 + cos 2x · sin(dx)/dx).
      const slope = derivativeAt(GENTLE, box.at!);
      if (!slope.defined) throw new Error(slope.reason);
      expect(Math.abs(ratio - slope.value)).toBeLessThanOrEqual(
        SWEEP.dx ** 2 / 6,
      );
      const readout = nodes['slope-readout'];
      expect(readout.text).toContain(formatFixed(slope.value));
      const style = stretchStyle(slope);
      expect(readout.fill).toBe(style.color);
      expect(nodes['slope-kind'].text).toBe(style.name);
      expect(nodes['slope-kind'].fill).toBe(style.color);
      // The word stands right of the readout (both placed by their top-left corner), not on it.
      expect(nodes['slope-kind'].position[0]).toBeGreaterThan(
        readout.position[0] + (readout.width ?? Infinity),
      );
    }
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
