/**
 * Cancellation as a value. A command makes one signal (makeCancelSignal)
 * and passes it down to the code that starts what must not outlive a
 * cancelled run: an ffmpeg child, the browser, a temporary file not yet
 * renamed into place, a temporary directory. That code registers a cleanup
 * on the signal when it starts the thing and releases the registration when
 * it is done with it; cancel() runs the cleanups still registered.
 *
 * Signals know nothing of each other: cancelling one leaves what was
 * registered on another alone (two renders in one process, the bench and
 * the render it runs). Free of heavy imports: the command line makes its
 * signal on every run, the no-op one included.
 */
import {rmSync} from 'node:fs';
import {killBrowser, killPid} from './kill';

/** Undoes one registration (calling it again does nothing). */
export type Release = () => void;

/** What code that starts things is given: where to register their cleanup. */
export interface CancelSignal {
  /** True once the run was cancelled. */
  readonly cancelled: boolean;
  /** Why it was cancelled ("SIGINT", "failed", ...), once it was. */
  readonly reason: string | undefined;
  /**
   * Kills the process `pid` on cancel: only it, or with `group` the process
   * group it leads (a browser and its helpers). `running` tells whether it
   * still runs (once it has exited its id may belong to someone else); a
   * process without an id (it failed to start) registers nothing.
   */
  killOnCancel(
    pid: number | undefined,
    how?: {group?: boolean; running?: () => boolean},
  ): Release;
  /** Removes a temporary file, or a directory and all in it, on cancel. */
  removeOnCancel(file: string): Release;
  /**
   * Runs `cleanup` on cancel, with the removals (and again with them after
   * the second look, see cancel(): it must do no harm run twice).
   */
  onCancel(cleanup: () => void): Release;
}

/** A signal and the one function that cancels it. */
export interface CancelController {
  readonly signal: CancelSignal;
  /**
   * Cancels the run: kills the processes registered on the signal, then
   * removes its files and directories and runs its other cleanups. When a
   * process was killed, it may still be flushing a file (ffmpeg) or its
   * profile (the browser): after `settleMs` the removals run again.
   * Synchronous (it runs on the way out, before process.exit); does nothing
   * when the signal is cancelled already. A cleanup registered after
   * cancel() runs at once.
   */
  cancel(reason?: string): void;
}

interface Cleanup {
  /** Kills are done first, then removals (twice, when something was killed). */
  phase: 'kill' | 'remove';
  run(): void;
}

/** Runs one cleanup; a failure is reported by nobody (we are on the way out). */
function quietly(cleanup: Cleanup): void {
  try {
    cleanup.run();
  } catch {
    // Already gone, or not ours to remove any more.
  }
}

/** Blocks the thread for `ms` (cancel() is synchronous). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * A new cancel signal. `settleMs` is how long cancel() waits after killing
 * processes before it looks for their files again (default 300 ms).
 */
export function makeCancelSignal({
  settleMs = 300,
}: {settleMs?: number} = {}): CancelController {
  const registered = new Set<Cleanup>();
  let cancelled = false;
  let reason: string | undefined;

  const register = (cleanup: Cleanup): Release => {
    if (cancelled) {
      quietly(cleanup);
      return () => undefined;
    }
    registered.add(cleanup);
    return () => {
      registered.delete(cleanup);
    };
  };
  const runPhase = (cleanups: Cleanup[], phase: Cleanup['phase']) => {
    for (const cleanup of cleanups) {
      if (cleanup.phase === phase) quietly(cleanup);
    }
  };

  const signal: CancelSignal = {
    get cancelled() {
      return cancelled;
    },
    get reason() {
      return reason;
    },
    killOnCancel(pid, how = {}) {
      if (!pid) return () => undefined;
      return register({
        phase: 'kill',
        run() {
          if (how.running && !how.running()) return;
          if (how.group) killBrowser(pid);
          else killPid(pid);
        },
      });
    },
    removeOnCancel(file) {
      return register({
        phase: 'remove',
        run: () =>
          rmSync(file, {
            recursive: true,
            force: true,
            maxRetries: 10,
            retryDelay: 50,
          }),
      });
    },
    onCancel(cleanup) {
      return register({phase: 'remove', run: cleanup});
    },
  };

  return {
    signal,
    cancel(why = 'cancelled') {
      if (cancelled) return;
      cancelled = true;
      reason = why;
      const cleanups = [...registered];
      registered.clear();
      runPhase(cleanups, 'kill');
      runPhase(cleanups, 'remove');
      if (cleanups.some(c => c.phase === 'kill') && settleMs > 0) {
        // A killed ffmpeg may still be flushing its output file, and a
        // killed browser its profile: look again.
        sleepSync(settleMs);
        runPhase(cleanups, 'remove');
      }
    },
  };
}
