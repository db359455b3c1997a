/**
 * Command-line parsing for `npm run render`: turns argv into validated
 * options, or a UsageError naming the bad input and what was expected.
 */
import os from 'node:os';
import {UsageError} from './errors';
import {
  DEFAULT_PRESET,
  isPresetName,
  PRESETS,
  type PresetName,
} from './presets';
import {parseRange, type SecondsRange} from './frameRange';
import {parseShard, type ShardSpec} from './shard';

/** Everything the CLI can be asked to do. */
export interface CliOptions {
  scenes: string[];
  list: boolean;
  help: boolean;
  preset: PresetName;
  fps: number;
  range: SecondsRange | null;
  still: number | null;
  contactSheet: boolean;
  outDir: string;
  jobs: number;
  force: boolean;
  project: string | null;
  /** `--shard K/N`: render only the K-th of N slices (1-based). */
  shard: ShardSpec | null;
  /** `--assemble DIR`: join the shards in DIR. */
  assemble: string | null;
  /** `--no-audio`: videos without narration or captions. */
  noAudio: boolean;
}

/** The default --jobs: one scene per two cores (each render uses ~2). */
export function defaultJobs(
  cores = os.availableParallelism?.() ?? os.cpus().length,
) {
  return Math.max(1, Math.floor(cores / 2));
}

/** The text `--help` prints. */
export const HELP = `Usage: npm run render -- [options] [<scene> ...]

Renders the scenes of a Motion Canvas project headlessly: Vite serves the
project to a headless Chromium on 127.0.0.1, which draws each frame with the
Motion Canvas engine and sends it as a PNG over a WebSocket to ffmpeg/x264.

With no scene names: every scene to <out>/<scene>.mp4 and the whole project
to <out>/<project name>.mp4 (scene MP4s joined without re-encoding, one chapter
marker per scene). With scene names: only those scenes (each once).

Options:
  --list               print one line per scene: name, frames, seconds
  --preset NAME        preview (854x480@30) | hd (1920x1080@60, default) | 4k (3840x2160@60)
  --fps N              frames per second, 1 to 240, overriding the preset's
  --range START-END    render only this part of a scene, in seconds (e.g. 1.5-4);
                       it must lie within the scene
  --still SECONDS      write <out>/<scene>@<SECONDS>s.png at the preset's size;
                       SECONDS must lie within the scene
  --contact-sheet      write <out>/<scene>-sheet.png: a still every 2 s, captioned
  --out DIR            output directory (default: output)
  --jobs N             scenes rendered at once (default: ${defaultJobs()} here, cores / 2)
  --force              ignore the cache and render again
  --no-audio           videos without narration: no audio or subtitle track, no .vtt
  --project FILE       render another project file (default: scenes/chapter12.ts)
  --shard K/N          render only the K-th of N balanced slices (1 ≤ K ≤ N) into
                       <out>/shards/ (segments and a manifest), for many machines;
                       auto/N takes K from JOB_COMPLETION_INDEX or
                       AWS_BATCH_JOB_ARRAY_INDEX (0-based); see docs/distributed.md
  --assemble DIR       join the shards in DIR into the scene and project MP4s
                       (stream copy), refusing missing or mismatched shards
  --help               show this help

Environment: CHROME_PATH (browser), FFMPEG_PATH, FFPROBE_PATH.
Unchanged scenes (same sources, imports, .meta, settings and browser) are
"cached" and not rendered again, once their file is checked against the size
and SHA-256 recorded when it was written; the cache lives in
<out>/.mc-render-cache/, one small file per output.
Exit codes: 0 done, 1 failed, 2 bad command line, 130 cancelled.`;

export {UsageError};

function positiveNumber(
  flag: string,
  value: string | undefined,
  integer: boolean,
) {
  const what = integer ? 'a positive integer' : 'a positive number';
  if (value === undefined || value.startsWith('--')) {
    throw new UsageError(`${flag}: expected ${what}, got nothing`);
  }
  const n = Number(value);
  if (
    !/^\s*[0-9.eE+]+\s*$/.test(value) ||
    !Number.isFinite(n) ||
    n <= 0 ||
    (integer && !Number.isInteger(n))
  ) {
    throw new UsageError(`${flag}: expected ${what}, got "${value}"`);
  }
  return n;
}

