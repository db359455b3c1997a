/**
 * What a scene needs to know of its narration to play it: each block's
 * length and bookmark offsets, in seconds. Written by the build step into
 * `narration/timings/<scene>.json` (no text, no hashes: a changed sentence
 * whose take lasts as long leaves the file, and so the video, unchanged).
 * Pure.
 */
import type {Mark} from './script';
import type {WordTiming} from './espeak';

/** The prefix of the beat each narration block records (`narration:<id>`). */
export const NARRATION_BEAT = 'narration:';

/** One block's timing. */
export interface BlockTiming {
  readonly seconds: number;
  readonly marks: Readonly<Record<string, number>>;
}

/** A scene's timings file. */
export interface SceneTimings {
  readonly blocks: Readonly<Record<string, BlockTiming>>;
}

/** Rounds to milliseconds, the precision kept in timings files. */
export function ms(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/**
 * When each bookmark is reached: the start of the first word at or after
 * it, or, with no word timings (a recorded take), in proportion to its place
 * in the text.
 */
export function markTimes(
  marks: readonly Mark[],
  plainLength: number,
  seconds: number,
  words: readonly WordTiming[] | null,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const mark of marks) {
    let t: number;
    if (words && words.length > 0) {
      const word = words.find(w => w.index + w.length > mark.index);
      t = word ? word.start : seconds;
    } else {
      t = plainLength > 0 ? (seconds * mark.index) / plainLength : 0;
    }
    out[mark.name] = ms(Math.min(Math.max(t, 0), seconds));
  }
  return out;
}

/** Word timings in proportion to character offsets, for a take without any. */
export function proportionalWords(
  plain: string,
  seconds: number,
): WordTiming[] {
  const words: WordTiming[] = [];
  for (const m of plain.matchAll(/\S+/g)) {
    words.push({
      index: m.index,
      length: m[0].length,
      start: plain.length > 0 ? (seconds * m.index) / plain.length : 0,
    });
  }
  return words;
}

/**
 * Seconds from a block's start to one of its bookmarks; an error naming the
 * block and its bookmarks when it has no such bookmark.
 */
export function markOffset(
  timings: SceneTimings,
  scene: string,
  id: string,
  name: string,
): number {
  const block = timings.blocks[id];
  const t = block?.marks[name];
  if (t === undefined) {
    throw new Error(
      `bookmark "${name}" is not in the text of narration block ${scene}/${id} (its bookmarks: ${Object.keys(block?.marks ?? {}).join(', ') || 'none'})`,
    );
  }
  return t;
}
