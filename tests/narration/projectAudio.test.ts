/**
 * A project's own audio (makeProject's `audio`, no narration scripts)
 * through the real renderer, as the stock FFmpeg exporter gives it: the
 * fixture project (tests/narration/project-audio, two scenes, preview
 * preset) plays a 2 s tone with a gap at 0.5-0.8 s, written here with
 * ffmpeg's lavfi, from 0.6 s into the project (its .meta file's
 * shared.audioOffset). ffprobe finds AAC 48 kHz in every MP4, and
 * silencedetect finds the tone where each video's part of the project's
 * timeline has it, within one frame. Then the bad input: a missing audio
 * file fails the CLI in one line, and the parts, unit by unit.
 */
import {execFileSync} from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {
  audioUrlFile,
  placeAudio,
  probeProjectAudio,
  projectAudioOffset,
  SAMPLE_RATE,
} from '../../src/render/audio';
import {findFfmpeg, findFfprobe} from '../../src/render/ffmpeg';
import {silences} from '../helpers/audio';
import {probe, runCli, type CliRun} from '../helpers/cli';

const FPS = 30;
const FRAME = 1 / FPS;
const OFFSET = 0.6;
/** Where the tone sounds, in seconds of the project's timeline. */
const TONE = [
  [OFFSET, OFFSET + 0.5],
  [OFFSET + 0.8, OFFSET + 2],
];

const SCRATCH = mkdtempSync(path.join(os.tmpdir(), 'project-audio-'));
const COPY = path.join(SCRATCH, 'project');
const OUT = path.join(SCRATCH, 'out');
const PROJECT = path.join(COPY, 'project.ts');

/**
 * The silences a video should have: its parts of the project's timeline
 * (seconds), one after the other, with the tone where {@link TONE} puts it.
 */
function expectedSilences(
  pieces: {start: number; seconds: number}[],
): {start: number; end: number}[] {
  const sound: [number, number][] = [];
  let at = 0;
  for (const p of pieces) {
    for (const [a, b] of TONE) {
      const from = Math.max(a, p.start);
      const to = Math.min(b, p.start + p.seconds);
      if (to > from) sound.push([at + from - p.start, at + to - p.start]);
    }
    at += p.seconds;
  }
  const out: {start: number; end: number}[] = [];
  let last = 0;
  for (const [a, b] of sound) {
    if (a - last >= 0.15) out.push({start: last, end: a});
    last = Math.max(last, b);
  }
  if (at - last >= 0.15) out.push({start: last, end: Infinity});
  return out;
}

/** A video's frames (counted), as seconds. */
function videoSeconds(file: string): number {
  const video = probe(file).streams.find(s => s.codec_type === 'video')!;
  return Number(video.nb_read_frames) / FPS;
}

let first: CliRun;

beforeAll(async () => {
  cpSync(path.join(__dirname, 'project-audio'), COPY, {recursive: true});
  execFileSync(findFfmpeg().path, [
    '-hide_banner',
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:sample_rate=48000:duration=2:samples_per_frame=480',
    '-af',
    "volume='1-gte(t,0.5)*lt(t,0.8)':eval=frame",
    path.join(COPY, 'tone.wav'),
  ]);
  first = await runCli([
    '--project',
    PROJECT,
    '--preset',
    'preview',
    '--out',
    OUT,
  ]);
});

afterAll(() => {
  rmSync(SCRATCH, {recursive: true, force: true});
});

