/**
 * The video commands: `npm run render` (each scene to `<out>/<scene>.mp4`,
 * and with no scene named the whole project, joined) and `--shard K/N`
 * (one slice of the segments, for --assemble). videoCommand reads top to
 * bottom: plan the work with the cache, render the scenes (one page each,
 * or one scene in chunks on several), give the videos their sound, join the
 * chapter, record the run.
 */
import {existsSync, renameSync} from 'node:fs';
import path from 'node:path';
import type {CliOptions} from './args';
import {
  chapterTrack,
  narrateChapter,
  narrateScenes,
  placeBlocks,
  prepareNarration,
  readProjectAudio,
} from './audio';
import type {
  PlacedBlock,
  PreparedNarration,
  ProjectAudio,
  VoicedScene,
} from './audio';
import type {BeatSpan} from '../beats';
import {
  hashFiles,
  recordOutput,
  sceneSources,
  sha256,
  whyNotCached,
} from './cache';
import type {CancelSignal} from './cancel';
import {X264, type Encoder} from './encode';
import {displayPath, tempFile} from './files';
import {rangeToFrames, type FrameRange} from './frameRange';
import {rendererKey} from './moduleGraph';
import type {
  FramePipeline,
  PageProjectInfo,
  PageSceneInfo,
  PageTimings,
} from './pageTypes';
import {REPO_ROOT} from './paths';
import {
  commandRun,
  prepareProject,
  selectedScenes,
  withProject,
  type CommandHooks,
  type CommandOutput,
  type OpenedProject,
  type SceneResult,
} from './project';
import {
  answerable,
  narrationInputs,
  projectAudioInputs,
  recordRun,
  runKey,
} from './runRecord';
import {
  concatCopy,
  joinScenes,
  renderShard,
  startEncoderInSegments,
} from './segments';
import type {ProjectPage, Session} from './session';
import {
  planShards,
  SEGMENT_SECONDS,
  segmentFrames,
  segmentLengths,
} from './shard';
import {withStillFallback} from './stillFallback';
import {renderedLine, sumTimings} from './timings';

/** Bumped when a change to the renderer changes pixels, encoding or keys. */
const RENDERER_VERSION = 5;

/**
 * How many frames the page keeps in flight and how many workers encode them.
 *
 * @remarks
 * Measured on the bench scene (2 cores): 2 workers and 6 frames in flight
 * 26.2 fps; 1 and 4: 21.3; 2 and 4: 23.1; 3 and 8: 24.5.
 */
export const FRAME_PIPELINE: FramePipeline = {
  inFlight: 6,
  workers: 2,
  // Frames equal to the one before are sent as repeats (framePool.ts).
  heldFrames: process.env.MC_RENDER_HELD_FRAMES !== '0',
  // yuv420p patches of what changed (yuvFrames.ts); MC_RENDER_FRAMES=png
  // sends PNGs, the way before them (for comparison).
  frames: process.env.MC_RENDER_FRAMES === 'png' ? 'png' : 'yuv',
  // Held frames where nothing changed are not even drawn (page.ts).
  stillFrames: process.env.MC_RENDER_STILL_FRAMES !== '0',
};

