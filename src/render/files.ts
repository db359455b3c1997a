/**
 * Safe output files: everything is written under a temporary name in the
 * final directory and renamed into place only when complete.
 */
import {randomBytes} from 'node:crypto';
import path from 'node:path';

/** Temporary files of this process, removed on exit if still present. */
export const pendingTemps = new Set<string>();

/**
 * A temporary name next to `file`, keeping its extension (ffmpeg picks the
 * container from it): `out/.intro.mp4.1234-ab12cd.tmp.mp4`.
 */
export function tempNameFor(file: string): string {
  const {dir, base, ext} = path.parse(file);
  const temp = path.join(
    dir,
    `.${base}.${process.pid}-${randomBytes(3).toString('hex')}.tmp${ext}`,
  );
  pendingTemps.add(temp);
  return temp;
}
