/**
 * Narration through the real renderer, on a two-scene fixture project of a
 * few seconds at the preview preset: the MP4s' streams (ffprobe), loudness
 * (ffmpeg ebur128), audio and cues against the beats, shards assembled
 * with their narration, --no-audio, and a changed take that re-muxes the
 * audio without rendering frames again.
 */
import {execFileSync} from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {encodeWav} from '../../src/narration/wav';
import {vttCueTimes} from '../../src/render/audio';
import {meterAudio, onsets} from '../helpers/audio';
import {frameHashes, probe, runCli} from '../helpers/cli';
import {beatTimes} from '../helpers/render';

const HERE = __dirname;
// A copy beside the fixture (same depth, so its relative imports hold).
const COPY = path.join(HERE, `.tmp-fixture-${process.pid}`);
const PROJECT = path.join(COPY, 'scenes/project.ts');
const OUT = mkdtempSync(path.join(os.tmpdir(), 'narration-render-'));
const FRAME = 1 / 30;

/** A file's streams, less the chapter markers' own data track. */
function streams(file: string) {
  return probe(file)
    .streams.filter(s => s.codec_type !== 'data')
    .map(s => ({
      type: s.codec_type,
      codec: s.codec_name,
      rate: s.sample_rate,
    }));
}

/** Integrated loudness and true peak of a file's audio (EBU R128). */
function loudness(file: string) {
  const log = meterAudio(
    file,
    'aformat=channel_layouts=mono,ebur128=peak=true',
  );
  const summary = log.slice(log.lastIndexOf('Summary:'));
  return {
    integrated: Number(/I:\s+(-?[\d.]+) LUFS/.exec(summary)![1]),
    truePeak: Number(/Peak:\s+(-?[\d.]+|-inf) dBFS/.exec(summary)![1]),
  };
}

/** Renders the fixture project at the preview preset into OUT. */
const renderFixture = (...extra: string[]) =>
  runCli(['--project', PROJECT, '--preset', 'preview', '--out', OUT, ...extra]);

let first: Awaited<ReturnType<typeof runCli>>;

beforeAll(async () => {
  rmSync(COPY, {recursive: true, force: true});
  cpSync(path.join(HERE, 'fixture'), COPY, {recursive: true});
  first = await renderFixture();
});

afterAll(() => {
  rmSync(COPY, {recursive: true, force: true});
  rmSync(OUT, {recursive: true, force: true});
});

