import {describe, expect, it} from 'vitest';
import {
  DOOR_A,
  DOOR_F,
  DOOR_FAR,
  DOOR_L,
  DOOR_NEAR,
  DOOR_SAMPLES,
  FLAT_DXS,
  FLAT_F,
  FLAT_X,
  FLIP_DX,
  FLIP_F,
  FLIP_X,
  LOCAL_DX,
  LOCAL_F,
  LOCAL_STOPS,
  SLOPE_DX,
  SLOPE_X,
  WORDS,
} from '../../scenes/09-gotchas.timing';
import {pointOn} from '../../src/geometry/intervalBox';
import {stretchStyle} from '../../src/geometry/stretchStyle';
import {derivativeAt, formatFixed} from '../../src/math';
import type {RealFunction} from '../../src/math';
import {COLORS} from '../../src/theme';
import {hasColorNear} from '../components/graphPixels';
import {
  beatTimes,
  probeScene,
  renderStill,
  typedProbe,
} from '../helpers/render';

const PROJECT = 'scenes/chapter12.ts';
const SCENE = '09-gotchas';

/** The number at the end of a readout's text ("f'(x) = −3.00" → "−3.00"). */
function numberOf(text: string): string {
  return text.trim().split(/\s+/).pop() ?? '';
}

/** The keyed nodes of each part (a part's nodes leave the scene with it). */
type Part = 'local' | 'flip' | 'flat';

let beats: ReturnType<typeof beatTimes> | undefined;

/** The scene's named beats, as it recorded them when it played (asked once). */
function allBeats() {
  return (beats ??= beatTimes(PROJECT, SCENE));
}

/** The moment a fraction `at` of the way through a beat (seconds from the scene's start). */
async function during(name: string, at = 0.5): Promise<number> {
  const span = (await allBeats())[name];
  if (!span) throw new Error(`no beat "${name}" in ${SCENE}`);
  return span.start + at * (span.end - span.start);
}

// Each probe seeks the scene from its start: probe each moment once, for all of its part's keys.
const probes = new Map<string, ReturnType<typeof probeScene>>();

/** The title and a part's box, f'(x) readout and stretch caption at t, with the typed probes. */
async function partAt(part: Part, t: number) {
  const keys = ['title', `${part}Box`, `${part}Slope`, `${part}Stretch`];
  if (part === 'flat') keys.push('flatGraph');
  const id = `${part}@${t}`;
  let probe = probes.get(id);
  if (!probe) probes.set(id, (probe = probeScene(PROJECT, SCENE, t, keys)));
  const nodes = await probe;
  return {
    nodes,
    title: nodes.title.text,
    box: typedProbe(nodes[`${part}Box`], `${part}Box`, 'IntervalBox'),
    slope: typedProbe(nodes[`${part}Slope`], `${part}Slope`, 'Readout'),
    caption: nodes[`${part}Stretch`],
  };
}

/**
 * The box, f'(x) and the stretch caption of one part at time t, checked to
 * agree with each other and with the math: the box is centred on the point
 * whose f'(x) is read, shows that stretch, and is coloured by it.
 */
async function checkPart(part: Part, t: number, f: RealFunction) {
  const probe = await partAt(part, t);
  const {box, slope, caption} = probe;
  expect(box.at).not.toBeNull();
  const x = box.at ?? Number.NaN;
  expect((box.input[0] + box.input[1]) / 2).toBeCloseTo(x, 12);
  const d = derivativeAt(f, x);
  const style = stretchStyle(d);
  // The readout is f' at the box's point ...
  expect(slope.value).toBe(d.defined ? d.value : null);
  expect(numberOf(slope.text)).toBe(formatFixed(d));
  // ... the box draws that stretch (within 1%) and is named and coloured by it ...
  expect(box.ratio).not.toBeNull();
  const ratio = box.ratio ?? Number.NaN;
  expect(
    Math.abs(ratio - (d.defined ? d.value : Number.NaN)),
  ).toBeLessThanOrEqual(0.01 * Math.max(1, Math.abs(ratio)));
  expect(box.kind).toBe(style.kind);
  expect(box.name).toBe(style.name);
  expect(box.caseColor).toBe(style.color);
  // ... and so is the caption beside it.
  expect(caption.text).toBe(style.caption);
  expect(caption.fill).toBe(style.color);
  return {...probe, style};
}

