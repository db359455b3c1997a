/**
 * Narration in the videos: a post-step on a finished silent MP4. Each
 * narration block's audio is placed at the first frame of its beat
 * (`narration:<id>`, recorded by `narrate`), mixed into one 48 kHz track,
 * normalized to EBU R128 (-16 LUFS integrated, true peak at most -1 dBTP) in
 * two loudnorm passes, encoded as AAC and muxed with the pictures copied
 * (`-c:v copy`), with the captions as a mov_text subtitle track; the same
 * captions are written as WebVTT beside the video.
 *
 * A project with no narration scripts that sets its own `audio`
 * (makeProject's) gets that track instead, as the stock FFmpeg exporter
 * gives it: shifted by the project's audio offset, cut to the rendered range
 * (see {@link readProjectAudio}).
 *
 * The MP4 carries the key of the audio it was muxed with (its `comment`
 * tag): a changed take, text or audio file re-muxes the audio only, and the
 * frames are not rendered again when no timing changed.
 */
import {execFile} from 'node:child_process';
import {createHash} from 'node:crypto';
import {
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
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
import type {CancelSignal} from './cancel';
import {killOnCancel} from './encode';
import {RenderError} from './errors';
import {findFfprobe} from './ffmpeg';
import {displayPath, tempFile} from './files';
import {rangeToFrames, type SecondsRange} from './frameRange';
import type {PageSceneInfo} from './page';
import {relativeName, REPO_ROOT} from './paths';
import type {ProjectPage, Session} from './session';

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

/** Runs ffmpeg or ffprobe to completion; the run's cancel signal kills it. */
function run(
  signal: CancelSignal | undefined,
  tool: string,
  args: string[],
): Promise<{stdout: Buffer; stderr: string}> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      tool,
      args,
      {encoding: 'buffer', maxBuffer: 1 << 30},
      (error, stdout, stderr) => {
        const err = stderr.toString('utf8');
        if (error) {
          reject(
            new RenderError(
              `ffmpeg (audio) failed: ${err.trim().split('\n').slice(-1)[0] || error.message}`,
            ),
          );
        } else {
          resolve({stdout, stderr: err});
        }
      },
    );
    if (signal) killOnCancel(signal, child);
  });
}

