/**
 * Narration in the videos: a post-step on a finished silent MP4. Each
 * narration block's audio is placed at the first frame of its beat
 * (`narration:<id>`, recorded by `narrate`), mixed into one 48 kHz track,
 * normalized to EBU R128 (-16 LUFS integrated, true peak at most -1 dBTP) in
 * two loudnorm passes, encoded as AAC and muxed with the pictures copied
 * (`-c:v copy`), with the captions as a mov_text subtitle track; the same
 * captions are written as WebVTT beside the video.
 *
 * The MP4 carries the key of the audio it was muxed with (its `comment`
 * tag): a changed take or text re-muxes the audio only, and the frames are
 * not rendered again when no timing changed.
 */
import {execFile} from 'node:child_process';
import {createHash} from 'node:crypto';
import {
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type {BeatSpan} from '../beats';
import {
  buildNarration,
  narrationPaths,
  type BuiltBlock,
  type Manifest,
} from '../narration/build';
import {cuesFor, toVtt, type Cue} from '../narration/cues';
import {NARRATION_BEAT} from '../narration/timing';
import {RenderError} from './errors';
import {findFfprobe} from './ffmpeg';
import {pendingTemps, tempNameFor} from './files';
import {rangeToFrames, type SecondsRange} from './frameRange';
import type {PageSceneInfo} from './page';
import type {ProjectPage} from './session';

/** The audio's sample rate. */
export const SAMPLE_RATE = 48_000;
/** Loudness target, EBU R128 (integrated, LUFS). */
export const TARGET_LUFS = -16;
/** True-peak ceiling given to loudnorm (dBTP), below the -1 dBTP limit. */
export const TARGET_TP = -1.5;

/**
 * Dynamics before loudness normalization: speech peaks some 20 dB above its
 * loudness; a compressor and a peak limiter bring that under 14.5 dB, so
 * that loudnorm's second pass stays linear (one gain, no pumping).
 */
export const COMPRESSOR =
  'acompressor=threshold=0.03:ratio=6:attack=3:release=60:makeup=4,' +
  'alimiter=limit=0.25:attack=2:release=40:level=false';

/** A block's audio placed on a timeline. */
export interface PlacedBlock {
  readonly scene: string;
  readonly block: BuiltBlock;
  /** When its audio starts, in seconds on the timeline. */
  readonly start: number;
}

/**
 * Places a scene's blocks at their beats' first frames, on a timeline that
 * starts at `offset` (seconds into the scene) and lasts `seconds`. Throws one
 * line when a block has no beat while others have (the scene skips it) or
 * when its take runs into the next block or past the scene's end. A scene
 * that plays none of its blocks gets none (see {@link unwiredNote}).
 */
export function placeBlocks(
  scene: string,
  blocks: readonly BuiltBlock[],
  beats: readonly BeatSpan[],
  sceneSeconds: number,
  window: {offset: number; seconds: number} = {
    offset: 0,
    seconds: sceneSeconds,
  },
  tolerance = 0.05,
): PlacedBlock[] {
  const byName = new Map(beats.map(b => [b.name, b]));
  // A scene that narrates nothing yet (its script written, its narrate()
  // calls not): silent, and the caller says so.
  if (!blocks.some(b => byName.has(NARRATION_BEAT + b.id))) return [];
  const spans = blocks.map(block => {
    const beat = byName.get(NARRATION_BEAT + block.id);
    if (!beat) {
      throw new RenderError(
        `scene ${scene}: expected narrate('${block.id}', ...) in the scene (block ${block.id} of scenes/${scene}.narration.ts is never played)`,
      );
    }
    return {block, start: beat.start};
  });
  spans.sort((a, b) => a.start - b.start);
  spans.forEach((s, i) => {
    const next = spans[i + 1];
    const limit = next ? next.start : sceneSeconds;
    const end = s.start + s.block.seconds;
    if (end > limit + tolerance) {
      const what =
        s.block.source === 'take'
          ? path.basename(s.block.audio)
          : `the scratch voice of ${scene}/${s.block.id}`;
      throw new RenderError(
        `${what}: lasts ${s.block.seconds.toFixed(2)} s, but block ${scene}/${s.block.id} has ${(limit - s.start).toFixed(2)} s before ${next ? `block ${next.block.id} starts` : 'the scene ends'} (the scene cannot wait for it)`,
      );
    }
  });
  return spans
    .map(s => ({scene, block: s.block, start: s.start - window.offset}))
    .filter(p => p.start < window.seconds && p.start + p.block.seconds > 0);
}

/** The warning for a scene with a narration script and no narrate() calls. */
export function unwiredNote(scene: string): string {
  return `${scene}: scenes/${scene}.narration.ts is not narrated yet (no narrate() in the scene): no audio for it`;
}

/** The key of a track: what is placed where, and the audio files' contents. */
export function audioKey(placed: readonly PlacedBlock[], seconds: number) {
  const h = createHash('sha256');
  h.update(
    JSON.stringify({v: 1, seconds, SAMPLE_RATE, TARGET_LUFS, TARGET_TP}),
  );
  for (const p of placed) {
    h.update(JSON.stringify([p.start, p.block.text, p.block.seconds]));
    h.update(readFileSync(p.block.audio));
  }
  return h.digest('hex').slice(0, 32);
}

function run(
  tool: string,
  args: string[],
): Promise<{stdout: Buffer; stderr: string}> {
  return new Promise((resolve, reject) => {
    execFile(
      tool,
      args,
      {encoding: 'buffer', maxBuffer: 1 << 30},
      (error, stdout, stderr) => {
        const err = stderr.toString('utf8');
        if (error) {
          reject(
            new RenderError(
              `ffmpeg (narration audio) failed: ${err.trim().split('\n').slice(-1)[0] || error.message}`,
            ),
          );
        } else {
          resolve({stdout, stderr: err});
        }
      },
    );
  });
}

/** Decodes an audio file to mono 32-bit float samples at {@link SAMPLE_RATE}. */
export async function decode(
  ffmpeg: string,
  file: string,
): Promise<Float32Array> {
  const {stdout} = await run(ffmpeg, [
    '-hide_banner',
    '-loglevel',
    'error',
    '-i',
    file,
    '-ac',
    '1',
    '-ar',
    String(SAMPLE_RATE),
    '-f',
    'f32le',
    'pipe:1',
  ]);
  const copy = new Uint8Array(stdout.byteLength);
  copy.set(stdout);
  return new Float32Array(copy.buffer, 0, Math.floor(copy.byteLength / 4));
}

/** Mixes placed blocks into one track of `seconds` (samples at {@link SAMPLE_RATE}). */
export async function mix(
  ffmpeg: string,
  placed: readonly PlacedBlock[],
  seconds: number,
): Promise<Float32Array> {
  const out = new Float32Array(Math.max(1, Math.round(seconds * SAMPLE_RATE)));
  const decoded = new Map<string, Float32Array>();
  for (const p of placed) {
    let samples = decoded.get(p.block.audio);
    if (!samples) {
      samples = await decode(ffmpeg, p.block.audio);
      decoded.set(p.block.audio, samples);
    }
    const at = Math.round(p.start * SAMPLE_RATE);
    for (let i = Math.max(0, -at); i < samples.length; i++) {
      const j = at + i;
      if (j >= out.length) break;
      out[j] += samples[i];
    }
  }
  return out;
}

interface Loudness {
  input_i: string;
  input_tp: string;
  input_lra: string;
  input_thresh: string;
  target_offset: string;
}

/**
 * Normalizes a raw track (f32le mono at {@link SAMPLE_RATE}) to
 * {@link TARGET_LUFS} in two loudnorm passes and encodes it as AAC in `out`.
 */
export async function normalizeToAac(
  ffmpeg: string,
  raw: string,
  out: string,
): Promise<void> {
  const input = [
    '-f',
    'f32le',
    '-ar',
    String(SAMPLE_RATE),
    '-channel_layout',
    'mono',
    '-ac',
    '1',
    '-i',
    raw,
  ];
  const base = `${COMPRESSOR},loudnorm=I=${TARGET_LUFS}:TP=${TARGET_TP}:LRA=11`;
  const first = await run(ffmpeg, [
    '-hide_banner',
    '-nostats',
    ...input,
    '-af',
    `${base}:print_format=json`,
    '-f',
    'null',
    '-',
  ]);
  const json = first.stderr.slice(first.stderr.lastIndexOf('{'));
  let m: Loudness;
  try {
    m = JSON.parse(json.slice(0, json.indexOf('}') + 1)) as Loudness;
  } catch {
    throw new RenderError('ffmpeg loudnorm: expected a JSON measurement');
  }
  const silent = !Number.isFinite(Number(m.input_i));
  const filter = silent
    ? 'anull'
    : `${base}:measured_I=${m.input_i}:measured_TP=${m.input_tp}:measured_LRA=${m.input_lra}:measured_thresh=${m.input_thresh}:offset=${m.target_offset}:linear=true,aformat=channel_layouts=mono,aresample=${SAMPLE_RATE}`;
  await run(ffmpeg, [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    ...input,
    '-af',
    filter,
    '-ar',
    String(SAMPLE_RATE),
    '-c:a',
    'aac',
    '-b:a',
    '192k',
    '-f',
    'mp4',
    out,
  ]);
}

/** The `comment` tag of an MP4 (where the audio key is kept), or ''. */
export async function muxedKey(ffprobe: string, file: string): Promise<string> {
  try {
    const {stdout} = await run(ffprobe, [
      '-v',
      'error',
      '-show_entries',
      'format_tags=comment',
      '-of',
      'default=nw=1:nk=1',
      file,
    ]);
    return stdout.toString('utf8').trim();
  } catch {
    return '';
  }
}

/** Options of {@link narrateVideo}. */
export interface NarrateVideo {
  readonly ffmpeg: string;
  readonly ffprobe: string;
  /** The finished MP4 (its video is kept, anything else replaced). */
  readonly video: string;
  /** Where the WebVTT goes (removed when silent). */
  readonly vtt: string;
  /** Blocks on the video's timeline; empty or null for a silent video. */
  readonly placed: readonly PlacedBlock[] | null;
  /** The video's length, in seconds. */
  readonly seconds: number;
  /** Writes temporary files under these names (registered for cleanup). */
  readonly temp: (name: string) => string;
  readonly release: (file: string) => void;
}

/**
 * Gives a finished MP4 its narration (or takes it away), unless it already
 * carries this exact track. Returns what it did.
 */
export async function narrateVideo(
  o: NarrateVideo,
): Promise<'muxed' | 'unchanged' | 'silenced'> {
  const silent = !o.placed || o.placed.length === 0;
  const key = silent
    ? 'narration:none'
    : `narration:${audioKey(o.placed!, o.seconds)}`;
  const current = await muxedKey(o.ffprobe, o.video);
  if (current === key || (silent && current === '')) {
    if (silent) rmSync(o.vtt, {force: true});
    return 'unchanged';
  }
  const raw = o.temp(`${o.video}.narration.f32`);
  const aac = o.temp(`${o.video}.narration.m4a`);
  const vtt = o.temp(`${o.vtt}.tmp.vtt`);
  const out = o.temp(`${o.video}.narrated.mp4`);
  try {
    const args = ['-hide_banner', '-loglevel', 'error', '-y', '-i', o.video];
    const maps = ['-map', '0:v'];
    let cues: Cue[] = [];
    if (!silent) {
      const track = await mix(o.ffmpeg, o.placed!, o.seconds);
      writeFileSync(
        raw,
        Buffer.from(track.buffer, track.byteOffset, track.byteLength),
      );
      await normalizeToAac(o.ffmpeg, raw, aac);
      cues = cuesFor(
        o.placed!.map(p => ({
          text: p.block.text,
          words: p.block.words,
          start: p.start,
          seconds: p.block.seconds,
        })),
      ).filter(c => c.end > 0 && c.start < o.seconds);
      writeFileSync(vtt, toVtt(cues));
      args.push('-i', aac, '-i', vtt);
      maps.push('-map', '1:a', '-map', '2:s');
    }
    args.push(
      ...maps,
      '-map_metadata',
      '0',
      '-map_chapters',
      '0',
      '-c:v',
      'copy',
    );
    if (!silent) {
      args.push(
        '-c:a',
        'copy',
        '-c:s',
        'mov_text',
        '-metadata:s:a:0',
        'language=eng',
        '-metadata:s:s:0',
        'language=eng',
      );
    }
    args.push(
      '-metadata',
      `comment=${key}`,
      '-movflags',
      '+faststart',
      '-f',
      'mp4',
      out,
    );
    await run(o.ffmpeg, args);
    renameSync(out, o.video);
    if (silent) rmSync(o.vtt, {force: true});
    else renameSync(vtt, o.vtt);
    return silent ? 'silenced' : 'muxed';
  } finally {
    for (const f of [raw, aac, vtt, out]) {
      rmSync(f, {force: true});
      o.release(f);
    }
  }
}

/** A chapter's blocks: each scene's placed blocks, shifted by the scenes before it. */
export function chapterTimeline(
  scenes: readonly {placed: readonly PlacedBlock[]; seconds: number}[],
): PlacedBlock[] {
  const out: PlacedBlock[] = [];
  let offset = 0;
  for (const s of scenes) {
    for (const p of s.placed) out.push({...p, start: p.start + offset});
    offset += s.seconds;
  }
  return out;
}

/** Reads a WebVTT file's cue times (seconds), for tests and checks. */
export function vttCueTimes(file: string): {start: number; end: number}[] {
  const t = (s: string) => {
    const [h, m, rest] = s.split(':');
    return Number(h) * 3600 + Number(m) * 60 + Number(rest);
  };
  return [
    ...readFileSync(file, 'utf8').matchAll(
      /(\d+:\d\d:\d\d\.\d+) --> (\d+:\d\d:\d\d\.\d+)/g,
    ),
  ].map(m => ({start: t(m[1]), end: t(m[2])}));
}

/** The narration of a project, built before its scenes load (null: none). */
export async function buildProjectNarration(
  projectFile: string,
  note: (line: string) => void,
): Promise<Manifest | null> {
  const scenes = path.dirname(path.resolve(projectFile));
  const hasScripts = readdirSync(scenes).some(f => f.endsWith('.narration.ts'));
  if (!hasScripts) return null;
  return buildNarration({
    paths: narrationPaths(path.dirname(scenes), scenes),
    log: note,
  });
}

/** A rendered scene's narration, for the chapter's track. */
export interface VoicedScene {
  readonly scene: string;
  readonly placed: readonly PlacedBlock[];
  readonly seconds: number;
}

/** What {@link narrateScenes} needs of the render. */
export interface NarrateScenes {
  readonly page: ProjectPage;
  readonly scenes: readonly PageSceneInfo[];
  readonly results: readonly {scene: string; file: string; frames: number}[];
  readonly range: SecondsRange | null;
  readonly noAudio: boolean;
  readonly fps: number;
  readonly resolutionScale: number;
  readonly ffmpeg: string;
  readonly manifest: Manifest | null;
  /** Records an output in the render cache again (its bytes changed). */
  readonly record: (file: string) => Promise<unknown>;
  readonly note: (line: string) => void;
}

function tempHooks() {
  return {
    temp: (name: string) => {
      const t = tempNameFor(name);
      pendingTemps.add(t);
      return t;
    },
    release: (file: string) => {
      pendingTemps.delete(file);
    },
  };
}

/**
 * Gives every rendered (or cached) scene MP4 its narration, placed by the
 * scene's `narration:<id>` beats, and its captions (`<scene>.vtt`), or makes
 * it silent with `--no-audio`. Returns each scene's placed blocks.
 */
export async function narrateScenes(o: NarrateScenes): Promise<VoicedScene[]> {
  const ffprobe = findFfprobe().path;
  const voiced: VoicedScene[] = [];
  for (const r of o.results) {
    const scene = o.scenes.find(s => s.name === r.scene);
    if (!scene) continue;
    const blocks = o.manifest?.scenes[r.scene] ?? [];
    const sceneSeconds = scene.frames / o.fps;
    const range = rangeToFrames(
      o.range,
      o.fps,
      scene.frames,
      `scene "${scene.name}"`,
    );
    const window = {offset: range.from / o.fps, seconds: r.frames / o.fps};
    let placed: PlacedBlock[] = [];
    if (blocks.length > 0) {
      const {beats} = await o.page.call('beats', {
        scene: r.scene,
        fps: o.fps,
        resolutionScale: o.resolutionScale,
      });
      placed = placeBlocks(r.scene, blocks, beats, sceneSeconds, window);
      if (!beats.some(b => b.name.startsWith(NARRATION_BEAT))) {
        o.note(unwiredNote(r.scene));
      }
      if (!o.range)
        voiced.push({scene: r.scene, placed, seconds: window.seconds});
    } else if (!o.range) {
      voiced.push({scene: r.scene, placed: [], seconds: window.seconds});
    }
    const did = await narrateVideo({
      ffmpeg: o.ffmpeg,
      ffprobe,
      video: r.file,
      vtt: r.file.replace(/\.mp4$/, '') + '.vtt',
      placed: o.noAudio ? null : placed,
      seconds: window.seconds,
      ...tempHooks(),
    });
    if (did !== 'unchanged') {
      await o.record(r.file);
      o.note(
        `${r.scene}: ${did === 'muxed' ? `narration muxed (${placed.length} blocks) and captions written` : 'silent (--no-audio)'}`,
      );
    }
  }
  return voiced;
}

/** Gives the joined chapter MP4 the chapter's narration and captions. */
export async function narrateChapter(o: {
  file: string;
  voiced: readonly VoicedScene[];
  noAudio: boolean;
  ffmpeg: string;
  record: () => Promise<unknown>;
  note: (line: string) => void;
}): Promise<void> {
  const placed = chapterTimeline(o.voiced);
  const seconds = o.voiced.reduce((s, v) => s + v.seconds, 0);
  const did = await narrateVideo({
    ffmpeg: o.ffmpeg,
    ffprobe: findFfprobe().path,
    video: o.file,
    vtt: o.file.replace(/\.mp4$/, '') + '.vtt',
    placed: o.noAudio ? null : placed,
    seconds,
    ...tempHooks(),
  });
  if (did !== 'unchanged') {
    await o.record();
    o.note(
      `${path.basename(o.file)}: ${did === 'muxed' ? `narration muxed (${placed.length} blocks) and captions written` : 'silent (--no-audio)'}`,
    );
  }
}