/** `npm run render [scene ...]`: the scene MP4s, and the project's. */
export async function videoCommand(
  options: CliOptions,
  hooks: CommandHooks,
): Promise<CommandOutput> {
  const run = commandRun(options, hooks);
  const files = await prepareProject(run);
  // The inputs as they are now (narration timings written): recorded with
  // the outputs of a complete video render, for the no-op check (runRecord.ts).
  const runKeyNow = answerable(options)
    ? runKey(options, files.projectFile, [
        ...narrationInputs(files.projectFile),
        ...projectAudioInputs(files.projectFile),
      ])
    : null;
  return withProject(run, files, async opened => {
    const selected = selectedScenes(opened);
    const project = await videoProject(opened);
    const plan = await planScenes(project, selected);
    // Each scene's narration is muxed as soon as its pictures are done,
    // while the next scene renders (its beats read before rendering starts:
    // the page is busy after).
    const beats = await narratedBeats(project, selected);
    const voicing = narrationQueue(
      project,
      plan.keys,
      async scene => beats.get(scene) ?? [],
    );
    // The chapter's narration track, made while the scenes render.
    const prepared =
      plan.work.length > 0 ? prepareChapterNarration(project, beats) : null;
    let rendered: SceneResult[];
    try {
      rendered = await renderScenes(project, plan, selected, voicing.add);
    } finally {
      // On failure the run's signal kills what is still running and
      // removes its files (the prepared track's too).
      await voicing.settled();
    }
    const results = inSceneOrder(project.info, [...plan.cached, ...rendered]);
    for (const r of results) {
      if (!r.cached) {
        project.log(
          renderedLine(r.scene, r.frames, r.seconds, r.file, r.timings),
        );
      }
    }
    const voiced = await voicing.finish(results);
    try {
      if (joinsProject(options)) {
        await joinChapter(project, results, plan.keys, voiced, prepared);
      }
    } finally {
      // Removed once its ffmpeg is done, used or not.
      await prepared?.aac.catch(() => undefined);
      prepared?.dispose();
    }
    if (runKeyNow) await recordVideoRun(project, runKeyNow, results);
    return {results, info: project.info};
  });
}

/** `--shard K/N`: this shard's segments and manifest (segments.ts). */
export async function shardCommand(
  options: CliOptions,
  hooks: CommandHooks,
): Promise<CommandOutput> {
  const shard = options.shard;
  if (!shard) throw new Error('shardCommand: expected --shard');
  const run = commandRun(options, hooks);
  const files = await prepareProject(run);
  return withProject(run, files, async opened => {
    const selected = selectedScenes(opened);
    const project = await videoProject(opened);
    const {session, narration, projectAudio} = project;
    await renderShard(
      {
        signal: project.signal,
        session,
        pages: [project.page],
        info: project.info,
        selected,
        options,
        shard,
        outDir: project.outDir,
        projectFile: project.projectFile,
        ffmpeg: project.ffmpeg,
        fps: project.fps,
        resolutionScale: project.resolutionScale,
        settingsKey: project.settingsKey,
        x264: X264,
        pipeline: FRAME_PIPELINE,
        sound: options.noAudio
          ? {kind: 'silent'}
          : narration
            ? {kind: 'narration'}
            : projectAudio
              ? {
                  kind: 'project',
                  url: projectAudio.url,
                  offset: projectAudio.offset,
                }
              : {kind: 'silent'},
        narrated: new Set(
          Object.entries(narration?.scenes ?? {})
            .filter(([, blocks]) => blocks.length > 0)
            .map(([scene]) => scene),
        ),
        log: project.log,
        note: project.note,
        progress: project.progress,
      },
      () => session.openPage(),
    );
    return {results: [], info: project.info};
  });
}

/** A project opened for videos, with what every video step needs. */
interface VideoProject extends OpenedProject {
  /** What every output's cache key holds besides its sources and frames. */
  settingsKey: Record<string, unknown>;
  /** The project's own audio (none when narrated or --no-audio). */
  projectAudio: ProjectAudio | null;
}

/** One scene to render: its frames, its output and the output's key. */
interface PlannedScene {
  scene: PageSceneInfo;
  key: string;
  file: string;
  range: FrameRange;
}

/** What the cache left to do. */
interface VideoPlan {
  /** The scenes whose MP4 is cached (reported already). */
  cached: SceneResult[];
  /** The scenes to render. */
  work: PlannedScene[];
  /** The key of each scene's output, cached or rendered, by file. */
  keys: Map<string, string>;
}

/**
 * The settings every video's key holds, and the project's own audio
 * (makeProject's `audio`), checked before any frame is drawn. A narrated
 * project's `audio` is the editor's mix of the narration, which is muxed
 * per video instead.
 */
