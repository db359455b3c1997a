import {describe, expect, it} from 'vitest';
import {
  type NumberLineSpec,
  grownIn,
  numberLineGeometry,
  numberLineProbe,
  numberLineRangeAt,
  numberLineTicks,
} from '../../src/geometry/numberLine';
import {MINUS, numberToPoint} from '../../src/math';
import {LINE} from '../fixtures/numberLine';

const easeInOutCubic = (t: number) =>
  t < 0.5 ? 4 * t * t * t : 1 - (-2 * t + 2) ** 3 / 2;

/** The line at each frame (60 fps) of the demo's 4 s zoom from [−3, 4] to [1.4, 1.6]. */
function zoomFrames(): NumberLineSpec[] {
  const frames: NumberLineSpec[] = [];
  for (let i = 0; i <= 240; i++) {
    const [min, max] = numberLineRangeAt(
      [-3, 4],
      [1.4, 1.6],
      easeInOutCubic(i / 240),
    );
    frames.push({...LINE, min, max});
  }
  return frames;
}

/**
 * The largest change of any tick's or number's opacity from one frame to the
 * next, over values inside both frames' ranges (a number scrolling in at an
 * end is not a pop).
 */
function largestJump(frames: NumberLineSpec[]): number {
  let largest = 0;
  for (let i = 1; i < frames.length; i++) {
    const [a, b] = [frames[i - 1]!, frames[i]!];
    const lo = Math.max(a.min, b.min);
    const hi = Math.min(a.max, b.max);
    const [pa, pb] = [numberLineProbe(a), numberLineProbe(b)];
    for (const kind of ['ticks', 'labels'] as const) {
      const alphas = (p: typeof pa) =>
        new Map(p[kind].map(t => [t.value.toPrecision(10), t.alpha]));
      const [before, after] = [alphas(pa), alphas(pb)];
      for (const key of new Set([...before.keys(), ...after.keys()])) {
        const v = Number(key);
        if (v <= lo || v >= hi) continue;
        const jump = Math.abs((after.get(key) ?? 0) - (before.get(key) ?? 0));
        largest = Math.max(largest, jump);
      }
    }
  }
  return largest;
}

/** The numbers a viewer can read (opacity above one half). */
function readable(spec: NumberLineSpec) {
  return numberLineProbe(spec).labels.filter(l => l.alpha > 0.5);
}

describe('numberLineTicks', () => {
  it('labels the integers −3..4 of the demo line where numberToPoint puts them', () => {
    const labels = readable(LINE);
    expect(labels.map(l => l.value)).toEqual([-3, -2, -1, 0, 1, 2, 3, 4]);
    expect(labels.map(l => l.text)[0]).toBe(`${MINUS}3`);
    for (const l of labels) {
      expect(l.point).toBeCloseTo(numberToPoint(LINE, l.value), 9);
    }
    // Every stroke, minor ones too, is at its number.
    for (const t of numberLineGeometry(LINE).ticks) {
      expect(t.from[0]).toBeCloseTo(numberToPoint(LINE, t.value), 9);
      expect(t.to[0]).toBe(t.from[0]);
    }
  });

  it('prints every number of a level with the decimals of its step', () => {
    const labels = readable({...LINE, min: 1.4, max: 1.6});
    expect(labels.map(l => l.text)).toContain('1.50');
    const decimals = new Set(labels.map(l => l.text.split('.')[1]?.length));
    expect(decimals.size).toBe(1);
  });

  it('keeps only nested levels: every number shown is a multiple of the finest step shown', () => {
    for (const spec of zoomFrames()) {
      const ticks = numberLineTicks(spec, spec.tickSpacing, spec.fontSize);
      const finest = Math.min(...ticks.map(t => t.step));
      for (const t of ticks) {
        const k = t.value / finest;
        expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-6);
        const ratio = t.step / finest;
        expect(Math.abs(ratio - Math.round(ratio))).toBeLessThan(1e-6);
      }
    }
  });

  it('has no ticks, and no NaN, for a line it cannot draw', () => {
    expect(numberLineTicks({min: 2, max: 2, length: 100}, 140, 30)).toEqual([]);
    expect(
      numberLineTicks({min: 0, max: Number.NaN, length: 100}, 140, 30),
    ).toEqual([]);
    expect(numberLineTicks({min: 0, max: 1, length: 0}, 140, 30)).toEqual([]);
    expect(numberLineTicks({min: 0, max: 1, length: 100}, 0, 30)).toEqual([]);
  });

  it('runs a backwards line (min > max) from right to left', () => {
    const spec = {...LINE, min: 4, max: -3};
    const labels = readable(spec);
    expect(labels.map(l => l.value)).toEqual([-3, -2, -1, 0, 1, 2, 3, 4]);
    expect(labels[0]!.point).toBeCloseTo(700, 9);
    expect(labels[7]!.point).toBeCloseTo(-700, 9);
  });
});

