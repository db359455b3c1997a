/**
 * What a number line draws: its line (grown from the min end), its ticks of
 * every visible level with their alphas, their numbers and its name. Pure
 * TypeScript (no Motion Canvas import): the NumberLine component draws
 * exactly what {@link numberLineGeometry} returns.
 *
 * @remarks
 * Ticks of several nice steps (1, 2, 5 × 10^k) are kept at once, keyed by
 * value; each level's ticks and numbers fade in or out by how far apart they
 * would be on screen. So while the range zooms (evenly in log space, with
 * {@link zoomRange}) the ticks stay on their numbers and re-space smoothly
 * instead of crowding. (The tick levels follow the pixel spacing of each nice
 * step rather than {@link zoomLevel}'s power-of-ratio steps, whose halvings
 * would print 0.125 and 0.0625 on a line.)
 */
import {formatNumber} from '../math/format';
import {numberToPoint} from '../math/scale';
import {niceStep} from '../math/ticks';
import type {Scale} from '../math/types';
import {SIZES, STROKES} from '../theme';
import {zoomRange} from './zoom';

/** A point of the line's own canvas, in pixels (y down). */
export type Px = readonly [x: number, y: number];

/** One tick the line keeps: its value, the nice step it belongs to and how visible it is. */
export interface TickMark {
  readonly value: number;
  /** The coarsest nice step this value is a multiple of (its "level"). */
  readonly step: number;
  /** Pixel offset from the line's centre along the line. */
  readonly point: number;
  /** Opacity of the tick mark, by how crowded its level is. */
  readonly tickAlpha: number;
  /** Opacity of its number label, by how crowded its level is. */
  readonly labelAlpha: number;
  /** Its number as written, with the decimals of its step ("1.50" at step 0.05). */
  readonly text: string;
}

/** The numbers a line is drawn from: its signals, read once. */
export interface NumberLineSpec {
  /** The number at the left (bottom, when vertical) end. */
  readonly min: number;
  /** The number at the right (top, when vertical) end. */
  readonly max: number;
  /** Pixel length of the line. */
  readonly length: number;
  /** Preferred pixels between labelled ticks. */
  readonly tickSpacing: number;
  /** Font size of the numbers. */
  readonly fontSize: number;
  /** How much of the line is drawn, 0 to 1 from the min end. */
  readonly drawn: number;
  /** Drawn upwards (min at the bottom) instead of rightwards. */
  readonly vertical: boolean;
  /** Numbers above (right of, when vertical) the line instead of below (left). */
  readonly numbersAbove: boolean;
  /** Whether the numbers are written at all. */
  readonly numbers: boolean;
  /** The line's name ("Inputs"), empty for none. */
  readonly label: string;
}

/** Horizontal anchor of a text, as a canvas reads it. */
export type TextAlign = 'left' | 'right' | 'center';
/** Vertical anchor of a text, as a canvas reads it. */
export type TextBaseline = 'top' | 'bottom' | 'middle';

/** A tick as drawn: a stroke from `from` to `to`, and its number (if written). */
export interface DrawnTick {
  readonly value: number;
  /** Offset along the line from its centre (the canvas x, or −y when vertical). */
  readonly point: number;
  /** A labelled (long, thick) tick rather than a minor one. */
  readonly major: boolean;
  /** Opacity of the stroke (level crowding × the grow-in). */
  readonly alpha: number;
  readonly lineWidth: number;
  readonly from: Px;
  readonly to: Px;
  /** Its number, where written: the text, its opacity and its anchor point. */
  readonly label: {
    readonly text: string;
    readonly alpha: number;
    readonly at: Px;
  } | null;
}

/** Everything a number line draws, in its own canvas coordinates. */
export interface NumberLineGeometry {
  /** The range and pixel length, as the math module reads them. */
  readonly scale: Scale;
  /** Offset along the line of the tip of the drawn part (−length/2 … length/2). */
  readonly reach: number;
  /** The drawn part of the line, from the min end to the tip; null before it starts. */
  readonly line: {readonly from: Px; readonly to: Px} | null;
  /** The ticks drawn now (opacity above 0.01), ascending by value. */
  readonly ticks: readonly DrawnTick[];
  /** How the numbers are anchored at their points. */
  readonly numberAlign: TextAlign;
  readonly numberBaseline: TextBaseline;
  /** The line's name before its min end (above its top, when vertical), or null. */
  readonly title: {
    readonly text: string;
    readonly alpha: number;
    readonly at: Px;
    readonly align: TextAlign;
    readonly baseline: TextBaseline;
    /** Font size of the name (never below the label size). */
    readonly fontSize: number;
  } | null;
}

