/**
 * The narration build step (Node): for every block of every
 * `scenes/*.narration.ts`, finds its recorded take
 * (`narration/<scene>/<block>.wav`, `.mp3` or `.m4a`) or speaks it with the
 * scratch voice (cached by a hash of the text in `narration/.build/`),
 * measures it, and writes
 *
 * - `narration/timings/<scene>.json`: each block's length and bookmark
 *   offsets, which the scene imports (only rewritten when they change, so an
 *   edit that keeps every timing does not re-render the video);
 * - `narration/.build/manifest.json`: each block's audio file, text and word
 *   timings, for the audio mix and the captions.
 *
 * Each take is tied to a hash of the text it was recorded for in
 * `narration/takes.json`: a new take is tied to the block's current text; a
 * take whose block's text changed since is reported as needing a new take,
 * and the scratch voice speaks the new text meanwhile.
 *
 * Every check runs before anything is written: bad input is one line naming
 * the input, and nothing is left changed.
 */
import {execFileSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {RenderError} from '../render/errors';
import {findFfprobe} from '../render/ffmpeg';
import {REPO_ROOT} from '../render/paths';
import {SCRATCH_VOICE, synthesize, type WordTiming} from './espeak';
import {parseMarks, textHash, type SceneScript} from './script';
import {
  markTimes,
  ms,
  proportionalWords,
  type BlockTiming,
  type SceneTimings,
} from './timing';
import {encodeWav} from './wav';

/** Audio formats a recorded take may have, in the order they are looked for. */
export const TAKE_EXTENSIONS = ['wav', 'mp3', 'm4a'] as const;

/** One block, ready to be mixed and captioned. */
export interface BuiltBlock {
  readonly id: string;
  /** The written text without bookmarks (what captions show). */
  readonly text: string;
  /** The audio file (absolute path). */
  readonly audio: string;
  readonly source: 'take' | 'scratch';
  readonly seconds: number;
  readonly words: readonly WordTiming[];
}

/** What the audio mix reads: every scene's blocks, in order. */
export interface Manifest {
  readonly version: 1;
  readonly scenes: Readonly<Record<string, readonly BuiltBlock[]>>;
}

/** Where a project keeps its narration (all under `root`). */
export interface NarrationPaths {
  readonly root: string;
  readonly scenes: string;
  readonly takes: string;
  readonly timings: string;
  readonly build: string;
  readonly lock: string;
}

/** The narration paths of a project whose files live under `root`. */
export function narrationPaths(
  root = REPO_ROOT,
  scenes = path.join(root, 'scenes'),
): NarrationPaths {
  return {
    root,
    scenes,
    takes: path.join(root, 'narration'),
    timings: path.join(root, 'narration/timings'),
    build: path.join(root, 'narration/.build'),
    lock: path.join(root, 'narration/takes.json'),
  };
}

/** A take's tie to the text it was recorded for. */
interface LockEntry {
  audio: string;
  text: string;
}

type Lock = Record<string, LockEntry>;

function rel(paths: NarrationPaths, file: string): string {
  return path.relative(paths.root, file).split(path.sep).join('/');
}

/** Loads every scene's narration script, in file name order. */
export async function loadScripts(
  paths: NarrationPaths,
): Promise<SceneScript[]> {
  const files = existsSync(paths.scenes)
    ? readdirSync(paths.scenes)
        .filter(f => f.endsWith('.narration.ts'))
        .sort()
    : [];
  const scripts: SceneScript[] = [];
  for (const file of files) {
    const full = path.join(paths.scenes, file);
    const scene = file.slice(0, -'.narration.ts'.length);
    let mod: {default?: SceneScript};
    try {
      // The file's mtime in the URL: an edited script is read afresh.
      const url = `${pathToFileURL(full).href}?script=${Math.round(statSync(full).mtimeMs * 1000)}`;
      mod = (await import(url)) as {default?: SceneScript};
    } catch (error) {
      throw new RenderError(
        `${rel(paths, full)}: expected a narration script, ${(error as Error).message.split('\n')[0]}`,
      );
    }
    const s = mod.default;
    if (!s || !Array.isArray(s.blocks) || s.scene !== scene) {
      throw new RenderError(
        `${rel(paths, full)}: expected a default export script('${scene}', [...])`,
      );
    }
    scripts.push(s);
  }
  return scripts;
}

function sha256File(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** A take's length in seconds (ffprobe), or a one-line error naming it. */
export function takeSeconds(file: string, shown: string): number {
  try {
    accessSync(file, constants.R_OK);
  } catch {
    throw new RenderError(`${shown}: expected a readable audio file`);
  }
  let out: string;
  try {
    out = execFileSync(
      findFfprobe().path,
      [
        '-v',
        'error',
        '-select_streams',
        'a:0',
        '-show_entries',
        'stream=duration:format=duration',
        '-of',
        'json',
        file,
      ],
      {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']},
    );
  } catch (error) {
    const stderr = String((error as {stderr?: unknown}).stderr ?? '')
      .trim()
      .split('\n')[0];
    throw new RenderError(
      `${shown}: expected a readable audio file (ffprobe: ${stderr || 'failed'})`,
    );
  }
  const info = JSON.parse(out) as {
    streams?: {duration?: string}[];
    format?: {duration?: string};
  };
  const seconds = Number(
    info.streams?.[0]?.duration ?? info.format?.duration ?? NaN,
  );
  if (!info.streams?.length || !(seconds > 0)) {
    throw new RenderError(
      `${shown}: expected a readable audio file with an audio stream`,
    );
  }
  return seconds;
}

function writeAtomic(file: string, text: string | Buffer): void {
  mkdirSync(path.dirname(file), {recursive: true});
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

function readJson<T>(file: string, fallback: T): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return fallback;
  }
}

/**
 * The key of a block's scratch voice: its text and the voice settings
 * ('fresh': each text spoken by a synthesizer that spoke nothing before, see
 * espeak.ts; voices cached before that depended on the blocks built first).
 */
export function scratchKey(plain: string): string {
  return textHash(
    JSON.stringify([SCRATCH_VOICE, 'espeak-ng-0.3.5', 'fresh', plain]),
  );
}

/** Options of {@link buildNarration}. */
export interface BuildOptions {
  readonly paths?: NarrationPaths;
  /** One line per notice (stale takes, synthesis progress). */
  readonly log?: (line: string) => void;
}

/** Builds every scene's narration; see the module comment. */
export async function buildNarration(
  options: BuildOptions = {},
): Promise<Manifest> {
  const paths = options.paths ?? narrationPaths();
  const log = options.log ?? (() => {});
  const scripts = await loadScripts(paths);
  const lock = readJson<Lock>(paths.lock, {});
  const newLock: Lock = {};
  const scenes: Record<string, BuiltBlock[]> = {};
  const timings: Record<string, SceneTimings> = {};
  const scratchDir = path.join(paths.build, 'scratch');
  let synthesized = 0;

  for (const s of scripts) {
    const blocks: BuiltBlock[] = [];
    const sceneTimings: Record<string, BlockTiming> = {};
    for (const spec of s.blocks) {
      const key = `${s.scene}/${spec.id}`;
      const {plain, marks} = parseMarks(spec.text, key);
      const hash = textHash(plain);
      let take: string | null = null;
      for (const ext of TAKE_EXTENSIONS) {
        const f = path.join(paths.takes, s.scene, `${spec.id}.${ext}`);
        if (existsSync(f)) {
          take = f;
          break;
        }
      }
      let built: BuiltBlock | null = null;
      if (!take && lock[key]) {
        throw new RenderError(
          `narration/${s.scene}/${spec.id}.wav: missing (narration/takes.json ties a recorded take to block ${key}); put the take back, or remove its entry to use the scratch voice`,
        );
      }
      if (take) {
        const shown = rel(paths, take);
        const seconds = takeSeconds(take, shown);
        const audioHash = sha256File(take);
        const tie = lock[key];
        if (tie && tie.audio === audioHash && tie.text !== hash) {
          log(
            `narration: ${shown} was recorded for an older text of ${key}: record a new take (the scratch voice reads the new text meanwhile)`,
          );
          newLock[key] = tie;
        } else {
          newLock[key] = {audio: audioHash, text: hash};
          built = {
            id: spec.id,
            text: plain,
            audio: take,
            source: 'take',
            seconds,
            words: proportionalWords(plain, seconds),
          };
        }
      }
      if (!built) {
        const k = scratchKey(plain);
        const wav = path.join(scratchDir, `${k}.wav`);
        const meta = path.join(scratchDir, `${k}.json`);
        let cached = readJson<{seconds: number; words: WordTiming[]} | null>(
          meta,
          null,
        );
        if (!cached || !existsSync(wav)) {
          let speech;
          try {
            speech = await synthesize(plain);
          } catch (error) {
            throw new RenderError(
              `scratch voice for ${key}: the synthesizer cannot run (${(error as Error).message.split('\n')[0]})`,
            );
          }
          if (speech.samples.length === 0) {
            throw new RenderError(
              `scratch voice for ${key}: the synthesizer produced no audio`,
            );
          }
          writeAtomic(wav, encodeWav(speech.samples, speech.sampleRate));
          cached = {
            seconds: speech.samples.length / speech.sampleRate,
            words: speech.words,
          };
          writeAtomic(meta, JSON.stringify(cached));
          synthesized++;
          if (synthesized % 10 === 0) {
            log(`narration: ${synthesized} blocks spoken by the scratch voice`);
          }
        }
        built = {
          id: spec.id,
          text: plain,
          audio: wav,
          source: 'scratch',
          seconds: cached.seconds,
          words: cached.words,
        };
      }
      if (spec.maxSeconds !== undefined && built.seconds > spec.maxSeconds) {
        throw new RenderError(
          `${built.source === 'take' ? rel(paths, built.audio) : `scratch voice for ${key}`}: lasts ${built.seconds.toFixed(2)} s, but block ${key} allows at most ${spec.maxSeconds} s (the scene cannot wait)`,
        );
      }
      blocks.push(built);
      sceneTimings[spec.id] = {
        seconds: ms(built.seconds),
        marks: markTimes(
          marks,
          plain.length,
          built.seconds,
          built.source === 'scratch' ? built.words : null,
        ),
      };
    }
    scenes[s.scene] = blocks;
    timings[s.scene] = {blocks: sceneTimings};
  }

  // Everything checked: write what changed.
  for (const [scene, t] of Object.entries(timings)) {
    const file = path.join(paths.timings, `${scene}.json`);
    const text = JSON.stringify(t, null, 2) + '\n';
    if (!sameText(file, text)) writeAtomic(file, text);
  }
  const lockText = JSON.stringify(sortKeys(newLock), null, 2) + '\n';
  if (Object.keys(newLock).length > 0 || existsSync(paths.lock)) {
    if (!sameText(paths.lock, lockText)) writeAtomic(paths.lock, lockText);
  }
  // Scratch audio no block speaks any more.
  const used = new Set(
    Object.values(scenes).flatMap(bs =>
      bs
        .filter(b => b.source === 'scratch')
        .map(b => path.basename(b.audio, '.wav')),
    ),
  );
  if (existsSync(scratchDir)) {
    for (const f of readdirSync(scratchDir)) {
      if (!used.has(f.replace(/\.(wav|json)$/, ''))) {
        rmSync(path.join(scratchDir, f), {force: true});
      }
    }
  }
  const manifest: Manifest = {version: 1, scenes};
  writeAtomic(
    path.join(paths.build, 'manifest.json'),
    JSON.stringify(manifest),
  );
  return manifest;
}

function sameText(file: string, text: string): boolean {
  try {
    return readFileSync(file, 'utf8') === text;
  } catch {
    return false;
  }
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}

/** Reads the manifest the last build wrote, or null. */
export function readManifest(paths = narrationPaths()): Manifest | null {
  const m = readJson<Manifest | null>(
    path.join(paths.build, 'manifest.json'),
    null,
  );
  return m && m.version === 1 ? m : null;
}
