/**
 * Stills and node probes: one frame of a scene, as a PNG file or as the
 * state of keyed nodes.
 */
import {mkdirSync, renameSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {makeCancelSignal, type CancelSignal} from './cancel';
import {fileError, RenderError, UsageError} from './errors';
import type {PageNodeState, PageProjectInfo} from './page';
import {PRESETS, resolutionScaleFor, type PresetName} from './presets';
import {projectInfo, type ProjectPage, type Session} from './session';
import {tempFile} from './files';

/**
 * Resolves a scene name against the project, with a helpful error (a usage
 * error: exit code 2, like any other bad name on the command line).
 */
export function sceneByName(info: PageProjectInfo, name: string) {
  const scene = info.scenes.find(s => s.name === name);
  if (!scene) {
    throw new UsageError(
      `unknown scene "${name}"; known scenes: ${info.scenes
        .map(s => s.name)
        .join(', ')}`,
    );
  }
  return scene;
}

/** The frame of a scene shown at `seconds` (nearest frame, clamped to the end). */
export function frameAt(seconds: number, fps: number, frames: number): number {
  return Math.min(frames - 1, Math.max(0, Math.round(seconds * fps - 1e-9)));
}

/**
 * Writes the PNG a page call sends to a one-frame sink: under a temporary
 * name first (removed if the run is cancelled), renamed when complete, so no
 * half-written file takes its place.
 */
export async function writePng<T>(
  session: Session,
  file: string,
  send: (sink: string) => Promise<T>,
  signal: CancelSignal,
): Promise<T> {
  try {
    mkdirSync(path.dirname(file), {recursive: true});
  } catch (error) {
    throw fileError('create the directory of', file, error);
  }
  const temp = tempFile(signal, file);
  let png: Buffer | null = null;
  const sink = session.server.openSink({
    async frame(_index, data) {
      png = data;
    },
  });
  try {
    const result = await send(sink.path);
    if (!png) throw new RenderError(`no image arrived for ${file}`);
    try {
      writeFileSync(temp.path, png);
      renameSync(temp.path, file);
    } catch (error) {
      throw fileError('write', file, error);
    }
    return result;
  } finally {
    temp.dispose();
    sink.close();
  }
}

/** Writes one frame of a scene as a PNG file. */
export function writeStill(
  session: Session,
  page: ProjectPage,
  opts: {scene: string; frame: number; fps: number; resolutionScale: number},
  file: string,
  signal: CancelSignal,
): Promise<{width: number; height: number}> {
  return writePng(
    session,
    file,
    sink => page.call('still', {...opts, sink}),
    signal,
  );
}

/** Options for {@link stillOnPage}. */
export interface StillOptions {
  preset?: PresetName;
  fps?: number;
  outDir: string;
  /** Cancels the still (default: a signal of its own, never cancelled). */
  signal?: CancelSignal;
}

/** Renders `<outDir>/<scene>@<seconds>s.png` on a booted page of an open session; returns its path and size. */
export async function stillOnPage(
  session: Session,
  page: ProjectPage,
  scene: string,
  seconds: number,
  options: StillOptions,
): Promise<{file: string; width: number; height: number}> {
  const preset = PRESETS[options.preset ?? 'hd'];
  const fps = options.fps ?? preset.fps;
  const probeInfo = await projectInfo(page, {fps, resolutionScale: 1});
  const scale = resolutionScaleFor(probeInfo.width, probeInfo.height, preset);
  const info = await projectInfo(page, {fps, resolutionScale: scale});
  const target = sceneByName(info, scene);
  const file = path.join(options.outDir, `${scene}@${seconds}s.png`);
  const size = await writeStill(
    session,
    page,
    {
      scene,
      frame: frameAt(seconds, fps, target.frames),
      fps,
      resolutionScale: scale,
    },
    file,
    options.signal ?? makeCancelSignal().signal,
  );
  return {file, ...size};
}

/** Seeks a scene to `seconds` on a booted page and returns the state of the keyed nodes. */
export async function probeOnPage(
  page: ProjectPage,
  scene: string,
  seconds: number,
  keys: string[],
  fps = 60,
): Promise<Record<string, PageNodeState>> {
  const info = await projectInfo(page, {fps, resolutionScale: 1});
  const target = sceneByName(info, scene);
  const result = await page.call('probe', {
    scene,
    frame: frameAt(seconds, fps, target.frames),
    fps,
    resolutionScale: 1,
    keys,
  });
  return result.nodes;
}
