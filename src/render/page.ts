/**
 * The browser side of the headless renderer: boots a Motion Canvas project
 * with no editor UI and exposes `window.__mcRender` for the Node driver.
 *
 * @remarks
 * Frames are drawn by the engine's own Stage and PlaybackManager, exactly as
 * the editor's Renderer does. For videos the main thread only snapshots each
 * frame (createImageBitmap, about 1-2 ms) and hands it to a small pool of
 * workers that send what changed as yuv420p (or PNG) over a WebSocket to the
 * Node side feeding ffmpeg (framePool.ts); the main thread draws the next
 * frame meanwhile. A frame where nothing changed is not drawn at all (see
 * the render call). Stills and contact sheets are PNGs, POSTed once.
 * Measured here at 1920x1080 in headless Chromium: getImageData alone costs
 * 35-75 ms a frame and POSTing the 8.3 MB of RGBA 220-400 ms.
 */
import {
  DependencyContext,
  editorBootstrap,
  FlagDispatcher,
  PlaybackManager,
  PlaybackState,
  PlaybackStatus,
  SharedWebGLContext,
  Stage,
  Thread,
  Vector2,
  type MetaFile,
  type Project,
  type ProjectSettings,
  type Scene,
} from '@motion-canvas/core';
import {FramePool, FrameStreamError} from './framePool';
import {probeNodes, type ProbeNode} from './pageProbe';
import {
  type SweepReport,
  checkView,
  sampleFrames,
  sceneBeats,
} from './pageSweep';
import type {
  PageApi,
  PageFailure,
  PageSettings,
  PageTimings,
} from './pageTypes';
import {EditorTimedEvents} from './timeEvents';

export type * from './pageTypes';

/**
 * Flags raised since the last count was taken: a signal set to a new value
 * raises its flag (markDirty), and so does everything computed from it, and
 * an asynchronous value (an image, a LaTeX SVG) when it arrives. Counted
 * here for every FlagDispatcher of the engine, whatever it belongs to, but
 * the clocks'.
 */
let raises = 0;

/**
 * The flags of the clocks, which move every frame: each thread's time and
 * each view's global time. What is drawn from a clock is computed from it,
 * and raises its own flag when the clock moves; the clock's own flag says
 * nothing about the picture.
 */
const clocks = new WeakSet<object>();

/** Marks a signal's flag as a clock's. */
function addClock(signal: unknown): void {
  const flag = (signal as {context?: {event?: unknown}} | undefined)?.context
    ?.event;
  if (flag instanceof FlagDispatcher) clocks.add(flag);
}

const raiseFlag = FlagDispatcher.prototype.raise;
FlagDispatcher.prototype.raise = function (this: FlagDispatcher) {
  if (!clocks.has(this)) raises++;
  raiseFlag.call(this);
};
// A thread's time moves in update(), and is set when it joins its parent.
const updateThread = Thread.prototype.update;
Thread.prototype.update = function (this: Thread, dt: number) {
  addClock(this.time);
  updateThread.call(this, dt);
};
const addThread = Thread.prototype.add;
Thread.prototype.add = function (this: Thread, child: Thread) {
  addClock(child.time);
  addThread.call(this, child);
};

/**
 * At most this many frames in a row are taken as still without drawing;
 * the next is drawn anyway, and must be found equal to the frame before
 * (see the render call).
 */
const STILL_CHECK_EVERY = 30;

/** A failure inside the page, with the scene and frame it happened at. */
function failure(e: unknown, scene?: string, frame?: number): PageFailure {
  const err = e instanceof Error ? e : new Error(String(e));
  return {
    error: {message: err.message, stack: err.stack ?? '', scene, frame},
  };
}

/** Loads every font face the project's stylesheets declare, then waits. */
async function loadFonts(): Promise<void> {
  await document.fonts.ready;
  const faces: FontFace[] = [];
  document.fonts.forEach(face => faces.push(face));
  await Promise.all(faces.map(face => face.load().catch(() => undefined)));
  await document.fonts.ready;
}

/**
 * The project settings without the editor plugins its scenes name by module
 * path (2D scenes name '@motion-canvas/2d/editor', the editor's inspector):
 * they draw nothing into frames, and importing one pulls the editor's UI
 * through Vite, measured at 2.3 s of every render's start here.
 */
export function withoutEditorPlugins(config: ProjectSettings): ProjectSettings {
  return {
    ...config,
    scenes: config.scenes.map(scene =>
      scene.plugins
        ? {...scene, plugins: scene.plugins.filter(p => typeof p !== 'string')}
        : scene,
    ),
  };
}

