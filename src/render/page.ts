/**
 * The browser side of the headless renderer: boots a Motion Canvas project
 * with no editor UI and exposes `window.__mcRender` for the Node driver.
 *
 * @remarks
 * Frames are drawn by the engine's own Stage and PlaybackManager, exactly as
 * the editor's Renderer does. For videos the main thread only snapshots each
 * frame (createImageBitmap, about 1 ms) and hands it to a small pool of
 * workers that encode it as PNG and stream it over a WebSocket to the Node
 * side feeding ffmpeg; the main thread draws the next frame meanwhile. Stills
 * and contact sheets are PNGs too, POSTed once. Measured here at
 * 1920x1080 in headless Chromium: getImageData alone costs 35-75 ms a frame
 * and POSTing the 8.3 MB of RGBA 220-400 ms, while a PNG is encoded in 15-40
 * ms off the main thread and is a few hundred kilobytes to send.
 */
import {
  editorBootstrap,
  PlaybackManager,
  PlaybackState,
  PlaybackStatus,
  SharedWebGLContext,
  Stage,
  Vector2,
  type MetaFile,
  type Project,
  type ProjectSettings,
  type Scene,
} from '@motion-canvas/core';
import type {BeatSpan} from '../beats';
import {EditorTimedEvents} from './timeEvents';
import {
  type SweepReport,
  checkView,
  sampleFrames,
  sceneBeats,
} from './pageSweep';

/**
 * The body of a frame worker: draws each ImageBitmap it is sent on an
 * OffscreenCanvas, encodes it as PNG and streams it over a WebSocket to the
 * render server (see acceptFrameStream in server.ts for the protocol).
 *
 * @remarks
 * Kept free of imports and outer variables: its source text becomes the
 * worker's script (see {@link FramePool}). Frames are encoded one at a time
 * (drawing on a canvas whose snapshot is still being encoded would make
 * Chromium copy it); uploads overlap encoding.
 */
function frameWorkerMain() {
  const scope = self as unknown as {
    onmessage: ((event: MessageEvent) => void) | null;
    postMessage(message: unknown): void;
  };
  /** The first message: where frames go and the canvas colour space. */
  let setup: {url: string; colorSpace: PredefinedColorSpace} | null = null;
  let canvas: OffscreenCanvas | null = null;
  let context: OffscreenCanvasRenderingContext2D | null = null;
  let socket: Promise<WebSocket> | null = null;
  let queue: Promise<void> = Promise.resolve();
  /** Frames sent and not yet acknowledged: index -> encode ms, send time. */
  const waiting = new Map<number, {encode: number; t: number}>();

  const fail = (index: number, e: unknown) =>
    scope.postMessage({
      index,
      error: e instanceof Error ? e.message : String(e),
    });

  function connect(url: string): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.binaryType = 'arraybuffer';
      ws.onopen = () => resolve(ws);
      ws.onerror = () => reject(new Error(`could not connect to ${url}`));
      ws.onclose = () => {
        for (const index of waiting.keys()) {
          fail(index, new Error('the render server closed the frame stream'));
        }
        waiting.clear();
      };
      ws.onmessage = event => {
        const text = String(event.data);
        const failed = text.startsWith('!');
        const index = Number.parseInt(failed ? text.slice(1) : text, 10);
        const job = waiting.get(index);
        if (!job) return;
        waiting.delete(index);
        if (failed) fail(index, new Error(text.slice(text.indexOf(' ') + 1)));
        else {
          scope.postMessage({
            index,
            encode: job.encode,
            upload: performance.now() - job.t,
          });
        }
      };
    });
  }

  async function encode(index: number, bitmap: ImageBitmap): Promise<void> {
    const {url, colorSpace} = setup!;
    if (
      !canvas ||
      !context ||
      canvas.width !== bitmap.width ||
      canvas.height !== bitmap.height
    ) {
      canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      context = canvas.getContext('2d', {colorSpace});
      if (!context) throw new Error('no 2D context in the frame worker');
    }
    const t0 = performance.now();
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.drawImage(bitmap, 0, 0);
    bitmap.close();
    const png = await (
      await canvas.convertToBlob({type: 'image/png'})
    ).arrayBuffer();
    const t1 = performance.now();
    const message = new Uint8Array(png.byteLength + 4);
    new DataView(message.buffer).setUint32(0, index, true);
    message.set(new Uint8Array(png), 4);
    socket ??= connect(url);
    const ws = await socket;
    waiting.set(index, {encode: t1 - t0, t: t1});
    ws.send(message);
  }

  scope.onmessage = event => {
    if (!setup) {
      setup = event.data;
      return;
    }
    const {index, bitmap} = event.data as {index: number; bitmap: ImageBitmap};
    queue = queue.then(() => encode(index, bitmap)).catch(e => fail(index, e));
  };
}

