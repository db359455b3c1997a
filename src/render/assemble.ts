/**
 * `npm run render -- --assemble DIR`: joins the segments shards wrote into
 * DIR into the scene MP4s and the project's MP4 (chapter markers), by
 * stream copy, after checking that every shard is there and that all were
 * made alike (see checkManifests in shard.ts), then gives them the sound
 * the shards were rendered with (narration and captions, or the project's
 * audio file). Needs ffmpeg (and, for narration, the project's scripts and
 * takes): no browser, no Vite.
 */
import {existsSync, statSync} from 'node:fs';
import path from 'node:path';
import {hashFile} from './cache';
import type {CancelSignal} from './cancel';
import {RenderError, UsageError} from './errors';
import {displayPath, removeStaleTemps, writeFileAtomic} from './files';
import type {ProgressCallback} from './progress';
import type {BeatSpan} from '../beats';
import {
  audioUrlFile,
  buildProjectNarration,
  narrateChapter,
  narrateScenes,
  probeProjectAudio,
  type ProjectAudio,
  type VoicedScene,
} from './audio';
import {findFfmpeg, findFfprobe} from './ffmpeg';
import {
  concatCopy,
  COSTS_FILE,
  joinScenes,
  projectFileOf,
  readCosts,
  readManifests,
} from './segments';
import {
  checkManifests,
  describeSound,
  measuredCosts,
  shardName,
  SHARDS_DIR,
  type AssemblyPlan,
} from './shard';

/** What --assemble wrote. */
export interface AssembleResult {
  scenes: {scene: string; file: string; frames: number}[];
  project: string | null;
  shards: number;
}

/** Joins the shards in `dirArg` (see the module comment). */
export async function runAssemble(
  dirArg: string,
  hooks: {
    /** The run's: kills its ffmpeg and removes its temporary files. */
    signal: CancelSignal;
    log?: (line: string) => void;
    note?: (line: string) => void;
    onProgress?: ProgressCallback;
  },
): Promise<AssembleResult> {
  const {signal} = hooks;
  const log = hooks.log ?? (line => console.log(line));
  const note = hooks.note ?? log;
  const progress = hooks.onProgress ?? (() => undefined);
  const dir = path.resolve(dirArg);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    // Said below.
  }
  if (!isDir) {
    throw new UsageError(
      `--assemble: expected the directory the shards wrote to, got "${dirArg}" (no such directory)`,
    );
  }
  removeStaleTemps(dir);
  const where = displayPath(path.join(dir, SHARDS_DIR));
  const checked = checkManifests(readManifests(dir), where);
  if (typeof checked === 'string') throw new RenderError(checked);
  const {plan, segments, manifests, ignored} = checked;
  const count = manifests[0].shard.count;
  if (ignored.length) {
    note(
      `ignored the manifests of an older render in ${count === 1 ? 'one shard' : 'other shards'}: ${ignored.map(shardName).join(', ')}`,
    );
  }
  // Every segment is the file its shard wrote (a shard re-run while this
  // runs, or a partial copy from shared storage, is caught here).
  const bad = new Map<string, string>();
  let checkedCount = 0;
  progress({
    stage: 'loading',
    scene: 'segments',
    done: 0,
    total: segments.length,
  });
  for (const s of segments) {
    const file = path.join(dir, s.file);
    let problem: string | null = null;
    try {
      const {size, sha256} = await hashFile(file);
      if (size !== s.size || sha256 !== s.sha256) {
        problem = `${s.file} is not the file shard ${shardName(s.shard)} wrote (size or SHA-256 differ)`;
      }
    } catch {
      problem = `${s.file} is missing`;
    }
    if (problem && !bad.has(shardName(s.shard))) {
      bad.set(shardName(s.shard), problem);
    }
    progress({
      stage: 'loading',
      scene: 'segments',
      done: ++checkedCount,
      total: segments.length,
    });
  }
  if (bad.size) {
    const [first] = bad.values();
    const flags = [...bad.keys()].map(k => `--shard ${k}`);
    throw new RenderError(
      `${first}${bad.size > 1 ? ` (and segments of ${bad.size - 1} more shards)` : ''}: re-run ${flags.join(' and ')}`,
    );
  }

  const ffmpeg = findFfmpeg().path;
  const suffix = plan.range ? `@${plan.range.start}-${plan.range.end}s` : '';
  const scenes: AssembleResult['scenes'] = [];
  for (const scene of plan.scenes) {
    const file = path.join(dir, `${scene.name}${suffix}.mp4`);
    progress({stage: 'joining', scene: scene.name, done: 0, total: 1});
    await concatCopy(
      ffmpeg,
      segments
        .filter(s => s.scene === scene.name)
        .map(s => path.join(dir, s.file)),
      file,
      signal,
    );
    progress({stage: 'joining', scene: scene.name, done: 1, total: 1});
    scenes.push({scene: scene.name, file, frames: scene.to - scene.from});
    log(
      `${scene.name}: joined ${segments.filter(s => s.scene === scene.name).length} segments -> ${displayPath(file)}`,
    );
  }
  // The sound, muxed onto the joined pictures as a one-process render does.
  const voiced = await soundScenes(dir, checked, scenes, ffmpeg, note, signal);
  let project: string | null = null;
  if (plan.joinProject) {
    project = path.join(dir, `${plan.project}.mp4`);
    progress({stage: 'joining', scene: plan.project, done: 0, total: 1});
    await joinScenes(ffmpeg, plan.project, scenes, project, plan.fps, signal);
    progress({stage: 'joining', scene: plan.project, done: 1, total: 1});
    log(
      `${plan.project}: joined ${scenes.length} scenes -> ${displayPath(project)}`,
    );
    if (voiced) {
      await narrateChapter({
        file: project,
        voiced: voiced.scenes,
        noAudio: false,
        ffmpeg,
        projectAudio: voiced.projectAudio,
        record: async () => undefined,
        note,
        signal,
      });
    }
  }
  // What each scene cost a frame, for the next render's split.
  writeFileAtomic(
    path.join(dir, COSTS_FILE),
    JSON.stringify(measuredCosts(manifests, readCosts(dir)), undefined, 2) +
      '\n',
  );
  const slowest = Math.max(...manifests.map(m => m.seconds));
  log(
    `assembled ${segments.length} segments of ${count} shard${count === 1 ? '' : 's'} ` +
      `(shards took ${manifests.map(m => m.seconds.toFixed(1)).join(', ')} s; the slowest ${slowest.toFixed(1)} s)`,
  );
  return {scenes, project, shards: count};
}