async function videoProject(project: OpenedProject): Promise<VideoProject> {
  const {info, fps, resolutionScale, options, session} = project;
  const browser = session.browser.identity;
  const settingsKey = {
    v: RENDERER_VERSION,
    width: info.width,
    height: info.height,
    fps,
    resolutionScale,
    x264: X264,
    range: options.range,
    segmentSeconds: SEGMENT_SECONDS,
    // Debian's Chromium and @sparticuz/chromium draw text differently.
    browser: {version: browser.version, path: browser.path},
    // Every module the command and the render page reach, and the
    // engine's and the encoder's versions (package-lock.json).
    renderer: rendererKey(),
  };
  const projectAudio =
    project.narration || options.noAudio
      ? null
      : await readProjectAudio(
          session,
          project.page,
          project.projectFile,
          project.note,
        );
  return {...project, settingsKey, projectAudio};
}

/**
 * Plans the work: each selected scene's frames, output and key; a scene
 * whose MP4 is cached is reported at once, the others are to render.
 */
async function planScenes(
  project: VideoProject,
  selected: PageSceneInfo[],
): Promise<VideoPlan> {
  const {options, fps, outDir, settingsKey, note, log} = project;
  const plan: VideoPlan = {cached: [], work: [], keys: new Map()};
  for (const scene of selected) {
    const range = rangeToFrames(
      options.range,
      fps,
      scene.frames,
      `scene "${scene.name}"`,
    );
    const suffix = options.range
      ? `@${options.range.start}-${options.range.end}s`
      : '';
    const file = path.join(outDir, `${scene.name}${suffix}.mp4`);
    const sources = sceneSources(
      project.session.server.vite,
      project.projectFile,
      scene.name,
    );
    const key = sha256(
      JSON.stringify({
        settingsKey,
        sources: hashFiles(sources),
        files: sources.map(f => path.relative(REPO_ROOT, f)),
        frames: range,
      }),
    );
    plan.keys.set(file, key);
    const why = options.force
      ? 'forced'
      : await whyNotCached(outDir, path.basename(file), key, note);
    if (why === null) {
      log(`${scene.name}: cached (${displayPath(file)})`);
      plan.cached.push({
        scene: scene.name,
        file,
        frames: range.to - range.from,
        cached: true,
        seconds: 0,
      });
      continue;
    }
    if (/ is missing| bytes, |SHA-256/.test(why)) {
      note(`${scene.name}: rendering again: ${why}`);
    }
    plan.work.push({scene, key, file, range});
  }
  return plan;
}

/**
 * Renders the planned scenes, up to --jobs at once, each on a page of its
 * own; or, when one scene is selected and --jobs is more than 1, that
 * scene in chunks on several pages.
 */
async function renderScenes(
  project: VideoProject,
  {work}: VideoPlan,
  selected: PageSceneInfo[],
  onScene: (result: SceneResult) => void = () => undefined,
): Promise<SceneResult[]> {
  const {options, fps, session} = project;
  const chunked = options.jobs > 1 && selected.length === 1;
  const pages: ProjectPage[] = [project.page];
  const pageCount = Math.min(
    options.jobs,
    chunked ? options.jobs : work.length,
  );
  while (pages.length < pageCount) pages.push(await session.openPage());

  if (
    chunked &&
    work.length === 1 &&
    work[0].range.to - work[0].range.from >= 2 * fps
  ) {
    const result = await renderSceneInChunks(project, work[0], pages);
    onScene(result);
    return [result];
  }
  let next = 0;
  const done: SceneResult[] = [];
  await Promise.all(
    pages.map(async page => {
      while (next < work.length) {
        const result = await renderScene(project, work[next++], page);
        onScene(result);
        done.push(result);
      }
    }),
  );
  return done;
}

/** A scene rendered since `start`: its MP4 recorded in the cache. */
async function recorded(
  project: VideoProject,
  item: PlannedScene,
  start: number,
  timings: PageTimings | undefined,
): Promise<SceneResult> {
  await recordOutput(project.outDir, path.basename(item.file), item.key);
  return {
    scene: item.scene.name,
    file: item.file,
    frames: item.range.to - item.range.from,
    cached: false,
    seconds: (Date.now() - start) / 1000,
    timings,
  };
}

