/**
 * Cancellation and cleanup for the command-line entry points: on SIGINT or
 * SIGTERM, or on failure, kill exactly the processes this process started
 * (ffmpeg, the browser) and remove its temporary files and directories, so
 * that an interrupted run leaves nothing new in TMPDIR or in --out.
 */
import {rmSync} from 'node:fs';
import {killBrowser, killPid} from './kill';
import {runningEncoders} from './encode';
import {pendingTemps} from './files';
import type {Session} from './session';
import {removeDir, removeRunTempDir} from './tempDirs';

let session: Session | null = null;
let exiting = false;

/** Directories to remove on exit besides the run directory (the bench's). */
export const pendingDirs = new Set<string>();

/** Remembers the open session so that cleanup can kill its browser. */
export function trackSession(open: Session): void {
  session = open;
}

function removeTemps(): void {
  for (const file of pendingTemps) {
    try {
      rmSync(file, {force: true});
    } catch {
      // Reported by nobody: we are on the way out.
    }
  }
  for (const dir of pendingDirs) removeDir(dir);
  removeRunTempDir();
}

/** Kills what this process started and removes its temporary files. */
export function cleanup(): void {
  for (const child of runningEncoders) {
    if (child.exitCode === null) killPid(child.pid);
  }
  // The browser, unless it has exited already (its pid may be reused).
  const browser = session?.browser.browser.process();
  if (browser && browser.exitCode === null && browser.signalCode === null) {
    killBrowser(browser.pid);
  }
  removeTemps();
  // A killed ffmpeg may still be flushing its output file, and a killed
  // browser its profile: look again.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
  removeTemps();
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