describe('a project with its own audio', () => {
  it('gives the scene and project MP4s an AAC 48 kHz track as long as the pictures, and no captions', () => {
    expect(first.stderr + first.stdout).not.toMatch(/error|failed/i);
    expect(first.code).toBe(0);
    for (const name of ['one', 'two', 'project-audio']) {
      const file = path.join(OUT, `${name}.mp4`);
      const p = probe(file);
      const streams = p.streams.filter(s => s.codec_type !== 'data');
      expect(
        streams.map(s => [s.codec_type, s.codec_name, s.sample_rate]),
      ).toEqual([
        ['video', 'h264', undefined],
        ['audio', 'aac', '48000'],
      ]);
      expect(Number(streams[1].duration)).toBeCloseTo(videoSeconds(file), 1);
      const {tags} = p.format as unknown as {tags?: {comment?: string}};
      expect(tags?.comment ?? '').toMatch(/^audio:/);
      expect(existsSync(path.join(OUT, `${name}.vtt`))).toBe(false);
    }
  });

  it("starts the audio at the project's offset, cut to each video's part of the timeline, within one frame", () => {
    const one = videoSeconds(path.join(OUT, 'one.mp4'));
    const two = videoSeconds(path.join(OUT, 'two.mp4'));
    // A scene's video ends on the frame the next one starts with.
    const twoStart = one - FRAME;
    const cases = {
      one: [{start: 0, seconds: one}],
      two: [{start: twoStart, seconds: two}],
      'project-audio': [
        {start: 0, seconds: one},
        {start: twoStart, seconds: two},
      ],
    };
    for (const [name, pieces] of Object.entries(cases)) {
      const found = silences(path.join(OUT, `${name}.mp4`));
      const expected = expectedSilences(pieces);
      expect(found.length, `${name}: ${JSON.stringify(found)}`).toBe(
        expected.length,
      );
      expected.forEach((e, i) => {
        const what = `${name}: silence ${i}: ${JSON.stringify(found[i])} against ${JSON.stringify(e)}`;
        expect(Math.abs(found[i].start - e.start), what).toBeLessThan(FRAME);
        if (e.end === Infinity) expect(found[i].end, what).toBe(Infinity);
        else expect(Math.abs(found[i].end - e.end), what).toBeLessThan(FRAME);
      });
    }
    // The project's first sound is the offset itself.
    expect(silences(path.join(OUT, 'project-audio.mp4'))[0].end).toBeCloseTo(
      OFFSET,
      1,
    );
  });

  it('fails in one line naming a missing audio file, with exit code 1 and no video', async () => {
    const gone = path.join(COPY, 'gone.wav');
    writeFileSync(
      path.join(COPY, 'missing.ts'),
      `import {makeProject} from '@motion-canvas/core';
import one from './one?scene';
export default makeProject({scenes: [one], audio: ${JSON.stringify(`/@fs${gone}`)}});
`,
    );
    const out = path.join(SCRATCH, 'out-missing');
    const run = await runCli([
      '--project',
      path.join(COPY, 'missing.ts'),
      '--preset',
      'preview',
      '--out',
      out,
    ]);
    expect(run.code).toBe(1);
    const lines = run.stderr.split('\n').filter(l => l.includes('gone.wav'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/expected an audio file \(no such file\)/);
    expect(readdirSync(out).filter(f => f.endsWith('.mp4'))).toEqual([]);
  });
});

describe('project audio, unit by unit', () => {
  it('maps the URL a project gives to the file the dev server serves', () => {
    expect(audioUrlFile('/@fs/tmp/a%20b.wav?import', '/repo')).toBe(
      '/tmp/a b.wav',
    );
    expect(audioUrlFile('/narration/x.m4a', '/repo')).toBe(
      '/repo/narration/x.m4a',
    );
    expect(audioUrlFile('voice.wav', '/repo')).toBe('/repo/voice.wav');
    expect(() => audioUrlFile('https://example.com/a.mp3')).toThrow(
      /expected a file of the project .*not a URL/,
    );
  });

  it("reads the offset from the project's .meta file (0 without one) and rejects a bad one", () => {
    expect(
      projectAudioOffset(path.join(__dirname, 'project-audio/project.ts')),
    ).toBe(OFFSET);
    const dir = path.join(SCRATCH, 'meta');
    cpSync(path.join(__dirname, 'project-audio'), dir, {recursive: true});
    rmSync(path.join(dir, 'project.meta'));
    expect(projectAudioOffset(path.join(dir, 'project.ts'))).toBe(0);
    writeFileSync(
      path.join(dir, 'project.meta'),
      JSON.stringify({shared: {audioOffset: 'soon'}}),
    );
    expect(() => projectAudioOffset(path.join(dir, 'project.ts'))).toThrow(
      /project\.meta: expected shared\.audioOffset to be a number/,
    );
  });

  it('names the file that is missing or not audio, in one line', async () => {
    const ffprobe = findFfprobe().path;
    await expect(
      probeProjectAudio(ffprobe, '/x/gone.wav', '/nowhere/gone.wav', 0),
    ).rejects.toThrow(
      /^\/nowhere\/gone\.wav \(makeProject's audio "\/x\/gone\.wav"\): expected an audio file \(no such file\)$/,
    );
    const text = path.join(SCRATCH, 'not-audio.wav');
    writeFileSync(text, 'RIFF? no, just text\n');
    await expect(
      probeProjectAudio(ffprobe, '/not-audio.wav', text, 0),
    ).rejects.toThrow(/not-audio\.wav .*: expected readable audio/);
  });

  it('places audio on a timeline: delayed, cut at the start, cut at the end', () => {
    const second = (n: number) => Math.round(n * SAMPLE_RATE);
    const mono = new Float32Array(second(1)).fill(0.5);
    const late = placeAudio(mono, 1, 0.5, 1);
    expect(late.length).toBe(second(1));
    expect(late[second(0.5) - 1]).toBe(0);
    expect(late[second(0.5)]).toBe(0.5);
    const early = placeAudio(mono, 1, -0.75, 1);
    expect(early[second(0.25) - 1]).toBe(0.5);
    expect(early[second(0.25)]).toBe(0);
    const stereo = new Float32Array(2 * second(1)).map((_, i) => i % 2);
    const cut = placeAudio(stereo, 2, 0.25, 0.5);
    expect(cut.length).toBe(2 * second(0.5));
    expect([cut[2 * second(0.25)], cut[2 * second(0.25) + 1]]).toEqual([0, 1]);
    expect(placeAudio(mono, 1, 2, 1).every(v => v === 0)).toBe(true);
  });
});
