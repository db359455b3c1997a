import {describe, expect, it} from 'vitest';
import {derivativeAt, formatFixed, imageOfInterval} from '../../src/math';
import {COLORS} from '../../src/theme';
import {DX, F, STOPS} from '../../scenes/06-two-clothes.timing';
import {
  beatTimes,
  probeScene,
  renderStill,
  typedProbe,
} from '../helpers/render';
import {hasColorNear} from '../components/graphPixels';

const PROJECT = 'scenes/chapter12.ts';
const SCENE = '06-two-clothes';

/** One probe per moment, shared between tests: each seeks the scene in the browser. */
const probes = new Map<number, ReturnType<typeof probeState>>();
function state(t: number) {
  if (!probes.has(t)) probes.set(t, probeState(t));
  return probes.get(t)!;
}
async function probeState(t: number) {
  const probe = await probeScene(PROJECT, SCENE, t, ['graph', 'box']);
  return {
    graph: typedProbe(probe.graph, 'graph', 'FunctionGraph'),
    box: typedProbe(probe.box, 'box', 'IntervalBox'),
    boxPosition: probe.box.position,
  };
}

/** The number at the end of a readout's text ("rise / run =  3.00" → "3.00"). */
function numberOf(text: string): string {
  return text.trim().split(/\s+/).pop() ?? '';
}

/** The scene's beats, found once. */
const beats = beatTimes(PROJECT, SCENE);

/** The time into beat `name` at which an easeInOutCubic slide has covered `share` of its way. */
async function intoSlide(name: string, share: number) {
  const {start, end} = (await beats)[name];
  // Invert easeInOutCubic (4u³ below one half, symmetric above).
  const u = share < 0.5 ? Math.cbrt(share / 4) : 1 - Math.cbrt((1 - share) / 4);
  return start + u * (end - start);
}

