/**
 * Encoding in segments, and rendering one shard of a render
 * (`--shard K/N`): its segments into `<out>/shards/K-of-N/`, then its
 * manifest, `<out>/shards/K-of-N.json`. See shard.ts for the plan.
 */
import {execFileSync} from 'node:child_process';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type {BeatSpan} from '../beats';
import type {CliOptions} from './args';
import type {CancelSignal} from './cancel';
import {
  hashFile,
  hashFiles,
  recordOutput,
  sceneSources,
  sha256,
  whyNotCached,
} from './cache';
import {chapterMetadata, concatList, joinArgs} from './chapters';
import {
  runTool,
  lazyEncoder,
  startEncoder,
  x264Args,
  type Encoder,
  type VideoSettings,
} from './encode';
import {fileError, RenderError} from './errors';
import {
  displayPath,
  removeStaleTemps,
  tempFile,
  writeFileAtomic,
} from './files';
import {rangeToFrames} from './frameRange';
import type {
  FramePipeline,
  PageProjectInfo,
  PageSceneInfo,
  PageTimings,
} from './page';
import {hashTree} from './moduleGraph';
import {relativeName, REPO_ROOT} from './paths';
import type {ProgressCallback} from './progress';
import type {ProjectPage, Session} from './session';
import {relayHeldFrames} from './relay';
import {withStillFallback} from './stillFallback';
import {renderedLine, sumTimings} from './timings';
import {
  hashJson,
  manifestName,
  MANIFEST_FORMAT,
  planShards,
  runsOf,
  SEGMENT_SECONDS,
  segmentDir,
  segmentFrames,
  segmentName,
  shardName,
  SHARDS_DIR,
  parseManifest,
  parseManifestName,
  type ManifestSegment,
  type PlannedSegment,
  type ReadManifest,
  type ShardManifest,
  type ShardPlan,
  type ShardSound,
  type ShardSpec,
} from './shard';
import {NARRATION_BEAT} from '../narration/timing';

/**
 * The share of a segment's frames that must be repeats of the frame before
 * for the next segment to be relayed (see relay.ts). Measured on two
 * cores: relaying costs about 14 ms of CPU a frame (the decoded frame's
 * 3 MB through this process and a second ffmpeg) and saves about 27 ms a
 * repeat; the bench scene (28% repeats) rendered 12% slower relayed
 * whole, 08-jacobian at 20-30 s (89%) 34% faster. Chosen segment by
 * segment (hd, 2 cores): the bench 41.8 fps either way, 01-title 56.5 ->
 * 66.5 fps, 08-jacobian 34.8 -> 36.2 fps. A scene's first segment is never
 * relayed (nothing is known of it yet).
 */
export const RELAY_ABOVE = 0.5;

/** MC_RENDER_RELAY=0 turns relaying off (the same files, for comparison). */
const RELAY = process.env.MC_RENDER_RELAY !== '0';

/** Whether the segment after one of `frames` frames, `repeats` of them repeats, is relayed. */
export function relayNext(repeats: number, frames: number): boolean {
  return RELAY && repeats > RELAY_ABOVE * frames;
}

/**
 * An encoder writing consecutive frames into one file per segment:
 * `lengths[i]` frames into `outputs[i]`, each its own x264 stream. The
 * next segment's ffmpeg starts as soon as the previous one has its frames.
 * With `relay`, a segment that follows one of mostly repeated frames is
 * relayed: its repeats are not decoded again (relay.ts; the same files
 * either way).
 */