/**
 * A decade's twos replace its fives as their spacing grows through this band
 * (× tickSpacing). It ends at 4/√10 ≈ 1.26, where the labelled step (the nice
 * step nearest two tickSpacings) turns from a five into a two: above it the
 * twos are shown alone, as they always were, and a still line just past the
 * switch keeps its numbers; below it the numbers cross-fade.
 */
const TWOS_FROM = 0.95;
const TWOS_TO = 4 / Math.sqrt(10);
/** Tick length in pixels of a labelled tick (minor ticks are half as long). */
export const TICK = 22;
/** Gap between a tick's end and its number. */
export const LABEL_GAP = 10;
/** Pixels past a tick over which the growing line fades it in. */
const GROW_FADE = 20;
/** Strokes and texts fainter than this are not drawn. */
const VISIBLE = 0.01;

/** Smoothstep: 0 below edge0, 1 above edge1, a smooth S between. */
function smooth(edge0: number, edge1: number, x: number): number {
  const r = (x - edge0) / (edge1 - edge0);
  const t = r < 0 ? 0 : r > 1 ? 1 : r;
  return t * t * (3 - 2 * t);
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : Number.isNaN(x) ? 0 : x;
}

/** Whether the line's numbers can be drawn at all (a finite, non-empty range over a positive length). */
function drawable(scale: Scale, tickSpacing: number): boolean {
  return (
    Number.isFinite(scale.min) &&
    Number.isFinite(scale.max) &&
    scale.min !== scale.max &&
    scale.length > 0 &&
    Number.isFinite(scale.length) &&
    tickSpacing > 0 &&
    Number.isFinite(tickSpacing)
  );
}

/** The nice step m × 10^e as a clean double (0.2, never 0.20000000000000001). */
function stepValue(i: number, m: number, e: number): number {
  return (e >= 0 ? i * m * 10 ** e : (i * m) / 10 ** -e) + 0;
}

/** A level of ticks: every multiple of m × 10^e, shown with a weight. */
interface Level {
  readonly m: 1 | 2 | 5;
  readonly e: number;
  readonly step: number;
  /** Pixels between its ticks. */
  readonly spacing: number;
  /** 1 for decades; twos and fives of a decade share it (they do not nest). */
  readonly weight: number;
}

/**
 * Every tick of every visible level of a line, keyed by value, ascending:
 * each level fades in as its spacing on screen grows towards `tickSpacing`,
 * its numbers only once they have room for their own width.
 *
 * @remarks
 * The levels are the nice steps 1, 2, 5 × 10^k whose ticks are at least 0.3 ×
 * `tickSpacing` apart. Decades always nest; a decade's twos and fives do not
 * (0.2 and 0.5 side by side would put numbers at 0.4, 0.5, 0.6), so they
 * share one weight: the twos take over from the fives as their own spacing
 * grows from 0.95 to 1.26 × `tickSpacing` (where the labelled step becomes a
 * two). Every opacity is thus a continuous function of
 * the range: a zoom never makes a number pop in or out. A value takes the
 * strongest of the levels it belongs to; its number is printed with the
 * decimals of the coarsest of them up to the labelled step (about two
 * `tickSpacing`s apart), so the numbers of a line share their decimals
 * ("1.0, 1.5, 2.0"). An undrawable line (min = max, a non-finite end, no
 * length) has no ticks.
 */
