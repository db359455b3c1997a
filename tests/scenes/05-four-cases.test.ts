import {describe, expect, it} from 'vitest';
import {CASES, PILE} from '../../scenes/05-four-cases.timing';
import {pointOn} from '../../src/geometry/intervalBox';
import {stretchColor, stretchStyle} from '../../src/geometry/stretchStyle';
import {derivativeAt, square} from '../../src/math';
import {COLORS} from '../../src/theme';
import {nearestColor} from '../components/mappingPixels';
import {
  beatTimes,
  probeScene,
  renderStill,
  typedProbe,
} from '../helpers/render';

const PROJECT = 'scenes/chapter12.ts';
const SCENE = '05-four-cases';

/** What the lesson says each case of x² shows, in the order of the scene. */
const EXPECTED = [
  {x: 1.5, slope: 3, text: '3.00', name: 'stretch', caption: 'Scale by 3'},
  {x: 0.25, slope: 0.5, text: '0.50', name: 'squish', caption: 'Scale by 1/2'},
  {
    x: -1,
    slope: -2,
    text: '\u22122.00',
    name: 'flip',
    caption: 'Flip and scale by 2',
  },
  {x: 0, slope: 0, text: '0.00', name: 'collapse', caption: 'Collapse'},
];

const KEYS = ['slope', 'x-readout', 'case-name', 'inset', 'box', 'mapping'];

let beats: ReturnType<typeof beatTimes> | undefined;

/** The scene's named beats, as it recorded them when it played (asked once). */
function allBeats() {
  return (beats ??= beatTimes(PROJECT, SCENE));
}

// Each probe seeks the scene from its start: probe each moment once, for every key, and reuse it.
const probes = new Map<number, ReturnType<typeof probeScene>>();

/** Every keyed node at t, and the typed probes of its components. */
async function at(t: number) {
  let probe = probes.get(t);
  if (!probe) probes.set(t, (probe = probeScene(PROJECT, SCENE, t, KEYS)));
  const nodes = await probe;
  return {
    nodes,
    slope: typedProbe(nodes.slope, 'slope', 'Readout'),
    x: typedProbe(nodes['x-readout'], 'x-readout', 'Readout'),
    inset: typedProbe(nodes.inset, 'inset', 'ZoomInset'),
    box: typedProbe(nodes.box, 'box', 'IntervalBox'),
    mapping: typedProbe(nodes.mapping, 'mapping', 'MappingView'),
  };
}

/** The middle of a beat, in seconds from the scene's start. */
async function middleOf(name: string): Promise<number> {
  const span = (await allBeats())[name];
  if (!span) throw new Error(`no beat "${name}" in ${SCENE}`);
  return (span.start + span.end) / 2;
}