/** Decodes an audio file to mono 32-bit float samples at {@link SAMPLE_RATE}. */
export async function decode(
  ffmpeg: string,
  file: string,
  signal?: CancelSignal,
): Promise<Float32Array> {
  const {stdout} = await run(signal, ffmpeg, [
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
  signal?: CancelSignal,
): Promise<Float32Array> {
  const out = new Float32Array(Math.max(1, Math.round(seconds * SAMPLE_RATE)));
  const decoded = new Map<string, Float32Array>();
  for (const p of placed) {
    let samples = decoded.get(p.block.audio);
    if (!samples) {
      samples = await decode(ffmpeg, p.block.audio, signal);
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
  signal?: CancelSignal,
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
  const first = await run(signal, ffmpeg, [
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
  await run(signal, ffmpeg, [
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
export async function muxedKey(
  ffprobe: string,
  file: string,
  signal?: CancelSignal,
): Promise<string> {
  try {
    const {stdout} = await run(signal, ffprobe, [
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
/**
 * A narration track made ahead (see prepareNarration): its AAC file, once
 * written, for the placed blocks and length whose audioKey is `key`.
 */
export interface PreparedNarration {
  readonly key: string;
  readonly aac: Promise<string>;
}

/**
 * Mixes `placed` over `seconds`, normalizes it and writes it as AAC to
 * `aac` (removed with the run's temporary files).
 */
async function writeNarrationAac(
  ffmpeg: string,
  placed: readonly PlacedBlock[],
  seconds: number,
  aac: string,
  signal: CancelSignal,
): Promise<void> {
  const raw = tempFile(signal, `${aac}.f32`);
  try {
    const track = await mix(ffmpeg, placed, seconds, signal);
    writeFileSync(
      raw.path,
      Buffer.from(track.buffer, track.byteOffset, track.byteLength),
    );
    await normalizeToAac(ffmpeg, raw.path, aac, signal);
  } finally {
    raw.dispose();
  }
}

/**
 * Starts making the narration track of `placed` over `seconds` in the
 * background, into a temporary `<file>.prepared.m4a`: the chapter's track
 * depends only on the blocks and the scenes' lengths, so it can be made
 * while the pictures render (its two loudness passes over the whole chapter
 * take about 15 s). `dispose` removes it.
 */
export function prepareNarration(
  ffmpeg: string,
  placed: readonly PlacedBlock[],
  seconds: number,
  file: string,
  signal: CancelSignal,
): PreparedNarration & {dispose(): void} {
  const temp = tempFile(signal, `${file}.prepared.m4a`);
  const aac = writeNarrationAac(
    ffmpeg,
    placed,
    seconds,
    temp.path,
    signal,
  ).then(() => temp.path);
  // Reported where it is used; not an unhandled rejection meanwhile.
  aac.catch(() => undefined);
  return {key: audioKey(placed, seconds), aac, dispose: () => temp.dispose()};
}

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
  /** The run's: kills its ffmpeg and removes its temporary files. */
  readonly signal: CancelSignal;
  /** The track, made ahead; used when it is of these blocks and length. */
  readonly prepared?: PreparedNarration | null;
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
  const current = await muxedKey(o.ffprobe, o.video, o.signal);
  if (current === key || (silent && current === '')) {
    if (silent) rmSync(o.vtt, {force: true});
    return 'unchanged';
  }
  const temps = [
    `${o.video}.narration.m4a`,
    `${o.vtt}.tmp.vtt`,
    `${o.video}.narrated.mp4`,
  ].map(name => tempFile(o.signal, name));
  const [aac, vtt, out] = temps.map(t => t.path);
  try {
    const args = ['-hide_banner', '-loglevel', 'error', '-y', '-i', o.video];
    const maps = ['-map', '0:v'];
    let cues: Cue[] = [];
    if (!silent) {
      const ready =
        o.prepared && o.prepared.key === audioKey(o.placed!, o.seconds)
          ? await o.prepared.aac
          : null;
      if (!ready) {
        await writeNarrationAac(o.ffmpeg, o.placed!, o.seconds, aac, o.signal);
      }
      cues = cuesFor(
        o.placed!.map(p => ({
          text: p.block.text,
          words: p.block.words,
          start: p.start,
          seconds: p.block.seconds,
        })),
      ).filter(c => c.end > 0 && c.start < o.seconds);
      writeFileSync(vtt, toVtt(cues));
      args.push('-i', ready ?? aac, '-i', vtt);
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
    await run(o.signal, o.ffmpeg, args);
    renameSync(out, o.video);
    if (silent) rmSync(o.vtt, {force: true});
    else renameSync(vtt, o.vtt);
    return silent ? 'silenced' : 'muxed';
  } finally {
    for (const t of temps) t.dispose();
  }
}

/**
 * A chapter's blocks: each scene's placed blocks, shifted by the scenes
 * before it (`'joined'`: the scene videos one after the other, as the joined
 * MP4 has them), or to where the scene starts on the project's timeline
 * (`'timeline'`: the editor's time, where a scene's last frame is the next
 * one's first, so each scene starts one frame earlier than in the joined
 * video).
 */
export function chapterTimeline(
  scenes: readonly {
    placed: readonly PlacedBlock[];
    seconds: number;
    timelineStart?: number;
  }[],
  on: 'joined' | 'timeline' = 'joined',
): PlacedBlock[] {
  const out: PlacedBlock[] = [];
  let offset = 0;
  for (const s of scenes) {
    const at = on === 'timeline' ? (s.timelineStart ?? offset) : offset;
    for (const p of s.placed) out.push({...p, start: p.start + at});
    offset = at + s.seconds;
  }
  return out;
}

/**
 * The joined project's narration: every scene's blocks on one timeline, one
 * scene after another, and its length.
 */
export function chapterTrack(
  scenes: readonly {placed: readonly PlacedBlock[]; seconds: number}[],
): {placed: PlacedBlock[]; seconds: number} {
  return {
    placed: chapterTimeline(scenes),
    seconds: scenes.reduce((s, v) => s + v.seconds, 0),
  };
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

/**
 * A project's own audio track: makeProject's `audio`, placed as the stock
 * FFmpeg exporter (`@motion-canvas/ffmpeg` 3.17) places it, which starts the
 * file at `shared.audioOffset` of the project's `.meta` file (the editor's
 * Video Settings, "audio offset") minus the rendered range's start: a
 * positive offset delays it, a negative one cuts its beginning. (makeProject's
 * own `audioOffset` is deprecated and read by neither the editor nor the
 * exporter.)
 */
export interface ProjectAudio {
  /** The URL the project gives (`audio`). */
  readonly url: string;
  /** The file it names. */
  readonly file: string;
  /** Where the file starts, in seconds of the project's timeline. */
  readonly offset: number;
  /** Its channels in the videos: 1, or 2 (more are mixed down to stereo). */
  readonly channels: number;
  /** Its length, in seconds. */
  readonly seconds: number;
}

/**
 * The file a project's `audio` URL names, as the dev server serves it (the
 * editor's and the render server's root is this repository): `/@fs/<path>`
 * (an imported asset outside the root) is that path, `/<path>` is under
 * `public/` or the root. Throws one line for a URL that is not a path.
 */
export function audioUrlFile(url: string, root = REPO_ROOT): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    throw new RenderError(
      `makeProject's audio "${url.slice(0, 80)}": expected a file of the project (a path or an imported asset), not a URL`,
    );
  }
  const clean = decodeURIComponent(url.split(/[?#]/)[0]);
  if (clean.startsWith('/@fs/')) return path.resolve(clean.slice(4));
  const rel = clean.replace(/^\/+/, '');
  const inPublic = path.join(root, 'public', rel);
  return existsSync(inPublic) ? inPublic : path.join(root, rel);
}

/**
 * The project's audio offset: `shared.audioOffset` of its `.meta` file
 * (seconds; 0 when the file or the field is absent, as in the editor).
 */
export function projectAudioOffset(projectFile: string): number {
  const {dir, name} = path.parse(path.resolve(projectFile));
  const metaFile = path.join(dir, `${name}.meta`);
  if (!existsSync(metaFile)) return 0;
  let meta: {shared?: {audioOffset?: unknown}};
  try {
    meta = JSON.parse(readFileSync(metaFile, 'utf8'));
  } catch {
    throw new RenderError(
      `${displayPath(metaFile)}: expected JSON (the project's meta file)`,
    );
  }
  const offset = meta?.shared?.audioOffset;
  if (offset === undefined || offset === null) return 0;
  if (typeof offset !== 'number' || !Number.isFinite(offset)) {
    throw new RenderError(
      `${displayPath(metaFile)}: expected shared.audioOffset to be a number of seconds, got ${JSON.stringify(offset)}`,
    );
  }
  return offset;
}

/**
 * Checks that `file` is readable audio (ffprobe) and describes it. Throws
 * one line naming the file otherwise.
 */
export async function probeProjectAudio(
  ffprobe: string,
  url: string,
  file: string,
  offset: number,
): Promise<ProjectAudio> {
  const what = `${displayPath(file)} (makeProject's audio "${url}")`;
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new RenderError(`${what}: expected an audio file (no such file)`);
  }
  let info: {
    streams?: {channels?: number}[];
    format?: {duration?: string};
  };
  try {
    const {stdout} = await run(undefined, ffprobe, [
      '-v',
      'error',
      '-select_streams',
      'a:0',
      '-show_entries',
      'stream=channels:format=duration',
      '-of',
      'json',
      file,
    ]);
    info = JSON.parse(stdout.toString('utf8'));
  } catch {
    info = {};
  }
  const channels = info.streams?.[0]?.channels;
  const seconds = Number(info.format?.duration);
  if (!channels || !Number.isFinite(seconds)) {
    throw new RenderError(
      `${what}: expected readable audio (ffprobe finds no audio stream in it)`,
    );
  }
  return {url, file, offset, channels: Math.min(channels, 2), seconds};
}

/**
 * The project's own audio (null: it sets none): makeProject's `audio` as the
 * booted project has it (the page imports the project module it booted, so
 * an imported asset's URL is the one the editor plays), its file checked.
 */
export async function readProjectAudio(
  session: Session,
  page: ProjectPage,
  projectFile: string,
  note: (line: string) => void,
): Promise<ProjectAudio | null> {
  const file = path.resolve(projectFile);
  const mod = [
    ...(session.server.vite.moduleGraph.getModulesByFile(file) ?? []),
  ]
    .map(m => m.url)
    .find(u => !u.includes('?'));
  const rel = relativeName(file);
  const moduleUrl = mod ?? (rel.startsWith('..') ? `/@fs${file}` : `/${rel}`);
  // A string, not a function: the page must run the browser's import().
  const settings = (await page.page.evaluate(
    `import(${JSON.stringify(moduleUrl)}).then(m => {
      const s = m.default || {};
      return {audio: s.audio ?? null, audioOffset: s.audioOffset ?? null};
    })`,
  )) as {audio: unknown; audioOffset: unknown};
  // No audio, as the editor sees it (it plays a truthy `audio` only).
  if (!settings.audio) return null;
  if (typeof settings.audio !== 'string') {
    throw new RenderError(
      `${displayPath(file)}: expected makeProject's audio to be a URL string, got ${JSON.stringify(settings.audio)}`,
    );
  }
  if (settings.audioOffset !== null) {
    note(
      `${displayPath(file)}: makeProject's audioOffset is deprecated and ignored (as by the editor and its exporter); set "audio offset" in the editor's Video Settings (shared.audioOffset of the project's .meta file)`,
    );
  }
  const offset = projectAudioOffset(file);
  return probeProjectAudio(
    findFfprobe().path,
    settings.audio,
    audioUrlFile(settings.audio),
    offset,
  );
}

/**
 * Places decoded audio (interleaved, `channels` a frame, at
 * {@link SAMPLE_RATE}) on a video's timeline: its first sample at `shift`
 * seconds (negative: that much of it is cut), the rest silence, `seconds`
 * long.
 */
export function placeAudio(
  samples: Float32Array,
  channels: number,
  shift: number,
  seconds: number,
): Float32Array {
  const frames = Math.max(1, Math.round(seconds * SAMPLE_RATE));
  const out = new Float32Array(frames * channels);
  const at = Math.round(shift * SAMPLE_RATE);
  const from = Math.max(0, -at);
  const to = Math.min(samples.length / channels, frames - at);
  if (to > from) {
    out.set(
      samples.subarray(from * channels, to * channels),
      (at + from) * channels,
    );
  }
  return out;
}

/** Options of {@link projectAudioVideo}. */
export interface ProjectAudioVideo {
  readonly ffmpeg: string;
  readonly ffprobe: string;
  /** The finished MP4 (its video is kept, anything else replaced). */
  readonly video: string;
  /** A WebVTT of an earlier narrated render, removed. */
  readonly vtt: string;
  readonly audio: ProjectAudio;
  /**
   * The parts of the project's timeline the video shows, one after the
   * other (seconds): one for a scene, one per scene for the joined video,
   * whose scenes each repeat the frame they share with the next.
   */
  readonly pieces: readonly {start: number; seconds: number}[];
  /** The run's: kills its ffmpeg and removes its temporary files. */
  readonly signal: CancelSignal;
}

/**
 * Gives a finished MP4 the project's own audio, cut to the video's parts of
 * the project's timeline and shifted by the offset, as AAC at
 * {@link SAMPLE_RATE} (not normalized: the stock exporter keeps its level),
 * unless it already carries this exact track.
 */
export async function projectAudioVideo(
  o: ProjectAudioVideo,
): Promise<'muxed' | 'unchanged'> {
  const h = createHash('sha256');
  h.update(
    JSON.stringify({
      v: 1,
      offset: o.audio.offset,
      pieces: o.pieces,
      channels: o.audio.channels,
      SAMPLE_RATE,
    }),
  );
  h.update(readFileSync(o.audio.file));
  const key = `audio:${h.digest('hex').slice(0, 32)}`;
  rmSync(o.vtt, {force: true});
  if ((await muxedKey(o.ffprobe, o.video, o.signal)) === key) {
    return 'unchanged';
  }
  const temps = [`${o.video}.audio.f32`, `${o.video}.audio.mp4`].map(name =>
    tempFile(o.signal, name),
  );
  const [raw, out] = temps.map(t => t.path);
  try {
    const {stdout} = await run(o.signal, o.ffmpeg, [
      '-hide_banner',
      '-loglevel',
      'error',
      '-i',
      o.audio.file,
      '-map',
      '0:a:0',
      '-ac',
      String(o.audio.channels),
      '-ar',
      String(SAMPLE_RATE),
      '-f',
      'f32le',
      'pipe:1',
    ]).catch(() => {
      throw new RenderError(
        `${displayPath(o.audio.file)} (makeProject's audio "${o.audio.url}"): expected readable audio (ffmpeg cannot decode it)`,
      );
    });
    const decoded = new Float32Array(
      stdout.buffer.slice(
        stdout.byteOffset,
        stdout.byteOffset + stdout.byteLength - (stdout.byteLength % 4),
      ),
    );
    const parts = o.pieces.map(p =>
      placeAudio(
        decoded,
        o.audio.channels,
        o.audio.offset - p.start,
        p.seconds,
      ),
    );
    const track = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of parts) {
      track.set(part, at);
      at += part.length;
    }
    writeFileSync(
      raw,
      Buffer.from(track.buffer, track.byteOffset, track.byteLength),
    );
    await run(o.signal, o.ffmpeg, [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-i',
      o.video,
      '-f',
      'f32le',
      '-ar',
      String(SAMPLE_RATE),
      '-ac',
      String(o.audio.channels),
      '-i',
      raw,
      '-map',
      '0:v',
      '-map',
      '1:a',
      '-map_metadata',
      '0',
      '-map_chapters',
      '0',
      '-c:v',
      'copy',
      '-c:a',
      'aac',
      '-b:a',
      '192k',
      '-ar',
      String(SAMPLE_RATE),
      '-metadata',
      `comment=${key}`,
      '-movflags',
      '+faststart',
      '-f',
      'mp4',
      out,
    ]);
    renameSync(out, o.video);
    return 'muxed';
  } finally {
    for (const t of temps) t.dispose();
  }
}

/** A rendered scene's narration, for the chapter's track. */
export interface VoicedScene {
  readonly scene: string;
  readonly placed: readonly PlacedBlock[];
  /** Its video's length. */
  readonly seconds: number;
  /** Where its video starts on the project's timeline (the editor's time). */
  readonly timelineStart?: number;
}

/** What {@link narrateScenes} needs of the render. */
export interface NarrateScenes {
  /** The beats a scene records when it plays (the render page's, or a shard manifest's). */
  readonly beatsOf: (scene: string) => Promise<readonly BeatSpan[]>;
  /** Each scene's length and first frame on the project's timeline. */
  readonly scenes: readonly Pick<
    PageSceneInfo,
    'name' | 'frames' | 'firstFrame'
  >[];
  readonly results: readonly {scene: string; file: string; frames: number}[];
  readonly range: SecondsRange | null;
  readonly noAudio: boolean;
  readonly fps: number;
  readonly ffmpeg: string;
  readonly manifest: Manifest | null;
  /**
   * The project's own audio: muxed instead of narration when given (only
   * for a project without narration scripts, see render.ts).
   */
  readonly projectAudio?: ProjectAudio | null;
  /** Records an output in the render cache again (its bytes changed). */
  readonly record: (file: string) => Promise<unknown>;
  readonly note: (line: string) => void;
  /** The run's: kills its ffmpeg and removes its temporary files. */
  readonly signal: CancelSignal;
}

/**
 * Gives every rendered (or cached) scene MP4 its narration, placed by the
 * scene's `narration:<id>` beats, and its captions (`<scene>.vtt`), or the
 * project's own audio (its part of the project's timeline), or makes it
 * silent with `--no-audio`. Returns each scene's placed blocks.
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
    const timelineStart = (scene.firstFrame + range.from) / o.fps;
    const ownAudio = o.projectAudio && !o.noAudio ? o.projectAudio : null;
    let placed: PlacedBlock[] = [];
    if (!ownAudio && blocks.length > 0) {
      const beats = await o.beatsOf(r.scene);
      placed = placeBlocks(r.scene, blocks, beats, sceneSeconds, window);
      if (!beats.some(b => b.name.startsWith(NARRATION_BEAT))) {
        o.note(unwiredNote(r.scene));
      }
    }
    if (!o.range) {
      voiced.push({
        scene: r.scene,
        placed,
        seconds: window.seconds,
        timelineStart,
      });
    }
    if (ownAudio) {
      const did = await projectAudioVideo({
        ffmpeg: o.ffmpeg,
        ffprobe,
        video: r.file,
        vtt: r.file.replace(/\.mp4$/, '') + '.vtt',
        audio: ownAudio,
        pieces: [{start: timelineStart, seconds: window.seconds}],
        signal: o.signal,
      });
      if (did === 'muxed') {
        await o.record(r.file);
        o.note(`${r.scene}: project audio muxed`);
      }
      continue;
    }
    const did = await narrateVideo({
      ffmpeg: o.ffmpeg,
      ffprobe,
      video: r.file,
      vtt: r.file.replace(/\.mp4$/, '') + '.vtt',
      placed: o.noAudio ? null : placed,
      seconds: window.seconds,
      signal: o.signal,
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

/**
 * Gives the joined chapter MP4 the chapter's narration and captions, or the
 * project's own audio (from the project's start).
 */
export async function narrateChapter(o: {
  file: string;
  voiced: readonly VoicedScene[];
  /** The chapter's track, made while the scenes rendered (video.ts). */
  prepared?: PreparedNarration | null;
  noAudio: boolean;
  ffmpeg: string;
  projectAudio?: ProjectAudio | null;
  record: () => Promise<unknown>;
  note: (line: string) => void;
  signal: CancelSignal;
}): Promise<void> {
  const {placed, seconds} = chapterTrack(o.voiced);
  if (o.projectAudio && !o.noAudio) {
    const did = await projectAudioVideo({
      ffmpeg: o.ffmpeg,
      ffprobe: findFfprobe().path,
      video: o.file,
      vtt: o.file.replace(/\.mp4$/, '') + '.vtt',
      audio: o.projectAudio,
      pieces: o.voiced.map(v => ({
        start: v.timelineStart ?? 0,
        seconds: v.seconds,
      })),
      signal: o.signal,
    });
    if (did === 'muxed') {
      await o.record();
      o.note(`${path.basename(o.file)}: project audio muxed`);
    }
    return;
  }
  const did = await narrateVideo({
    ffmpeg: o.ffmpeg,
    ffprobe: findFfprobe().path,
    video: o.file,
    vtt: o.file.replace(/\.mp4$/, '') + '.vtt',
    placed: o.noAudio ? null : placed,
    seconds,
    signal: o.signal,
    prepared: o.prepared,
  });
  if (did !== 'unchanged') {
    await o.record();
    o.note(
      `${path.basename(o.file)}: ${did === 'muxed' ? `narration muxed (${placed.length} blocks) and captions written` : 'silent (--no-audio)'}`,
    );
  }
}
