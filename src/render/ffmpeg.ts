/**
 * Finds ffmpeg and ffprobe: FFMPEG_PATH / FFPROBE_PATH, then the npm builds
 * (ffmpeg-static, @ffmpeg-installer/ffmpeg, @ffprobe-installer/ffprobe), then
 * the PATH; and checks that an ffmpeg has what the renderer uses.
 */
import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import {RenderError} from './errors';
import {REPO_ROOT} from './paths';

/** A found tool and where it came from. */
export interface ToolLocation {
  path: string;
  source: string;
}

/** Encoders and filters the renderer's ffmpeg commands use. */
export const REQUIRED_ENCODERS = ['libx264', 'png'];
/** Filters the renderer's ffmpeg commands use. */
export const REQUIRED_FILTERS = ['scale', 'format', 'pad'];

/** The message printed when no ffmpeg is usable. */
export const NO_FFMPEG_MESSAGE =
  'no usable ffmpeg found: set FFMPEG_PATH, or npm install ffmpeg-static, ' +
  'or apt-get install -y ffmpeg';
/** The message printed when no ffprobe is usable. */
export const NO_FFPROBE_MESSAGE =
  'no ffprobe found: set FFPROBE_PATH, or npm install @ffprobe-installer/ffprobe, ' +
  'or apt-get install -y ffmpeg';

const requireHere = createRequire(path.join(process.cwd(), 'package.json'));
const requireRepo = createRequire(path.join(REPO_ROOT, 'package.json'));

function tryRequire(name: string): unknown {
  for (const req of [requireRepo, requireHere]) {
    try {
      return req(name);
    } catch {
      // Try the next place.
    }
  }
  return undefined;
}

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    if (existsSync(file)) return file;
  }
  return null;
}

const capabilityCache = new Map<string, string | null>();

/**
 * Returns null when the ffmpeg at `file` runs and has every encoder and
 * filter the renderer needs, or a sentence saying what is missing.
 */
export function checkFfmpeg(file: string): string | null {
  if (capabilityCache.has(file)) return capabilityCache.get(file)!;
  let problem: string | null = null;
  try {
    const run = (arg: string) =>
      execFileSync(file, ['-hide_banner', arg], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 15_000,
      });
    const encoders = run('-encoders');
    const filters = run('-filters');
    const missing = [
      ...REQUIRED_ENCODERS.filter(
        e => !new RegExp(`^\\s*V\\S*\\s+${e}\\s`, 'm').test(encoders),
      ).map(e => `encoder ${e}`),
      ...REQUIRED_FILTERS.filter(
        f => !new RegExp(`^\\s*\\S+\\s+${f}\\s`, 'm').test(filters),
      ).map(f => `filter ${f}`),
    ];
    if (missing.length) problem = `lacks ${missing.join(', ')}`;
  } catch (error) {
    problem = `does not run (${(error as Error).message.split('\n')[0]})`;
  }
  capabilityCache.set(file, problem);
  return problem;
}

/**
 * The ffmpegs {@link findFfmpeg} tries after FFMPEG_PATH, in order, without
 * running them: ffmpeg-static, @ffmpeg-installer/ffmpeg, then the PATH.
 */
export function ffmpegCandidates(
  env: NodeJS.ProcessEnv = process.env,
): ToolLocation[] {
  const candidates: ToolLocation[] = [];
  if (env.MC_RENDER_NO_NPM_FFMPEG !== '1') {
    const fromStatic = tryRequire('ffmpeg-static');
    if (typeof fromStatic === 'string') {
      candidates.push({path: fromStatic, source: 'ffmpeg-static'});
    }
    const installer = tryRequire('@ffmpeg-installer/ffmpeg') as
      {path?: string} | undefined;
    if (installer?.path) {
      candidates.push({
        path: installer.path,
        source: '@ffmpeg-installer/ffmpeg',
      });
    }
  }
  const system = onPath('ffmpeg');
  if (system) candidates.push({path: system, source: 'PATH'});
  return candidates;
}

/** Finds an ffmpeg that has libx264, png and the filters used. */
export function findFfmpeg(env: NodeJS.ProcessEnv = process.env): ToolLocation {
  const tried: string[] = [];
  if (env.FFMPEG_PATH) {
    if (!existsSync(env.FFMPEG_PATH)) {
      throw new RenderError(
        `FFMPEG_PATH: expected an ffmpeg executable, got "${env.FFMPEG_PATH}" (no such file)`,
      );
    }
    const problem = checkFfmpeg(env.FFMPEG_PATH);
    if (problem) {
      throw new RenderError(
        `FFMPEG_PATH: the ffmpeg at "${env.FFMPEG_PATH}" ${problem}`,
      );
    }
    return {path: env.FFMPEG_PATH, source: 'FFMPEG_PATH'};
  }
  for (const candidate of ffmpegCandidates(env)) {
    if (!existsSync(candidate.path)) {
      tried.push(`${candidate.source}: binary missing`);
      continue;
    }
    const problem = checkFfmpeg(candidate.path);
    if (!problem) return candidate;
    tried.push(`${candidate.source} ${problem}`);
  }
  throw new RenderError(
    NO_FFMPEG_MESSAGE + (tried.length ? ` (tried: ${tried.join('; ')})` : ''),
  );
}

/** Finds ffprobe: FFPROBE_PATH, @ffprobe-installer/ffprobe, then the PATH. */
export function findFfprobe(
  env: NodeJS.ProcessEnv = process.env,
): ToolLocation {
  if (env.FFPROBE_PATH) {
    if (!existsSync(env.FFPROBE_PATH)) {
      throw new RenderError(
        `FFPROBE_PATH: expected an ffprobe executable, got "${env.FFPROBE_PATH}" (no such file)`,
      );
    }
    return {path: env.FFPROBE_PATH, source: 'FFPROBE_PATH'};
  }
  if (env.MC_RENDER_NO_NPM_FFMPEG !== '1') {
    const installer = tryRequire('@ffprobe-installer/ffprobe') as
      {path?: string} | undefined;
    if (installer?.path && existsSync(installer.path)) {
      return {path: installer.path, source: '@ffprobe-installer/ffprobe'};
    }
  }
  const system = onPath('ffprobe');
  if (system) return {path: system, source: 'PATH'};
  throw new RenderError(NO_FFPROBE_MESSAGE);
}
