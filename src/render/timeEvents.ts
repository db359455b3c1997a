/**
 * Time events (`waitUntil('name')`) in the render page, timed as the editor
 * times them.
 *
 * @remarks
 * The editor's EditableTimeEvents waits `max(0, target − reached)`: a pause
 * whose stored target lies before the moment the scene now reaches it (after
 * time was added earlier in the scene) simply does not wait. The engine's
 * ReadOnlyTimeEvents, meant for rendering, returns `target − reached`
 * unclamped, and a negative wait winds the thread's clock back, silently
 * cutting the beats after it short: the video would no longer be the preview.
 */
import {ReadOnlyTimeEvents} from '@motion-canvas/core/lib/scenes/timeEvents';

/** ReadOnlyTimeEvents whose waits are clamped at zero, as in the editor. */
export class EditorTimedEvents extends ReadOnlyTimeEvents {
  public override register(name: string, initialTime: number): number {
    return Math.max(0, super.register(name, initialTime));
  }
}