/** Renders one scene on one page into its MP4 and records it in the cache. */
async function renderScene(
  project: VideoProject,
  item: PlannedScene,
  page: ProjectPage,
): Promise<SceneResult> {
  const {progress} = project;
  const scene = item.scene.name;
  const start = Date.now();
  const total = item.range.to - item.range.from;
  progress({stage: 'rendering', scene, done: 0, total});
  const timings = await renderSceneVideo(project.session, page, {
    info: project.info,
    scene: item.scene,
    range: item.range,
    fps: project.fps,
    resolutionScale: project.resolutionScale,
    file: item.file,
    ffmpeg: project.ffmpeg,
    signal: project.signal,
    tee: project.tee,
    note: project.note,
    onFrame: done => progress({stage: 'rendering', scene, done, total}),
    onEncoding: () => progress({stage: 'encoding', scene, done: 0, total: 1}),
  });
  progress({stage: 'encoding', scene, done: 1, total: 1});
  return recorded(project, item, start, timings);
}

/**
 * Renders one scene in chunks of whole segments, one per page at once (the
 * same frames as one page would give), joined by stream copy into its MP4,
 * and records it in the cache.
 */
async function renderSceneInChunks(
  project: VideoProject,
  item: PlannedScene,
  pages: ProjectPage[],
): Promise<SceneResult> {
  const {fps, progress, signal} = project;
  const scene = item.scene.name;
  const planned = planShards(
    [{name: scene, ...item.range}],
    segmentFrames(fps),
    pages.length,
  );
  const chunks = pages
    .map((_, i) => planned.filter(s => s.shard === i + 1))
    .filter(c => c.length > 0)
    .map(c => ({
      from: c[0].from,
      to: c[c.length - 1].to,
      segments: c.map(s => s.to - s.from),
    }));
  const total = item.range.to - item.range.from;
  const counts = chunks.map(() => 0);
  const start = Date.now();
  const parts = chunks.map((_, i) =>
    tempFile(signal, `${item.file}.part${i}.mp4`),
  );
  progress({stage: 'rendering', scene, done: 0, total});
  let timings: PageTimings[];
  try {
    timings = await Promise.all(
      chunks.map((range, i) =>
        renderSceneVideo(project.session, pages[i], {
          info: project.info,
          scene: item.scene,
          range,
          segments: range.segments,
          fps,
          resolutionScale: project.resolutionScale,
          file: parts[i].path,
          ffmpeg: project.ffmpeg,
          signal,
          note: project.note,
          onFrame: done => {
            counts[i] = done;
            progress({
              stage: 'rendering',
              scene,
              done: counts.reduce((a, b) => a + b, 0),
              total,
            });
          },
        }),
      ),
    );
    progress({stage: 'encoding', scene, done: 0, total: 1});
    await concatCopy(
      project.ffmpeg,
      parts.map(p => p.path),
      item.file,
      signal,
    );
    progress({stage: 'encoding', scene, done: 1, total: 1});
  } finally {
    for (const part of parts) part.dispose();
  }
  return recorded(project, item, start, sumTimings(timings));
}

/** The results in the project's scene order. */
function inSceneOrder(
  info: PageProjectInfo,
  results: SceneResult[],
): SceneResult[] {
  const index = (r: SceneResult) =>
    info.scenes.findIndex(s => s.name === r.scene);
  return results.sort((a, b) => index(a) - index(b));
}

/**
 * The named beats of each scene with narration, read from the page (a
 * function of the scene).
 */
async function narratedBeats(
  project: VideoProject,
  selected: PageSceneInfo[],
): Promise<Map<string, readonly BeatSpan[]>> {
  const {fps, resolutionScale} = project;
  const beats = new Map<string, readonly BeatSpan[]>();
  for (const {name} of selected) {
    // Asked for where narration is placed by them (see narrateScenes).
    if (!project.narration?.scenes[name]?.length) continue;
    const answer = await project.page.call('beats', {
      scene: name,
      fps,
      resolutionScale,
    });
    beats.set(name, answer.beats);
  }
  return beats;
}

/**
 * Starts making the whole project's narration track, for the MP4 that joins
 * the scenes: the blocks placed by each scene's beats, one scene after
 * another, as narrateScenes and narrateChapter will place them. Null when
 * the project is not joined or not narrated, or when the blocks cannot be
 * placed (narrateScenes reports why).
 */