/** Boots the project and installs `window.__mcRender`. */
export async function boot(
  name: string,
  config: ProjectSettings,
  metaFile: MetaFile<unknown>,
  settingsFile: MetaFile<unknown>,
): Promise<void> {
  try {
    if (!config || !Array.isArray(config.scenes)) {
      throw new Error(
        'the project file must default-export makeProject({scenes: [...]})',
      );
    }
    const project: Project = await editorBootstrap(
      name,
      {core: '3.17.2', two: '3.17.2', ui: null, vitePlugin: null},
      [],
      withoutEditorPlugins(config),
      metaFile,
      settingsFile,
    );
    await loadFonts();
    window.__mcRender = createApi(project);
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    window.__mcRenderError = `${err.message}\n${err.stack ?? ''}`;
  }
}

/** A canvas and its 2D context, made without willReadFrequently. */
interface PlainCanvas {
  canvas: HTMLCanvasElement;
  context: CanvasRenderingContext2D;
}

function plainCanvas(colorSpace: PredefinedColorSpace): PlainCanvas {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', {colorSpace});
  if (!context) throw new Error('could not create a 2D context');
  return {canvas, context};
}

/**
 * Makes the Stage compose its frames on the given canvas.
 *
 * @remarks
 * The Stage's own final canvas is made with willReadFrequently (for the stock
 * exporters' readback), which makes Chromium copy it slowly on every
 * snapshot. And a canvas must not be drawn on while a snapshot of it is still
 * held elsewhere (a worker encoding it): Chromium then copies the whole
 * buffer first, measured at 35-50 ms a 1080p frame here, against 1-2 ms to
 * draw into a free one. So videos rotate through several final canvases,
 * reusing one only after the worker is done with its snapshot.
 */
function useFinalCanvas(stage: Stage, target: PlainCanvas): void {
  const {width, height} = stage.finalBuffer;
  // Assigning a canvas's size clears and reallocates it, even to the same
  // value: only on a change.
  if (target.canvas.width !== width) target.canvas.width = width;
  if (target.canvas.height !== height) target.canvas.height = height;
  Object.assign(stage, {finalBuffer: target.canvas, context: target.context});
}

