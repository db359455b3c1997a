/**
 * Test helpers that look at what a scene really draws, through the real
 * headless renderer (Vite + Chromium + the Motion Canvas engine).
 *
 * Usage (in a vitest file; the first call for a project file starts a Vite
 * server and a browser and boots the project in a page; every later call,
 * from any test file of the run, reuses them: the run shares one module
 * graph (isolate: false in vitest.config.ts) and tests/setup/sessions.ts
 * ends the browsers after the last file):
 *
 *   import {probeScene, renderStill} from '../helpers/render';
 *
 *   const still = await renderStill('scenes/chapter12.ts', '01-title', 2.5);
 *   expect(still.pixel(960, 540)).toEqual([12, 16, 32, 255]);
 *
 *   const nodes = await probeScene('scenes/chapter12.ts', '01-title', 2.5, [
 *     'title',
 *   ]);
 *   expect(nodes.title.opacity).toBeCloseTo(1);
 *   expect(nodes.title.text).toBe('The other way to visualize derivatives');
 *
 * Positions are scene pixels with the origin at the centre (Motion Canvas
 * coordinates at the project's size, whatever the preset). Pixel
 * coordinates of stills are image pixels, origin top-left.
 */
import {execFileSync} from 'node:child_process';
import {appendFileSync, mkdtempSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {findFfmpeg} from '../../src/render/ffmpeg';
import type {PageNodeState} from '../../src/render/page';
import type {SweepReport} from '../../src/render/pageSweep';
import type {ProbeType, ProbeTypes} from '../../src/truth/types';
import {
  openSession,
  type ProjectPage,
  type Session,
} from '../../src/render/session';
import {probeOnPage, stillOnPage} from '../../src/render/still';
import {inject} from 'vitest';

/** One open session (server and browser) per project file. */
const sessions = new Map<string, Promise<Session>>();

/** One page per project file's session, opened on first use. */
const pages = new Map<string, Promise<ProjectPage>>();

/**
 * Runs `use` on the page of the project file's session, opened on first use.
 * Every still and probe seeks from the start of the playback, so a page that
 * has already shown a scene gives what a fresh page gives (a test in
 * tests/components/FunctionGraph.test.ts holds the renderer to that).
 */
async function withPage<T>(
  projectFile: string,
  use: (session: Session, page: ProjectPage) => Promise<T>,
): Promise<T> {
  const key = path.resolve(projectFile);
  const session = await sessionFor(projectFile);
  let page = pages.get(key);
  if (!page) {
    page = session.openPage();
    page.catch(() => pages.delete(key));
    pages.set(key, page);
  }
  return use(session, await page);
}

/**
 * The session of a project file, opened on first use and kept for the rest
 * of the run. Its browser is recorded for tests/setup/sessions.ts to end.
 */
function sessionFor(projectFile: string) {
  const key = path.resolve(projectFile);
  let entry = sessions.get(key);
  if (!entry) {
    entry = openSession(key).then(session => {
      if (session.browser.pid) {
        appendFileSync(inject('sessionRegistry'), `${session.browser.pid}\n`);
      }
      return session;
    });
    // A failed start is not cached: the next call tries again.
    entry.catch(() => sessions.delete(key));
    sessions.set(key, entry);
  }
  return entry;
}

/** A decoded still: RGBA bytes, row-major, top-left origin. */
export interface Still {
  width: number;
  height: number;
  /** RGBA bytes, 4 per pixel, row by row from the top-left corner. */
  data: Uint8Array;
  /** The [r, g, b, a] of the pixel at column x, row y (integers). */
  pixel(x: number, y: number): [number, number, number, number];
  /** The PNG file the still was decoded from. */
  file: string;
}

/** The state of one keyed node at a moment of a scene. */
export interface NodeState {
  /** Txt text, or Latex tex (arrays joined). */
  text?: string;
  /** Absolute position in scene pixels, origin at the centre, y down. */
  position: [x: number, y: number];
  /** Composed opacity (the node's times its ancestors'). */
  opacity: number;
  width?: number;
  height?: number;
  /** Fill colour as '#rrggbb' (or '#rrggbbaa' when translucent). */
  fill?: string;
  /** Stroke colour as '#rrggbb' (or '#rrggbbaa' when translucent). */
  stroke?: string;
  /** JSON of the node's `probe()` result, when it has that method. */
  custom?: unknown;
}

/** Decodes a PNG file into RGBA bytes with ffmpeg. */
export function decodePng(file: string, width: number, height: number) {
  const ffmpeg = findFfmpeg().path;
  const raw = execFileSync(
    ffmpeg,
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-i',
      file,
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgba',
      'pipe:1',
    ],
    {maxBuffer: width * height * 4 + 1024},
  );
  return new Uint8Array(raw.buffer, raw.byteOffset, width * height * 4);
}

