/**
 * Frames made by the Motion Canvas editor itself, for parity tests against
 * the headless renderer.
 *
 * @remarks
 * The stock editor (Vite with @motion-canvas/vite-plugin and @motion-canvas/ui,
 * as `npm start` serves it, offline) is opened at `?render`, which makes it
 * start a render by itself (packages/ui main.tsx), with the image-sequence
 * exporter (`@motion-canvas/core/image-sequence`) set in the project's .meta
 * file: the editor draws every frame of the range with its own Renderer and
 * the vite plugin writes them as PNG files.
 *
 * The stock plugin writes into the project's directory (it creates missing
 * .meta files, and the editor saves edited ones back), so the project runs
 * from a temporary copy of its directory: a project here must be
 * self-contained (its files in one directory, bare imports only otherwise;
 * they resolve through a `node_modules` link to this repository's). A scene
 * with no .meta file gets a random seed from the editor but a seed derived
 * from its name from the renderer: compare scenes that use no randomness, or
 * ship their .meta files.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import {execFileSync, spawnSync} from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import motionCanvasPlugin from '@motion-canvas/vite-plugin';
import {createServer, type Plugin, type ViteDevServer} from 'vite';
import {blockNonLoopback, type LaunchedBrowser} from '../../src/render/browser';
import {publishDepsCache, seedDepsCache} from '../../src/render/depsCache';
import {yuvFilter} from '../../src/render/encode';
import {findFfmpeg} from '../../src/render/ffmpeg';
import {REPO_ROOT} from '../../src/render/paths';
import {offlineEditor} from '../../vite.config';

/** The plugin factory, whichever way the CommonJS default arrives. */
const motionCanvas = ((motionCanvasPlugin as unknown as {default?: unknown})
  .default ?? motionCanvasPlugin) as typeof motionCanvasPlugin;

/** Where the editor's pre-bundled dependencies are kept between runs. */
const SHARED_DEPS = path.join(REPO_ROOT, 'node_modules/.cache/mc-editor/vite');

/** Options of {@link renderInEditor}. */
export interface EditorRenderOptions {
  /** First project frame to render (at `fps`). */
  from: number;
  /** Last project frame to render, included (the editor renders ≥ 2). */
  to: number;
  /** Frame rate of the render (default 60, the CLI's hd preset). */
  fps?: number;
  /** Gives up after this long (default 120 s). */
  timeoutMs?: number;
  /**
   * Vite's dependency cache (default: a fresh one, removed with the frames).
   * Runs that share one pre-bundle the editor's dependencies once.
   */
  cacheDir?: string;
}

/** PNG files the editor wrote, by project frame. */
export interface EditorFrames {
  frames: Map<number, string>;
  /** Removes the temporary copy and the frames. */
  dispose(): void;
}

/** Copies the files of a directory tree (not node_modules), writable. */
function copyTree(from: string, to: string): void {
  mkdirSync(to, {recursive: true});
  for (const name of readdirSync(from)) {
    if (name === 'node_modules' || name === 'output') continue;
    const source = path.join(from, name);
    const target = path.join(to, name);
    if (statSync(source).isDirectory()) copyTree(source, target);
    // Written afresh, not copied with its mode: sources may be read-only
    // (../shared/bench is) and the editor must be able to write meta files.
    else writeFileSync(target, readFileSync(source));
  }
}

/**
 * The project's meta data with the image-sequence exporter (PNG), the given
 * frame rate and range, at resolution scale 1.
 */