describe('narrated render', () => {
  it('writes scene and project MP4s with AAC 48 kHz audio and a mov_text track, and WebVTT beside them', () => {
    expect(first.stderr + first.stdout).not.toMatch(/error|failed/i);
    expect(first.code).toBe(0);
    for (const name of ['01-one', '02-two', 'voiced']) {
      expect(streams(path.join(OUT, `${name}.mp4`))).toEqual([
        {type: 'video', codec: 'h264', rate: undefined},
        {type: 'audio', codec: 'aac', rate: '48000'},
        {type: 'subtitle', codec: 'mov_text', rate: undefined},
      ]);
      expect(readFileSync(path.join(OUT, `${name}.vtt`), 'utf8')).toMatch(
        /^WEBVTT\n\n1\n00:00:00\.\d{3} --> /,
      );
    }
    // The audio lasts as long as the pictures.
    const p = probe(path.join(OUT, 'voiced.mp4'));
    const [video, audio] = p.streams;
    expect(Number(audio.duration)).toBeCloseTo(Number(video.duration), 1);
    // The chapter keeps its chapter markers.
    expect(p.chapters.map(c => c.tags.title)).toEqual(['01-one', '02-two']);
  });

  it('--shard 1/2 and 2/2, then --assemble: the same pictures, sound and captions as one process', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'narration-shards-'));
    const shards = await Promise.all(
      ['1/2', '2/2'].map(k =>
        runCli([
          '--project',
          PROJECT,
          '--preset',
          'preview',
          '--out',
          dir,
          '--shard',
          k,
        ]),
      ),
    );
    for (const r of shards) expect(r.code, r.stderr).toBe(0);
    const assembled = await runCli(['--assemble', dir]);
    expect(assembled.code, assembled.stderr).toBe(0);
    expect(assembled.stderr).toMatch(/narration muxed/);
    for (const name of ['01-one', '02-two', 'voiced']) {
      const [mine, one] = [dir, OUT].map(d => path.join(d, `${name}.mp4`));
      expect(streams(mine), name).toEqual(streams(one));
      // Decoded pictures and sound, frame by frame.
      expect(frameHashes(mine), name).toBe(frameHashes(one));
      expect(readFileSync(mine.replace(/mp4$/, 'vtt'), 'utf8')).toBe(
        readFileSync(one.replace(/mp4$/, 'vtt'), 'utf8'),
      );
    }
    rmSync(dir, {recursive: true, force: true});
  });

  it('is normalized to -16 LUFS integrated with a true peak at most -1 dBTP', () => {
    for (const name of ['01-one', 'voiced']) {
      const {integrated, truePeak} = loudness(path.join(OUT, `${name}.mp4`));
      expect(
        Math.abs(integrated - -16),
        `${name}: ${integrated} LUFS`,
      ).toBeLessThanOrEqual(0.5);
      expect(truePeak, `${name}: ${truePeak} dBTP`).toBeLessThanOrEqual(-1);
    }
  });

  it('starts each block, its sound and its first cue within one frame of its beat', async () => {
    const one = await beatTimes(PROJECT, '01-one');
    const two = await beatTimes(PROJECT, '02-two');
    const sceneOne =
      statSync(path.join(OUT, '01-one.mp4')) &&
      Number(probe(path.join(OUT, '01-one.mp4')).streams[0].duration);
    const starts = [
      one['narration:hello'].start,
      one['narration:then'].start,
      sceneOne + two['narration:end'].start,
    ];
    // The bookmark: the box grows on the word after it.
    const timings = JSON.parse(
      readFileSync(path.join(COPY, 'narration/timings/01-one.json'), 'utf8'),
    );
    expect(one.grow.start).toBeCloseTo(
      one['narration:hello'].start + timings.blocks.hello.marks.grow,
      1,
    );
    // Blocks wait for their narration: 'then' starts after 'hello' ends.
    expect(one['narration:then'].start).toBeGreaterThanOrEqual(
      one['narration:hello'].start + timings.blocks.hello.seconds,
    );

    const cues = vttCueTimes(path.join(OUT, 'voiced.vtt'));
    for (const s of starts) {
      const cue = cues.find(c => Math.abs(c.start - s) <= FRAME + 0.001);
      expect(
        cue,
        `a cue at ${s} s among ${JSON.stringify(cues)}`,
      ).toBeDefined();
    }
    // The sound starts on the beat (after a silence, for all but the first).
    const heard = onsets(path.join(OUT, 'voiced.mp4'));
    for (const s of starts.slice(1)) {
      const d = Math.min(...heard.map(h => Math.abs(h - s)));
      expect(d, `speech onset near ${s} s among ${heard}`).toBeLessThanOrEqual(
        FRAME,
      );
    }
  });

  it('--no-audio renders silent; back with audio, frames stay cached and only the audio is muxed', async () => {
    const silent = await renderFixture('--no-audio');
    expect(silent.code).toBe(0);
    expect(streams(path.join(OUT, '01-one.mp4'))).toEqual([
      {type: 'video', codec: 'h264', rate: undefined},
    ]);
    expect(existsSync(path.join(OUT, '01-one.vtt'))).toBe(false);
    expect(silent.stdout + silent.stderr).toMatch(/01-one: cached/);

    // A recorded take of exactly the scratch voice's length: no timing
    // changes, so no frame is rendered again; the audio is.
    const t = JSON.parse(
      readFileSync(path.join(COPY, 'narration/timings/01-one.json'), 'utf8'),
    );
    const rate = 48_000;
    const samples = new Int16Array(Math.round(t.blocks.then.seconds * rate));
    for (let i = 0; i < samples.length; i++) {
      samples[i] = Math.round(6000 * Math.sin((2 * Math.PI * 330 * i) / rate));
    }
    mkdirSync(path.join(COPY, 'narration/01-one'), {recursive: true});
    writeFileSync(
      path.join(COPY, 'narration/01-one/then.wav'),
      encodeWav(samples, rate),
    );
    const voiced = await renderFixture();
    const log = voiced.stdout + voiced.stderr;
    expect(voiced.code).toBe(0);
    expect(log).toMatch(/01-one: cached/);
    expect(log).not.toMatch(/01-one: rendered/);
    expect(log).toMatch(/01-one: narration muxed \(2 blocks\)/);
    expect(streams(path.join(OUT, '01-one.mp4'))).toHaveLength(3);
    expect(
      JSON.parse(readFileSync(path.join(COPY, 'narration/takes.json'), 'utf8')),
    ).toHaveProperty(['01-one/then']);

    // Nothing changed: nothing is muxed again.
    const again = await renderFixture();
    expect(again.code).toBe(0);
    expect(again.stdout + again.stderr).not.toMatch(/muxed|rendered/);
  });

  it('a take longer than its block allows: one line, exit 1, the good MP4 kept', async () => {
    // 02-two ends 0.8 s after its block starts at most: a 30 s take cannot fit.
    const rate = 48_000;
    const samples = new Int16Array(30 * rate).fill(1000);
    mkdirSync(path.join(COPY, 'narration/02-two'), {recursive: true});
    const before = readFileSync(path.join(OUT, '02-two.mp4'));
    // The scene waits for its narration, so a long take makes a long scene:
    // that is not an error. A take the scene cannot wait for is (maxSeconds).
    const script = path.join(COPY, 'scenes/02-two.narration.ts');
    const text = readFileSync(script, 'utf8');
    writeFileSync(
      script,
      text.replace(
        "text: 'And that is all.'",
        "text: 'And that is all.', maxSeconds: 2",
      ),
    );
    writeFileSync(
      path.join(COPY, 'narration/02-two/end.wav'),
      encodeWav(samples, rate),
    );
    const r = await renderFixture();
    expect(r.code).toBe(1);
    const lines = r.stderr
      .trim()
      .split('\n')
      .filter(l => !/^(browser|project|cache)/.test(l));
    expect(lines[lines.length - 1]).toMatch(
      /^render: narration\/02-two\/end\.wav: lasts 30\.00 s, but block 02-two\/end allows at most 2 s \(the scene cannot wait\)$/,
    );
    expect(readFileSync(path.join(OUT, '02-two.mp4')).equals(before)).toBe(
      true,
    );
    expect(
      execFileSync('ls', ['-a', OUT], {encoding: 'utf8'})
        .split('\n')
        .filter(f => /\.tmp/.test(f)),
    ).toEqual([]);
  });
});