function prepareChapterNarration(
  project: VideoProject,
  beats: Map<string, readonly BeatSpan[]>,
) {
  const {options, fps, info, narration} = project;
  if (
    !joinsProject(options) ||
    options.noAudio ||
    project.projectAudio ||
    !narration
  ) {
    return null;
  }
  let voiced: {placed: PlacedBlock[]; seconds: number}[];
  try {
    voiced = info.scenes.map(scene => {
      const seconds = scene.frames / fps;
      const blocks = narration.scenes[scene.name] ?? [];
      return {
        placed:
          blocks.length > 0
            ? placeBlocks(
                scene.name,
                blocks,
                beats.get(scene.name) ?? [],
                seconds,
              )
            : [],
        seconds,
      };
    });
  } catch {
    return null;
  }
  const {placed, seconds} = chapterTrack(voiced);
  return prepareNarration(
    project.ffmpeg,
    placed,
    seconds,
    path.join(project.outDir, `${info.name}.mp4`),
    project.signal,
  );
}

/**
 * Narration and captions (or the project's audio), muxed onto each scene's
 * pictures: `add` a rendered scene to have it done in the background, one
 * scene at a time; `finish` does the cached ones and gives every scene's
 * voice in scene order. `settled` waits for what was added (after a failed
 * render, so that nothing writes after the command ends).
 */
function narrationQueue(
  project: VideoProject,
  keys: Map<string, string>,
  beatsOf: (scene: string) => Promise<readonly BeatSpan[]>,
) {
  const {options, fps, outDir} = project;
  const voiced: VoicedScene[] = [];
  const narrate = (results: SceneResult[]) =>
    narrateScenes({
      beatsOf,
      scenes: project.info.scenes,
      results,
      range: options.range,
      noAudio: options.noAudio,
      fps,
      ffmpeg: project.ffmpeg,
      manifest: project.narration,
      projectAudio: project.projectAudio,
      record: f => recordOutput(outDir, path.basename(f), keys.get(f)!),
      note: project.note,
      signal: project.signal,
    }).then(v => void voiced.push(...v));
  let chain: Promise<void> = Promise.resolve();
  return {
    add: (result: SceneResult) => {
      chain = chain.then(() => narrate([result]));
    },
    settled: () => chain.catch(() => undefined),
    async finish(results: SceneResult[]): Promise<VoicedScene[]> {
      await chain;
      await narrate(results.filter(r => r.cached));
      const index = (scene: string) =>
        project.info.scenes.findIndex(s => s.name === scene);
      return voiced.sort((a, b) => index(a.scene) - index(b.scene));
    },
  };
}

/** True when the command renders the whole project (no scene, no range). */
function joinsProject(options: CliOptions): boolean {
  return options.scenes.length === 0 && !options.range;
}

/** The whole project: the scene MP4s joined, one chapter per scene. */
async function joinChapter(
  project: VideoProject,
  results: SceneResult[],
  keys: Map<string, string>,
  voiced: VoicedScene[],
  prepared: PreparedNarration | null,
): Promise<void> {
  const {info, options, outDir, ffmpeg, note, log, progress, signal} = project;
  const file = path.join(outDir, `${info.name}.mp4`);
  const key = sha256(JSON.stringify(results.map(r => keys.get(r.file))));
  const cacheName = path.basename(file);
  const why = options.force
    ? 'forced'
    : await whyNotCached(outDir, cacheName, key, note);
  if (why === null) {
    log(`${info.name}: cached (${displayPath(file)})`);
  } else {
    progress({stage: 'joining', scene: info.name, done: 0, total: 1});
    await joinScenes(ffmpeg, info.name, results, file, project.fps, signal);
    progress({stage: 'joining', scene: info.name, done: 1, total: 1});
    await recordOutput(outDir, cacheName, key);
    log(
      `${info.name}: joined ${results.length} scenes -> ${displayPath(file)}`,
    );
  }
  await narrateChapter({
    file,
    voiced,
    prepared,
    noAudio: options.noAudio,
    ffmpeg,
    projectAudio: project.projectAudio,
    record: () => recordOutput(outDir, cacheName, key),
    note,
    signal,
  });
}