export function numberLineTicks(
  scale: Scale,
  tickSpacing: number,
  fontSize: number,
): TickMark[] {
  if (!drawable(scale, tickSpacing)) return [];
  const low = Math.min(scale.min, scale.max);
  const high = Math.max(scale.min, scale.max);
  const desired = tickSpacing;
  const unit = scale.length / (high - low);
  // The labelled step: the nice step nearest two tickSpacings; it sets the decimals.
  const labelled = niceStep(
    low,
    high,
    Math.max(1, scale.length / tickSpacing) * 0.5,
  );
  const twos = (e: number) =>
    smooth(TWOS_FROM * desired, TWOS_TO * desired, 2 * 10 ** e * unit);
  const levels: Level[] = [];
  const finest = Math.floor(Math.log10((0.3 * desired) / unit)) - 1;
  for (let e = finest; 10 ** e <= 10 * labelled; e++) {
    for (const m of [1, 2, 5] as const) {
      const step = stepValue(1, m, e);
      const spacing = step * unit;
      const weight = m === 1 ? 1 : m === 2 ? twos(e) : 1 - twos(e);
      if (spacing >= desired * 0.3 && weight > 0)
        levels.push({m, e, step, spacing, weight});
    }
  }
  const byValue = new Map<string, {value: number; levels: Level[]}>();
  for (const level of levels) {
    const first = Math.ceil(low / level.step - 1e-9);
    const last = Math.floor(high / level.step + 1e-9);
    for (let i = first; i <= last; i++) {
      const value = stepValue(i, level.m, level.e);
      const key = value.toPrecision(10);
      const entry = byValue.get(key);
      if (entry) entry.levels.push(level);
      else byValue.set(key, {value, levels: [level]});
    }
  }
  const marks: TickMark[] = [];
  for (const {value, levels: of} of byValue.values()) {
    // Levels were added finest first: the owner is the coarsest up to the labelled step.
    const owner =
      [...of].reverse().find(l => l.step <= labelled * (1 + 1e-9)) ?? of[0];
    const text = formatNumber(value, owner.step);
    // Numbers need room for their own width: a level whose numbers would touch stays hidden.
    const width = text.length * fontSize * 0.55;
    let tickAlpha = 0;
    let labelAlpha = 0;
    for (const l of of) {
      tickAlpha = Math.max(
        tickAlpha,
        l.weight * smooth(desired * 0.3, desired * 0.55, l.spacing),
      );
      labelAlpha = Math.max(
        labelAlpha,
        l.weight *
          smooth(desired * 0.7, desired * 0.95, l.spacing) *
          smooth(width + 12, width + 36, l.spacing),
      );
    }
    marks.push({
      value,
      step: owner.step,
      point: numberToPoint(scale, value),
      tickAlpha,
      labelAlpha,
      text,
    });
  }
  return marks.sort((a, b) => a.value - b.value);
}

/**
 * How far a tick at `point` is grown in when the line's tip is at `reach`:
 * 0 until the tip has passed it, 1 once the tip is 20 px past it (or at the
 * line's end), so no tick stands ahead of the drawn line.
 */
export function grownIn(point: number, reach: number, end: number): number {
  const fade = Math.min(GROW_FADE, end - point);
  if (!(fade > 1e-9)) return reach >= point - 1e-6 ? 1 : 0;
  return smooth(point, point + fade, reach + 1e-6);
}

/**
 * Everything a number line draws for its numbers: the drawn part of the
 * line, each visible tick (stroke, width, opacity) with its number, and the
 * line's name, in the line's canvas coordinates (x right, y down; a vertical
 * line runs up, its offset p at (0, −p)).
 */
export function numberLineGeometry(
  spec: NumberLineSpec,
  ticks: readonly TickMark[] = numberLineTicks(
    {min: spec.min, max: spec.max, length: spec.length},
    spec.tickSpacing,
    spec.fontSize,
  ),
): NumberLineGeometry {
  const scale = {min: spec.min, max: spec.max, length: spec.length};
  const l = spec.length / 2;
  const drawn = clamp01(spec.drawn);
  const vertical = spec.vertical;
  // (along, across) → canvas point.
  const at = (along: number, across: number): Px =>
    vertical ? [across, -along] : [along, across];
  const reach = -l + 2 * l * drawn;
  // Numbers below a horizontal line (or left of a vertical one), unless numbersAbove.
  const side = spec.numbersAbove ? -1 : 1;
  const offset = TICK / 2 + LABEL_GAP;
  const drawnTicks: DrawnTick[] = [];
  if (drawn > 0) {
    for (const tick of ticks) {
      const shown = grownIn(tick.point, reach, l);
      const alpha = tick.tickAlpha * shown;
      if (alpha <= VISIBLE) continue;
      const half = (TICK / 2) * (0.5 + 0.5 * tick.labelAlpha);
      const labelAlpha = tick.labelAlpha * shown;
      const major = tick.labelAlpha > 0.5;
      drawnTicks.push({
        value: tick.value,
        point: tick.point,
        major,
        alpha,
        lineWidth: major ? STROKES.tick : STROKES.minorTick,
        from: at(tick.point, -half),
        to: at(tick.point, half),
        label:
          spec.numbers && labelAlpha > VISIBLE
            ? {
                text: tick.text,
                alpha: labelAlpha,
                // Left of a vertical line is −x: the across side is mirrored there.
                at: vertical
                  ? [-side * offset, -tick.point]
                  : [tick.point, side * offset],
              }
            : null,
      });
    }
  }
  const title =
    spec.label && drawn > 0
      ? {
          text: spec.label,
          alpha: smooth(0, 0.3, drawn),
          at: vertical ? ([0, -l - 24] as Px) : ([-l - 32, 0] as Px),
          align: vertical ? ('center' as const) : ('right' as const),
          baseline: vertical ? ('bottom' as const) : ('middle' as const),
          fontSize: Math.max(SIZES.label, spec.fontSize),
        }
      : null;
  return {
    scale,
    reach,
    line: drawn > 0 ? {from: at(-l, 0), to: at(reach, 0)} : null,
    ticks: drawnTicks,
    numberAlign: vertical ? (side > 0 ? 'right' : 'left') : 'center',
    numberBaseline: vertical ? 'middle' : side > 0 ? 'top' : 'bottom',
    title,
  };
}