/**
 * Renders one frame of a scene to a PNG with the real renderer and decodes it.
 *
 * @param projectFile - A Motion Canvas project file (relative to the cwd or absolute).
 * @param scene - The scene's name (its file name without extension).
 * @param seconds - Time in the scene; the nearest frame is drawn.
 * @param opts - `preset`: 'preview' (854x480) or 'hd' (1920x1080, default).
 */
export async function renderStill(
  projectFile: string,
  scene: string,
  seconds: number,
  opts: {preset?: 'preview' | 'hd'} = {},
): Promise<Still> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'mc-still-'));
  const {file, width, height} = await withPage(projectFile, (session, page) =>
    stillOnPage(session, page, scene, seconds, {
      preset: opts.preset ?? 'hd',
      outDir,
    }),
  );
  const data = decodePng(file, width, height);
  return {
    width,
    height,
    data,
    file,
    pixel(x, y) {
      if (x < 0 || y < 0 || x >= width || y >= height) {
        throw new RangeError(
          `pixel(${x}, ${y}): expected 0 ≤ x < ${width} and 0 ≤ y < ${height}`,
        );
      }
      const i = (Math.floor(y) * width + Math.floor(x)) * 4;
      return [data[i], data[i + 1], data[i + 2], data[i + 3]];
    },
  };
}

/**
 * Seeks a scene to `seconds` in the browser and returns the state of every
 * node whose `key` prop is one of `keys`.
 *
 * @remarks
 * Rejects, listing the keys that exist, when a key is not found. The scene
 * runs at 60 fps for seeking.
 */
export async function probeScene(
  projectFile: string,
  scene: string,
  seconds: number,
  keys: string[],
): Promise<Record<string, NodeState>> {
  const nodes = await withPage(projectFile, (_session, page) =>
    probeOnPage(page, scene, seconds, keys),
  );
  return nodes as Record<string, PageNodeState> as Record<string, NodeState>;
}

/**
 * The typed probe of the component keyed `key` at `seconds` into a scene:
 * what it reports it drew (see src/truth/types.ts). Rejects, naming both,
 * when the node is not a component of that type.
 */
export async function probeComponent<K extends ProbeType>(
  projectFile: string,
  scene: string,
  seconds: number,
  key: string,
  type: K,
): Promise<ProbeTypes[K]> {
  const nodes = await probeScene(projectFile, scene, seconds, [key]);
  return typedProbe(nodes[key], key, type);
}

/** Narrows a probed node's record to the probe of `type`, or throws naming what it is. */
export function typedProbe<K extends ProbeType>(
  node: NodeState,
  key: string,
  type: K,
): ProbeTypes[K] {
  const custom = node.custom as {type?: unknown} | undefined;
  if (!custom || custom.type !== type) {
    throw new Error(
      `node "${key}" is not a ${type}: its probe has type ${JSON.stringify(custom?.type ?? null)}`,
    );
  }
  return custom as ProbeTypes[K];
}

/**
 * The named beats of a scene (src/beats.ts), in seconds from its start, as
 * the renderer records them when the scene plays.
 */
export async function beatTimes(
  projectFile: string,
  scene: string,
): Promise<Record<string, {start: number; end: number}>> {
  const {beats} = await withPage(projectFile, (_session, page) =>
    page.call('beats', {scene, fps: 60, resolutionScale: 1}),
  );
  return Object.fromEntries(
    beats.map(b => [b.name, {start: b.start, end: b.end}]),
  );
}

/**
 * Where `order` (beat names) does not run back to back: each beat should
 * start as the one before ends, or, where the scene waited for its
 * narration to finish, as a narration block (`narration:<id>`) that covers
 * the gap ends. One line per unexplained gap or missing beat.
 */
export function unexplainedGaps(
  beats: Record<string, {start: number; end: number}>,
  order: string[],
): string[] {
  const blocks = Object.entries(beats)
    .filter(([name]) => name.startsWith('narration:'))
    .map(([, span]) => span);
  const problems: string[] = [];
  for (const [i, name] of order.entries()) {
    if (!beats[name]) {
      problems.push(`no beat "${name}"`);
      continue;
    }
    const previous = beats[order[i - 1]];
    if (i === 0 || !previous) continue;
    const [from, to] = [previous.end, beats[name].start];
    if (Math.abs(to - from) < 1e-9) continue;
    const waited = blocks.some(
      b => b.start <= from + 1e-9 && Math.abs(b.end - to) < 1e-9,
    );
    if (!waited) {
      problems.push(
        `gap ${from}-${to} s before "${name}" (after "${order[i - 1]}")`,
      );
    }
  }
  return problems;
}

/**
 * Sweeps a scene: plays it at 60 fps and checks what every component drew
 * against the math on `perSecond` frames a second, its last frame and the
 * first and last frames of every beat.
 */
export async function sweepScene(
  projectFile: string,
  scene: string,
  perSecond = 5,
): Promise<SweepReport> {
  const {report} = await withPage(projectFile, (_session, page) =>
    page.call('sweep', {scene, perSecond, fps: 60, resolutionScale: 1}),
  );
  return report;
}
