/**
 * The no-op check: a render whose inputs are all unchanged since the last
 * complete render of the same command, and whose outputs are all still the
 * files that render wrote, is answered without starting Vite or a browser.
 *
 * @remarks
 * A run record, `<out>/.mc-render-cache/runs/<command>.json`, is written
 * after a complete video render. Its key is made of everything a frame or a
 * sound can depend on, read from files only:
 * - the project's local import graph (scenes, their timing and narration
 *   modules, components, math, JSON), each module's `.meta` file beside it,
 *   and any other input the caller names (recorded narration takes);
 * - the renderer's own module graph and package-lock.json;
 * - the command's settings (scenes, preset, fps, range, audio);
 * - which browser and which ffmpeg would run (path, size, mtime).
 * When the key matches, every output is checked by size and SHA-256, as the
 * per-output cache does. Anything that cannot be read or resolved means "no
 * record": the full render path then decides, scene by scene.
 */
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import type {CliOptions} from './args';
import {knownBrowser} from './browserLocation';
import {ffmpegCandidates} from './ffmpeg';
import {displayPath, hashFile, sha256, writeFileAtomic} from './files';
import {hashTree, moduleGraph, rendererKey, stripComments} from './moduleGraph';
import type {PageProjectInfo} from './pageTypes';
import {relativeName, REPO_ROOT} from './paths';

/** Where run records live, inside the output's cache directory. */
export const RUNS_DIR = path.join('.mc-render-cache', 'runs');

/** One output file as the render left it. */
export interface RunOutput {
  /** Relative to the output directory. */
  name: string;
  size: number;
  sha256: string;
}

/** What a complete render answered, and the files it left. */
export interface RunRecord {
  format: 1;
  key: string;
  info: PageProjectInfo;
  results: {scene: string; name: string; frames: number}[];
  outputs: RunOutput[];
}

/** The settings of a command that choose its outputs. */
export function commandSettings(options: CliOptions, projectFile: string) {
  return {
    project: relativeName(projectFile),
    scenes: options.scenes,
    preset: options.preset,
    fps: options.fps,
    range: options.range,
    noAudio: options.noAudio,
  };
}

/** The record file of a command (one per set of settings). */
export function recordPath(
  outDir: string,
  options: CliOptions,
  projectFile: string,
): string {
  const name = sha256(
    JSON.stringify(commandSettings(options, projectFile)),
  ).slice(0, 24);
  return path.join(outDir, RUNS_DIR, `${name}.json`);
}

/** Path, size and mtime of a file: enough to tell a replaced binary. */
function stamp(file: string): {path: string; size: number; mtime: number} {
  const s = statSync(file);
  return {path: file, size: s.size, mtime: Math.round(s.mtimeMs)};
}

/**
 * The project's inputs as files: its import graph, each module's `.meta`
 * file beside it, and `extra`.
 */
export function projectInputs(projectFile: string, extra: string[] = []) {
  const files = new Set(moduleGraph([projectFile]));
  for (const file of [...files]) {
    const {dir, name} = path.parse(file);
    const meta = path.join(dir, `${name}.meta`);
    if (existsSync(meta)) files.add(meta);
  }
  for (const file of extra) files.add(path.resolve(file));
  return [...files].sort();
}

/** Files under `dir`, recursively, skipping folders named in `skip`. */
function filesUnder(dir: string, skip: string[]): string[] {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, {withFileTypes: true});
  } catch {
    return [];
  }
  return entries.flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return skip.includes(entry.name) ? [] : filesUnder(full, skip);
    }
    return entry.isFile() ? [full] : [];
  });
}

/**
 * The narration a render reads that no scene imports: the scripts beside
 * the project file (`*.narration.ts`, with what they import), and the takes,
 * their text ties and the timings in `narration/` next to the scenes' folder
 * (not its `.build` cache, which is made from these).
 */
export function narrationInputs(projectFile: string): string[] {
  const scenes = path.dirname(path.resolve(projectFile));
  let scripts: string[] = [];
  try {
    scripts = readdirSync(scenes)
      .filter(f => f.endsWith('.narration.ts'))
      .map(f => path.join(scenes, f));
  } catch {
    return [];
  }
  if (scripts.length === 0) return [];
  return [
    ...moduleGraph(scripts),
    ...filesUnder(path.join(path.dirname(scenes), 'narration'), ['.build']),
  ];
}

/**
 * The file a project's `audio` setting names when it is a path string (an
 * imported asset is in the import graph already), where the dev server
 * would find it. A narrated project's `audio` is the editor's mix, which
 * renders do not use: nothing then.
 */
