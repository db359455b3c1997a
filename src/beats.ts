/**
 * Named beats: a scene marks each beat of its timeline once, and tests, the
 * frame sweep and the renderer ask when it starts and ends, instead of
 * replaying the scene's timeline by hand.
 *
 * @example
 * ```ts
 * yield* beat('land', box().land(T.land));
 * yield* beat('hold', waitFor(T.hold));
 * ```
 *
 * @remarks
 * A beat records the thread's fixed time (a whole number of frames, from the
 * scene's start) when it begins and when its body ends. Every playthrough of
 * the scene records them again (the editor's and the renderer's recalculation
 * plays each scene once), so a beat moved by a dragged time event or an
 * edited `T` block is found where it now is. Names are unique within a scene.
 */
import {type ThreadGenerator, useScene, useThread} from '@motion-canvas/core';

/** One beat: its name and its first and last moment, in seconds from the scene's start. */
export interface BeatSpan {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

type Registry = Map<string, Map<string, BeatSpan>>;

/** The root thread of the playthrough that recorded each span. */
const playthrough = new WeakMap<BeatSpan, object>();

/** The beats of every scene played in this page, shared by all module instances. */
export function beatRegistry(): Registry {
  const g = globalThis as {__mcBeats?: Registry};
  g.__mcBeats ??= new Map();
  return g.__mcBeats;
}

/** The beats a scene recorded the last time it played, in the order they begin. */
export function beatsOf(scene: string): BeatSpan[] {
  return [...(beatRegistry().get(scene)?.values() ?? [])].sort(
    (a, b) => a.start - b.start || a.end - b.end,
  );
}

/**
 * Runs `body` as the beat `name` of the current scene and records when it
 * starts and ends. A body given as a function is called when the beat starts.
 */
export function* beat(
  name: string,
  body: ThreadGenerator | (() => ThreadGenerator),
): ThreadGenerator {
  const scene = useScene().name;
  const thread = useThread();
  const start = thread.fixed;
  yield* typeof body === 'function' ? body() : body;
  const registry = beatRegistry();
  let spans = registry.get(scene);
  if (!spans) registry.set(scene, (spans = new Map()));
  // A name seen again in a new playthrough (a new root thread) replaces its
  // old span; seen twice in one playthrough, it is a mistake in the scene.
  const root = thread.root;
  if (spans.has(name) && playthrough.get(spans.get(name)!) === root) {
    throw new Error(
      `beat "${name}" appears twice in scene "${scene}": beat names must be unique`,
    );
  }
  const span: BeatSpan = {name, start, end: thread.fixed};
  playthrough.set(span, root);
  spans.set(name, span);
}
