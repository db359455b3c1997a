/**
 * Temporary directories: everything a run puts in TMPDIR (the browser's
 * profile and its own temporary files, Vite's dependency cache) lives in one
 * directory per process, `$TMPDIR/mc-render-<pid>-<hex>`, removed when the
 * process exits, however it exits short of SIGKILL, and by the next run when
 * the process that made it is gone.
 */
import {randomBytes} from 'node:crypto';
import {mkdirSync, mkdtempSync, readdirSync, rmdirSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pidAlive} from './files';

const PREFIX = 'mc-render-';

/** This process's run directories by parent: TMPDIR, maybe also /tmp. */
const runDirs = new Map<string, string>();

/** The id of the process that made a run directory, from its name. */
export function runDirOwner(name: string): number | null {
  const match = /^mc-render-(\d+)-[0-9a-f]{8}$/.exec(name);
  return match ? Number(match[1]) : null;
}

/** The names among `names` that are run directories of dead processes. */
export function staleRunDirs(
  names: string[],
  alive: (pid: number) => boolean = pidAlive,
): string[] {
  return names.filter(name => {
    const pid = runDirOwner(name);
    return pid !== null && pid !== process.pid && !alive(pid);
  });
}

/** Removes run directories that processes no longer running left behind. */
export function sweepStaleRunDirs(
  tmp = os.tmpdir(),
  alive: (pid: number) => boolean = pidAlive,
): string[] {
  let names: string[];
  try {
    names = readdirSync(tmp);
  } catch {
    return [];
  }
  const stale = staleRunDirs(names, alive);
  for (const name of stale) removeDir(path.join(tmp, name));
  return stale;
}

/**
 * This process's run directory in `base` (TMPDIR unless given), made (and
 * stale ones there swept) on first use.
 */
export function runTempDir(base = os.tmpdir()): string {
  const existing = runDirs.get(base);
  if (existing) return existing;
  sweepStaleRunDirs(base);
  const dir = path.join(
    base,
    `${PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  mkdirSync(dir, {recursive: true, mode: 0o700});
  if (runDirs.size === 0) process.once('exit', removeRunTempDir);
  runDirs.set(base, dir);
  return dir;
}

/** A new directory inside the run directory, e.g. `chrome-XXXXXX`. */
export function makeTempDir(kind: string): string {
  return mkdtempSync(path.join(runTempDir(), `${kind}-`));
}

/**
 * The longest path Chromium's TMPDIR may have: it makes its singleton
 * socket at `$TMPDIR/.org.chromium.Chromium.XXXXXX/SingletonSocket`, and a
 * Unix socket's path has at most 107 bytes (Chromium does not start when
 * it would be longer).
 */
export const MAX_BROWSER_TMPDIR =
  107 - '/.org.chromium.Chromium.XXXXXX/SingletonSocket'.length;

/**
 * A new directory for a browser's TMPDIR: in the run directory when the
 * path is short enough for Chromium's singleton socket, otherwise (a deep
 * TMPDIR) in a run directory in /tmp, removed and swept the same way.
 */
export function makeBrowserTempDir(): string {
  const dir = makeTempDir('c');
  if (Buffer.byteLength(dir) <= MAX_BROWSER_TMPDIR) return dir;
  removeDir(dir);
  return mkdtempSync(path.join(runTempDir('/tmp'), 'c-'));
}

/**
 * Removes a directory tree, retrying while processes that were just killed
 * finish writing into it; never throws (it runs on the way out).
 */
export function removeDir(dir: string): boolean {
  try {
    rmSync(dir, {recursive: true, force: true, maxRetries: 10, retryDelay: 50});
    return true;
  } catch {
    return false;
  }
}

/** Removes the run directories and all in them (synchronous: on exit). */
export function removeRunTempDir(): void {
  for (const [base, dir] of runDirs) {
    if (removeDir(dir)) runDirs.delete(base);
  }
}

/**
 * Removes the run directories that are empty (every session closed): a
 * process that ends without an 'exit' event (a test worker terminated by
 * its pool) then leaves nothing either.
 */
export function tidyRunTempDirs(): void {
  for (const [base, dir] of runDirs) {
    try {
      rmdirSync(dir);
      runDirs.delete(base);
    } catch {
      // Still in use (or already gone).
    }
  }
}
