/**
 * Seconds to frames: parsing `--range START-END` and turning it into the
 * frames of a scene to render.
 */
import {UsageError} from './errors';

/** A part of a scene in seconds, START < END. */
export interface SecondsRange {
  start: number;
  end: number;
}

/** Frames [from, to) of a scene, counted from the scene's first frame. */
export interface FrameRange {
  from: number;
  to: number;
}

/** Parses "START-END" (seconds, START < END). */
export function parseRange(text: string | undefined): SecondsRange {
  const expected = 'expected START-END in seconds with START < END';
  if (text === undefined)
    throw new UsageError(`--range: ${expected}, got nothing`);
  const match =
    /^\s*(\d+(?:\.\d+)?|\.\d+)\s*-\s*(\d+(?:\.\d+)?|\.\d+)\s*$/.exec(text);
  if (!match) throw new UsageError(`--range: ${expected}, got "${text}"`);
  const start = Number(match[1]);
  const end = Number(match[2]);
  if (!(start < end))
    throw new UsageError(`--range: ${expected}, got "${text}"`);
  return {start, end};
}

/** "0-1.067 s": a scene's extent in seconds, for messages. */
function extent(frames: number, fps: number): string {
  return `0-${(frames / fps).toFixed(3)} s`;
}

/**
 * The frames of a scene of `frames` frames that a range covers at `fps`:
 * from round(start·fps) to round(end·fps). A range reaching past the scene's
 * end is an error naming the scene's length, as `--still` past the end is
 * (see {@link checkStillTime}): neither is silently cut.
 */
export function rangeToFrames(
  range: SecondsRange | null,
  fps: number,
  frames: number,
  scene = 'the scene',
): FrameRange {
  if (!range) return {from: 0, to: frames};
  const from = Math.round(range.start * fps);
  const to = Math.round(range.end * fps);
  if (from >= frames || to > frames || to <= from) {
    throw new UsageError(
      `--range: expected START-END within ${scene} (${extent(frames, fps)}), got "${range.start}-${range.end}"`,
    );
  }
  return {from, to};
}

/**
 * Checks that `--still SECONDS` lies within a scene of `frames` frames at
 * `fps` (its last moment, frames/fps, included).
 */
export function checkStillTime(
  seconds: number,
  fps: number,
  frames: number,
  scene = 'the scene',
): void {
  if (seconds > frames / fps + 1e-9) {
    throw new UsageError(
      `--still: expected a time within ${scene} (${extent(frames, fps)}), got "${seconds}"`,
    );
  }
}

/** Splits [from, to) into `parts` contiguous chunks of near-equal length. */
export function splitFrames(range: FrameRange, parts: number): FrameRange[] {
  const total = range.to - range.from;
  const n = Math.max(1, Math.min(parts, total));
  const chunks: FrameRange[] = [];
  for (let i = 0; i < n; i++) {
    chunks.push({
      from: range.from + Math.round((i * total) / n),
      to: range.from + Math.round(((i + 1) * total) / n),
    });
  }
  return chunks;
}

/** Times (seconds) of a contact sheet: 0, 2, 4, … within the scene. */
export function sheetTimes(frames: number, fps: number, every = 2): number[] {
  const times: number[] = [];
  for (let t = 0; Math.round(t * fps) < frames; t += every) times.push(t);
  return times;
}