/**
 * Workers encoding frames as PNG and uploading them, so that the main thread
 * only draws. At most `limit` frames are in flight; {@link FramePool.send}
 * waits for room.
 */
class FramePool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<
    number,
    {resolve: () => void; reject: (error: Error) => void}
  >();
  private readonly inFlight: Promise<void>[] = [];
  private turn = 0;
  /** Milliseconds the workers spent encoding and uploading, summed. */
  encode = 0;
  upload = 0;
  /** Milliseconds the main thread spent taking snapshots. */
  snapshot = 0;
  private readonly scriptUrl: string;

  /** `url`: the frame stream's WebSocket (see acceptFrameStream). */
  constructor(
    size: number,
    private readonly limit: number,
    url: string,
    colorSpace: PredefinedColorSpace,
  ) {
    this.scriptUrl = URL.createObjectURL(
      new Blob([`(${frameWorkerMain.toString()})();`], {
        type: 'text/javascript',
      }),
    );
    for (let i = 0; i < size; i++) {
      const worker = new Worker(this.scriptUrl);
      worker.onmessage = event => {
        const {index, error, encode, upload} = event.data as {
          index: number;
          error?: string;
          encode?: number;
          upload?: number;
        };
        this.encode += encode ?? 0;
        this.upload += upload ?? 0;
        const job = this.pending.get(index);
        this.pending.delete(index);
        if (!job) return;
        if (error) job.reject(new Error(error));
        else job.resolve();
      };
      worker.postMessage({url, colorSpace});
      this.workers.push(worker);
    }
  }

  /**
   * Snapshots the canvas now and ships it as frame `index` (unique within the
   * pool's range); waits while the pool is full.
   */
  async send(canvas: HTMLCanvasElement, index: number): Promise<void> {
    const s0 = performance.now();
    const bitmap = await createImageBitmap(canvas);
    this.snapshot += performance.now() - s0;
    const done = new Promise<void>((resolve, reject) =>
      this.pending.set(index, {resolve, reject}),
    );
    // Rejections surface when the frame is awaited (below or in flush).
    done.catch(() => undefined);
    const worker = this.workers[this.turn];
    this.turn = (this.turn + 1) % this.workers.length;
    worker.postMessage({index, bitmap}, [bitmap]);
    this.inFlight.push(done);
    if (this.inFlight.length >= this.limit) await this.inFlight.shift();
  }

  /** Waits for every frame sent so far. */
  async flush(): Promise<void> {
    while (this.inFlight.length > 0) await this.inFlight.shift();
  }

  /** Stops the workers; frames still in flight fail. */
  dispose(): void {
    for (const worker of this.workers) worker.terminate();
    for (const job of this.pending.values()) {
      job.reject(new Error('the frame pool was stopped'));
    }
    this.pending.clear();
    URL.revokeObjectURL(this.scriptUrl);
  }
}

/** Settings every page call needs: frame rate and canvas scale. */
export interface PageSettings {
  fps: number;
  resolutionScale: number;
}

/** One scene as the page sees it at the given settings. */
export interface PageSceneInfo {
  name: string;
  firstFrame: number;
  frames: number;
}

/** What {@link PageApi.scenes} returns. */
export interface PageProjectInfo {
  name: string;
  width: number;
  height: number;
  scenes: PageSceneInfo[];
}

/** A failure inside the page, with the scene and frame it happened at. */
export interface PageFailure {
  error: {message: string; stack: string; scene?: string; frame?: number};
}

/** Time spent per stage of a frame, in milliseconds summed over frames. */
export interface PageTimings {
  /** Main thread: advancing the scene and drawing it. */
  draw: number;
  /** Main thread: snapshotting a frame and waiting for room in the pool. */
  wait: number;
  /** Main thread: the snapshot alone (part of `wait`). */
  snapshot: number;
  /** Workers (in parallel with drawing): copying and PNG-encoding frames. */
  encode: number;
  /** Workers: uploading PNGs until ffmpeg's pipe took them. */
  upload: number;
  /** Wall time of the whole range. */
  total: number;
}

/** A probed node's state (see tests/helpers/render.ts). */
export interface PageNodeState {
  text?: string;
  position: [number, number];
  opacity: number;
  width?: number;
  height?: number;
  fill?: string;
  stroke?: string;
  custom?: unknown;
}

