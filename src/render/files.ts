/**
 * Safe output files: everything is written under a temporary name in the
 * final directory and renamed into place only when complete. A temporary
 * name carries the id of the process writing it, so that the next run can
 * tell the leftovers of a killed process (`kill -9`) from the files of a
 * render still running, and remove only the former.
 */
import {createHash, randomBytes} from 'node:crypto';
import {
  createReadStream,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type {CancelSignal} from './cancel';
import {fileError} from './errors';

/**
 * A path as messages show it: relative to the working directory when it is
 * inside it, absolute otherwise.
 */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), path.resolve(file));
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative)
    ? relative
    : path.resolve(file);
}

/**
 * A temporary name next to `file`, keeping its extension (ffmpeg picks the
 * container from it): `out/.intro.mp4.1234-ab12cd.tmp.mp4`.
 */
export function tempNameFor(file: string): string {
  const {dir, base, ext} = path.parse(file);
  return path.join(
    dir,
    `.${base}.${process.pid}-${randomBytes(3).toString('hex')}.tmp${ext}`,
  );
}

/** A temporary file of a run (see {@link tempFile}). */
export interface TempFile {
  readonly path: string;
  /**
   * Removes the file if it is still there (it was not renamed into place)
   * and releases it from the run's cancel signal.
   */
  dispose(): void;
}

/**
 * A temporary name next to `file` (tempNameFor) that the run's cancel
 * signal removes until it is disposed of.
 */
export function tempFile(signal: CancelSignal, file: string): TempFile {
  const temp = tempNameFor(file);
  const release = signal.removeOnCancel(temp);
  return {
    path: temp,
    dispose() {
      rmSync(temp, {force: true});
      release();
    },
  };
}

/**
 * The id of the process that made a temporary file, from its name, or null
 * when the name is not one of ours. Also knows the older index's temporary
 * name, `.cache.json.<pid>.tmp`.
 */
export function tempFileOwner(name: string): number | null {
  const match =
    /^\..+\.(\d+)-[0-9a-f]{6}\.tmp(\.[^./]+)?$/.exec(name) ??
    /^\.cache\.json\.(\d+)\.tmp$/.exec(name);
  return match ? Number(match[1]) : null;
}

/** True while a process with this id exists. */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The names among `names` that are temporary files of dead processes. */
export function staleTempFiles(
  names: string[],
  alive: (pid: number) => boolean = pidAlive,
): string[] {
  return names.filter(name => {
    const pid = tempFileOwner(name);
    return pid !== null && pid !== process.pid && !alive(pid);
  });
}

/**
 * Removes the temporary files that processes no longer running left in
 * `dir` (a render killed with SIGKILL cannot clean up); returns their names.
 */
export function removeStaleTemps(
  dir: string,
  alive: (pid: number) => boolean = pidAlive,
): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const stale = staleTempFiles(names, alive);
  for (const name of stale) {
    rmSync(path.join(dir, name), {force: true, recursive: true});
  }
  return stale;
}

/**
 * Writes a file whole or not at all: to a temporary name, then renamed into
 * place. A failure names `file` and the reason in one line. (Synchronous:
 * no cancellation can come between the write and the rename.)
 */
export function writeFileAtomic(file: string, data: string | Buffer): void {
  const temp = tempNameFor(file);
  try {
    writeFileSync(temp, data);
    renameSync(temp, file);
  } catch (error) {
    throw fileError('write', file, error);
  } finally {
    rmSync(temp, {force: true});
  }
}

/** Hex SHA-256 of a string or buffer. */
export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Size and SHA-256 of a file, streamed (chapter files are large). */
export async function hashFile(
  file: string,
): Promise<{size: number; sha256: string}> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    size += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
  }
  return {size, sha256: hash.digest('hex')};
}
