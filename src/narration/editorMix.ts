/**
 * The editor's narration track: Motion Canvas plays one audio track per
 * project (makeProject's `audio`), so the whole chapter's narration is mixed
 * into one file, each block at its beat, as the render places it. The beats
 * come from playing the scenes headlessly (the render page's `beats`), so
 * this runs only when the scenes, their timings or the narration changed.
 *
 * Each scene's blocks are placed where the scene starts on the editor's
 * timeline (its first frame), not after the previous scene's video: a scene
 * video ends on the frame the next scene starts with, so summing videos
 * would put the narration one frame late per scene boundary.
 */
import {createHash} from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import {
  chapterTimeline,
  mix,
  normalizeToAac,
  placeBlocks,
  unwiredNote,
  type VoicedScene,
} from '../render/audio';
import {findFfmpeg} from '../render/ffmpeg';
import {openSession, projectInfo} from '../render/session';
import type {Manifest, NarrationPaths} from './build';

/** Where the editor's track is written, relative to the project's root. */
export const EDITOR_TRACK = 'narration/.build/editor.m4a';

/**
 * The frame rate the editor previews the project at: `preview.fps` of the
 * project's `.meta` file (Motion Canvas's default, 30, without one). Scene
 * lengths and beats are read at it, so that each block starts on the very
 * frame the editor shows its beat at.
 */
export function previewFps(projectFile: string): number {
  const {dir, name} = path.parse(path.resolve(projectFile));
  const metaFile = path.join(dir, `${name}.meta`);
  if (!existsSync(metaFile)) return 30;
  let fps: unknown;
  try {
    fps = JSON.parse(readFileSync(metaFile, 'utf8'))?.preview?.fps;
  } catch {
    throw new Error(`${metaFile}: expected JSON (the project's meta file)`);
  }
  if (fps === undefined) return 30;
  if (typeof fps !== 'number' || !(fps >= 1)) {
    throw new Error(
      `${metaFile}: expected preview.fps to be a frame rate, got ${JSON.stringify(fps)}`,
    );
  }
  return fps;
}

/** Bumped when the way the track is made changes. */
const MIX_VERSION = 2;

function inputsKey(
  paths: NarrationPaths,
  manifest: Manifest,
  fps: number,
): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({v: MIX_VERSION, fps}));
  h.update(JSON.stringify(manifest));
  // The takes' and the scratch voice's audio, should a file be replaced.
  const audio = new Set(
    Object.values(manifest.scenes).flatMap(blocks => blocks.map(b => b.audio)),
  );
  for (const file of [...audio].sort()) {
    if (existsSync(file)) h.update(readFileSync(file));
  }
  for (const dir of [paths.scenes, paths.timings]) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) {
      if (!/\.(tsx?|meta|json)$/.test(f)) continue;
      h.update(f);
      h.update(readFileSync(path.join(dir, f)));
    }
  }
  return h.digest('hex');
}

/**
 * Writes the editor's track for `projectFile` (unless its inputs are
 * unchanged) and returns its path.
 */
export async function writeEditorTrack(
  projectFile: string,
  paths: NarrationPaths,
  manifest: Manifest,
  log: (line: string) => void,
): Promise<string> {
  const out = path.join(paths.root, EDITOR_TRACK);
  const keyFile = `${out}.key`;
  const fps = previewFps(projectFile);
  const key = inputsKey(paths, manifest, fps);
  if (existsSync(out) && existsSync(keyFile)) {
    if (readFileSync(keyFile, 'utf8') === key) return out;
  }
  log('narration: mixing the editor track (playing the scenes headlessly)');
  const session = await openSession(projectFile);
  const voiced: VoicedScene[] = [];
  // The timeline's length: the last scene's last frame.
  let seconds = 0;
  try {
    const page = await session.openPage();
    const info = await projectInfo(page, {fps, resolutionScale: 1});
    for (const scene of info.scenes) {
      const sceneSeconds = scene.frames / fps;
      const blocks = manifest.scenes[scene.name] ?? [];
      const {beats} = blocks.length
        ? await page.call('beats', {
            scene: scene.name,
            fps,
            resolutionScale: 1,
          })
        : {beats: []};
      const placed = placeBlocks(scene.name, blocks, beats, sceneSeconds);
      if (blocks.length && !placed.length)
        log(`narration: ${unwiredNote(scene.name)}`);
      voiced.push({
        scene: scene.name,
        placed,
        seconds: sceneSeconds,
        timelineStart: scene.firstFrame / fps,
      });
      seconds = Math.max(seconds, (scene.firstFrame + scene.frames - 1) / fps);
    }
  } finally {
    await session.close();
  }
  const ffmpeg = findFfmpeg().path;
  const track = await mix(ffmpeg, chapterTimeline(voiced, 'timeline'), seconds);
  mkdirSync(path.dirname(out), {recursive: true});
  const raw = `${out}.${process.pid}.f32`;
  const tmp = `${out}.${process.pid}.tmp.m4a`;
  try {
    writeFileSync(
      raw,
      Buffer.from(track.buffer, track.byteOffset, track.byteLength),
    );
    await normalizeToAac(ffmpeg, raw, tmp);
    renameSync(tmp, out);
    writeFileSync(keyFile, key);
  } finally {
    rmSync(raw, {force: true});
    rmSync(tmp, {force: true});
  }
  log(
    `narration: editor track ${path.relative(paths.root, out)} (${seconds.toFixed(1)} s)`,
  );
  return out;
}
