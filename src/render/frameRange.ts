/**
 * Seconds to frames: parsing `--range START-END` and turning it into the
 * frames of a scene to render.
 */
import {RenderError} from './errors';

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
    throw new RenderError(`--range: ${expected}, got nothing`);
  const match =
    /^\s*(\d+(?:\.\d+)?|\.\d+)\s*-\s*(\d+(?:\.\d+)?|\.\d+)\s*$/.exec(text);
  if (!match) throw new RenderError(`--range: ${expected}, got "${text}"`);
  const start = Number(match[1]);
  const end = Number(match[2]);
  if (!(start < end))
    throw new RenderError(`--range: ${expected}, got "${text}"`);
  return {start, end};
}

/**
 * The frames of a scene of `frames` frames that a range covers at `fps`:
 * from round(start·fps) to round(end·fps), clipped to the scene.
 */
export function rangeToFrames(
  range: SecondsRange | null,
  fps: number,
  frames: number,
  scene = 'the scene',
): FrameRange {
  if (!range) return {from: 0, to: frames};
  const seconds = frames / fps;
  const from = Math.round(range.start * fps);
  const to = Math.min(frames, Math.round(range.end * fps));
  if (from >= frames || to <= from) {
    throw new RenderError(
      `--range: expected START-END within ${scene} (0-${seconds.toFixed(3)} s), got "${range.start}-${range.end}"`,
    );
  }
  return {from, to};
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