export function startSegmentedEncoder(
  ffmpeg: string,
  settings: VideoSettings,
  outputs: string[],
  lengths: number[],
  signal: CancelSignal,
  relay = false,
): Encoder {
  const encoders: Encoder[] = [];
  const finishing: Promise<void>[] = [];
  let segment = 0;
  let written = 0;
  let repeats = 0;
  let relayed = false;
  let relayedCount = 0;
  const open = () => {
    const file = outputs[segment];
    const relaying = relayed;
    // Started by the segment's first frame: PNGs or yuv frames (the relay
    // is for PNGs; yuv frames cost ffmpeg no decoding to begin with).
    encoders.push(
      lazyEncoder(kind => {
        if (!relaying || kind !== 'png') {
          return startEncoder(ffmpeg, x264Args(settings, file, kind), signal);
        }
        relayedCount++;
        return relayHeldFrames(
          ffmpeg,
          settings,
          signal,
          startEncoder(ffmpeg, x264Args(settings, file, 'yuv'), signal),
        );
      }),
    );
  };
  open();
  return {
    get pid() {
      return encoders[encoders.length - 1].pid;
    },
    relayed: () => relayedCount,
    async write(frame, repeat = false, kind = 'png') {
      if (written === lengths[segment] && segment < lengths.length - 1) {
        const done = encoders[encoders.length - 1].finish();
        // Reported by finish(); not an unhandled rejection meanwhile.
        done.catch(() => undefined);
        finishing.push(done);
        relayed = relay && relayNext(repeats, written);
        segment++;
        written = 0;
        repeats = 0;
        open();
      }
      written++;
      if (repeat) repeats++;
      // A relayed segment decodes its first frame whatever it repeats.
      await encoders[encoders.length - 1].write(
        frame,
        repeat && written > 1,
        kind,
      );
    },
    async finish() {
      finishing.push(encoders[encoders.length - 1].finish());
      await Promise.all(finishing);
    },
    kill() {
      for (const e of encoders) e.kill();
    },
    async failure(ms) {
      for (const e of encoders) {
        const error = await e.failure(ms);
        if (error) return error;
      }
      return null;
    },
  };
}

/**
 * Joins MP4s by stream copy into `output` (temporary name, then renamed),
 * with one chapter per part when `chapters` is given.
 */
export async function concatCopy(
  ffmpeg: string,
  files: string[],
  output: string,
  signal: CancelSignal,
  chapters: {
    title: string;
    parts: {title: string; frames: number}[];
    fps: number;
  } | null = null,
): Promise<void> {
  const temps = [output, output + '.txt', output + '.meta.txt'].map(f =>
    tempFile(signal, f),
  );
  const [temp, list, meta] = temps.map(t => t.path);
  try {
    writeFileSync(list, concatList(files.map(f => path.resolve(f))));
    let args: string[];
    if (chapters) {
      writeFileSync(
        meta,
        chapterMetadata(
          chapters.title,
          chapters.parts.map((p, i) => ({...p, file: files[i]})),
          chapters.fps,
        ),
      );
      args = joinArgs(list, meta, temp);
    } else {
      args = [
        ...['-hide_banner', '-loglevel', 'error', '-y'],
        ...['-f', 'concat', '-safe', '0', '-i', list],
        ...['-c', 'copy', '-movflags', '+faststart', '-f', 'mp4', temp],
      ];
    }
    await runTool(ffmpeg, args, signal);
    renameSync(temp, output);
  } finally {
    for (const t of temps) t.dispose();
  }
}

/**
 * Joins scene MP4s, in order, into the project's MP4 by stream copy, with
 * one chapter marker per scene.
 */
export function joinScenes(
  ffmpeg: string,
  title: string,
  scenes: readonly {scene: string; file: string; frames: number}[],
  output: string,
  fps: number,
  signal: CancelSignal,
): Promise<void> {
  return concatCopy(
    ffmpeg,
    scenes.map(s => s.file),
    output,
    signal,
    {
      title,
      parts: scenes.map(s => ({title: s.scene, frames: s.frames})),
      fps,
    },
  );
}

/**
 * An encoder writing one MP4, `file`, encoded in segments of the given
 * lengths (see shard.ts) and joined by stream copy when it finishes: the
 * same frames as the segments a sharded render writes. With `relay`,
 * segments of mostly repeated frames are relayed (see startSegmentedEncoder).
 */