/** The calls the Node driver makes through page.evaluate. */
export interface PageApi {
  scenes(settings: PageSettings): Promise<PageProjectInfo | PageFailure>;
  render(
    opts: PageSettings & {
      scene: string;
      from: number;
      to: number;
      /** The frame stream path (a WebSocket, see server.ts). */
      stream: string;
      /** Frames encoded or uploaded at once. */
      inFlight: number;
      /** PNG-encoding workers. */
      workers: number;
    },
  ): Promise<{frames: number; timings: PageTimings} | PageFailure>;
  still(
    opts: PageSettings & {scene: string; frame: number; sink: string},
  ): Promise<{width: number; height: number} | PageFailure>;
  sheet(
    opts: PageSettings & {
      scene: string;
      frames: number[];
      captions: string[];
      columns: number;
      thumbWidth: number;
      sink: string;
    },
  ): Promise<{width: number; height: number} | PageFailure>;
  probe(
    opts: PageSettings & {scene: string; frame: number; keys: string[]},
  ): Promise<{nodes: Record<string, PageNodeState>} | PageFailure>;
  /** The scene's named beats (src/beats.ts), in seconds from its start. */
  beats(
    opts: PageSettings & {scene: string},
  ): Promise<{beats: BeatSpan[]} | PageFailure>;
  /**
   * Plays the scene and checks what every component drew against the math
   * on `perSecond` frames a second, its last frame and each beat's first and
   * last frames (see pageSweep.ts).
   */
  sweep(
    opts: PageSettings & {scene: string; perSecond: number},
  ): Promise<{report: SweepReport} | PageFailure>;
}

declare global {
  interface Window {
    __mcRender?: PageApi;
    __mcRenderError?: string;
  }
}

interface ProbeNode {
  key: string;
  children(): ProbeNode[];
  absolutePosition(): Vector2;
  absoluteOpacity?(): number;
  opacity?(): number;
  text?(): string;
  tex?(): string | string[];
  width?(): number;
  height?(): number;
  fill?(): unknown;
  stroke?(): unknown;
  probe?(): unknown;
}

function failure(e: unknown, scene?: string, frame?: number): PageFailure {
  const err = e instanceof Error ? e : new Error(String(e));
  return {
    error: {message: err.message, stack: err.stack ?? '', scene, frame},
  };
}

function colorString(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const color = value as {hex?: () => string; alpha?: () => number};
  if (typeof color.hex === 'function') {
    const hex = color.hex();
    const alpha = typeof color.alpha === 'function' ? color.alpha() : 1;
    return alpha >= 1 ? hex.slice(0, 7).toLowerCase() : hex.toLowerCase();
  }
  return typeof value === 'string' ? value : undefined;
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
    if (target && playback.currentScene !== target) {
      await stage.render(target, null);
    } else {
      await stage.render(playback.currentScene, playback.previousScene);
    }
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
          total: 0,
        };
        const start = performance.now();
        for (; frame < opts.to; frame++) {
          const t0 = performance.now();
          if (frame > opts.from) await playback.progress();
          useFinalCanvas(stage, ring[frame % ring.length]);
          await draw(scene);
          const t1 = performance.now();
          await pool.send(stage.finalBuffer, frame - opts.from);
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
        return {frames: opts.to - opts.from, timings};
      } catch (e) {
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
        const all: ProbeNode[] = [];
        const walk = (node: ProbeNode) => {
          all.push(node);
          for (const child of node.children()) walk(child);
        };
        walk(view);
        const toView = view.worldToLocal();
        const nodes: Record<string, PageNodeState> = {};
        for (const key of opts.keys) {
          const node = all.find(n => n.key === key);
          if (!node) continue;
          const p = node.absolutePosition().transformAsPoint(toView);
          const state: PageNodeState = {
            position: [p.x, p.y],
            opacity:
              typeof node.absoluteOpacity === 'function'
                ? node.absoluteOpacity()
                : 1,
          };
          if (typeof node.tex === 'function') {
            const tex = node.tex();
            state.text = Array.isArray(tex) ? tex.join('') : String(tex);
          } else if (typeof node.text === 'function') {
            state.text = String(node.text());
          }
          if (typeof node.width === 'function') state.width = node.width();
          if (typeof node.height === 'function') state.height = node.height();
          if (typeof node.fill === 'function') {
            state.fill = colorString(node.fill());
          }
          if (typeof node.stroke === 'function') {
            state.stroke = colorString(node.stroke());
          }
          if (typeof node.probe === 'function') {
            state.custom = JSON.parse(JSON.stringify(node.probe()));
          }
          nodes[key] = state;
        }
        const missing = opts.keys.filter(k => !(k in nodes));
        if (missing.length > 0) {
          const auto = /^[^/]+\/[A-Za-z0-9_$]+\[\d+\]$/;
          const found = all.map(n => n.key).filter(k => !auto.test(k));
          throw new Error(
            `no node with key ${missing.map(k => `"${k}"`).join(', ')} in ` +
              `scene "${opts.scene}"; keys found: ${
                found.length ? found.join(', ') : '(none)'
              }`,
          );
        }
        return {nodes};
      } catch (e) {
        return failure(e, opts.scene, opts.frame);
      }
    },
  };
}
