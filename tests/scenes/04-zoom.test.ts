import {describe, expect, it} from 'vitest';
import {CLOSE_UP, DX, X} from '../../scenes/04-zoom.timing';
import {insetRadius} from '../../src/geometry/zoomInset';
import {
  derivativeAt,
  formatFixed,
  imageOfInterval,
  samplePoints,
  square,
} from '../../src/math';
import {checkZoomInset} from '../../src/truth/zoomInset';
import {gradientColor} from '../../src/theme';
import {nearestColor} from '../components/mappingPixels';
import {
  beatTimes,
  probeScene,
  renderStill,
  typedProbe,
} from '../helpers/render';

const PROJECT = 'scenes/chapter12.ts';
const KEYS = ['box', 'slope', 'definition', 'inset'];
const SCENE = '04-zoom';

// Each probe starts its own browser: probe each moment once, for every key, and reuse it.
const probes = new Map<number, ReturnType<typeof probeScene>>();
function probeAt(t: number) {
  if (!probes.has(t)) probes.set(t, probeScene(PROJECT, SCENE, t, KEYS));
  return probes.get(t)!;
}
/** The middle of a beat, in seconds from the scene's start. */
const beats = beatTimes(PROJECT, SCENE);
async function middleOf(name: string) {
  const {start, end} = (await beats)[name];
  return (start + end) / 2;
}
/** The last frame of a beat, in seconds (its span ends where the next frame begins). */
async function endOf(name: string) {
  return (await beats)[name].end - 1 / 60;
}
/** The inset's typed probe at t. */
async function insetAt(t: number) {
  return typedProbe((await probeAt(t)).inset, 'inset', 'ZoomInset');
}

/**
 * The landed spacing the math predicts for the close-up: twenty dots evenly
 * over point ± spread × the visible half-range at this zoom, through x²;
 * largest gap between consecutive images over the smallest.
 */
function predictedSpacing(point: number, spread: number, zoom: number) {
  const s = spread * insetRadius(CLOSE_UP.frameWidth, CLOSE_UP.baseUnit, zoom);
  const ys = samplePoints(point - s, point + s, CLOSE_UP.dots).map(v =>
    square.value(v),
  );
  const gaps = ys.slice(1).map((y, i) => Math.abs(y - ys[i]));
  return Math.max(...gaps) / Math.min(...gaps);
}

/** The local factor the math predicts at a zoom: span of the images over the span of the dots. */
function predictedFactor(point: number, spread: number, zoom: number) {
  const s = spread * insetRadius(CLOSE_UP.frameWidth, CLOSE_UP.baseUnit, zoom);
  const ys = samplePoints(point - s, point + s, CLOSE_UP.dots).map(v =>
    square.value(v),
  );
  return (Math.max(...ys) - Math.min(...ys)) / (2 * s);
}

