/**
 * The editor's narration track: Motion Canvas plays one audio track per
 * project (makeProject's `audio`), so the whole chapter's narration is mixed
 * into one file, each block at its beat, as the render places it. The beats
 * come from playing the scenes headlessly (the render page's `beats`), so
 * this runs only when the scenes, their timings or the narration changed.
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

/** The frame rate the editor's beats are read at. */
const FPS = 60;

function inputsKey(paths: NarrationPaths, manifest: Manifest): string {
  const h = createHash('sha256');
  h.update(JSON.stringify(manifest));
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
  const key = inputsKey(paths, manifest);
  if (existsSync(out) && existsSync(keyFile)) {
    if (readFileSync(keyFile, 'utf8') === key) return out;
  }
  log('narration: mixing the editor track (playing the scenes headlessly)');
  const session = await openSession(projectFile);
  const voiced: VoicedScene[] = [];
  try {
    const page = await session.openPage();
    const info = await projectInfo(page, {fps: FPS, resolutionScale: 1});
    for (const scene of info.scenes) {
      const seconds = scene.frames / FPS;
      const blocks = manifest.scenes[scene.name] ?? [];
      const {beats} = blocks.length
        ? await page.call('beats', {
            scene: scene.name,
            fps: FPS,
            resolutionScale: 1,
          })
        : {beats: []};
      const placed = placeBlocks(scene.name, blocks, beats, seconds);
      if (blocks.length && !placed.length)
        log(`narration: ${unwiredNote(scene.name)}`);
      voiced.push({scene: scene.name, placed, seconds});
    }
  } finally {
    await session.close();
  }
  const ffmpeg = findFfmpeg().path;
  const seconds = voiced.reduce((s, v) => s + v.seconds, 0);
  const track = await mix(ffmpeg, chapterTimeline(voiced), seconds);
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
