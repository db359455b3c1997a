/**
 * Helpers for render tests: run the CLI as a user would, and inspect outputs
 * with ffprobe/ffmpeg.
 */
import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import path from 'node:path';
import {findFfmpeg, findFfprobe} from '../../src/render/ffmpeg';
import {REPO_ROOT} from '../../src/render/paths';

/** What a finished CLI run printed and returned. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts `tsx src/render/cli.ts ...args` from the repository root. */
export function startCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): ChildProcess {
  return spawn(
    process.execPath,
    [
      path.join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'),
      'src/render/cli.ts',
      ...args,
    ],
    {
      cwd: REPO_ROOT,
      env: {...process.env, CI: '1', ...env},
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

/** Runs the CLI to completion. */
export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<CliRun> {
  const child = startCli(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', c => (stdout += c));
  child.stderr!.on('data', c => (stderr += c));
  return new Promise(resolve =>
    child.on('close', code => resolve({code, stdout, stderr})),
  );
}

/** ffprobe's JSON for a file: streams, format and chapters. */
export function probe(file: string): {
  streams: Record<string, string | number>[];
  format: Record<string, string>;
  chapters: {start_time: string; end_time: string; tags: {title: string}}[];
} {
  const out = execFileSync(
    findFfprobe().path,
    [
      '-v',
      'error',
      '-count_frames',
      '-show_streams',
      '-show_format',
      '-show_chapters',
      '-of',
      'json',
      file,
    ],
    {encoding: 'utf8'},
  );
  return JSON.parse(out);
}

/** Decodes frame `index` of a video (or a PNG) to RGBA bytes. */
export function decodeFrame(
  file: string,
  index: number,
  width: number,
  height: number,
): Uint8Array {
  const out = execFileSync(
    findFfmpeg().path,
    [
      '-v',
      'error',
      '-i',
      file,
      '-vf',
      `select=eq(n\\,${index})`,
      '-frames:v',
      '1',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgba',
      'pipe:1',
    ],
    {maxBuffer: width * height * 4 + 1024},
  );
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** The RGB of pixel (x, y) of decoded RGBA bytes. */
export function rgbAt(
  data: Uint8Array,
  width: number,
  x: number,
  y: number,
): [number, number, number] {
  const i = (y * width + x) * 4;
  return [data[i], data[i + 1], data[i + 2]];
}

/** MD5 of every decoded frame of a video (to compare renders). */
export function frameHashes(file: string): string {
  return execFileSync(
    findFfmpeg().path,
    ['-v', 'error', '-i', file, '-f', 'framemd5', '-'],
    {encoding: 'utf8'},
  )
    .split('\n')
    .filter(l => l && !l.startsWith('#'))
    .join('\n');
}

/** Pids of the live child processes (any depth) of a process. */
export function descendants(pid: number): number[] {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,stat='], {
    encoding: 'utf8',
  });
  const rows = out
    .trim()
    .split('\n')
    .map(l => l.trim().split(/\s+/))
    .filter(([, , stat]) => !stat.startsWith('Z'))
    .map(([p, pp]) => [Number(p), Number(pp)] as const);
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const [p, pp] of rows) {
      if (pp === parent) {
        found.push(p);
        visit(p);
      }
    }
  };
  visit(pid);
  return found;
}

/** True while a process exists (and is not a zombie). */
export function alive(pid: number): boolean {
  try {
    const stat = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], {
      encoding: 'utf8',
    }).trim();
    return stat !== '' && !stat.startsWith('Z');
  } catch {
    return false;
  }
}