describe('05-four-cases', () => {
  it('shows the cases in the lesson order, each as its own beats', async () => {
    expect(CASES.map(c => c.x)).toEqual(EXPECTED.map(e => e.x));
    const b = await allBeats();
    const order = CASES.flatMap(c => [
      `${c.beat}-move`,
      `${c.beat}-reveal`,
      `${c.beat}-land`,
      `${c.beat}-hold`,
    ]);
    for (const [i, name] of order.entries()) {
      expect(b[name], name).toBeDefined();
      expect(b[name].end).toBeGreaterThan(b[name].start);
      if (i > 0)
        expect(b[name].start).toBeGreaterThanOrEqual(b[order[i - 1]].end);
    }
    // The nearby dots pile up after the collapse lands, before its hold.
    expect(b['collapse-pile'].start).toBe(b['collapse-land'].end);
    expect(b['collapse-hold'].start).toBe(b['collapse-pile'].end);
  });

  EXPECTED.forEach((e, i) => {
    it(`the ${e.name} case: x = ${e.x}, f'(x) = ${e.slope}, and the box shows that stretch in its colour`, async () => {
      const t = await middleOf(`${CASES[i].beat}-hold`);
      const style = stretchStyle(derivativeAt(square, e.x));
      expect(style.name).toBe(e.name);

      const {nodes, slope, x, inset, box} = await at(t);
      expect(slope.value).toBe(e.slope);
      expect(slope.text).toMatch(new RegExp(`^f'\\(x\\) =\\s*${e.text}$`));
      expect(x.value).toBe(e.x);

      expect(nodes['case-name'].text).toBe(e.name);
      expect(nodes['case-name'].opacity).toBeGreaterThan(0.99);
      expect(nodes['case-name'].fill).toBe(style.color);
      expect(nodes.slope.fill).toBe(style.color);
      expect(inset.point).toBe(e.x);
      expect(inset.caption).toBe(e.caption);
      expect(inset.captionOpacity).toBeGreaterThan(0.99);

      // The box is centred on x: what it draws is f'(x), in the case's colour.
      expect(box.at).toBe(e.x);
      expect((box.input[0] + box.input[1]) / 2).toBeCloseTo(e.x, 12);
      expect(box.landed).toBe(1);
      expect(box.ratio).toBeCloseTo(e.slope, 9);
      expect(box.kind).toBe(style.kind);
      expect(box.name).toBe(e.name);
      expect(box.caseColor).toBe(stretchColor(style.kind));
      expect(box.drawn.color).toBe(style.color);
    });
  });

  it('lands a, b as b, a in the flip case', async () => {
    const {box} = await at(await middleOf('flip-hold'));
    expect(box.kind).toBe('flip');
    expect(box.orientation).toBe('flipped');
    expect(box.output[0]).toBeGreaterThan(box.output[1]);
    // a's end (first) lands to the right of b's end.
    expect(box.movingEnds).not.toBeNull();
    const [a, b] = box.movingEnds ?? [
      [0, 0],
      [0, 0],
    ];
    expect(a[0]).toBeGreaterThan(b[0]);
  });

  it('collapses the interval to a point at f(0) and piles the nearby dots up there', async () => {
    const {box, mapping} = await at(await middleOf('collapse-hold'));
    // Both ends of [−dx/2, dx/2] land on the same number: the ratio is 0.
    expect(box.output[0]).toBe(box.output[1]);
    expect(box.ratio).toBe(0);
    expect(box.kind).toBe('collapse');
    expect(box.folds).toEqual([0]);
    // The marker sits at f(0) = 0 on the output line.
    expect(box.drawn.collapse).not.toBeNull();
    const marker = box.drawn.collapse;
    expect(marker?.alpha).toBe(1);
    const zero = pointOn(box.lines.output, 0);
    expect(marker?.point[0]).toBeCloseTo(zero[0], 6);
    expect(marker?.point[1]).toBeCloseTo(zero[1], 6);

    expect(mapping.dots.length).toBe(PILE.count);
    for (const d of mapping.dots) expect(d.t).toBe(1);
    const xs = mapping.dots.map(d => d.position[0]);
    // The inputs span 0.8 units; their images x² span 0.16: a fifth, piled on 0.
    const unit = box.lines.input.unit[0];
    const inputSpread = (PILE.max - PILE.min) * unit;
    const spread = Math.max(...xs) - Math.min(...xs);
    expect(spread).toBeLessThan(inputSpread / 4);
  });

  it("draws the flip case's box and its f'(x) readout in the flip colour (headless Chromium)", async () => {
    const t = await middleOf('flip-hold');
    const {nodes: p, box} = await at(t);
    const still = await renderStill(PROJECT, SCENE, t);
    const {position, width = 0, height = 0} = p.slope;
    // The readout hangs right of and below its position (offset [-1, -1]).
    let found = Infinity;
    for (let dx = 0; dx <= width; dx += 6) {
      found = Math.min(
        found,
        nearestColor(
          still,
          position[0] + dx,
          position[1] + height / 2,
          COLORS.flip,
          12,
          50,
        ),
      );
    }
    expect(found).toBeLessThan(Infinity);
    // The landed image's ends f(a), f(b) are stroked in the flip colour.
    const [ox, oy] = p.box.position;
    for (const px of box.outputPixels) {
      expect(px).not.toBeNull();
      const y = box.drawn.pieces[0].y + oy;
      expect(
        nearestColor(still, (px ?? NaN) + ox, y, COLORS.flip, 6, 50),
      ).toBeLessThan(Infinity);
    }
  });
});
