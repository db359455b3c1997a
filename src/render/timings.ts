/**
 * The line a scene's render ends with: frames, seconds and fps, and with
 * MC_RENDER_TIMINGS=1 where each frame's time went. The same for a scene
 * drawn by one page, in --jobs chunks by several, or in a shard's units.
 */
import {displayPath} from './files';
import type {PageTimings} from './pageTypes';

/** One line saying where a frame's time went (for MC_RENDER_TIMINGS). */
export function describeTimings(t: PageTimings, frames: number): string {
  const per = (ms: number) => (ms / Math.max(frames, 1)).toFixed(1);
  return (
    `per frame: draw ${per(t.draw)} ms, snapshot ${per(t.snapshot)} ms, ` +
    `snapshot+wait ${per(t.wait)} ms ` +
    `on the main thread; ${t.patches > 0 ? 'yuv' : 'PNG'} ${per(t.encode)} ms, ` +
    `upload ${per(t.upload)} ms ` +
    `in workers; copy+compare ${per(t.compare)} ms; ${t.held} of ${frames} ` +
    `frames held (the frame before again, not encoded; ${t.still ?? 0} of ` +
    `them not drawn either, nothing having changed)` +
    (t.segments
      ? `; ${t.relayed ?? 0} of ${t.segments} segments relayed (held frames not decoded again)`
      : '')
  );
}

/**
 * The timings of parts of one render (chunks or units drawn by several
 * pages), added up field by field; undefined when there are none.
 */
export function sumTimings(
  parts: readonly PageTimings[],
): PageTimings | undefined {
  if (parts.length === 0) return undefined;
  const sum: Record<string, number> = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      if (typeof value === 'number') sum[key] = (sum[key] ?? 0) + value;
    }
  }
  return sum as unknown as PageTimings;
}

/** "<scene>: rendered N frames in S s (F fps) -> FILE", and the timings. */
export function renderedLine(
  scene: string,
  frames: number,
  seconds: number,
  file: string,
  timings?: PageTimings,
): string {
  return (
    `${scene}: rendered ${frames} frames in ${seconds.toFixed(1)} s (${(
      frames / Math.max(seconds, 1e-3)
    ).toFixed(1)} fps) -> ${displayPath(file)}` +
    (timings && process.env.MC_RENDER_TIMINGS
      ? ` [${describeTimings(timings, frames)}]`
      : '')
  );
}
