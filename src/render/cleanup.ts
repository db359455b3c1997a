/**
 * Cancellation and cleanup for the command-line entry points: on SIGINT or
 * SIGTERM, or on failure, kill exactly the processes this process started
 * (ffmpeg, the browser) and remove its temporary files.
 */
import {rmSync} from 'node:fs';
import {killPid} from './browser';
import {runningEncoders} from './encode';
import {pendingTemps} from './files';
import type {Session} from './session';

let session: Session | null = null;
let exiting = false;

/** Remembers the open session so that cleanup can kill its browser. */
export function trackSession(open: Session): void {
  session = open;
}

/** Kills what this process started and removes its temporary files. */
export function cleanup(): void {
  for (const child of runningEncoders) {
    if (child.exitCode === null) killPid(child.pid);
  }
  if (session) killPid(session.browser.pid);
  for (const file of pendingTemps) rmSync(file, {force: true});
  // A killed ffmpeg may still be flushing its output file: look again.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
  for (const file of pendingTemps) rmSync(file, {force: true});
}

/** Installs SIGINT/SIGTERM handlers that clean up and exit with 130. */
export function exitCleanlyOnSignals(name: string): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (exiting) return;
      exiting = true;
      process.stderr.write(
        `\n${name}: cancelled (${signal}); nothing was overwritten\n`,
      );
      cleanup();
      process.exit(130);
    });
  }
}