/** The number of `--fps`: a frame rate from 1 to 240. */
export function frameRate(value: string | undefined): number {
  const expected = '--fps: expected a frame rate from 1 to 240';
  if (value === undefined || value.startsWith('--')) {
    throw new UsageError(`${expected}, got nothing`);
  }
  const n = Number(value);
  if (
    !/^\s*[0-9.eE+]+\s*$/.test(value) ||
    !Number.isFinite(n) ||
    n < 1 ||
    n > 240
  ) {
    throw new UsageError(`${expected}, got "${value}"`);
  }
  return n;
}

/** Parses the CLI's arguments (without `node script`). */
export function parseArgs(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): CliOptions {
  const options: CliOptions = {
    scenes: [],
    list: false,
    help: false,
    preset: DEFAULT_PRESET,
    fps: PRESETS[DEFAULT_PRESET].fps,
    range: null,
    still: null,
    contactSheet: false,
    outDir: 'output',
    jobs: defaultJobs(),
    force: false,
    project: null,
    shard: null,
    assemble: null,
    noAudio: false,
  };
  let fps: number | null = null;
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i];
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const flag = eq > 0 ? raw.slice(0, eq) : raw;
    const inline = eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = () => {
      const v = inline ?? argv[++i];
      return v;
    };
    switch (flag) {
      case '--help':
      case '-h':
        options.help = true;
        break;
      case '--list':
        options.list = true;
        break;
      case '--force':
        options.force = true;
        break;
      case '--no-audio':
        options.noAudio = true;
        break;
      case '--contact-sheet':
        options.contactSheet = true;
        break;
      case '--preset': {
        const v = value();
        if (v === undefined || !isPresetName(v)) {
          throw new UsageError(
            `--preset: expected one of ${Object.keys(PRESETS).join(', ')}, got ${
              v === undefined ? 'nothing' : `"${v}"`
            }`,
          );
        }
        options.preset = v;
        break;
      }
      case '--fps': {
        const v = value();
        fps = frameRate(v);
        break;
      }
      case '--range': {
        const v = value();
        options.range = parseRange(v);
        break;
      }
      case '--still': {
        const v = value();
        const n = Number(v);
        if (
          v === undefined ||
          !/^\s*[0-9.eE+]+\s*$/.test(v) ||
          !Number.isFinite(n) ||
          n < 0
        ) {
          throw new UsageError(
            `--still: expected a time in seconds ≥ 0, got ${v === undefined ? 'nothing' : `"${v}"`}`,
          );
        }
        options.still = n;
        break;
      }
      case '--out': {
        const v = value();
        if (!v)
          throw new UsageError('--out: expected a directory, got nothing');
        options.outDir = v;
        break;
      }
      case '--project': {
        const v = value();
        if (!v)
          throw new UsageError(
            '--project: expected a project file, got nothing',
          );
        options.project = v;
        break;
      }
      case '--shard': {
        options.shard = parseShard(value(), env);
        break;
      }
      case '--assemble': {
        const v = value();
        if (!v || v.startsWith('--'))
          throw new UsageError(
            '--assemble: expected the directory the shards wrote to, got nothing',
          );
        options.assemble = v;
        break;
      }
      case '--jobs': {
        options.jobs = positiveNumber('--jobs', value(), true);
        break;
      }
      default:
        if (raw.startsWith('-')) {
          throw new UsageError(`unknown option "${raw}" (see --help)`);
        }
        if (!options.scenes.includes(raw)) options.scenes.push(raw);
    }
  }
  options.fps = fps ?? PRESETS[options.preset].fps;
  if (options.still !== null && options.contactSheet) {
    throw new UsageError(
      '--still and --contact-sheet: expected one of them, got both',
    );
  }
  if (options.still !== null && options.range) {
    throw new UsageError('--still and --range: expected one of them, got both');
  }
  if (options.shard) {
    const other =
      options.still !== null
        ? '--still'
        : options.contactSheet
          ? '--contact-sheet'
          : options.list
            ? '--list'
            : options.assemble !== null
              ? '--assemble'
              : null;
    if (other) {
      throw new UsageError(
        `--shard and ${other}: expected one of them, got both (--shard renders videos)`,
      );
    }
  }
  if (options.assemble !== null) {
    const other = options.scenes.length
      ? `scene "${options.scenes[0]}"`
      : options.still !== null
        ? '--still'
        : options.contactSheet
          ? '--contact-sheet'
          : options.list
            ? '--list'
            : options.range
              ? '--range'
              : null;
    if (other) {
      throw new UsageError(
        `--assemble and ${other}: expected --assemble DIR alone (the shards' manifests say what to join)`,
      );
    }
  }
  return options;
}