export function startEncoderInSegments(
  ffmpeg: string,
  settings: VideoSettings,
  file: string,
  lengths: number[],
  signal: CancelSignal,
  relay = false,
): Encoder {
  if (lengths.length <= 1) {
    return lazyEncoder(kind =>
      startEncoder(ffmpeg, x264Args(settings, file, kind), signal),
    );
  }
  const temps = lengths.map((_, i) => tempFile(signal, `${file}.seg${i}.mp4`));
  const parts = temps.map(t => t.path);
  const removeParts = () => {
    for (const t of temps) t.dispose();
  };
  const inner = startSegmentedEncoder(
    ffmpeg,
    settings,
    parts,
    lengths,
    signal,
    relay,
  );
  return {
    get pid() {
      return inner.pid;
    },
    write: (frame, repeat, kind) => inner.write(frame, repeat, kind),
    relayed: () => inner.relayed?.() ?? 0,
    async finish() {
      try {
        await inner.finish();
        await concatCopy(ffmpeg, parts, file, signal);
      } finally {
        removeParts();
      }
    },
    kill() {
      inner.kill();
      removeParts();
    },
    failure: ms => inner.failure(ms),
  };
}

/** ffmpeg's version line, e.g. "ffmpeg version 7.0.2-static". */
export function ffmpegVersion(ffmpeg: string): string {
  try {
    const out = execFileSync(ffmpeg, ['-hide_banner', '-version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 15_000,
    });
    return out
      .split('\n')[0]
      .replace(/\s+Copyright.*$/, '')
      .trim();
  } catch {
    return `ffmpeg at ${ffmpeg}`;
  }
}

/** The costs file (ms a frame per scene), kept with the shards. */
export const COSTS_FILE = `${SHARDS_DIR}/costs.json`;

/** The recorded costs in an output directory ({} when none or unreadable). */
export function readCosts(outDir: string): Record<string, number> {
  try {
    const data = JSON.parse(
      readFileSync(path.join(outDir, COSTS_FILE), 'utf8'),
    ) as unknown;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      return {};
    }
    return Object.fromEntries(
      Object.entries(data).filter(
        ([, v]) => typeof v === 'number' && Number.isFinite(v) && v > 0,
      ),
    ) as Record<string, number>;
  } catch {
    return {};
  }
}

/** Reads every manifest in `<dir>/shards/` (unusable ones with the reason). */
export function readManifests(dir: string): ReadManifest[] {
  let names: string[];
  try {
    names = readdirSync(path.join(dir, SHARDS_DIR));
  } catch {
    return [];
  }
  const found: ReadManifest[] = [];
  for (const name of names.sort()) {
    const shard = parseManifestName(name);
    if (!shard) continue;
    let text: string;
    try {
      text = readFileSync(path.join(dir, SHARDS_DIR, name), 'utf8');
    } catch (error) {
      found.push({shard, problem: (error as Error).message});
      continue;
    }
    const manifest = parseManifest(text);
    if (typeof manifest === 'string') {
      found.push({shard, problem: manifest});
    } else if (
      manifest.shard.index !== shard.index ||
      manifest.shard.count !== shard.count
    ) {
      found.push({
        shard,
        problem: `it says shard ${shardName(manifest.shard)}`,
      });
    } else {
      found.push({shard, manifest});
    }
  }
  return found;
}

/**
 * The costs a shard is planned with: those of the newest manifest of the
 * same shard count already in `outDir` (so that shards run again keep the
 * split of the first run), else the recorded costs (COSTS_FILE).
 */
export function planCosts(
  outDir: string,
  count: number,
): Record<string, number> {
  const previous = readManifests(outDir)
    .flatMap(f => ('manifest' in f ? [f.manifest] : []))
    .filter(m => m.shard.count === count)
    .sort((x, y) => y.finished.localeCompare(x.finished));
  return previous.length ? previous[0].costs : readCosts(outDir);
}

/**
 * A project file as a manifest names it: relative to the repository when
 * inside it (the same on every machine with a checkout), else absolute.
 */
export function projectFileName(file: string): string {
  const rel = relativeName(path.resolve(file));
  return rel.startsWith('..') || path.isAbsolute(rel)
    ? path.resolve(file)
    : rel;
}

/** The project file a manifest names, on this machine. */
export function projectFileOf(name: string): string {
  return path.resolve(REPO_ROOT, name);
}