describe('06-two-clothes', () => {
  it('both pictures fill their half of the frame: long axes and lines, readouts clear of the output ticks', async () => {
    const {end} = (await beats).landed;
    const probe = await probeScene(PROJECT, SCENE, end - 0.2, [
      'graph',
      'mapping',
      'equals',
    ]);
    const graph = typedProbe(probe.graph, 'graph', 'FunctionGraph');
    const mapping = typedProbe(probe.mapping, 'mapping', 'MappingView');
    const width = (ends: number[][]) => Math.abs(ends[1][0] - ends[0][0]);
    // Each picture spans at least 40% of the 1920 px frame ...
    expect(width(graph.axes.x)).toBeGreaterThanOrEqual(0.4 * 1920);
    expect(
      width([mapping.input.from, mapping.input.to]),
    ).toBeGreaterThanOrEqual(0.4 * 1920);
    // ... the graph is tall (more than half the frame's height) ...
    expect(
      Math.abs(graph.axes.y[1][1] - graph.axes.y[0][1]),
    ).toBeGreaterThanOrEqual(0.5 * 1080);
    // ... and the lines are far apart, the ratio row below the output line's tick labels.
    const outputY = mapping.output.from[1];
    expect(outputY - mapping.input.from[1]).toBeGreaterThanOrEqual(400);
    expect(probe.equals.position[1]).toBeGreaterThan(outputY + 150);
  });

  it("the box centred on x has width run = dx and lands with output / input = rise / run = f'(x)", async () => {
    const {end} = (await beats).landed;
    const {graph, box} = await state(end - 0.2);
    expect(graph.x).toBe(STOPS[0]);
    expect(box.at).toBe(STOPS[0]);
    expect(box.input[0]).toBeCloseTo(STOPS[0] - DX / 2, 12);
    expect(box.dx).toBe(DX);
    const image = imageOfInterval(F, STOPS[0] - DX / 2, DX);
    expect(box.output).toEqual([...image.output]);
    expect(derivativeAt(F, STOPS[0])).toEqual({defined: true, value: 3});
    expect(box.ratio).toBeCloseTo(3, 9);
    expect(numberOf(graph.readout)).toBe('3.00');
    expect(numberOf(box.readouts[2].text)).toBe('3.00');
  });

  it('the slope and the stretch readouts agree while x moves (mid-slide and at every stop)', async () => {
    const b = await beats;
    const times = [1, 2, 3].flatMap(i => [
      (b[`slide-${i}`].start + b[`slide-${i}`].end) / 2,
      (b[`stop-${i}`].start + b[`stop-${i}`].end) / 2,
    ]);
    const xs: number[] = [];
    const slopes: number[] = [];
    for (const t of times) {
      const {graph, box} = await state(t);
      xs.push(graph.x);
      slopes.push(graph.slope ?? NaN);
      // One x drives both pictures: the box is centred on the graph's point.
      expect(box.at).toBeCloseTo(graph.x, 12);
      expect(numberOf(graph.readout)).toBe(
        formatFixed(derivativeAt(F, graph.x)),
      );
      expect(box.ratio).toBeCloseTo(graph.slope!, 9);
      expect(numberOf(box.readouts[2].text)).toBe(numberOf(graph.readout));
    }
    expect(new Set(xs.map(x => x.toFixed(3))).size).toBe(times.length);
    expect(Math.min(...slopes)).toBeLessThan(0);
    expect(Math.max(...slopes)).toBeGreaterThan(0);
  });

  it('near x = 0.1 the box folds over the turning point: its image is the true [0, f(x + dx/2)], a squish by 2x, not a flip', async () => {
    // slide-2 runs from 0.5 to −1.5: x = 0.1 is a fifth of the way (to the nearest frame).
    const t = await intoSlide('slide-2', (0.5 - 0.1) / 2);
    const {box} = await state(t);
    const x = box.at!;
    expect(x).toBeCloseTo(0.1, 1);
    expect(box.folds).toHaveLength(1);
    expect(box.folds[0]).toBeCloseTo(0, 12);
    expect(box.span[0]).toBeCloseTo(0, 12);
    expect(box.span[1]).toBeCloseTo((x + DX / 2) ** 2, 12);
    expect(box.kind).toBe('squish');
    expect(box.drawn.color).toBe(COLORS.dx);
    expect(box.ratio).toBeCloseTo(2 * x, 9);
    // Two pieces, cut at the fold, together cover the image from f(0) = 0.
    expect(box.drawn.pieces).toHaveLength(2);
    const zero = box.lines.output.origin[0];
    expect(Math.min(...box.drawn.pieces.map(p => p.left))).toBeCloseTo(zero, 6);
  });

  it("where f'(x) = −3 the image is flipped and both readouts read −3.00", async () => {
    const {start, end} = (await beats)['stop-2'];
    const {graph, box} = await state((start + end) / 2);
    expect(graph.x).toBe(-1.5);
    expect(box.orientation).toBe('flipped');
    expect(box.kind).toBe('flip');
    expect(numberOf(graph.readout)).toBe('\u22123.00');
    expect(numberOf(box.readouts[2].text)).toBe('\u22123.00');
  });

  it('draws the point on the graph and the flipped image where the math puts them (headless Chromium)', async () => {
    const {start, end} = (await beats)['stop-2'];
    const t = (start + end) / 2;
    const {graph, box, boxPosition} = await state(t);
    const still = await renderStill(PROJECT, SCENE, t);
    expect(
      hasColorNear(still, graph.point![0], graph.point![1], COLORS.dx, 3),
    ).toBe(true);
    // The image box, in the flip colour, has its edges at f(x ∓ dx/2) on the output line.
    const y = box.movingEnds![0][1] + boxPosition[1];
    for (const px of box.outputPixels) {
      expect(
        hasColorNear(still, px! + boxPosition[0], y - 10, COLORS.flip, 4),
      ).toBe(true);
    }
  });
});