/**
 * The range of a line zooming from `from` to `to` at progress t (already
 * eased): the centre moves linearly, the width evenly in log space, so the
 * tick levels change at an even pace. Exactly `to` at t = 1.
 */
export function numberLineRangeAt(
  from: readonly [min: number, max: number],
  to: readonly [min: number, max: number],
  t: number,
): [min: number, max: number] {
  return zoomRange(from, to, t);
}

/** The box a line may draw in (its name, ticks and numbers included), for caching. */
export function numberLineBounds(spec: {
  readonly length: number;
  readonly fontSize: number;
  readonly label: string;
  readonly vertical: boolean;
}): {x: number; y: number; width: number; height: number} {
  const l = spec.length / 2;
  const f = spec.fontSize;
  const labelRoom = Math.max(0, spec.label.length * f * 0.6 + 40);
  const box = {
    x: -l - labelRoom,
    y: -TICK - f - 10,
    width: 2 * l + labelRoom + f * 3,
    height: 2 * TICK + 2 * f + 30,
  };
  return spec.vertical
    ? {
        x: -box.height,
        y: -box.width + labelRoom,
        width: box.height * 2,
        height: box.width + labelRoom,
      }
    : box;
}

/** A number line as drawn, for tests and the frame sweep (JSON-safe). */
export interface NumberLineProbe {
  readonly type: 'NumberLine';
  readonly min: number;
  readonly max: number;
  readonly length: number;
  readonly vertical: boolean;
  /** The grow fraction, 0 to 1. */
  readonly drawn: number;
  /** Offset along the line of the drawn part's tip (−length/2 at drawn = 0). */
  readonly reach: number;
  /** Every tick stroke drawn: its number, where it is drawn along the line, its kind and opacity. */
  readonly ticks: readonly {
    readonly value: number;
    readonly point: number;
    readonly major: boolean;
    readonly alpha: number;
  }[];
  /** Every number written: its text, the offset along the line it is centred at, its opacity. */
  readonly labels: readonly {
    readonly value: number;
    readonly text: string;
    readonly point: number;
    readonly alpha: number;
  }[];
}

declare module '../truth/types' {
  interface ProbeTypes {
    NumberLine: NumberLineProbe;
  }
}

/** The offset along the line of a canvas point (x, or −y when vertical). */
function along(p: Px, vertical: boolean): number {
  return vertical ? -p[1] : p[0];
}

/** What a line drew, as its probe reports it: read back from the drawn geometry. */
export function numberLineProbe(
  spec: NumberLineSpec,
  g: NumberLineGeometry = numberLineGeometry(spec),
): NumberLineProbe {
  const v = spec.vertical;
  return {
    type: 'NumberLine',
    min: spec.min,
    max: spec.max,
    length: spec.length,
    vertical: v,
    drawn: clamp01(spec.drawn),
    reach: g.reach,
    ticks: g.ticks.map(t => ({
      value: t.value,
      point: (along(t.from, v) + along(t.to, v)) / 2,
      major: t.major,
      alpha: t.alpha,
    })),
    labels: g.ticks.flatMap(t =>
      t.label
        ? [
            {
              value: t.value,
              text: t.label.text,
              point: along(t.label.at, v),
              alpha: t.label.alpha,
            },
          ]
        : [],
    ),
  };
}
