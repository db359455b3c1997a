/**
 * The renderer as a library: what `npm run render` does, step by step.
 */
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type {CliOptions} from './args';
import {describeBrowser} from './browser';
import {
  discardLegacyIndex,
  hashFiles,
  recordOutput,
  sceneSources,
  sha256,
  whyNotCached,
} from './cache';
import {
  buildProjectNarration,
  narrateChapter,
  narrateScenes,
  readProjectAudio,
} from './audio';
import {X264, type Encoder} from './encode';
import {
  isSystemError,
  RenderError,
  systemReason,
  UsageError,
  type SystemError,
} from './errors';
import {findFfmpeg} from './ffmpeg';
import {
  displayPath,
  pendingTemps,
  removeStaleTemps,
  tempNameFor,
} from './files';
import {rangeToFrames, type FrameRange} from './frameRange';
import type {PageProjectInfo, PageSceneInfo, PageTimings} from './page';
import {
  listScenes,
  selectedScenes,
  writeSheets,
  writeStills,
  type OpenedProject,
} from './commands';
import {rendererKey} from './moduleGraph';
import {
  answerable,
  narrationInputs,
  projectAudioInputs,
  recordRun,
  runKey,
} from './runRecord';
import {CHAPTER_PROJECT, REPO_ROOT} from './paths';
import {PRESETS, resolutionScaleFor} from './presets';
import type {ProgressCallback} from './progress';
import {
  openSession,
  projectInfo,
  type ProjectPage,
  type Session,
} from './session';
import {
  concatCopy,
  joinScenes,
  renderShard,
  startEncoderInSegments,
} from './segments';
import {
  planShards,
  SEGMENT_SECONDS,
  segmentFrames,
  segmentLengths,
} from './shard';

/** Bumped when a change to the renderer changes pixels, encoding or keys. */
const RENDERER_VERSION = 3;

/** What one scene's render reports. */
export interface SceneResult {
  scene: string;
  file: string;
  frames: number;
  cached: boolean;
  seconds: number;
  timings?: PageTimings;
}

/** Hooks the CLI and the bench use. */
export interface RenderHooks {
  onProgress?: ProgressCallback;
  log?: (line: string) => void;
  /** Receives each frame too, as the PNG the page sent (the bench keeps them). */
  tee?: (index: number, frame: Buffer) => Promise<void>;
  /** Called with the session once open (the CLI closes it on Ctrl-C). */
  onSession?: (session: Session) => void;
  /**
   * Status lines for people, such as which browser draws (default: `log`).
   * The CLI prints them on stderr, also with --list, whose stdout is data.
   */
  note?: (line: string) => void;
}

/**
 * How many frames the page keeps in flight and how many workers encode them.
 *
 * @remarks
 * Measured on the bench scene (2 cores): 2 workers and 6 frames in flight
 * 26.2 fps; 1 and 4: 21.3; 2 and 4: 23.1; 3 and 8: 24.5.
 */
export const FRAME_PIPELINE = {
  inFlight: 6,
  workers: 2,
  // Frames equal to the one before are sent as repeats (framePool.ts).
  heldFrames: process.env.MC_RENDER_HELD_FRAMES !== '0',
} as const;

/** One line saying where a frame's time went (for MC_RENDER_TIMINGS). */
export function describeTimings(t: PageTimings, frames: number): string {
  const per = (ms: number) => (ms / Math.max(frames, 1)).toFixed(1);
  return (
    `per frame: draw ${per(t.draw)} ms, snapshot ${per(t.snapshot)} ms, ` +
    `snapshot+wait ${per(t.wait)} ms ` +
    `on the main thread; PNG ${per(t.encode)} ms, upload ${per(t.upload)} ms ` +
    `in workers; copy+compare ${per(t.compare)} ms; ${t.held} of ${frames} ` +
    `frames held (the frame before again, not encoded)`
  );
}

