import {describe, expect, it} from 'vitest';
import {EditorTimedEvents} from '../../src/render/timeEvents';

/** The parts of a scene that time events read: its meta's events and its reload signal. */
function sceneWith(events: {name: string; targetTime: number}[]) {
  return {
    meta: {timeEvents: {get: () => events}},
    onReloaded: {subscribe: () => () => undefined},
  } as unknown as ConstructorParameters<typeof EditorTimedEvents>[0];
}

describe('EditorTimedEvents: waitUntil timed as in the editor', () => {
  it('waits until the stored target when the scene reaches the event before it', () => {
    const events = new EditorTimedEvents(
      sceneWith([{name: 'pause', targetTime: 12}]),
    );
    expect(events.register('pause', 10)).toBe(2);
  });

  it('does not wait, and never winds the clock back, when the target lies before the moment reached', () => {
    // Time added earlier in the scene: the pause stored at 15.5 s is now reached at 19.3 s.
    const events = new EditorTimedEvents(
      sceneWith([{name: 'pause', targetTime: 15.5}]),
    );
    expect(events.register('pause', 19.3)).toBe(0);
  });

  it('an event the meta file does not know waits 0', () => {
    const events = new EditorTimedEvents(sceneWith([]));
    expect(events.register('new', 4)).toBe(0);
  });
});