/**
 * The run record of a complete video render: its key and every output
 * (videos and the captions beside them), for the no-op check.
 */
async function recordVideoRun(
  project: VideoProject,
  key: string,
  results: SceneResult[],
): Promise<void> {
  const {outDir, options, info} = project;
  const videos = [
    ...results.map(r => r.file),
    ...(joinsProject(options) ? [path.join(outDir, `${info.name}.mp4`)] : []),
  ];
  const captions = videos
    .map(f => f.replace(/\.mp4$/, '.vtt'))
    .filter(f => existsSync(f));
  await recordRun(outDir, options, project.projectFile, key, info, results, [
    ...videos,
    ...captions,
  ]);
}

/** Renders a range of one scene into an MP4 (temp name, renamed when done). */
export async function renderSceneVideo(
  session: Session,
  page: ProjectPage,
  opts: {
    info: PageProjectInfo;
    scene: PageSceneInfo;
    range: FrameRange;
    fps: number;
    resolutionScale: number;
    file: string;
    ffmpeg: string;
    /** The run's: kills ffmpeg and removes the temporary files. */
    signal: CancelSignal;
    onFrame?: (done: number) => void;
    tee?: CommandHooks['tee'];
    onEncoding?: () => void;
    /** Frames of each segment (default: the grid of shard.ts on `range`). */
    segments?: number[];
    /** Status lines (a scene rendered again drawing every frame). */
    note?: (line: string) => void;
  },
): Promise<PageTimings> {
  // A scene whose picture changes outside signals is rendered again,
  // drawing every frame (stillFallback.ts).
  return withStillFallback(
    FRAME_PIPELINE.stillFrames,
    opts.scene.name,
    opts.note ?? (() => undefined),
    stillFrames => renderSceneVideoOnce(session, page, opts, stillFrames),
  );
}

/** renderSceneVideo's one attempt, with still frames on or off. */
async function renderSceneVideoOnce(
  session: Session,
  page: ProjectPage,
  opts: Parameters<typeof renderSceneVideo>[2],
  stillFrames: boolean,
): Promise<PageTimings> {
  const lengths =
    opts.segments ?? segmentLengths(opts.range, segmentFrames(opts.fps));
  const temp = tempFile(opts.signal, opts.file);
  let encoder: Encoder | null = null;
  let done = 0;
  const sink = session.server.openSink({
    async frame(index, data, repeat, kind) {
      if (opts.tee) await opts.tee(index, data);
      await encoder!.write(data, repeat, kind);
      opts.onFrame?.(++done);
    },
  });
  try {
    // Encoded in the segments a sharded render makes (same frames).
    encoder = startEncoderInSegments(
      opts.ffmpeg,
      {
        width: opts.info.width,
        height: opts.info.height,
        fps: opts.fps,
        ...X264,
      },
      temp.path,
      lengths,
      opts.signal,
      // Repeats are not decoded again (relay.ts).
      FRAME_PIPELINE.heldFrames,
    );
    const result = await page.call('render', {
      scene: opts.scene.name,
      from: opts.range.from,
      to: opts.range.to,
      fps: opts.fps,
      resolutionScale: opts.resolutionScale,
      stream: sink.stream,
      ...FRAME_PIPELINE,
      stillFrames,
      // `tee` is handed the frames as PNGs.
      ...(opts.tee ? {frames: 'png' as const} : {}),
    });
    opts.onEncoding?.();
    await encoder.finish();
    renameSync(temp.path, opts.file);
    return {
      ...result.timings,
      segments: lengths.length,
      relayed: encoder.relayed?.() ?? 0,
    };
  } catch (error) {
    // When ffmpeg died, the page only saw its frames refused: report ffmpeg.
    const ffmpegError = encoder ? await encoder.failure() : null;
    encoder?.kill();
    throw ffmpegError ?? error;
  } finally {
    temp.dispose();
    sink.close();
  }
}
