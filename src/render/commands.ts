/**
 * The commands that read a project without making a video: `--list`,
 * `--still SECONDS` and `--contact-sheet`, each its own entry point on a
 * project the render command has opened (see runRender in render.ts, which
 * keeps only the video command).
 */
import path from 'node:path';
import type {CliOptions} from './args';
import {displayPath} from './files';
import {checkStillTime, sheetTimes} from './frameRange';
import type {PageProjectInfo, PageSceneInfo} from './pageTypes';
import type {ProjectPage, Session} from './session';
import {frameAt, sceneByName, writePng, writeStill} from './still';

/** A project opened in a page, at the command's frame rate and size. */
export interface OpenedProject {
  options: CliOptions;
  session: Session;
  /** The page the project was loaded in. */
  page: ProjectPage;
  info: PageProjectInfo;
  outDir: string;
  fps: number;
  resolutionScale: number;
  log: (line: string) => void;
}

/** What a command wrote, per scene. */
export interface CommandResult {
  scene: string;
  file: string;
  frames: number;
  cached: boolean;
  seconds: number;
}

/** The scenes the command names, in its order (all when it names none). */
export function selectedScenes(project: OpenedProject): PageSceneInfo[] {
  const {options, info} = project;
  return options.scenes.length
    ? options.scenes.map(name => sceneByName(info, name))
    : info.scenes;
}

/** `--list`: one line per scene, name, frames and seconds, on stdout. */
export function listScenes(project: OpenedProject): CommandResult[] {
  const {info, fps, log} = project;
  for (const scene of info.scenes) {
    log(`${scene.name}\t${scene.frames}\t${(scene.frames / fps).toFixed(3)}`);
  }
  return [];
}

/** `--still SECONDS`: `<out>/<scene>@<SECONDS>s.png` for each scene. */
export async function writeStills(
  project: OpenedProject,
  seconds: number,
): Promise<CommandResult[]> {
  const {session, page, outDir, fps, resolutionScale, log} = project;
  const results: CommandResult[] = [];
  for (const scene of selectedScenes(project)) {
    checkStillTime(seconds, fps, scene.frames, `scene "${scene.name}"`);
    const file = path.join(outDir, `${scene.name}@${seconds}s.png`);
    await writeStill(
      session,
      page,
      {
        scene: scene.name,
        frame: frameAt(seconds, fps, scene.frames),
        fps,
        resolutionScale,
      },
      file,
    );
    log(`${scene.name}: wrote ${displayPath(file)}`);
    results.push({
      scene: scene.name,
      file,
      frames: 1,
      cached: false,
      seconds: 0,
    });
  }
  return results;
}

/** `--contact-sheet`: `<out>/<scene>-sheet.png`, a still every 2 s with its time. */
export async function writeSheets(
  project: OpenedProject,
): Promise<CommandResult[]> {
  const {session, page, outDir, fps, resolutionScale, log} = project;
  const results: CommandResult[] = [];
  for (const scene of selectedScenes(project)) {
    const times = sheetTimes(scene.frames, fps);
    const file = path.join(outDir, `${scene.name}-sheet.png`);
    await writePng(session, file, sink =>
      page.call('sheet', {
        scene: scene.name,
        frames: times.map(t => frameAt(t, fps, scene.frames)),
        captions: times.map(t => `${scene.name} @ ${t.toFixed(1)} s`),
        columns: 4,
        thumbWidth: 480,
        fps,
        resolutionScale,
        sink,
      }),
    );
    log(`${scene.name}: wrote ${displayPath(file)}`);
    results.push({
      scene: scene.name,
      file,
      frames: times.length,
      cached: false,
      seconds: 0,
    });
  }
  return results;
}
