/**
 * The browser side of the headless renderer: boots a Motion Canvas project
 * with no editor UI and exposes `window.__mcRender` for the Node driver.
 *
 * @remarks
 * Frames are drawn by the engine's own Stage and PlaybackManager, exactly as
 * the editor's Renderer does, then read back with getImageData and POSTed as
 * raw RGBA to a loopback handler that feeds ffmpeg. A few POSTs stay in flight
 * so drawing the next frame overlaps sending and encoding the previous ones.
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
import {ReadOnlyTimeEvents} from '@motion-canvas/core/lib/scenes/timeEvents';

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
  draw: number;
  readback: number;
  post: number;
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
      sink: string;
      inFlight: number;
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
      config,
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
        timeEventsClass: ReadOnlyTimeEvents,
        sharedWebGLContext: webgl,
        experimentalFeatures: project.experimentalFeatures,
      }),
  );
  playback.setup(scenes);
  const stage = new Stage();
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

  async function seek(frame: number) {
    await playback.reset();
    await playback.seek(frame);
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

  function pixels(): ImageData {
    const {width, height} = stage.finalBuffer;
    // The Stage's own 2D context (getContext returns the existing one).
    const context = stage.finalBuffer.getContext('2d', {
      willReadFrequently: true,
    })!;
    return context.getImageData(0, 0, width, height);
  }

  async function post(sink: string, index: number, pixels: Uint8ClampedArray) {
    // A Blob body: measured 7x faster to upload than the same ArrayBuffer
    // (Chromium streams ArrayBuffer bodies through a slow path).
    const body = new Blob([pixels as Uint8ClampedArray<ArrayBuffer>]);
    const response = await fetch(`${sink}?i=${index}`, {method: 'POST', body});
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
      try {
        await configure(opts);
        const scene = findScene(opts.scene);
        await seek(scene.firstFrame + opts.from);
        const timings: PageTimings = {draw: 0, readback: 0, post: 0, total: 0};
        const inFlight: Promise<void>[] = [];
        const start = performance.now();
        for (; frame < opts.to; frame++) {
          const t0 = performance.now();
          if (frame > opts.from) await playback.progress();
          await draw(scene);
          const t1 = performance.now();
          const data = pixels();
          const t2 = performance.now();
          inFlight.push(post(opts.sink, frame - opts.from, data.data));
          if (inFlight.length >= opts.inFlight) await inFlight.shift();
          const t3 = performance.now();
          timings.draw += t1 - t0;
          timings.readback += t2 - t1;
          timings.post += t3 - t2;
        }
        const t4 = performance.now();
        await Promise.all(inFlight);
        timings.post += performance.now() - t4;
        timings.total = performance.now() - start;
        return {frames: opts.to - opts.from, timings};
      } catch (e) {
        return failure(e, opts.scene, frame);
      }
    },

    async still(opts) {
      try {
        await configure(opts);
        const scene = findScene(opts.scene);
        await seek(scene.firstFrame + opts.frame);
        await draw(scene);
        const data = pixels();
        await post(opts.sink, 0, data.data);
        return {width: data.width, height: data.height};
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
        await seek(scene.firstFrame);
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
        const data = ctx.getImageData(0, 0, canvas.width, canvas.height);
        await post(opts.sink, 0, data.data);
        return {width: canvas.width, height: canvas.height};
      } catch (e) {
        return failure(e, opts.scene, current);
      }
    },

    async probe(opts) {
      try {
        await configure(opts);
        const scene = findScene(opts.scene);
        await seek(scene.firstFrame + opts.frame);
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