function renderingMeta(
  metaFile: string,
  fps: number,
  from: number,
  to: number,
): string {
  let meta: Record<string, unknown> = {version: 0};
  if (existsSync(metaFile)) {
    try {
      meta = JSON.parse(readFileSync(metaFile, 'utf8'));
    } catch {
      // An unreadable meta file: the defaults, as the editor would use.
    }
  }
  const shared = (meta.shared ?? {}) as Record<string, unknown>;
  const rendering = (meta.rendering ?? {}) as Record<string, unknown>;
  // The range is in seconds and the editor takes ceil(seconds * fps): half
  // a frame early lands on the frame itself despite rounding.
  meta.shared = {...shared, range: [(from - 0.5) / fps, (to - 0.5) / fps]};
  meta.rendering = {
    ...rendering,
    fps,
    resolutionScale: 1,
    colorSpace: rendering.colorSpace ?? 'srgb',
    exporter: {
      name: '@motion-canvas/core/image-sequence',
      options: {fileType: 'image/png', quality: 100, groupByScene: false},
    },
  };
  return JSON.stringify(meta, null, 2);
}

/** Lists PNG files under a directory, recursively. */
function pngsUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) found.push(...pngsUnder(file));
    else if (name.endsWith('.png')) found.push(file);
  }
  return found;
}

/** Starts the stock editor's Vite server on a project file, on a free port. */
async function startEditor(
  projectFile: string,
  output: string,
  cacheDir: string,
): Promise<{server: ViteDevServer; url: string}> {
  const server = await createServer({
    configFile: false,
    // A fixed root keeps Vite's dependency hash, so pre-bundled dependencies
    // are reused between runs (the project itself lives in a temporary copy).
    root: REPO_ROOT,
    cacheDir,
    logLevel: 'silent',
    clearScreen: false,
    server: {
      port: 0,
      host: '127.0.0.1',
      strictPort: false,
      // The editor's own files live in this repository, outside the root.
      fs: {strict: false},
      watch: null,
    },
    // Pre-bundled at start rather than discovered by the page, which would
    // make Vite reload it midway. Only bundling: the modules are the same.
    optimizeDeps: {
      include: [
        '@motion-canvas/ui',
        '@motion-canvas/core',
        '@motion-canvas/2d',
        '@motion-canvas/2d/lib/jsx-runtime',
        '@motion-canvas/2d/lib/jsx-dev-runtime',
      ],
    },
    // The same plugins as vite.config.ts (`npm start`), on this project.
    plugins: [
      offlineEditor(),
      motionCanvas({project: [projectFile], output}) as Plugin[],
    ],
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') {
    await server.close();
    throw new Error('the editor server did not report a port');
  }
  return {server, url: `http://127.0.0.1:${address.port}/`};
}

/**
 * Renders frames `from`..`to` of a project with the stock editor in the given
 * browser and returns the PNG files it wrote.
 */
export async function renderInEditor(
  browser: LaunchedBrowser,
  projectFile: string,
  options: EditorRenderOptions,
): Promise<EditorFrames> {
  const fps = options.fps ?? 60;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'mc-editor-'));
  const dispose = () => rmSync(scratch, {recursive: true, force: true});
  let server: ViteDevServer | null = null;
  const page = await browser.browser.newPage();
  try {
    const copy = path.join(scratch, 'project');
    copyTree(path.dirname(path.resolve(projectFile)), copy);
    symlinkSync(
      path.join(REPO_ROOT, 'node_modules'),
      path.join(copy, 'node_modules'),
      'dir',
    );
    const {name} = path.parse(projectFile);
    const file = path.join(copy, path.basename(projectFile));
    const metaFile = path.join(copy, `${name}.meta`);
    writeFileSync(
      metaFile,
      renderingMeta(metaFile, fps, options.from, options.to),
    );
    const output = path.join(scratch, 'output');
    const cacheDir = options.cacheDir ?? path.join(scratch, 'vite-cache');
    if (!existsSync(path.join(cacheDir, 'deps'))) {
      seedDepsCache(SHARED_DEPS, cacheDir);
    }
    const started = await startEditor(file, output, cacheDir);
    server = started.server;

    const errors: string[] = [];
    page.on('pageerror', e =>
      errors.push(e instanceof Error ? e.message : String(e)),
    );
    await blockNonLoopback(page);
    await page.goto(`${started.url}?render`, {waitUntil: 'domcontentloaded'});
    const expected = options.to - options.from + 1;
    const deadline = Date.now() + timeoutMs;
    // The render button carries data-rendering while the exporter runs; it
    // leaves that state once every frame is written and acknowledged.
    for (;;) {
      if (Date.now() > deadline) {
        throw new Error(
          `the editor rendered ${pngsUnder(output).length} of ${expected} ` +
            `frames in ${timeoutMs} ms${errors.length ? `: ${errors[0]}` : ''}`,
        );
      }
      const rendering = await page
        .evaluate(
          () =>
            document.querySelector('#render')?.hasAttribute('data-rendering') ??
            true,
        )
        .catch(() => true);
      if (!rendering && pngsUnder(output).length >= expected) break;
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    publishDepsCache(cacheDir, SHARED_DEPS);
    const frames = new Map<number, string>();
    for (const png of pngsUnder(output)) {
      frames.set(Number.parseInt(path.parse(png).name, 10), png);
    }
    return {frames, dispose};
  } catch (error) {
    dispose();
    throw error;
  } finally {
    await page.close().catch(() => undefined);
    await server?.close();
  }
}