/** What a shard's render needs from the shard command (video.ts). */
export interface ShardContext {
  /** The run's cancel signal: ffmpeg and the segments' temporary files. */
  signal: CancelSignal;
  session: Session;
  pages: ProjectPage[];
  info: PageProjectInfo;
  selected: PageSceneInfo[];
  options: CliOptions;
  shard: ShardSpec;
  outDir: string;
  projectFile: string;
  ffmpeg: string;
  fps: number;
  resolutionScale: number;
  /** The render's settings key (video.ts), browser and all. */
  settingsKey: Record<string, unknown>;
  x264: {preset: string; crf: number; threads: number; params?: string};
  /** Frames in flight and PNG workers of a page (video.ts). */
  pipeline: FramePipeline;
  /** The sound --assemble gives the videos. */
  sound: ShardSound;
  /** The scenes that have narration blocks (their beats are recorded). */
  narrated: ReadonlySet<string>;
  log: (line: string) => void;
  note: (line: string) => void;
  progress: ProgressCallback;
}

/** What one shard did. */
export interface ShardResult {
  manifest: ShardManifest;
  rendered: number;
  reused: number;
  frames: number;
  seconds: number;
}

/**
 * Renders shard K of N: its share of the segments of the selected scenes,
 * each written under a temporary name and renamed into place, then its
 * manifest (the old one is removed first, so that a shard that fails
 * leaves none). Segments unchanged since an earlier run of the same shard
 * are reused (the render cache), and the shard's segments no longer in its
 * share are removed. Nothing of other shards is touched.
 */