describe('a zooming line', () => {
  it('uses zoomRange: the centre moves linearly, the width evenly in log space', () => {
    const [a, b] = numberLineRangeAt([-3, 4], [1.4, 1.6], 0.5);
    expect((a + b) / 2).toBeCloseTo(1, 12);
    expect(b - a).toBeCloseTo(Math.sqrt(7 * 0.2), 12);
    expect(numberLineRangeAt([-3, 4], [1.4, 1.6], 1)).toEqual([1.4, 1.6]);
  });

  it('re-spaces its numbers instead of crowding them: at least 3, and over 70 px apart, at every frame', () => {
    for (const spec of zoomFrames()) {
      const labels = readable(spec);
      expect(labels.length).toBeGreaterThanOrEqual(3);
      for (let i = 1; i < labels.length; i++) {
        expect(labels[i]!.point - labels[i - 1]!.point).toBeGreaterThan(70);
      }
    }
  });

  // At the zoom's fastest (4.5 % of the range a frame) a fade still takes 4 frames or more.
  // The levels used to switch at once: mid-zoom in 04-zoom's inset, "1.5" vanished and
  // "1.4", "1.6" appeared at full opacity from one frame to the next.
  it('fades ticks and numbers in and out instead of popping: no opacity jumps by a quarter between frames', () => {
    const inset = (centre: number) =>
      Array.from({length: 181}, (_, i) => {
        // 04-zoom: a 500 px inner line, ×1 → ×10 of a 280 px/unit line in 3 s.
        const r = 250 / (280 * 10 ** easeInOutCubic(i / 180));
        return {
          ...LINE,
          min: centre - r,
          max: centre + r,
          length: 500,
          tickSpacing: 150,
          fontSize: 28,
        };
      });
    for (const frames of [zoomFrames(), inset(1.5), inset(2.25)]) {
      expect(largestJump(frames)).toBeLessThan(0.25);
    }
  });

  it('keeps every tick on its number through the zoom', () => {
    for (const spec of zoomFrames()) {
      for (const t of numberLineProbe(spec).ticks) {
        expect(Math.abs(t.point - numberToPoint(spec, t.value))).toBeLessThan(
          1e-6,
        );
      }
    }
  });
});

describe('growing in', () => {
  it('draws the line from its min end to the tip and no tick ahead of the tip', () => {
    for (const drawn of [0.1, 0.37, 0.5, 0.81]) {
      const spec = {...LINE, drawn};
      const g = numberLineGeometry(spec);
      expect(g.line!.from).toEqual([-700, 0]);
      expect(g.line!.to[0]).toBeCloseTo(-700 + 1400 * drawn, 9);
      expect(g.ticks.length).toBeGreaterThan(0);
      for (const t of g.ticks) expect(t.point).toBeLessThanOrEqual(g.reach);
    }
  });

  it('draws nothing before it starts, and every tick, the end ones too, once grown', () => {
    const none = numberLineGeometry({...LINE, drawn: 0});
    expect(none.line).toBeNull();
    expect(none.ticks).toEqual([]);
    expect(none.title).toBeNull();
    const full = numberLineGeometry(LINE);
    const values = full.ticks.filter(t => t.major).map(t => t.value);
    expect(values).toEqual([-3, -2, -1, 0, 1, 2, 3, 4]);
    for (const t of full.ticks.filter(t => t.major))
      expect(t.alpha).toBeCloseTo(1, 9);
    expect(grownIn(700, 700, 700)).toBe(1);
  });

  it("fades a tick in over the 20 px after the tip passes it, and the line's name over the first 30%", () => {
    expect(grownIn(0, -1, 700)).toBe(0);
    expect(grownIn(0, 10, 700)).toBeCloseTo(0.5, 6);
    expect(grownIn(0, 20, 700)).toBe(1);
    expect(numberLineGeometry({...LINE, drawn: 0.15}).title!.alpha).toBeCloseTo(
      0.5,
      9,
    );
    expect(numberLineGeometry({...LINE, drawn: 0.3}).title!.alpha).toBe(1);
  });
});

describe('layout', () => {
  it('writes numbers below a horizontal line, above with numbersAbove, and the name before its min end', () => {
    const below = numberLineGeometry(LINE);
    const zero = below.ticks.find(t => t.value === 0)!;
    const x0 = numberToPoint(LINE, 0);
    expect(zero.label!.at).toEqual([x0, 21]);
    expect(below.numberBaseline).toBe('top');
    expect(below.title!.at).toEqual([-732, 0]);
    expect(below.title!.align).toBe('right');
    const above = numberLineGeometry({...LINE, numbersAbove: true});
    expect(above.ticks.find(t => t.value === 0)!.label!.at).toEqual([x0, -21]);
    expect(above.numberBaseline).toBe('bottom');
  });

  it('runs a vertical line upwards with its numbers to the left', () => {
    const spec = {
      ...LINE,
      vertical: true,
      min: 0,
      max: 3,
      length: 300,
      tickSpacing: 80,
    };
    const g = numberLineGeometry(spec);
    const one = g.ticks.find(t => t.value === 1)!;
    const y = -numberToPoint(spec, 1);
    expect(one.from).toEqual([-11, y]);
    expect(one.to).toEqual([11, y]);
    expect(one.label!.at).toEqual([-21, y]);
    expect(g.numberAlign).toBe('right');
    expect(g.title!.at).toEqual([0, -174]);
    const probe = numberLineProbe(spec, g);
    expect(probe.labels.find(l => l.value === 1)!.point).toBeCloseTo(
      numberToPoint(spec, 1),
      9,
    );
  });

  it('writes no numbers when told not to, but keeps the ticks', () => {
    const g = numberLineGeometry({...LINE, numbers: false});
    expect(g.ticks.length).toBeGreaterThan(0);
    expect(g.ticks.every(t => t.label === null)).toBe(true);
    expect(numberLineProbe({...LINE, numbers: false}).labels).toEqual([]);
  });
});