export function projectAudioInputs(projectFile: string): string[] {
  if (narrationInputs(projectFile).length > 0) return [];
  let source: string;
  try {
    source = stripComments(readFileSync(projectFile, 'utf8'));
  } catch {
    return [];
  }
  const match = /\baudio\s*:\s*(['"`])([^'"`]+)\1/.exec(source);
  if (!match) return [];
  const url = decodeURIComponent(match[2].split(/[?#]/)[0]);
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return [];
  if (url.startsWith('/@fs/')) return [path.resolve(url.slice(4))];
  const rel = url.replace(/^\/+/, '');
  return [
    path.join(REPO_ROOT, 'public', rel),
    path.join(REPO_ROOT, rel),
    path.resolve(path.dirname(projectFile), rel),
  ].filter(f => existsSync(f));
}

/**
 * The key of a command's run, or null when it cannot be known without
 * starting things (no browser found yet, an import that resolves to nothing,
 * FFMPEG_PATH or CHROME_PATH naming no file).
 */
export function runKey(
  options: CliOptions,
  projectFile: string,
  extraInputs: string[] = [],
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  try {
    const browser = knownBrowser(env);
    if (!browser) return null;
    const ffmpeg = env.FFMPEG_PATH
      ? [stamp(env.FFMPEG_PATH)]
      : ffmpegCandidates(env).map(c =>
          existsSync(c.path) ? stamp(c.path) : {path: c.path, size: -1},
        );
    return sha256(
      JSON.stringify({
        settings: commandSettings(options, projectFile),
        sources: hashTree(projectInputs(projectFile, extraInputs), REPO_ROOT),
        renderer: rendererKey(),
        browser: {...stamp(browser.path), source: browser.source},
        ffmpeg,
      }),
    );
  } catch {
    return null;
  }
}

/** A file's size and SHA-256, or null when it cannot be read. */
function fileHash(
  file: string,
): Promise<{size: number; sha256: string} | null> {
  return hashFile(file).catch(() => null);
}

function readRecord(file: string): RunRecord | null {
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as RunRecord;
    if (
      record?.format !== 1 ||
      typeof record.key !== 'string' ||
      !Array.isArray(record.outputs) ||
      !Array.isArray(record.results) ||
      !record.info
    ) {
      return null;
    }
    return record;
  } catch {
    return null;
  }
}

/**
 * The record of the last complete run of this command, if its key is `key`
 * and every output it lists is still the file it wrote; otherwise null.
 */
export async function checkRun(
  outDir: string,
  options: CliOptions,
  projectFile: string,
  key: string,
): Promise<RunRecord | null> {
  const record = readRecord(recordPath(outDir, options, projectFile));
  if (!record || record.key !== key) return null;
  for (const output of record.outputs) {
    const file = path.join(outDir, output.name);
    try {
      if (statSync(file).size !== output.size) return null;
    } catch {
      return null;
    }
  }
  const hashes = await Promise.all(
    record.outputs.map(o => fileHash(path.join(outDir, o.name))),
  );
  for (let i = 0; i < hashes.length; i++) {
    if (hashes[i]?.sha256 !== record.outputs[i].sha256) return null;
  }
  return record;
}

/** Writes the record of a complete run (whole, by rename). */
export async function recordRun(
  outDir: string,
  options: CliOptions,
  projectFile: string,
  key: string,
  info: PageProjectInfo,
  results: {scene: string; file: string; frames: number}[],
  files: string[],
): Promise<void> {
  const outputs: RunOutput[] = [];
  for (const file of files) {
    const hashed = await fileHash(file);
    if (!hashed) return;
    outputs.push({...hashed, name: path.relative(outDir, file)});
  }
  const record: RunRecord = {
    format: 1,
    key,
    info,
    results: results.map(r => ({
      scene: r.scene,
      name: path.relative(outDir, r.file),
      frames: r.frames,
    })),
    outputs,
  };
  const file = recordPath(outDir, options, projectFile);
  mkdirSync(path.dirname(file), {recursive: true});
  writeFileAtomic(file, JSON.stringify(record, null, 1));
}

/** Whether a command is a whole video render that a run record can answer. */
export function answerable(options: CliOptions): boolean {
  return (
    !options.help &&
    !options.list &&
    !options.force &&
    options.still === null &&
    !options.contactSheet &&
    options.shard === null &&
    options.assemble === null
  );
}

/**
 * Answers a render whose inputs and outputs are unchanged since the last
 * complete run of the same command, without Vite or a browser: prints what
 * the full path would print for cached outputs and returns true; returns
 * false when the full render path must decide.
 */
export async function answerFromRecord(
  options: CliOptions,
  projectFile: string,
  log: (line: string) => void,
): Promise<boolean> {
  if (!answerable(options) || !existsSync(projectFile)) return false;
  const outDir = path.resolve(options.outDir);
  if (!existsSync(path.join(outDir, RUNS_DIR))) return false;
  const key = runKey(options, projectFile, [
    ...narrationInputs(projectFile),
    ...projectAudioInputs(projectFile),
  ]);
  if (!key) return false;
  const record = await checkRun(outDir, options, projectFile, key);
  if (!record) return false;
  for (const r of record.results) {
    log(`${r.scene}: cached (${displayPath(path.join(outDir, r.name))})`);
  }
  const chapter = `${record.info.name}.mp4`;
  if (record.outputs.some(o => o.name === chapter)) {
    log(
      `${record.info.name}: cached (${displayPath(path.join(outDir, chapter))})`,
    );
  }
  log(
    `nothing changed since the last render: ${record.outputs.length} files checked by SHA-256, no browser started`,
  );
  return true;
}