export async function renderShard(
  ctx: ShardContext,
  openPage: () => Promise<ProjectPage>,
): Promise<ShardResult> {
  const start = Date.now();
  const {info, shard, outDir, fps, options} = ctx;
  const size = segmentFrames(fps);
  const scenes = ctx.selected.map(scene => ({
    name: scene.name,
    ...rangeToFrames(options.range, fps, scene.frames, `scene "${scene.name}"`),
  }));
  const costs = planCosts(outDir, shard.count);
  const mine = planShards(scenes, size, shard.count, costs).filter(
    s => s.shard === shard.index,
  );
  const plan: ShardPlan = {
    project: info.name,
    width: info.width,
    height: info.height,
    fps,
    range: options.range,
    segmentFrames: size,
    scenes,
    joinProject: options.scenes.length === 0 && !options.range,
    projectFile: projectFileName(ctx.projectFile),
    sound: ctx.sound,
    timeline: Object.fromEntries(
      ctx.selected.map(s => [
        s.name,
        {frames: s.frames, firstFrame: s.firstFrame},
      ]),
    ),
  };
  const root = ctx.projectFile.startsWith(REPO_ROOT + path.sep)
    ? REPO_ROOT
    : path.dirname(ctx.projectFile);
  const sources: Record<string, string> = {};
  const sceneKeys: Record<string, string> = {};
  for (const scene of scenes) {
    const files = sceneSources(
      ctx.session.server.vite,
      ctx.projectFile,
      scene.name,
    );
    sources[scene.name] = hashTree(files, root);
    sceneKeys[scene.name] = hashFiles(files);
  }
  const browser = ctx.session.browser.identity;
  // The browser is said below by version and kind, not by its path.
  const {browser: _browserPath, ...settings} = ctx.settingsKey;
  void _browserPath;
  const build = {
    sources,
    // The render settings, and the renderer's own code (moduleGraph.ts
    // hashes its modules by paths relative to the repository: alike
    // everywhere).
    settings: hashJson({...settings, segmentSeconds: SEGMENT_SECONDS}),
    ffmpeg: ffmpegVersion(ctx.ffmpeg),
    browser: `${browser.version} (${browser.source})`,
  };

  // The old manifest goes first: a shard that fails leaves none behind.
  const manifestFile = path.join(outDir, manifestName(shard));
  const dir = path.join(outDir, segmentDir(shard));
  try {
    mkdirSync(dir, {recursive: true});
    rmSync(manifestFile, {force: true});
  } catch (error) {
    throw fileError('write', displayPath(dir), error);
  }
  removeStaleTemps(dir);

  const keyOf = (s: PlannedSegment) =>
    sha256(
      JSON.stringify({
        settingsKey: ctx.settingsKey,
        segmentSeconds: SEGMENT_SECONDS,
        sources: sceneKeys[s.scene],
        scene: s.scene,
        from: s.from,
        to: s.to,
      }),
    );
  const done = new Map<PlannedSegment, ManifestSegment>();
  const todo: PlannedSegment[] = [];
  for (const s of mine) {
    const name = segmentName(shard, s);
    const why = options.force
      ? 'forced'
      : await whyNotCached(outDir, name, keyOf(s), ctx.note);
    if (why === null) {
      const {size: bytes, sha256: digest} = await hashFile(
        path.join(outDir, name),
      );
      done.set(s, {...s, file: name, size: bytes, sha256: digest, ms: 0});
    } else {
      todo.push(s);
    }
  }
  const reused = done.size;
  const total = todo.reduce((n, s) => n + s.to - s.from, 0);
  const label = `shard ${shardName(shard)}`;
  const frames = (list: PlannedSegment[]) =>
    list.reduce((n, s) => n + s.to - s.from, 0);
  ctx.log(
    `${label}: ${mine.length} of ${plan.scenes.reduce((n, s) => n + Math.max(1, Math.round((s.to - s.from) / size)), 0)} segments` +
      ` (${frames(mine)} of ${scenes.reduce((n, s) => n + s.to - s.from, 0)} frames)` +
      (reused ? `, ${reused} unchanged` : ''),
  );

  // Contiguous runs of segments, each rendered from one seek; split in two
  // while pages are idle.
  const units = todo.length
    ? runsOf(todo).flatMap(run => {
        const byScene: PlannedSegment[][] = [];
        for (const s of run) {
          const last = byScene[byScene.length - 1];
          if (last && last[0].scene === s.scene) last.push(s);
          else byScene.push([s]);
        }
        return byScene;
      })
    : [];
  const pageCount = Math.min(options.jobs, todo.length);
  while (units.length < pageCount) {
    let widest = 0;
    for (let i = 1; i < units.length; i++) {
      if (units[i].length > units[widest].length) widest = i;
    }
    if (units[widest].length < 2) break;
    const run = units[widest];
    const half = Math.ceil(run.length / 2);
    units.splice(widest, 1, run.slice(0, half), run.slice(half));
  }
  const pages = [...ctx.pages];
  while (pages.length < Math.min(pageCount, units.length)) {
    pages.push(await openPage());
  }
  let framesDone = 0;
  /** What each scene's units drew, for its "rendered" line. */
  const drawn = new Map<
    string,
    {frames: number; began: number; ended: number; timings: PageTimings[]}
  >();
  ctx.progress({stage: 'rendering', scene: label, done: 0, total});
  // A scene whose picture changes outside signals is rendered again,
  // drawing every frame (stillFallback.ts).
  const renderUnit = (unit: PlannedSegment[], page: ProjectPage) =>
    withStillFallback(
      ctx.pipeline.stillFrames,
      unit[0].scene,
      ctx.note,
      stillFrames => renderUnitOnce(unit, page, stillFrames),
    );
  const renderUnitOnce = async (
    unit: PlannedSegment[],
    page: ProjectPage,
    stillFrames: boolean,
  ) => {
    const scene = ctx.selected.find(s => s.name === unit[0].scene)!;
    const names = unit.map(s => segmentName(shard, s));
    const temps = names.map(n => tempFile(ctx.signal, path.join(outDir, n)));
    const began = Date.now();
    /** Frames of this attempt, taken back from the count if it fails. */
    let unitDone = 0;
    const sink = ctx.session.server.openSink({
      async frame(_index, data, repeat, kind) {
        await encoder.write(data, repeat, kind);
        unitDone++;
        ctx.progress({
          stage: 'rendering',
          scene: label,
          done: ++framesDone,
          total,
        });
      },
    });
    const encoder = startSegmentedEncoder(
      ctx.ffmpeg,
      {width: info.width, height: info.height, fps, ...ctx.x264},
      temps.map(t => t.path),
      unit.map(s => s.to - s.from),
      ctx.signal,
      ctx.pipeline.heldFrames,
    );
    try {
      const result = await page.call('render', {
        scene: scene.name,
        from: unit[0].from,
        to: unit[unit.length - 1].to,
        fps,
        resolutionScale: ctx.resolutionScale,
        stream: sink.stream,
        ...ctx.pipeline,
        stillFrames,
      });
      await encoder.finish();
      const ms = Date.now() - began;
      const frames = unit[unit.length - 1].to - unit[0].from;
      const sceneDrawn = drawn.get(scene.name) ?? {
        frames: 0,
        began,
        ended: began,
        timings: [],
      };
      drawn.set(scene.name, {
        frames: sceneDrawn.frames + frames,
        began: Math.min(sceneDrawn.began, began),
        ended: Date.now(),
        timings: [
          ...sceneDrawn.timings,
          {
            ...result.timings,
            segments: unit.length,
            relayed: encoder.relayed?.() ?? 0,
          },
        ],
      });
      for (let i = 0; i < unit.length; i++) {
        renameSync(temps[i].path, path.join(outDir, names[i]));
        const entry = await recordOutput(outDir, names[i], keyOf(unit[i]));
        done.set(unit[i], {
          ...unit[i],
          file: names[i],
          size: entry.size,
          sha256: entry.sha256,
          ms: Math.round((ms * (unit[i].to - unit[i].from)) / frames),
        });
      }
    } catch (error) {
      framesDone -= unitDone;
      const ffmpegError = await encoder.failure();
      encoder.kill();
      throw ffmpegError ?? error;
    } finally {
      sink.close();
      for (const t of temps) t.dispose();
    }
  };
  let next = 0;
  await Promise.all(
    pages.slice(0, Math.max(1, units.length)).map(async page => {
      while (next < units.length) await renderUnit(units[next++], page);
    }),
  );
  // Each scene's line, as a one-process render prints it.
  for (const scene of ctx.selected) {
    const d = drawn.get(scene.name);
    if (!d) continue;
    ctx.log(
      renderedLine(
        scene.name,
        d.frames,
        (d.ended - d.began) / 1000,
        dir,
        sumTimings(d.timings),
      ),
    );
  }

  // Where each narration block of this shard's scenes starts: --assemble
  // places the narration by them, with no browser.
  const beats: Record<string, BeatSpan[]> = {};
  if (ctx.sound.kind === 'narration') {
    for (const name of new Set(mine.map(s => s.scene))) {
      if (!ctx.narrated.has(name)) continue;
      const played = await ctx.pages[0].call('beats', {
        scene: name,
        fps,
        resolutionScale: ctx.resolutionScale,
      });
      beats[name] = played.beats
        .filter(b => b.name.startsWith(NARRATION_BEAT))
        .map(({name, start, end}) => ({name, start, end}));
    }
  }

  const seconds = (Date.now() - start) / 1000;
  const manifest: ShardManifest = {
    format: MANIFEST_FORMAT,
    shard,
    plan,
    costs,
    build,
    buildHash: hashJson(build),
    segments: mine.map(s => {
      const d = done.get(s);
      if (!d)
        throw new RenderError(
          `${label}: segment ${s.scene} ${s.from}-${s.to} was not written`,
        );
      return d;
    }),
    beats,
    finished: new Date().toISOString(),
    seconds,
  };
  writeFileAtomic(manifestFile, JSON.stringify(manifest, undefined, 1) + '\n');
  // This shard's segments of an earlier plan: no longer listed, removed.
  const keep = new Set(manifest.segments.map(s => path.basename(s.file)));
  for (const name of readdirSync(dir)) {
    if (name.endsWith('.mp4') && !name.startsWith('.') && !keep.has(name)) {
      rmSync(path.join(dir, name), {force: true});
    }
  }
  ctx.log(
    `${label}: rendered ${todo.length} segment${todo.length === 1 ? '' : 's'} (${total} frames) in ${seconds.toFixed(1)} s` +
      `${reused ? `, reused ${reused}` : ''} -> ${displayPath(manifestFile)}`,
  );
  return {
    manifest,
    rendered: todo.length,
    reused,
    frames: total,
    seconds,
  };
}