describe('04-zoom', () => {
  const steps = [
    {beat: 'first', dx: DX.first, ratio: '3.50'},
    {beat: 'second', dx: DX.second, ratio: '3.10'},
    {beat: 'third', dx: DX.third, ratio: '3.01'},
  ];
  for (const step of steps) {
    it(`reads the ratio ${step.ratio} from imageOfInterval when dx = ${step.dx}`, async () => {
      const p = await probeAt(await middleOf(step.beat));
      const box = typedProbe(p.box, 'box', 'IntervalBox');
      const image = imageOfInterval(square, X, step.dx);
      expect(box.x).toBe(X);
      expect(box.dx).toBeCloseTo(step.dx, 12);
      expect(box.landed).toBe(1);
      expect(image.ratio.defined).toBe(true);
      expect(box.ratio).toBeCloseTo(
        image.ratio.defined ? image.ratio.value : NaN,
        9,
      );
      expect(formatFixed(image.ratio, 2)).toBe(step.ratio);
      expect(box.readouts[2]!.text).toMatch(
        new RegExp(`= \\s*${step.ratio.replace('.', '\\.')}$`),
      );
    });
  }

  it("ends on f'(x) = 3, the limit of the ratios, beside the definition", async () => {
    const p = await probeAt(await middleOf('hold-definition'));
    const slope = typedProbe(p.slope, 'slope', 'Readout');
    const inset = typedProbe(p.inset, 'inset', 'ZoomInset');
    expect(derivativeAt(square, X)).toEqual({defined: true, value: 3});
    expect(slope.value).toBe(3);
    expect(p.slope.opacity).toBeGreaterThan(0.99);
    expect(p.definition.opacity).toBeGreaterThan(0.99);
    expect(inset.caption).toBe('Scale by 3');
    expect(inset.zoom).toBeCloseTo(CLOSE_UP.zoom.x30, 9);
  });

  it('lands the close-up unevenly spaced at ×1 and evenly at ×30, "Scale by 3": the spacing readout goes to 1', async () => {
    const x1 = await insetAt(await endOf('closeup-x1'));
    const x30 = await insetAt(await endOf('closeup-x30'));
    expect(x1.baseUnit).toBe(CLOSE_UP.baseUnit);
    const want1 = predictedSpacing(X, CLOSE_UP.spread, 1);
    const want30 = predictedSpacing(X, CLOSE_UP.spread, 30);
    expect(want1).toBeGreaterThan(1.5);
    expect(want30).toBeLessThan(1.05);
    for (const [p, zoom, want] of [
      [x1, 1, want1],
      [x30, 30, want30],
    ] as const) {
      expect(p.zoom).toBeCloseTo(zoom, 9);
      expect(p.progress).toBe(1);
      expect(p.dots).toHaveLength(CLOSE_UP.dots);
      expect(p.readout!.kind).toBe('spacing');
      expect(p.readout!.opacity).toBeGreaterThan(0.99);
      expect(p.readout!.text).toMatch(
        new RegExp(`= ${formatFixed(want, 2).replace('.', '\\.')}$`),
      );
      expect(checkZoomInset(p, square)).toEqual([]);
    }
    // Its caption comes only with the even landing.
    expect(x1.captionOpacity).toBeLessThan(0.01);
    expect(x30.caption).toBe('Scale by 3');
    expect(x30.captionOpacity).toBeGreaterThan(0.99);
  });

  it('holds the neighbourhood fixed in view: the dots keep their pixels while the zoom shrinks the numbers they stand for', async () => {
    const x1 = await insetAt(await endOf('closeup-x1'));
    const x30 = await insetAt(await endOf('closeup-x30'));
    const span = (p: typeof x1) =>
      p.dots[p.dots.length - 1].value - p.dots[0].value;
    expect(span(x1) / span(x30)).toBeCloseTo(30, 6);
    // Back on the input line mid-way through the re-landing they sit where they sat at ×1.
    const returned = await insetAt((await beats)['closeup-x30'].start + 0.8);
    expect(returned.progress).toBeCloseTo(0, 4);
    returned.dots.forEach((d, i) => {
      const before = x1.dots[i];
      expect(Math.abs(d.at[1] - returned.inputLine.y)).toBeLessThan(0.01);
      expect(Math.abs(d.at[0] - (before.value - X) * x1.baseUnit)).toBeLessThan(
        1,
      );
    });
  });

  it('sends dots in flight along their path from x to f(x)', async () => {
    const {start} = (await beats)['closeup-x1'];
    const p = await insetAt(start + 1);
    expect(p.progress).toBeGreaterThan(0.2);
    expect(p.progress).toBeLessThan(0.8);
    expect(checkZoomInset(p, square)).toEqual([]);
  });

  it('at x = 0 the local factor goes to 0 as the zoom runs ×10 → ×10000', async () => {
    const {start, end} = (await beats)['closeup-zero'];
    const from = await insetAt(start);
    const to = await insetAt(end - 1 / 60);
    expect(derivativeAt(square, 0)).toEqual({defined: true, value: 0});
    for (const [p, zoom] of [
      [from, CLOSE_UP.zoom.zeroFrom],
      [to, CLOSE_UP.zoom.zeroTo],
    ] as const) {
      expect(p.point).toBe(0);
      // Within a frame of the zoom's ends.
      expect(p.zoom / zoom).toBeCloseTo(1, 4);
      expect(p.caption).toBe('Collapse');
      expect(p.readout!.kind).toBe('factor');
      expect(checkZoomInset(p, square)).toEqual([]);
    }
    const a = predictedFactor(0, CLOSE_UP.zeroSpread, CLOSE_UP.zoom.zeroFrom);
    const b = predictedFactor(0, CLOSE_UP.zeroSpread, CLOSE_UP.zoom.zeroTo);
    expect(a).toBeGreaterThan(0.01);
    expect(b).toBeLessThan(1e-4);
    expect(b / a).toBeCloseTo(1e-3, 6);
    expect(to.readout!.text).toMatch(/= 0\.0000\d\d$/);
    // The landed dots bunch onto f(0): all twenty within 1 px of it at ×10000.
    const f0 = to.outputLine.x;
    for (const d of to.dots) expect(Math.abs(d.at[0] - f0)).toBeLessThan(1);
  });

  it("draws the landed close-up dots in their gradient colours where the inset's math puts them (headless Chromium)", async () => {
    const t = await middleOf('third');
    const p = await probeAt(t);
    const still = await renderStill(PROJECT, SCENE, t);
    const inset = typedProbe(p.inset, 'inset', 'ZoomInset');
    const [ix, iy] = p.inset.position;
    const first = inset.dots[0].at;
    const last = inset.dots[inset.dots.length - 1].at;
    // Red on the left, yellow on the right (src/theme.ts gradientColor).
    expect(
      nearestColor(
        still,
        ix + first[0],
        iy + first[1],
        gradientColor(0),
        3,
        60,
      ),
    ).toBeLessThan(Infinity);
    expect(
      nearestColor(still, ix + last[0], iy + last[1], gradientColor(1), 3, 60),
    ).toBeLessThan(Infinity);
  });
});