/**
 * Gives the joined scene MP4s the sound the shards were rendered with (see
 * ShardSound): the narration, built here from the project's scripts and
 * takes and placed by the beats the shards recorded, with its captions; or
 * the project's own audio file. Null when the videos stay silent.
 */
async function soundScenes(
  dir: string,
  {plan, manifests}: AssemblyPlan,
  scenes: AssembleResult['scenes'],
  ffmpeg: string,
  note: (line: string) => void,
  signal: CancelSignal,
): Promise<{scenes: VoicedScene[]; projectAudio: ProjectAudio | null} | null> {
  const {sound} = plan;
  if (sound.kind === 'silent') return null;
  const projectFile = projectFileOf(plan.projectFile);
  if (!existsSync(projectFile)) {
    throw new RenderError(
      `${plan.projectFile}: the shards in ${displayPath(dir)} were rendered from this project file, which is not here; run --assemble in a checkout of the project (it builds the ${describeSound(sound)} from it)`,
    );
  }
  const narration =
    sound.kind === 'narration'
      ? await buildProjectNarration(projectFile, note)
      : null;
  const projectAudio =
    sound.kind === 'project'
      ? await probeProjectAudio(
          findFfprobe().path,
          sound.url,
          audioUrlFile(sound.url),
          sound.offset,
        )
      : null;
  const beats = new Map<string, BeatSpan[]>();
  for (const m of manifests) {
    for (const [scene, list] of Object.entries(m.beats)) beats.set(scene, list);
  }
  const voiced = await narrateScenes({
    beatsOf: async scene => beats.get(scene) ?? [],
    scenes: plan.scenes.map(s => ({name: s.name, ...plan.timeline[s.name]})),
    results: scenes,
    range: plan.range,
    noAudio: false,
    fps: plan.fps,
    ffmpeg,
    manifest: narration,
    projectAudio,
    record: async () => undefined,
    note,
    signal,
  });
  return {scenes: voiced, projectAudio};
}