describe('09-gotchas', () => {
  it('plays its three parts in order, as named beats', async () => {
    const b = await allBeats();
    const order = [
      'door-title',
      'door-lines',
      'door-caption',
      'door-flow',
      'door-readouts',
      'door-read',
      'doorway-caption',
      'doorway-read',
      'door-out',
      'local-title',
      'local-land',
      'local-caption',
      'local-sweep-1',
      'local-stop-1',
      'local-sweep-2',
      'local-stop-2',
      'local-read',
      'local-out',
      'flip-title',
      'flip-land',
      'flip-read',
      'flip-out',
      'flat-title',
      'flat-land',
      'flat-graph',
      'flat-shrink-1',
      'flat-shrink-2',
      'flat-read',
      'slope-title',
      'slope-grow',
      'slope-slide',
      'slope-caption',
      'slope-read',
      'whichever-caption',
      'whichever-read',
      'out',
    ];
    for (const [i, name] of order.entries()) {
      expect(b[name], name).toBeDefined();
      if (i > 0)
        expect(b[name].start).toBeGreaterThanOrEqual(b[order[i - 1]].end);
    }
  });

  it("part 1: as the probe sweeps x, the box, f'(x) and the caption change together", async () => {
    const moments = [
      await during('local-hold'),
      await during('local-sweep-1', 0.5),
      await during('local-stop-1'),
      await during('local-sweep-2', 0.3),
      await during('local-stop-2'),
    ];
    const seen = new Set<string>();
    for (const t of moments) {
      const {title, box, slope} = await checkPart('local', t, LOCAL_F);
      expect(title).toBe(WORDS.localTitle);
      expect(box.dx).toBeCloseTo(LOCAL_DX, 12);
      expect(box.readoutOpacity).toBeCloseTo(1, 6);
      // Its own readout: output / input, as on screen.
      expect(numberOf(box.readouts[2].text)).toBe(numberOf(slope.text));
      seen.add(numberOf(slope.text));
    }
    expect(seen.size).toBeGreaterThanOrEqual(4);
    // At each stop the box stands on the stop.
    const stops = [
      await during('local-hold'),
      await during('local-stop-1'),
      await during('local-stop-2'),
    ];
    for (const [i, t] of stops.entries()) {
      const {box} = await partAt('local', t);
      expect(box.at).toBe(LOCAL_STOPS[i]);
    }
  });

  it('part 2: f\'(x) = −3 flips [a, b] and triples it: readout −3.00, caption "Flip and scale by 3" in red', async () => {
    const t = await during('flip-read');
    const {title, box, slope, style} = await checkPart('flip', t, FLIP_F);
    expect(title).toBe(WORDS.flipTitle);
    expect(box.at).toBe(FLIP_X);
    expect(slope.value).toBe(-3);
    expect(numberOf(slope.text)).toBe('\u22123.00');
    expect(style.caption).toBe('Flip and scale by 3');
    expect(style.color).toBe(COLORS.flip);
    expect(box.orientation).toBe('flipped');
    expect(box.output[1] - box.output[0]).toBeCloseTo(-3 * FLIP_DX, 12);
    expect(numberOf(box.readouts[2].text)).toBe('\u22123.00');
  });

  it('part 3: x² at 0 folds [−dx/2, dx/2] onto [0, dx²/4], a collapse drawn at f(0) = 0, the flat spot', async () => {
    // While dx shrinks, each width held: a collapse (ratio 0) whose image shrinks like dx².
    const held = [
      await during('flat-readouts', 1),
      await during('flat-shrunk-1'),
      await during('flat-shrunk-2'),
    ];
    for (const [i, t] of held.entries()) {
      const {box} = await checkPart('flat', t, FLAT_F);
      const dx = FLAT_DXS[i];
      expect(box.at).toBe(FLAT_X);
      expect(box.dx).toBeCloseTo(dx, 12);
      expect(box.output[0]).toBe(box.output[1]);
      expect(box.ratio).toBe(0);
      expect(box.kind).toBe('collapse');
      expect(box.folds).toEqual([FLAT_X]);
      expect(box.span[0]).toBe(0);
      expect(box.span[1]).toBeCloseTo((dx * dx) / 4, 12);
      expect(numberOf(box.readouts[2].text)).toBe('0.00');
      const marker = box.drawn.collapse;
      expect(marker).not.toBeNull();
      const zero = pointOn(box.lines.output, 0);
      expect(marker?.point[0]).toBeCloseTo(zero[0], 6);
      expect(marker?.point[1]).toBeCloseTo(zero[1], 6);
    }

    const t = await during('flat-read');
    const {title, slope, nodes} = await checkPart('flat', t, FLAT_F);
    expect(title).toBe(WORDS.flatTitle);
    expect(numberOf(slope.text)).toBe('0.00');
    // The graph beside it: the same point, a flat tangent, the same 0.00.
    const graph = typedProbe(nodes.flatGraph, 'flatGraph', 'FunctionGraph');
    expect(graph.x).toBe(FLAT_X);
    expect(graph.slope).toBe(0);
    expect(graph.opacity.readout).toBeCloseTo(1, 6);
    expect(numberOf(graph.readout)).toBe('0.00');
    expect(graph.tangent).not.toBeNull();
    const [from, to] = graph.tangent ?? [
      [0, 0],
      [0, 1],
    ];
    expect(from[1]).toBeCloseTo(to[1], 6);
  });

  it('the doorway: x² and its best linear approximation L land together near a and part far away, the gaps read from the math', async () => {
    const t = await during('door-read');
    const nodes = await probeScene(PROJECT, SCENE, t, [
      'title',
      'caption',
      'doorMapping',
      'doorLinear',
      'doorNear',
      'doorFar',
      'doorFormula',
    ]);
    expect(nodes.title.text).toBe(WORDS.doorTitle);
    expect(nodes.caption.text).toBe(WORDS.door);
    const f = typedProbe(nodes.doorMapping, 'doorMapping', 'MappingView');
    const l = typedProbe(nodes.doorLinear, 'doorLinear', 'MappingView');
    // L is the tangent map at a: L(a) = f(a), slope f'(a).
    expect(DOOR_L.value(DOOR_A)).toBe(DOOR_F.value(DOOR_A));
    expect(DOOR_L.slope(0)).toBe(DOOR_F.slope(DOOR_A));
    expect(f.samples).toEqual(DOOR_SAMPLES);
    expect(l.samples).toEqual(DOOR_SAMPLES);
    expect(f.flowProgress).toBe(1);
    expect(l.flowProgress).toBe(1);
    // Where each pair of dots landed, in pixels apart, against the distance from a.
    const apart = (x: number) => {
      const df = f.dots.find(d => Math.abs(d.x - x) < 1e-9);
      const dl = l.dots.find(d => Math.abs(d.x - x) < 1e-9);
      expect(df, `f dot at ${x}`).toBeDefined();
      expect(dl, `L dot at ${x}`).toBeDefined();
      return Math.abs((df?.position[0] ?? 0) - (dl?.position[0] ?? 1e9));
    };
    const unit = Math.abs(f.output.to[0] - f.output.from[0]) / 8.5;
    expect(apart(DOOR_A)).toBeLessThan(0.5);
    // Near a: (x − a)² units apart, a few pixels; far away: hundreds.
    expect(apart(DOOR_NEAR)).toBeCloseTo((DOOR_NEAR - DOOR_A) ** 2 * unit, 3);
    expect(apart(DOOR_NEAR)).toBeLessThan(6);
    expect(apart(DOOR_FAR)).toBeGreaterThan(300);
    // The readouts are f − L from the math.
    const near = typedProbe(nodes.doorNear, 'doorNear', 'Readout');
    const far = typedProbe(nodes.doorFar, 'doorFar', 'Readout');
    expect(near.value).toBeCloseTo(
      DOOR_F.value(DOOR_NEAR) - DOOR_L.value(DOOR_NEAR),
      12,
    );
    expect(far.value).toBeCloseTo(
      DOOR_F.value(DOOR_FAR) - DOOR_L.value(DOOR_FAR),
      12,
    );
    expect(numberOf(near.text)).toBe('0.016');
    expect(numberOf(far.text)).toBe('2.250');
    expect(nodes.doorFormula.text).toContain(DOOR_L.tex());
    // Long lines: the mapping spans most of the frame's width.
    expect(Math.abs(f.input.to[0] - f.input.from[0])).toBeGreaterThan(
      0.75 * 1920,
    );
  });

  it("part 4: the slope picture is still true: rise / run, output / input and f'(x) read one number at x = 0.6", async () => {
    const t = await during('slope-read');
    const {title, box, slope, nodes} = await checkPart('flat', t, FLAT_F);
    expect(title).toBe(WORDS.slopeTitle);
    expect(box.at).toBe(SLOPE_X);
    expect(box.dx).toBeCloseTo(SLOPE_DX, 12);
    const d = derivativeAt(FLAT_F, SLOPE_X);
    expect(d.defined && d.value).toBeCloseTo(1.2, 12);
    expect(numberOf(slope.text)).toBe('1.20');
    expect(numberOf(box.readouts[2].text)).toBe('1.20');
    const graph = typedProbe(nodes.flatGraph, 'flatGraph', 'FunctionGraph');
    expect(graph.x).toBe(SLOPE_X);
    expect(graph.slope).toBeCloseTo(1.2, 12);
    expect(numberOf(graph.readout)).toBe('1.20');
    expect(graph.opacity.triangle).toBeCloseTo(1, 6);
    const later = await probeScene(
      PROJECT,
      SCENE,
      await during('whichever-read'),
      ['caption'],
    );
    expect(later.caption.text).toBe(WORDS.whichever);
  });

  it('draws the flipped image in the flip colour at f(a) and f(b) (headless Chromium)', async () => {
    const t = await during('flip-read');
    const {box, nodes} = await partAt('flip', t);
    const [ox, oy] = nodes.flipBox.position;
    const still = await renderStill(PROJECT, SCENE, t);
    expect(box.drawn.pieces.length).toBe(1);
    const y = box.drawn.pieces[0].y + oy - 10;
    for (const px of box.outputPixels) {
      expect(px).not.toBeNull();
      expect(
        hasColorNear(still, (px ?? Number.NaN) + ox, y, COLORS.flip, 4),
      ).toBe(true);
    }
  });

  it('draws the collapse marker in white at f(0) on the output line (headless Chromium)', async () => {
    const t = await during('flat-read');
    const {box, nodes} = await partAt('flat', t);
    const [ox, oy] = nodes.flatBox.position;
    const marker = box.drawn.collapse;
    expect(marker).not.toBeNull();
    const [mx, my] = marker?.point ?? [Number.NaN, Number.NaN];
    const still = await renderStill(PROJECT, SCENE, t);
    // The filled dot at the marker's centre.
    expect(hasColorNear(still, mx + ox, my + oy, COLORS.collapse, 3, 30)).toBe(
      true,
    );
  });
});