function createApi(project: Project): PageApi {
  const playback = new PlaybackManager();
  const status = new PlaybackStatus(playback);
  const webgl = new SharedWebGLContext(project.logger);
  const scenes: Scene[] = project.scenes.map(
    description =>
      new description.klass({
        ...description,
        meta: description.meta.clone(),
        logger: project.logger,
        playback: status,
        size: new Vector2(1920, 1080),
        resolutionScale: 1,
        timeEventsClass: EditorTimedEvents,
        sharedWebGLContext: webgl,
        experimentalFeatures: project.experimentalFeatures,
      }),
  );
  playback.setup(scenes);
  const stage = new Stage();
  const colorSpace = project.meta.rendering.get().colorSpace;
  const ownFinal = plainCanvas(colorSpace);
  useFinalCanvas(stage, ownFinal);
  let configured = '';

  async function configure(settings: PageSettings) {
    const key = `${settings.fps}:${settings.resolutionScale}`;
    const shared = project.meta.shared.get();
    const rendering = project.meta.rendering.get();
    stage.configure({
      size: shared.size,
      resolutionScale: settings.resolutionScale,
      colorSpace: rendering.colorSpace,
      background: shared.background,
    });
    playback.fps = settings.fps;
    playback.state = PlaybackState.Rendering;
    if (key === configured) return;
    for (let i = 0; i < project.scenes.length; i++) {
      const description = project.scenes[i];
      const scene = playback.onScenesRecalculated.current[i];
      scene.reload({
        config: description.onReplaced.current.config,
        size: shared.size,
        resolutionScale: settings.resolutionScale,
      });
      scene.meta.set(description.meta.get());
      scene.variables.updateSignals(project.variables ?? {});
    }
    await playback.recalculate();
    configured = key;
  }

  function findScene(name: string): Scene {
    const scene = playback.onScenesRecalculated.current.find(
      s => s.name === name,
    );
    if (!scene) throw new Error(`unknown scene "${name}"`);
    return scene;
  }

  /**
   * Brings `scene` to its frame `offset` (0 = its first frame).
   *
   * @remarks
   * A scene's last frame is the first frame of the next one, and seeking
   * there makes the playback start the next scene without playing this one:
   * it would be drawn in whatever state it was last left (the end state after
   * recalculation, or the frame of an earlier still or probe on the same
   * page). So the last frame is reached by seeking one frame before it and
   * playing that last step, as a render from the start does.
   */
  async function seek(scene: Scene, offset: number) {
    const frame = scene.firstFrame + offset;
    await playback.reset();
    if (frame >= scene.lastFrame && scene.lastFrame > scene.firstFrame) {
      await playback.seek(scene.lastFrame - 1);
      await playback.progress();
    } else {
      await playback.seek(frame);
    }
  }

  /**
   * Draws the frame the playback is at, as the given scene's video shows it.
   *
   * @remarks
   * A scene's last frame is its end state. When another scene follows, the
   * playback has already switched to it at that frame (the editor shows the
   * next scene there), so the ending scene is drawn on its own.
   */
  async function draw(target?: Scene) {
    const [current, previous] = drawnScenes(target);
    await stage.render(current, previous);
  }

  /** The scenes draw() draws: the scene, and the one it transitions from. */
  function drawnScenes(target?: Scene): [Scene, Scene | null] {
    return target && playback.currentScene !== target
      ? [target, null]
      : [playback.currentScene, playback.previousScene];
  }

  /** Encodes a canvas as PNG and POSTs it to a one-frame sink. */
  async function postPng(sink: string, canvas: HTMLCanvasElement) {
    const png = await new Promise<Blob | null>(resolve =>
      canvas.toBlob(resolve, 'image/png'),
    );
    if (!png) throw new Error('the canvas could not be encoded as PNG');
    const response = await fetch(`${sink}?i=0`, {method: 'POST', body: png});
    if (!response.ok) {
      throw new Error(`frame sink answered ${response.status}`);
    }
  }

  return {
    async scenes(settings) {
      try {
        await configure(settings);
        return {
          name: project.name,
          width: stage.finalBuffer.width,
          height: stage.finalBuffer.height,
          scenes: playback.onScenesRecalculated.current.map(s => ({
            name: s.name,
            firstFrame: s.firstFrame,
            // Both ends included: a 10 s scene at 60 fps is 600 frames, the
            // last showing the scene's end state (as the stock exporter does).
            frames: s.lastFrame - s.firstFrame + 1,
          })),
        };
      } catch (e) {
        // Recalculating runs every scene through: name the one that threw
        // (the first whose timing is not known yet) and its frame.
        const broken = playback.onScenesRecalculated.current.find(
          s => !s.isCached(),
        );
        return broken
          ? failure(e, broken.name, playback.frame - broken.firstFrame)
          : failure(e);
      }
    },

    async render(opts) {
      let frame = opts.from;
      const pool = new FramePool(
        opts.workers,
        opts.inFlight,
        `ws://${location.host}${opts.stream}`,
        colorSpace,
        opts.heldFrames ?? true,
        opts.frames ?? 'yuv',
      );
      try {
        await configure(opts);
        const scene = findScene(opts.scene);
        await seek(scene, opts.from);
        const ring = Array.from({length: opts.inFlight + 1}, () =>
          plainCanvas(colorSpace),
        );
        const timings: PageTimings = {
          draw: 0,
          wait: 0,
          snapshot: 0,
          encode: 0,
          upload: 0,
          compare: 0,
          held: 0,
          patches: 0,
          still: 0,
          total: 0,
        };
        const start = performance.now();
        // Still frames: where advancing the playback raised no flag since
        // the last frame drawn began drawing, and the same scenes are on
        // stage, nothing a node draws from has changed: the frame is the one
        // before, sent as a repeat without drawing it. Every signal, and
        // whatever is computed from one, raises a flag when it changes.
        const skipStill =
          (opts.stillFrames ?? false) && (opts.heldFrames ?? true);
        let drawn: [Scene, Scene | null] | null = null;
        let skipped = 0;
        for (; frame < opts.to; frame++) {
          const t0 = performance.now();
          if (frame > opts.from) await playback.progress();
          const scenes = drawnScenes(scene);
          const sameScenes =
            drawn !== null && scenes[0] === drawn[0] && scenes[1] === drawn[1];
          const still =
            skipStill &&
            sameScenes &&
            raises === 0 &&
            !DependencyContext.hasPromises();
          if (still && skipped < STILL_CHECK_EVERY) {
            skipped++;
            timings.still++;
            await pool.repeat(frame - opts.from);
            timings.wait += performance.now() - t0;
            continue;
          }
          skipped = 0;
          // What drawing this frame raises counts for the next one.
          raises = 0;
          drawn = scenes;
          // A view's global time is set for every frame (Scene2D).
          for (const s of sameScenes ? [] : scenes) {
            addClock(
              (
                s as {getView?: () => {globalTime?: unknown}} | null
              )?.getView?.()?.globalTime,
            );
          }
          useFinalCanvas(stage, ring[frame % ring.length]);
          await draw(scene);
          const t1 = performance.now();
          // A frame taken as still but drawn all the same is checked: it
          // must equal the frame before.
          await pool.send(stage.finalBuffer, frame - opts.from, still);
          const t2 = performance.now();
          timings.draw += t1 - t0;
          timings.wait += t2 - t1;
        }
        const t3 = performance.now();
        await pool.flush();
        timings.wait += performance.now() - t3;
        timings.total = performance.now() - start;
        timings.encode = pool.encode;
        timings.snapshot = pool.snapshot;
        timings.upload = pool.upload;
        timings.compare = pool.compare;
        timings.held = pool.held;
        timings.patches = pool.patches;
        return {frames: opts.to - opts.from, timings};
      } catch (e) {
        // The frame stream's own failures are one line, no stack (not the
        // scene's doing): the server's message names the frame.
        if (e instanceof FrameStreamError) {
          return {
            error: {
              message: `scene "${opts.scene}" (frames ${opts.from}-${opts.to - 1}): ${e.message}`,
              stack: '',
            },
          };
        }
        return failure(e, opts.scene, frame);
      } finally {
        pool.dispose();
        useFinalCanvas(stage, ownFinal);
      }
    },

    async still(opts) {
      try {
        await configure(opts);
        const scene = findScene(opts.scene);
        await seek(scene, opts.frame);
        await draw(scene);
        await postPng(opts.sink, stage.finalBuffer);
        return {
          width: stage.finalBuffer.width,
          height: stage.finalBuffer.height,
        };
      } catch (e) {
        return failure(e, opts.scene, opts.frame);
      }
    },

    async sheet(opts) {
      let current = 0;
      try {
        await configure(opts);
        const scene = findScene(opts.scene);
        const {width, height} = stage.finalBuffer;
        const tw = opts.thumbWidth;
        const th = Math.round((height * tw) / width);
        const caption = Math.max(18, Math.round(tw / 14));
        const pad = 8;
        const columns = Math.min(opts.columns, opts.frames.length);
        const rows = Math.ceil(opts.frames.length / columns);
        const cellW = tw + pad;
        const cellH = th + caption + pad * 2;
        const canvas = document.createElement('canvas');
        canvas.width = columns * cellW + pad;
        canvas.height = rows * cellH + pad;
        const ctx = canvas.getContext('2d')!;
        ctx.fillStyle = '#111111';
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        await seek(scene, 0);
        let at = 0;
        for (let i = 0; i < opts.frames.length; i++) {
          current = opts.frames[i];
          while (at < current) {
            await playback.progress();
            at++;
          }
          await draw(scene);
          const x = pad + (i % columns) * cellW;
          const y = pad + Math.floor(i / columns) * cellH;
          ctx.drawImage(stage.finalBuffer, x, y, tw, th);
          ctx.fillStyle = '#e8e8e8';
          ctx.font = `${Math.round(caption * 0.8)}px sans-serif`;
          ctx.textBaseline = 'top';
          ctx.fillText(opts.captions[i], x, y + th + pad / 2);
        }
        await postPng(opts.sink, canvas);
        return {width: canvas.width, height: canvas.height};
      } catch (e) {
        return failure(e, opts.scene, current);
      }
    },

    async beats(opts) {
      try {
        await configure(opts);
        return {beats: sceneBeats(findScene(opts.scene))};
      } catch (e) {
        return failure(e, opts.scene);
      }
    },

    async sweep(opts) {
      let frame = 0;
      try {
        await configure(opts);
        const scene = findScene(opts.scene);
        const frames = scene.lastFrame - scene.firstFrame + 1;
        const beats = sceneBeats(scene);
        const samples = sampleFrames(frames, opts.fps, opts.perSecond, beats);
        const report: SweepReport = {
          scene: scene.name,
          frames,
          samples: samples.length,
          beats,
          probes: {},
          violations: [],
          violationCount: 0,
          timings: {play: 0, draw: 0, check: 0},
        };
        await seek(scene, 0);
        let at = 0;
        for (const sample of samples) {
          frame = sample;
          const t0 = performance.now();
          while (at < sample) {
            await playback.progress();
            at++;
          }
          const t1 = performance.now();
          // Drawing settles layout, so the probes report what this frame shows.
          await draw(scene);
          const t2 = performance.now();
          // Reset replaces the scene's view: take the one drawn now.
          const view = (
            scene as unknown as {getView(): Parameters<typeof checkView>[0]}
          ).getView();
          checkView(view, scene.name, sample, report);
          report.timings.play += t1 - t0;
          report.timings.draw += t2 - t1;
          report.timings.check += performance.now() - t2;
        }
        return {report};
      } catch (e) {
        return failure(e, opts.scene, frame);
      }
    },

    async probe(opts) {
      try {
        await configure(opts);
        const scene = findScene(opts.scene);
        await seek(scene, opts.frame);
        // Drawing settles layout (sizes, positions computed lazily).
        await draw(scene);
        const view = (
          scene as unknown as {
            getView(): ProbeNode & {worldToLocal(): DOMMatrix};
          }
        ).getView();
        if (!view || typeof view.children !== 'function') {
          throw new Error(`scene "${opts.scene}" is not a 2D scene`);
        }
        const nodes = probeNodes(view, opts.keys, opts.scene);
        return {nodes};
      } catch (e) {
        return failure(e, opts.scene, opts.frame);
      }
    },
  };
}