/** How two frames of the same size compare. */
export interface FrameComparison {
  /** SSIM of the luma planes (BT.709), as ffmpeg's ssim filter gives it. */
  ssimY: number;
  /** Pixels whose RGBA differ at all. */
  differing: number;
  width: number;
  height: number;
}

/** Decodes a PNG to RGBA bytes with ffmpeg. */
function rgba(ffmpeg: string, file: string): Buffer {
  return execFileSync(
    ffmpeg,
    ['-v', 'error', '-i', file, '-f', 'rawvideo', '-pix_fmt', 'rgba', '-'],
    {maxBuffer: 1 << 28},
  );
}

/**
 * Compares two PNG files: SSIM(Y) with ffmpeg's ssim filter on both frames
 * converted the way the renderer encodes (BT.709 yuv420p, as bench.ts
 * measures), and the count of pixels that differ at all.
 */
export function compareFrames(a: string, b: string): FrameComparison {
  const ffmpeg = findFfmpeg().path;
  const pixelsA = rgba(ffmpeg, a);
  const pixelsB = rgba(ffmpeg, b);
  const probe = spawnSync(ffmpeg, ['-hide_banner', '-i', a], {
    encoding: 'utf8',
  });
  const dims = /, (\d+)x(\d+)/.exec(probe.stderr);
  if (!dims) throw new Error(`could not read the size of ${a}`);
  const width = Number(dims[1]);
  const height = Number(dims[2]);
  let differing = pixelsA.length === pixelsB.length ? 0 : width * height;
  if (differing === 0) {
    for (let i = 0; i < pixelsA.length; i += 4) {
      if (
        pixelsA[i] !== pixelsB[i] ||
        pixelsA[i + 1] !== pixelsB[i + 1] ||
        pixelsA[i + 2] !== pixelsB[i + 2] ||
        pixelsA[i + 3] !== pixelsB[i + 3]
      ) {
        differing++;
      }
    }
  }
  const yuv = yuvFilter(width, height);
  const ssim = spawnSync(
    ffmpeg,
    [
      '-hide_banner',
      '-i',
      a,
      '-i',
      b,
      '-lavfi',
      `[0:v]${yuv}[a];[1:v]${yuv}[b];[a][b]ssim`,
      '-f',
      'null',
      '-',
    ],
    {encoding: 'utf8'},
  );
  if (ssim.status !== 0) {
    throw new Error(`ffmpeg ssim failed:\n${ssim.stderr.slice(-800)}`);
  }
  const match = /SSIM Y:([0-9.]+)/.exec(ssim.stderr);
  if (!match) throw new Error(`no SSIM in:\n${ssim.stderr.slice(-500)}`);
  return {ssimY: Number(match[1]), differing, width, height};
}
