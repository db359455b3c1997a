import {describe, expect, it} from 'vitest';
import {derivativeAt, formatFixed, imageOfInterval} from '../../src/math';
import {COLORS} from '../../src/theme';
import {DX, F, STOPS, moments} from '../../scenes/06-two-clothes.timing';
import {probeScene, renderStill} from '../helpers/render';
import {hasColorNear} from '../components/graphPixels';

const PROJECT = 'scenes/chapter12.ts';
const SCENE = '06-two-clothes';

interface GraphProbe {
  x: number;
  slope: number | null;
  slopeText: string;
  readoutText: string;
  pointPixel: [number, number];
}

interface BoxProbe {
  x: number;
  dx: number;
  input: [number, number];
  output: [number, number];
  ratio: number | null;
  kind: string;
  orientation: string;
  outputPixels: [number, number];
  movingEnds: [[number, number], [number, number]];
  readouts: {label: string; value: number | null; text: string}[];
}

/** One probe per moment: each call boots a browser, so moments are shared between tests. */
const probes = new Map<number, ReturnType<typeof probeState>>();
function state(t: number) {
  if (!probes.has(t)) probes.set(t, probeState(t));
  return probes.get(t)!;
}
async function probeState(t: number) {
  const probe = await probeScene(PROJECT, SCENE, t, ['graph', 'box']);
  return {
    graph: probe.graph.custom as GraphProbe,
    box: probe.box.custom as BoxProbe,
    boxPosition: probe.box.position,
  };
}

/** The number at the end of a readout's text ("rise / run =  3.00" → "3.00"). */
function numberOf(text: string): string {
  return text.trim().split(/\s+/).pop() ?? '';
}

describe('06-two-clothes', () => {
  const m = moments();

  it("the box around x has width run = dx and lands with output / input = rise / run = f'(x)", async () => {
    const {graph, box} = await state(m.landed);
    expect(graph.x).toBe(STOPS[0]);
    expect(box.input[0]).toBeCloseTo(STOPS[0] - DX / 2, 12);
    expect(box.dx).toBe(DX);
    const image = imageOfInterval(F, STOPS[0] - DX / 2, DX);
    expect(box.output).toEqual([...image.output]);
    const slope = derivativeAt(F, STOPS[0]);
    expect(slope).toEqual({defined: true, value: 3});
    expect(box.ratio).toBeCloseTo(3, 9);
    expect(numberOf(graph.readoutText)).toBe('3.00');
    expect(numberOf(box.readouts[2].text)).toBe('3.00');
  });

  it('the slope and the stretch readouts agree while x moves (probed mid-slide and at every stop)', async () => {
    // Mid-slide and held, through each stop: 5 moments, x different at each.
    const times = [
      ...m.slides
        .flatMap(s => [(s.start + s.end) / 2, s.end + 0.5])
        .slice(0, 4),
      (m.slides[2].start + m.slides[2].end) / 2,
    ];
    const xs: number[] = [];
    const slopes: number[] = [];
    for (const t of times) {
      const {graph, box} = await state(t);
      xs.push(graph.x);
      slopes.push(graph.slope ?? NaN);
      // One x drives both pictures: the box is centred on the graph's point.
      expect(box.input[0] + DX / 2).toBeCloseTo(graph.x, 9);
      // Both numbers come from the math, for the same f and x.
      expect(graph.slopeText).toBe(formatFixed(derivativeAt(F, graph.x)));
      expect(box.ratio).toBeCloseTo(graph.slope!, 9);
      // And the two readouts on screen show the same number.
      expect(numberOf(box.readouts[2].text)).toBe(numberOf(graph.readoutText));
      expect(numberOf(graph.readoutText)).toBe(graph.slopeText);
    }
    // x really moved, through several values, one of them with f'(x) < 0.
    expect(new Set(xs.map(x => x.toFixed(3))).size).toBe(times.length);
    expect(Math.min(...slopes)).toBeLessThan(0);
    expect(Math.max(...slopes)).toBeGreaterThan(0);
  });

  it("where f'(x) = −3 the image is flipped and both readouts read −3.00", async () => {
    const flipStop = m.slides.find(s => s.stop < 0)!;
    const {graph, box} = await state(flipStop.end + 0.5);
    expect(graph.x).toBe(flipStop.stop);
    expect(box.orientation).toBe('flipped');
    expect(numberOf(graph.readoutText)).toBe('\u22123.00');
    expect(numberOf(box.readouts[2].text)).toBe('\u22123.00');
  });

  it('draws the point on the graph and the flipped image where the math puts them (headless Chromium)', async () => {
    const flipStop = m.slides.find(s => s.stop < 0)!;
    const t = flipStop.end + 0.5;
    const {graph, box, boxPosition} = await state(t);
    const still = await renderStill(PROJECT, SCENE, t);
    // The yellow point at (x, f(x)) on the graph.
    expect(
      hasColorNear(
        still,
        graph.pointPixel[0],
        graph.pointPixel[1],
        COLORS.dx,
        3,
      ),
    ).toBe(true);
    // The image box, in the flip colour, has its edges at f(x ∓ dx/2) on the output line.
    const y = box.movingEnds[0][1] + boxPosition[1];
    for (const px of box.outputPixels) {
      expect(
        hasColorNear(still, px + boxPosition[0], y - 10, COLORS.flip, 4),
      ).toBe(true);
    }
  });
});
