/**
 * The commands that read a project without making a video, each its own
 * entry point: `--list`, `--still SECONDS` and `--contact-sheet`. (The
 * video commands are in video.ts; the steps they share in project.ts.)
 */
import path from 'node:path';
import type {CliOptions} from './args';
import {displayPath} from './files';
import {checkStillTime, sheetTimes} from './frameRange';
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
import type {PageSceneInfo} from './pageTypes';
import {frameAt, writePng, writeStill} from './still';

/** `--list`: one line per scene, name, frames and seconds, on stdout. */
export async function listCommand(
  options: CliOptions,
  hooks: CommandHooks,
): Promise<CommandOutput> {
  const run = commandRun(options, hooks);
  const files = await prepareProject(run, false);
  return withProject(run, files, async ({info, fps, log}) => {
    for (const scene of info.scenes) {
      log(`${scene.name}\t${scene.frames}\t${(scene.frames / fps).toFixed(3)}`);
    }
    return {results: [], info};
  });
}

/**
 * One PNG per selected scene, each written by `write` (under a temporary
 * name, renamed when whole; see writePng), with a line for each.
 */
async function pngPerScene(
  options: CliOptions,
  hooks: CommandHooks,
  write: (
    project: OpenedProject,
    scene: PageSceneInfo,
  ) => Promise<{file: string; frames: number}>,
): Promise<CommandOutput> {
  const run = commandRun(options, hooks);
  const files = await prepareProject(run);
  return withProject(run, files, async project => {
    const results: SceneResult[] = [];
    for (const scene of selectedScenes(project)) {
      const {file, frames} = await write(project, scene);
      project.log(`${scene.name}: wrote ${displayPath(file)}`);
      results.push({
        scene: scene.name,
        file,
        frames,
        cached: false,
        seconds: 0,
      });
    }
    return {results, info: project.info};
  });
}

/** `--still SECONDS`: `<out>/<scene>@<SECONDS>s.png` for each scene. */
export async function stillCommand(
  options: CliOptions,
  hooks: CommandHooks,
): Promise<CommandOutput> {
  const seconds = options.still;
  if (seconds === null) throw new Error('stillCommand: expected --still');
  return pngPerScene(options, hooks, async (project, scene) => {
    const {session, page, outDir, fps, resolutionScale, signal} = project;
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
      signal,
    );
    return {file, frames: 1};
  });
}

/** `--contact-sheet`: `<out>/<scene>-sheet.png`, a still every 2 s with its time. */
export async function contactSheetCommand(
  options: CliOptions,
  hooks: CommandHooks,
): Promise<CommandOutput> {
  return pngPerScene(options, hooks, async (project, scene) => {
    const {session, page, outDir, fps, resolutionScale, signal} = project;
    const times = sheetTimes(scene.frames, fps);
    const file = path.join(outDir, `${scene.name}-sheet.png`);
    await writePng(
      session,
      file,
      sink =>
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
      signal,
    );
    return {file, frames: times.length};
  });
}
