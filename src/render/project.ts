/**
 * What every command of `npm run render` does first: check --out and the
 * project file, build the narration, then open the project (a session: Vite
 * and a browser, a first page, the project's scenes at the command's frame
 * rate and resolution scale). Each command (commands.ts, video.ts) is its
 * own entry point on top of these steps.
 */
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type {CliOptions} from './args';
import {buildProjectNarration} from './audio';
import {describeBrowser} from './browser';
import {discardLegacyIndex} from './cache';
import type {CancelSignal} from './cancel';
import {
  isSystemError,
  RenderError,
  systemReason,
  UsageError,
  type SystemError,
} from './errors';
import {findFfmpeg} from './ffmpeg';
import {displayPath, removeStaleTemps, tempNameFor} from './files';
import type {PageProjectInfo, PageSceneInfo, PageTimings} from './pageTypes';
import {CHAPTER_PROJECT} from './paths';
import {PRESETS, resolutionScaleFor} from './presets';
import type {ProgressCallback} from './progress';
import {
  openSession,
  projectInfo,
  type ProjectPage,
  type Session,
} from './session';
import {sceneByName} from './still';

/** What a command wrote (or found cached), per scene. */
export interface SceneResult {
  scene: string;
  file: string;
  frames: number;
  cached: boolean;
  seconds: number;
  /** Where the frames' time went (a rendered video). */
  timings?: PageTimings;
}

/** What a command returns: its results and the project it read. */
export interface CommandOutput {
  results: SceneResult[];
  info: PageProjectInfo;
}

/** What a command is given besides its options. */
export interface CommandHooks {
  /**
   * The run's cancel signal: what the command starts (ffmpeg, the browser,
   * temporary files) is registered on it while it runs.
   */
  signal: CancelSignal;
  onProgress?: ProgressCallback;
  log?: (line: string) => void;
  /** Receives each frame too, as the PNG the page sent (the bench keeps them). */
  tee?: (index: number, frame: Buffer) => Promise<void>;
  /**
   * Status lines for people, such as which browser draws (default: `log`).
   * The CLI prints them on stderr, also with --list, whose stdout is data.
   */
  note?: (line: string) => void;
}

/** One command's run: its options, its signal, where its lines go. */
export interface CommandRun {
  options: CliOptions;
  signal: CancelSignal;
  log: (line: string) => void;
  note: (line: string) => void;
  progress: ProgressCallback;
  tee?: CommandHooks['tee'];
  /** --out, absolute. */
  outDir: string;
  fps: number;
}

/** The run of a command with these options and hooks (defaults filled in). */
export function commandRun(
  options: CliOptions,
  hooks: CommandHooks,
): CommandRun {
  const log = hooks.log ?? (line => console.log(line));
  return {
    options,
    signal: hooks.signal,
    log,
    note: hooks.note ?? log,
    progress: hooks.onProgress ?? (() => undefined),
    tee: hooks.tee,
    outDir: path.resolve(options.outDir),
    fps: options.fps,
  };
}

/** What is ready before the session opens. */
export interface ProjectFiles {
  projectFile: string;
  /** ffmpeg ('' for --list, which needs none). */
  ffmpeg: string;
  /** The project's narration, built (null for --list). */
  narration: Awaited<ReturnType<typeof buildProjectNarration>>;
}

/** A project opened in a page, at the command's frame rate and size. */
export interface OpenedProject extends CommandRun, ProjectFiles {
  session: Session;
  /** The page the project was loaded in. */
  page: ProjectPage;
  info: PageProjectInfo;
  resolutionScale: number;
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
  // Written and removed synchronously: no cancellation comes in between.
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
  }
}

/**
 * The steps before the session, from files alone: for a command that
 * writes (all but --list), --out checked (and the temporary files of killed
 * renders swept from it), ffmpeg found and the narration built (the timings
 * it writes are what the scenes wait for); the project file checked.
 */
export async function prepareProject(
  run: CommandRun,
  writes = true,
): Promise<ProjectFiles> {
  const {options, outDir, note} = run;
  if (writes) {
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
  if (!writes) return {projectFile, ffmpeg: '', narration: null};
  const ffmpeg = findFfmpeg().path;
  const narration = await buildProjectNarration(projectFile, note);
  return {projectFile, ffmpeg, narration};
}

/**
 * Opens the project (session, first page, the project's scenes at the
 * resolution scale of the command's preset), runs `use` on it and closes
 * the session, whatever happens.
 */
export async function withProject<T>(
  run: CommandRun,
  files: ProjectFiles,
  use: (project: OpenedProject) => Promise<T>,
): Promise<T> {
  const {options, fps, progress} = run;
  progress({stage: 'loading', scene: 'project', done: 0, total: 1});
  const session = await openSession(files.projectFile, run.signal);
  run.note(`browser: ${describeBrowser(session.browser.identity)}`);
  try {
    const page = await session.openPage();
    const native = await projectInfo(page, {fps, resolutionScale: 1});
    const resolutionScale = resolutionScaleFor(
      native.width,
      native.height,
      PRESETS[options.preset],
    );
    const info = await projectInfo(page, {fps, resolutionScale});
    progress({stage: 'loading', scene: 'project', done: 1, total: 1});
    return await use({
      ...run,
      ...files,
      session,
      page,
      info,
      resolutionScale,
    });
  } finally {
    await session.close();
  }
}

/** The scenes the command names, in its order (all when it names none). */
export function selectedScenes(project: OpenedProject): PageSceneInfo[] {
  const {options, info} = project;
  return options.scenes.length
    ? options.scenes.map(name => sceneByName(info, name))
    : info.scenes;
}
