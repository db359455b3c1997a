/**
 * Rendering on many machines, the pure part: `--shard K/N` parsing, the
 * segment grid every video is encoded on, the split of a render's segments
 * into N balanced shards, and the shard manifests with the checks that
 * `--assemble` makes before joining anything. No I/O here (see segments.ts
 * and assemble.ts).
 *
 * @remarks
 * Every scene video is encoded as independent segments of
 * {@link SEGMENT_SECONDS} (each its own x264 stream, starting with a
 * keyframe), joined by stream copy. A one-process render and an N-shard
 * render therefore encode the very same segments, whatever N, and their
 * decoded frames are equal: x264 in CRF mode carries its rate control from
 * frame to frame, so chunks cut anywhere else would not give the frames of
 * one long encode.
 */
import {createHash} from 'node:crypto';
import type {BeatSpan} from '../beats';
import {UsageError} from './errors';
import type {FrameRange, SecondsRange} from './frameRange';

/** The length of the segments every scene video is encoded in. */
export const SEGMENT_SECONDS = 4;

/** Where shards write, inside the output directory. */
export const SHARDS_DIR = 'shards';

/** The manifest format written by this version. */
export const MANIFEST_FORMAT = 'mc-render-shard/2';

/**
 * Environment variables batch engines set to a copy's index, 0-based:
 * Kubernetes Indexed Jobs and AWS Batch array jobs.
 */
export const SHARD_INDEX_VARIABLES = [
  'JOB_COMPLETION_INDEX',
  'AWS_BATCH_JOB_ARRAY_INDEX',
] as const;

/** Shard `index` (1-based) of `count`. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** "2/3". */
export function shardName(shard: ShardSpec): string {
  return `${shard.index}/${shard.count}`;
}

/**
 * Parses `--shard K/N` (1 ≤ K ≤ N) or `--shard auto/N`, which takes K from
 * the first of {@link SHARD_INDEX_VARIABLES} that is set (0-based, so K is
 * that value + 1).
 */
export function parseShard(
  text: string | undefined,
  env: NodeJS.ProcessEnv = {},
): ShardSpec {
  const expected = 'expected K/N with 1 ≤ K ≤ N (e.g. 2/3), or auto/N';
  if (text === undefined || text.startsWith('--')) {
    throw new UsageError(`--shard: ${expected}, got nothing`);
  }
  const match = /^\s*(auto|\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const count = match ? Number(match[2]) : NaN;
  if (!match || !Number.isSafeInteger(count) || count < 1) {
    throw new UsageError(`--shard: ${expected}, got "${text}"`);
  }
  if (match[1] === 'auto') {
    const variable = SHARD_INDEX_VARIABLES.find(
      v => env[v] !== undefined && env[v] !== '',
    );
    const value = variable ? env[variable]! : undefined;
    const index = value !== undefined ? Number(value) + 1 : NaN;
    if (
      value === undefined ||
      !/^\s*\d+\s*$/.test(value) ||
      !Number.isSafeInteger(index) ||
      index > count
    ) {
      throw new UsageError(
        `--shard ${text}: expected ${SHARD_INDEX_VARIABLES.join(' or ')} ` +
          `to hold an index from 0 to ${count - 1}, got ${
            variable ? `${variable}="${value}"` : 'neither'
          }`,
      );
    }
    return {index, count};
  }
  const index = Number(match[1]);
  if (!Number.isSafeInteger(index) || index < 1 || index > count) {
    throw new UsageError(`--shard: ${expected}, got "${text}"`);
  }
  return {index, count};
}

/** Frames in a segment at `fps`. */
export function segmentFrames(fps: number): number {
  return Math.max(1, Math.round(SEGMENT_SECONDS * fps));
}

/**
 * The segments a range of a scene is encoded in: cuts every `size` frames
 * from the range's start; the last segment takes the remainder (from half
 * to one and a half segments, so that no tiny segment is left at the end).
 */
export function segmentGrid(range: FrameRange, size: number): FrameRange[] {
  const total = range.to - range.from;
  if (total <= 0) return [];
  const count = Math.max(1, Math.round(total / size));
  const segments: FrameRange[] = [];
  for (let i = 0; i < count; i++) {
    segments.push({
      from: range.from + i * size,
      to: i === count - 1 ? range.to : range.from + (i + 1) * size,
    });
  }
  return segments;
}

/** Frames in each of the grid's segments (what the encoder switches on). */
export function segmentLengths(range: FrameRange, size: number): number[] {
  return segmentGrid(range, size).map(s => s.to - s.from);
}

/** Contiguous runs of segments (each rendered by one page, one seek). */
export function runsOf<T extends FrameRange>(segments: T[]): T[][] {
  const runs: T[][] = [];
  for (const segment of segments) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1].to === segment.from) run.push(segment);
    else runs.push([segment]);
  }
  return runs;
}

