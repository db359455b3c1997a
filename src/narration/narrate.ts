/**
 * Narration inside scenes: a block's animations run while its narration
 * plays, and the scene waits for the narration to end.
 *
 * @example
 * ```ts
 * import timings from '../narration/timings/03-mapping.json';
 * const narrate = narrator(timings);
 *
 * yield* narrate('zoom', function* (n) {
 *   yield* box().grow(1);
 *   yield* n.mark('land'); // waits for the word after <mark name="land"/>
 *   yield* box().land(1);
 * });
 * ```
 *
 * @remarks
 * The text lives in `scenes/NN-name.narration.ts`; the scene only knows each
 * block's length and bookmarks, from the timings file the build step writes
 * (`npm run narration`), so a reworded sentence that lasts as long does not
 * change the video. Each block is recorded as the beat `narration:<id>`
 * (src/beats.ts): the renderer places the block's audio at its first frame.
 */
import {
  all,
  useScene,
  useThread,
  waitFor,
  type ThreadGenerator,
} from '@motion-canvas/core';
import {beat} from '../beats';
import {markOffset, NARRATION_BEAT, type SceneTimings} from './timing';

export {NARRATION_BEAT};

/**
 * The breath after each block, in seconds: the scene waits this much longer
 * than the narration lasts, so blocks do not run into each other.
 */
export const NARRATION_PAUSE = 0.3;

/** What a block's body can ask of its narration. */
export interface NarrationHandle {
  /** The block's length, in seconds. */
  readonly seconds: number;
  /** Waits until the narration reaches a bookmark (at once if it has passed it). */
  mark(name: string): ThreadGenerator;
  /** Seconds from the block's start to a bookmark. */
  at(name: string): number;
}

/**
 * A block's body: its animations, given the block's handle (or, as with
 * `beat`, a generator already made).
 */
export type NarrationBody = (narration: NarrationHandle) => ThreadGenerator;

/** The `narrate` function of a scene, reading its timings file. */
export function narrator(timings: SceneTimings) {
  return function* narrate(
    id: string,
    body?: NarrationBody | ThreadGenerator,
  ): ThreadGenerator {
    const scene = useScene().name;
    const block = timings.blocks[id];
    if (!block) {
      throw new Error(
        `narration block "${id}" is not in scene ${scene}'s timings (expected one of: ${Object.keys(timings.blocks).join(', ')}; run npm run narration after editing scenes/${scene}.narration.ts)`,
      );
    }
    yield* beat(`${NARRATION_BEAT}${id}`, function* () {
      const start = useThread().fixed;
      const handle: NarrationHandle = {
        seconds: block.seconds,
        at: name => markOffset(timings, scene, id, name),
        *mark(name) {
          const target = start + handle.at(name);
          const wait = target - useThread().fixed;
          if (wait > 0) yield* waitFor(wait);
        },
      };
      const animations =
        typeof body === 'function' ? body(handle) : (body ?? waitFor(0));
      yield* all(waitFor(block.seconds + NARRATION_PAUSE), animations);
    });
  };
}