/** Checks that a file looks like a Motion Canvas project file. */
export function checkProjectFile(file: string): string {
  const resolved = path.resolve(file);
  if (!existsSync(resolved) || !statSync(resolved).isFile()) {
    throw new RenderError(
      `--project: expected a Motion Canvas project file, got "${file}" (no such file)`,
    );
  }
  const source = readFileSync(resolved, 'utf8');
  if (!/makeProject\s*\(/.test(source) || !/export\s+default/.test(source)) {
    throw new RenderError(
      `--project: "${file}" is not a Motion Canvas project (expected a default export of makeProject({scenes: [...]}))`,
    );
  }
  return resolved;
}

/**
 * Why a directory could not be made, said of the nearest existing parent
 * when that is the reason (Node reports ENOENT for a directory under a
 * read-only mount).
 */
function whyNoMkdir(dir: string, error: SystemError): string {
  let parent = path.dirname(dir);
  while (parent !== path.dirname(parent) && !existsSync(parent)) {
    parent = path.dirname(parent);
  }
  try {
    if (!statSync(parent).isDirectory()) {
      return `"${displayPath(parent)}" is a file, not a directory`;
    }
    accessSync(parent, constants.W_OK);
  } catch (reason) {
    if (isSystemError(reason)) {
      return `"${displayPath(parent)}" is not writable: ${systemReason(reason)}`;
    }
  }
  return systemReason(error);
}

/**
 * Checks `--out` before anything is loaded: it must be a directory (made if
 * missing) that this process can write to. Each failure is one line naming
 * the path and the reason.
 */
export function prepareOutDir(dir: string, given = dir): void {
  let exists = false;
  try {
    exists = statSync(dir).isDirectory();
    if (!exists) {
      throw new UsageError(
        `--out: expected a directory, got "${given}" (an existing file)`,
      );
    }
  } catch (error) {
    if (!isSystemError(error)) throw error;
    if (error.code !== 'ENOENT' && error.code !== 'ENOTDIR') {
      throw new UsageError(
        `--out: cannot use "${given}": ${systemReason(error)}`,
      );
    }
  }
  if (!exists) {
    try {
      mkdirSync(dir, {recursive: true});
    } catch (error) {
      if (!isSystemError(error)) throw error;
      throw new UsageError(
        `--out: cannot create the directory "${given}": ${whyNoMkdir(dir, error)}`,
      );
    }
  }
  const probe = tempNameFor(path.join(dir, '.write-test'));
  try {
    writeFileSync(probe, '');
  } catch (error) {
    if (!isSystemError(error)) throw error;
    throw new UsageError(
      `--out: cannot write to "${given}": ${systemReason(error)}`,
    );
  } finally {
    rmSync(probe, {force: true});
    pendingTemps.delete(probe);
  }
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
    onFrame?: (done: number) => void;
    tee?: RenderHooks['tee'];
    onEncoding?: () => void;
    /** Frames of each segment (default: the grid of shard.ts on `range`). */
    segments?: number[];
  },
): Promise<PageTimings> {
  const temp = tempNameFor(opts.file);
  let encoder: Encoder | null = null;
  let done = 0;
  const sink = session.server.openSink({
    async frame(index, data) {
      if (opts.tee) await opts.tee(index, data);
      await encoder!.write(data);
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
      temp,
      opts.segments ?? segmentLengths(opts.range, segmentFrames(opts.fps)),
    );
    const result = await page.call('render', {
      scene: opts.scene.name,
      from: opts.range.from,
      to: opts.range.to,
      fps: opts.fps,
      resolutionScale: opts.resolutionScale,
      stream: sink.stream,
      ...FRAME_PIPELINE,
    });
    opts.onEncoding?.();
    await encoder.finish();
    renameSync(temp, opts.file);
    pendingTemps.delete(temp);
    return result.timings;
  } catch (error) {
    // When ffmpeg died, the page only saw its frames refused: report ffmpeg.
    const ffmpegError = encoder ? await encoder.failure() : null;
    encoder?.kill();
    rmSync(temp, {force: true});
    pendingTemps.delete(temp);
    throw ffmpegError ?? error;
  } finally {
    sink.close();
  }
}

/** Runs a whole CLI invocation; returns per-scene results. */
export async function runRender(
  options: CliOptions,
  hooks: RenderHooks = {},
): Promise<{results: SceneResult[]; info: PageProjectInfo}> {
  const log = hooks.log ?? (line => console.log(line));
  const note = hooks.note ?? log;
  const progress = hooks.onProgress ?? (() => undefined);
  const outDir = path.resolve(options.outDir);
  if (!options.list) {
    prepareOutDir(outDir, options.outDir);
    // Leftovers of renders killed with SIGKILL (their process is gone).
    const stale = removeStaleTemps(outDir);
    if (stale.length) {
      note(
        `removed ${stale.length} temporary file${stale.length > 1 ? 's' : ''} of interrupted renders from ${options.outDir}: ${stale.join(', ')}`,
      );
    }
    discardLegacyIndex(outDir, note);
  }
  const projectFile = checkProjectFile(options.project ?? CHAPTER_PROJECT);
  const ffmpeg = options.list ? '' : findFfmpeg().path;
  const preset = PRESETS[options.preset];
  const fps = options.fps;

  // Narration first: the timings it writes are what the scenes wait for.
  const narration = options.list
    ? null
    : await buildProjectNarration(projectFile, note);
  // The inputs as they are now (narration timings written): recorded with
  // the outputs of a complete video render, for the no-op check (runRecord.ts).
  const runKeyNow = answerable(options)
    ? runKey(options, projectFile, [
        ...narrationInputs(projectFile),
        ...projectAudioInputs(projectFile),
      ])
    : null;
  progress({stage: 'loading', scene: 'project', done: 0, total: 1});
  const session = await openSession(projectFile);
  hooks.onSession?.(session);
  const browser = session.browser.identity;
  note(`browser: ${describeBrowser(browser)}`);
  try {
    const first = await session.openPage();
    const native = await projectInfo(first, {fps, resolutionScale: 1});
    const resolutionScale = resolutionScaleFor(
      native.width,
      native.height,
      preset,
    );
    const info = await projectInfo(first, {fps, resolutionScale});
    progress({stage: 'loading', scene: 'project', done: 1, total: 1});

    const opened: OpenedProject = {
      options,
      session,
      page: first,
      info,
      outDir,
      fps,
      resolutionScale,
      log,
    };
    if (options.list) return {results: listScenes(opened), info};
    const selected = selectedScenes(opened);
    if (options.still !== null) {
      return {results: await writeStills(opened, options.still), info};
    }
    if (options.contactSheet) {
      return {results: await writeSheets(opened), info};
    }
    const results: SceneResult[] = [];

    // Videos.
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
    // The project's own audio (makeProject's `audio`), checked before any
    // frame is drawn. A narrated project's `audio` is the editor's mix of
    // the narration, which is muxed per video below instead.
    const projectAudio =
      narration || options.noAudio
        ? null
        : await readProjectAudio(session, first, projectFile, note);
    if (options.shard) {
      await renderShard(
        {
          session,
          pages: [first],
          info,
          selected,
          options,
          shard: options.shard,
          outDir,
          projectFile,
          ffmpeg,
          fps,
          resolutionScale,
          settingsKey,
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
          log,
          note,
          progress,
        },
        () => session.openPage(),
      );
      return {results: [], info};
    }
    const chunked = options.jobs > 1 && selected.length === 1;
    const work: {
      scene: PageSceneInfo;
      key: string;
      file: string;
      range: FrameRange;
    }[] = [];
    /** The key of each scene's output, cached or rendered. */
    const keys = new Map<string, string>();
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
        session.server.vite,
        projectFile,
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
      keys.set(file, key);
      const why = options.force
        ? 'forced'
        : await whyNotCached(outDir, path.basename(file), key, note);
      if (why === null) {
        log(`${scene.name}: cached (${displayPath(file)})`);
        results.push({
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
      work.push({scene, key, file, range});
    }

    const pages: ProjectPage[] = [first];
    const pageCount = Math.min(
      options.jobs,
      chunked ? options.jobs : work.length,
    );
    while (pages.length < pageCount) pages.push(await session.openPage());

    const renderOne = async (
      item: (typeof work)[number],
      page: ProjectPage,
    ): Promise<SceneResult> => {
      const start = Date.now();
      const total = item.range.to - item.range.from;
      progress({stage: 'rendering', scene: item.scene.name, done: 0, total});
      const timings = await renderSceneVideo(session, page, {
        info,
        scene: item.scene,
        range: item.range,
        fps,
        resolutionScale,
        file: item.file,
        ffmpeg,
        tee: hooks.tee,
        onFrame: done =>
          progress({stage: 'rendering', scene: item.scene.name, done, total}),
        onEncoding: () =>
          progress({
            stage: 'encoding',
            scene: item.scene.name,
            done: 0,
            total: 1,
          }),
      });
      progress({stage: 'encoding', scene: item.scene.name, done: 1, total: 1});
      await recordOutput(outDir, path.basename(item.file), item.key);
      return {
        scene: item.scene.name,
        file: item.file,
        frames: total,
        cached: false,
        seconds: (Date.now() - start) / 1000,
        timings,
      };
    };

    if (
      chunked &&
      work.length === 1 &&
      work[0].range.to - work[0].range.from >= 2 * fps
    ) {
      // One scene, several jobs: render frame chunks at once, join by copy.
      const item = work[0];
      // Chunks of whole segments: the same frames as one page would give.
      const size = segmentFrames(fps);
      const planned = planShards(
        [{name: item.scene.name, ...item.range}],
        size,
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
      const partFiles = chunks.map((_, i) =>
        tempNameFor(`${item.file}.part${i}.mp4`),
      );
      progress({stage: 'rendering', scene: item.scene.name, done: 0, total});
      try {
        await Promise.all(
          chunks.map((range, i) =>
            renderSceneVideo(session, pages[i], {
              info,
              scene: item.scene,
              range,
              segments: range.segments,
              fps,
              resolutionScale,
              file: partFiles[i],
              ffmpeg,
              onFrame: done => {
                counts[i] = done;
                progress({
                  stage: 'rendering',
                  scene: item.scene.name,
                  done: counts.reduce((a, b) => a + b, 0),
                  total,
                });
              },
            }),
          ),
        );
        progress({
          stage: 'encoding',
          scene: item.scene.name,
          done: 0,
          total: 1,
        });
        await concatCopy(ffmpeg, partFiles, item.file, null);
        progress({
          stage: 'encoding',
          scene: item.scene.name,
          done: 1,
          total: 1,
        });
      } finally {
        for (const f of partFiles) {
          rmSync(f, {force: true});
          pendingTemps.delete(f);
        }
      }
      await recordOutput(outDir, path.basename(item.file), item.key);
      results.push({
        scene: item.scene.name,
        file: item.file,
        frames: total,
        cached: false,
        seconds: (Date.now() - start) / 1000,
      });
    } else {
      // Scenes in parallel, one page each.
      let next = 0;
      const done: SceneResult[] = [];
      await Promise.all(
        pages.map(async page => {
          while (next < work.length) {
            const item = work[next++];
            done.push(await renderOne(item, page));
          }
        }),
      );
      results.push(...done);
    }
    results.sort(
      (a, b) =>
        info.scenes.findIndex(s => s.name === a.scene) -
        info.scenes.findIndex(s => s.name === b.scene),
    );
    for (const r of results) {
      if (!r.cached) {
        log(
          `${r.scene}: rendered ${r.frames} frames in ${r.seconds.toFixed(1)} s (${(
            r.frames / Math.max(r.seconds, 1e-3)
          ).toFixed(1)} fps) -> ${displayPath(r.file)}` +
            (r.timings && process.env.MC_RENDER_TIMINGS
              ? ` [${describeTimings(r.timings, r.frames)}]`
              : ''),
        );
      }
    }

    // Narration and captions, muxed onto the finished pictures.
    const voiced = await narrateScenes({
      beatsOf: async scene =>
        (await first.call('beats', {scene, fps, resolutionScale})).beats,
      scenes: info.scenes,
      results,
      range: options.range,
      noAudio: options.noAudio,
      fps,
      ffmpeg,
      manifest: narration,
      projectAudio,
      record: f => recordOutput(outDir, path.basename(f), keys.get(f)!),
      note,
    });

    // The whole project: join the scene MP4s with one chapter per scene.
    if (options.scenes.length === 0 && !options.range) {
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
        await joinScenes(ffmpeg, info.name, results, file, fps);
        progress({stage: 'joining', scene: info.name, done: 1, total: 1});
        await recordOutput(outDir, cacheName, key);
        log(
          `${info.name}: joined ${results.length} scenes -> ${displayPath(file)}`,
        );
      }
      await narrateChapter({
        file,
        voiced,
        noAudio: options.noAudio,
        ffmpeg,
        projectAudio,
        record: () => recordOutput(outDir, cacheName, key),
        note,
      });
    }
    if (runKeyNow) {
      const chapter = path.join(outDir, `${info.name}.mp4`);
      const videos = [
        ...results.map(r => r.file),
        ...(options.scenes.length === 0 && !options.range ? [chapter] : []),
      ];
      // Captions written beside the videos are outputs too.
      const captions = videos
        .map(f => f.replace(/\.mp4$/, '.vtt'))
        .filter(f => existsSync(f));
      await recordRun(outDir, options, projectFile, runKeyNow, info, results, [
        ...videos,
        ...captions,
      ]);
    }
    return {results, info};
  } finally {
    await session.close();
  }
}