/** One scene of a render, as planned. */
export interface PlanScene {
  name: string;
  /** The frames rendered (the whole scene, or --range). */
  from: number;
  to: number;
}

/** One segment, with the shard that renders it (1-based). */
export interface PlannedSegment extends FrameRange {
  scene: string;
  shard: number;
}

/**
 * Milliseconds a frame of each scene costs, from measurements; a scene not
 * measured costs the mean of those that are (1 when none is).
 */
export function costOf(
  costs: Record<string, number>,
): (scene: string) => number {
  const known = Object.values(costs).filter(c => Number.isFinite(c) && c > 0);
  const fallback = known.length
    ? known.reduce((a, b) => a + b, 0) / known.length
    : 1;
  return scene => {
    const c = costs[scene];
    return Number.isFinite(c) && c > 0 ? c : fallback;
  };
}

/**
 * Splits the segments of `scenes` (in order) into `count` contiguous shards
 * of near-equal cost (frames × the scene's cost per frame): shard k ends at
 * the segment boundary nearest to k/count of the total cost. The same input
 * gives the same split on every machine. A shard may get no segment when
 * there are fewer segments than shards.
 */
export function planShards(
  scenes: PlanScene[],
  size: number,
  count: number,
  costs: Record<string, number> = {},
): PlannedSegment[] {
  const cost = costOf(costs);
  const segments = scenes.flatMap(scene =>
    segmentGrid(scene, size).map(s => ({...s, scene: scene.name, shard: 1})),
  );
  const prefix = [0];
  for (const s of segments) {
    prefix.push(prefix[prefix.length - 1] + (s.to - s.from) * cost(s.scene));
  }
  const total = prefix[prefix.length - 1];
  let start = 0;
  for (let k = 1; k <= count; k++) {
    let end = segments.length;
    if (k < count) {
      const target = (total * k) / count;
      end = start;
      // The boundary nearest the target (ties to the earlier one).
      while (
        end < segments.length &&
        Math.abs(prefix[end + 1] - target) < Math.abs(prefix[end] - target)
      ) {
        end++;
      }
    }
    for (let i = start; i < end; i++) segments[i].shard = k;
    start = end;
  }
  return segments;
}

/**
 * The sound --assemble gives the joined videos: none (--no-audio, or a
 * project with neither narration nor audio), the project's narration (built
 * from its scripts and takes where --assemble runs, placed by the beats the
 * shards recorded), or the project's own audio file (makeProject's `audio`,
 * its URL and the offset of the project's .meta file).
 */
export type ShardSound =
  | {kind: 'silent'}
  | {kind: 'narration'}
  | {kind: 'project'; url: string; offset: number};

/** Where a scene sits in the project: for its sound. */
export interface SceneTimeline {
  /** The whole scene's frames (not only those rendered). */
  frames: number;
  /** Its first frame on the project's timeline. */
  firstFrame: number;
}

/** What a shard rendered: the same for every shard of one render. */
export interface ShardPlan {
  project: string;
  /**
   * The project file, relative to the repository when inside it (with
   * '/'), else absolute: --assemble builds the narration from it.
   */
  projectFile: string;
  sound: ShardSound;
  /** Per scene of `scenes`. */
  timeline: Record<string, SceneTimeline>;
  width: number;
  height: number;
  fps: number;
  range: SecondsRange | null;
  segmentFrames: number;
  scenes: PlanScene[];
  /** Whether --assemble also joins the scenes into the project's video. */
  joinProject: boolean;
}

/** What made the frames: shards must agree on all of it. */
export interface ShardBuild {
  /** Per scene: hash of its sources (paths relative to the project root). */
  sources: Record<string, string>;
  /** Hash of the render settings and the renderer's own code. */
  settings: string;
  /** ffmpeg's version line. */
  ffmpeg: string;
  /** The browser that drew, e.g. "HeadlessChrome/143.0.7499.0 (@sparticuz/chromium)". */
  browser: string;
}

/** One segment a shard wrote. */
export interface ManifestSegment extends FrameRange {
  scene: string;
  /** Relative to the output directory. */
  file: string;
  size: number;
  sha256: string;
  /** Milliseconds it took to render (0 when reused from the cache). */
  ms: number;
}

/** The manifest a shard writes last, once all its segments are in place. */
export interface ShardManifest {
  format: typeof MANIFEST_FORMAT;
  shard: ShardSpec;
  plan: ShardPlan;
  /** The costs (ms a frame, per scene) the shard was planned with. */
  costs: Record<string, number>;
  build: ShardBuild;
  /** Hash of `build`, to compare at a glance. */
  buildHash: string;
  segments: ManifestSegment[];
  /**
   * The narration beats (`narration:<id>`, seconds into the scene) of each
   * scene this shard has segments of, when the sound is narration.
   */
  beats: Record<string, BeatSpan[]>;
  /** When the shard finished (ISO 8601), and how long it took. */
  finished: string;
  seconds: number;
}

/** Hex SHA-256 of a value's JSON. */
export function hashJson(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/** The manifest's file name, relative to the output directory. */
export function manifestName(shard: ShardSpec): string {
  return `${SHARDS_DIR}/${shard.index}-of-${shard.count}.json`;
}

/** The directory of a shard's segments, relative to the output directory. */
export function segmentDir(shard: ShardSpec): string {
  return `${SHARDS_DIR}/${shard.index}-of-${shard.count}`;
}

/** A segment's file name, relative to the output directory. */
export function segmentName(shard: ShardSpec, segment: PlannedSegment): string {
  const pad = (n: number) => String(n).padStart(6, '0');
  return `${segmentDir(shard)}/${segment.scene}.${pad(segment.from)}-${pad(segment.to)}.mp4`;
}

/** (shard index, count) of a manifest's file name, or null. */
export function parseManifestName(name: string): ShardSpec | null {
  const match = /^(\d+)-of-(\d+)\.json$/.exec(name);
  if (!match) return null;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return index >= 1 && index <= count ? {index, count} : null;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isHash = (v: unknown): v is string =>
  typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
const isSafePath = (v: unknown): v is string =>
  typeof v === 'string' &&
  v.startsWith(`${SHARDS_DIR}/`) &&
  !v.split('/').includes('..') &&
  !v.includes('\\');

const isSound = (v: unknown): v is ShardSound =>
  isObject(v) &&
  (v.kind === 'silent' ||
    v.kind === 'narration' ||
    (v.kind === 'project' &&
      typeof v.url === 'string' &&
      typeof v.offset === 'number'));

/** "narration", "no audio", or "the audio file <url>" (for messages). */
export function describeSound(sound: ShardSound): string {
  if (sound.kind === 'project') return `the audio file ${sound.url}`;
  return sound.kind === 'narration' ? 'narration' : 'no audio';
}

/**
 * Parses a manifest's text: the manifest, or a phrase saying what is wrong
 * with it.
 */
export function parseManifest(text: string): ShardManifest | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  if (!isObject(data)) return 'not an object';
  if (data.format !== MANIFEST_FORMAT) {
    return `format ${JSON.stringify(data.format)}, not "${MANIFEST_FORMAT}"`;
  }
  const shard = data.shard;
  if (
    !isObject(shard) ||
    !isCount(shard.index) ||
    !isCount(shard.count) ||
    shard.index < 1 ||
    shard.index > shard.count
  ) {
    return 'no valid shard';
  }
  const plan = data.plan;
  if (
    !isObject(plan) ||
    typeof plan.project !== 'string' ||
    !isCount(plan.width) ||
    !isCount(plan.height) ||
    typeof plan.fps !== 'number' ||
    !isCount(plan.segmentFrames) ||
    plan.segmentFrames < 1 ||
    typeof plan.joinProject !== 'boolean' ||
    typeof plan.projectFile !== 'string' ||
    !isSound(plan.sound) ||
    !isObject(plan.timeline) ||
    !Object.values(plan.timeline).every(
      t => isObject(t) && isCount(t.frames) && isCount(t.firstFrame),
    ) ||
    !Array.isArray(plan.scenes) ||
    !plan.scenes.every(
      s =>
        isObject(s) &&
        typeof s.name === 'string' &&
        isCount(s.from) &&
        isCount(s.to) &&
        s.from < s.to,
    )
  ) {
    return 'no valid plan';
  }
  const build = data.build;
  if (
    !isObject(build) ||
    !isObject(build.sources) ||
    typeof build.settings !== 'string' ||
    typeof build.ffmpeg !== 'string' ||
    typeof build.browser !== 'string'
  ) {
    return 'no valid build';
  }
  if (!isObject(data.costs)) return 'no valid costs';
  if (
    !Array.isArray(data.segments) ||
    !data.segments.every(
      s =>
        isObject(s) &&
        typeof s.scene === 'string' &&
        isCount(s.from) &&
        isCount(s.to) &&
        isSafePath(s.file) &&
        isCount(s.size) &&
        isHash(s.sha256) &&
        typeof s.ms === 'number',
    )
  ) {
    return 'no valid segments';
  }
  if (
    !isObject(data.beats) ||
    !Object.values(data.beats).every(
      list =>
        Array.isArray(list) &&
        list.every(
          b =>
            isObject(b) &&
            typeof b.name === 'string' &&
            typeof b.start === 'number' &&
            typeof b.end === 'number',
        ),
    )
  ) {
    return 'no valid beats';
  }
  if (hashJson(build) !== data.buildHash) return 'buildHash does not match';
  return data as unknown as ShardManifest;
}

/** A shard's manifest as read from disk, or why it could not be used. */
export type ReadManifest =
  | {shard: ShardSpec; manifest: ShardManifest}
  | {shard: ShardSpec; problem: string};

/** The segments to join, in order, and what they make. */
export interface AssemblyPlan {
  plan: ShardPlan;
  manifests: ShardManifest[];
  /** Every segment of every scene, in order, each with the shard that wrote it. */
  segments: (ManifestSegment & {shard: ShardSpec})[];
  /** Manifests of another shard count, not used (for a note). */
  ignored: ShardSpec[];
}

/** "re-run --shard 2/3" or "re-run --shard 1/3 and --shard 3/3". */
function rerun(shards: number[], count: number): string {
  const flags = [...new Set(shards)]
    .sort((a, b) => a - b)
    .map(k => `--shard ${k}/${count}`);
  return `re-run ${flags.length > 1 ? `${flags.slice(0, -1).join(', ')} and ${flags[flags.length - 1]}` : flags[0]}`;
}

/** Compares everything but the costs and the scenes' lengths' owner. */
function samePlan(a: ShardPlan, b: ShardPlan): string | null {
  if (a.project !== b.project) return `project "${a.project}"`;
  if (a.width !== b.width || a.height !== b.height || a.fps !== b.fps) {
    return `${a.width}x${a.height}@${a.fps}`;
  }
  if (JSON.stringify(a.range) !== JSON.stringify(b.range)) {
    return a.range ? `--range ${a.range.start}-${a.range.end}` : 'no --range';
  }
  if (a.segmentFrames !== b.segmentFrames) {
    return `segments of ${a.segmentFrames} frames`;
  }
  if (JSON.stringify(a.scenes) !== JSON.stringify(b.scenes)) {
    return `scenes ${a.scenes.map(s => `${s.name} (${s.to - s.from} frames)`).join(', ')}`;
  }
  if (a.joinProject !== b.joinProject) {
    return a.joinProject ? 'all scenes' : 'scenes named on the command line';
  }
  if (JSON.stringify(a.sound) !== JSON.stringify(b.sound)) {
    return `with ${describeSound(a.sound)}`;
  }
  // (The project file's path may differ between machines: the sources'
  // hashes say whether it is the same project.)
  if (JSON.stringify(a.timeline) !== JSON.stringify(b.timeline)) {
    return 'scenes of other lengths';
  }
  return null;
}

/** What differs between a build and the reference one, or null. */
function differentBuild(
  a: ShardBuild,
  ref: ShardBuild,
  scenes: PlanScene[],
  refName: string,
): string | null {
  if (a.browser !== ref.browser) {
    return `was drawn by ${a.browser}, shard ${refName} (the newest) by ${ref.browser}`;
  }
  if (a.ffmpeg !== ref.ffmpeg) {
    return `was encoded by ${a.ffmpeg}, shard ${refName} (the newest) by ${ref.ffmpeg}`;
  }
  if (a.settings !== ref.settings) {
    return `was made with other render settings than shard ${refName} (the newest)`;
  }
  const scene = scenes.find(s => a.sources[s.name] !== ref.sources[s.name]);
  if (scene) {
    return `was made from other sources of ${scene.name} than shard ${refName} (the newest)`;
  }
  return null;
}

/**
 * Checks the manifests found in an output directory before anything is
 * joined: every shard of the newest render present and readable, all made
 * from the same selection, sources, settings, ffmpeg and browser, and every
 * segment of every scene written by one of them. Returns what to join, or
 * one line saying what is wrong and which shard to re-run.
 */
export function checkManifests(
  found: ReadManifest[],
  where = SHARDS_DIR,
): AssemblyPlan | string {
  const good = found.filter(
    (f): f is {shard: ShardSpec; manifest: ShardManifest} => 'manifest' in f,
  );
  if (found.length === 0) {
    return `no shard manifest in ${where}: expected the output of \`npm run render -- --shard K/N\` there`;
  }
  // The newest render decides the shard count; older counts are ignored.
  const newest = [...good].sort((a, b) =>
    b.manifest.finished.localeCompare(a.manifest.finished),
  )[0];
  const count = newest ? newest.shard.count : found[0].shard.count;
  const ofCount = found.filter(f => f.shard.count === count);
  const ignored = [
    ...new Map(
      found
        .filter(f => f.shard.count !== count)
        .map(f => [shardName(f.shard), f.shard]),
    ).values(),
  ];
  const bad = ofCount.filter(f => 'problem' in f);
  if (bad.length) {
    const f = bad[0] as {shard: ShardSpec; problem: string};
    return `shard ${shardName(f.shard)}: its manifest is unusable (${f.problem}): ${rerun(
      bad.map(b => b.shard.index),
      count,
    )}`;
  }
  const byIndex = new Map(
    ofCount.map(f => [
      f.shard.index,
      (f as {manifest: ShardManifest}).manifest,
    ]),
  );
  const missing: number[] = [];
  for (let k = 1; k <= count; k++) if (!byIndex.has(k)) missing.push(k);
  if (missing.length) {
    const names = missing.map(k => `${k}/${count}`).join(', ');
    return `shard${missing.length > 1 ? 's' : ''} ${names} ${
      missing.length > 1 ? 'are' : 'is'
    } missing (no manifest in ${where}): ${rerun(missing, count)}`;
  }
  const reference = newest!.manifest;
  const refName = shardName(reference.shard);
  // Each shard unlike the newest, and how (the first difference is said).
  const unlike: {k: number; plan: string | null; build: string | null}[] = [];
  for (let k = 1; k <= count; k++) {
    const m = byIndex.get(k)!;
    if (m === reference) continue;
    const plan = samePlan(m.plan, reference.plan);
    const build = plan
      ? null
      : differentBuild(
          m.build,
          reference.build,
          reference.plan.scenes,
          refName,
        );
    if (plan || build) unlike.push({k, plan, build});
  }
  if (unlike.length) {
    const [first] = unlike;
    const others =
      unlike.length > 1
        ? ` (and ${unlike
            .slice(1)
            .map(u => `${u.k}/${count}`)
            .join(', ')} likewise)`
        : '';
    const ks = unlike.map(u => u.k);
    return first.plan
      ? `shard ${first.k}/${count}${others} rendered ${first.plan}, unlike shard ${refName} (the newest): ${rerun(ks, count)} with the same scenes, --preset, --fps, --range and --no-audio`
      : `shard ${first.k}/${count}${others} ${first.build}; segments from both would not match at the seams: ${rerun(ks, count)} like shard ${refName}`;
  }
  // Every segment of the grid, from whichever shard wrote it (the newest).
  const manifests = [...byIndex.values()].sort((a, b) =>
    a.finished.localeCompare(b.finished),
  );
  const written = new Map<string, ManifestSegment & {shard: ShardSpec}>();
  for (const m of manifests) {
    for (const s of m.segments) {
      written.set(`${s.scene}\0${s.from}\0${s.to}`, {...s, shard: m.shard});
    }
  }
  const plan = reference.plan;
  const owners = planShards(
    plan.scenes,
    plan.segmentFrames,
    count,
    reference.costs,
  );
  const segments: AssemblyPlan['segments'] = [];
  const absent: PlannedSegment[] = [];
  for (const s of owners) {
    const w = written.get(`${s.scene}\0${s.from}\0${s.to}`);
    if (w) segments.push(w);
    else absent.push(s);
  }
  if (absent.length) {
    const s = absent[0];
    return `${s.scene} frames ${s.from}-${s.to}${
      absent.length > 1 ? ` (and ${absent.length - 1} more segments)` : ''
    } is in no shard's manifest: ${rerun(
      absent.map(a => a.shard),
      count,
    )}`;
  }
  return {plan, manifests, segments, ignored};
}

/**
 * Milliseconds a frame of each scene took, measured by shards (segments
 * rendered, not reused), merged over `previous` costs.
 */
export function measuredCosts(
  manifests: ShardManifest[],
  previous: Record<string, number> = {},
): Record<string, number> {
  const ms = new Map<string, number>();
  const frames = new Map<string, number>();
  for (const m of manifests) {
    for (const s of m.segments) {
      if (!(s.ms > 0)) continue;
      ms.set(s.scene, (ms.get(s.scene) ?? 0) + s.ms);
      frames.set(s.scene, (frames.get(s.scene) ?? 0) + (s.to - s.from));
    }
  }
  const costs = {...previous};
  for (const [scene, total] of ms) {
    costs[scene] = Math.round((total / frames.get(scene)!) * 100) / 100;
  }
  return costs;
}
