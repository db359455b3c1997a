/**
 * Held frames as users get them: a fixture scene that holds still
 * (tests/render/fixtures/held) rendered with frames equal to the one before
 * sent as repeats (the default), and with every frame encoded
 * (MC_RENDER_HELD_FRAMES=0): the two videos decode to the very same frames,
 * and the held frames were found, all of them.
 *
 * The range rendered, 1-5.6 s at 10 fps (46 frames, one x264 segment),
 * starts inside the first hold. 35 of its frames equal the frame before
 * (counted with every frame encoded: byte-equal PNGs); the range's first
 * frame is not one of them, having no frame before it in the render.
 */
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {findFfmpeg} from '../../src/render/ffmpeg';
import {frameHashes, probe, runCli, type CliRun} from '../helpers/cli';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'mc-held-test-'));
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

const project = path.resolve('tests/render/fixtures/held/project.ts');
const args = (out: string) => [
  'hold',
  '--project',
  project,
  '--preset',
  'preview',
  '--fps',
  '10',
  '--range',
  '1-5.6',
  '--force',
  '--out',
  path.join(tmp, out),
];
const video = (out: string) => path.join(tmp, out, 'hold@1-5.6s.mp4');

/** The "N of M frames held" of the MC_RENDER_TIMINGS line. */
function heldCount(run: CliRun): number {
  const match = /(\d+) of (\d+) frames held/.exec(run.stdout + run.stderr);
  expect(match, run.stdout + run.stderr).not.toBeNull();
  expect(Number(match![2])).toBe(46);
  return Number(match![1]);
}

describe('held frames', () => {
  it('sends frames equal to the one before as repeats; the video is the same', async () => {
    const [held, every] = await Promise.all([
      runCli(args('held'), {MC_RENDER_TIMINGS: '1'}),
      runCli(args('every'), {
        MC_RENDER_TIMINGS: '1',
        MC_RENDER_HELD_FRAMES: '0',
      }),
    ]);
    for (const run of [held, every]) {
      expect(run.stderr).not.toMatch(/render: /);
      expect(run.code).toBe(0);
    }
    expect(heldCount(held)).toBe(35);
    expect(heldCount(every)).toBe(0);
    // Most held frames were not even drawn: nothing had changed (page.ts).
    expect(held.stdout + held.stderr).toMatch(
      /35 of 46 frames held \(the frame before again, not encoded; 32 of them not drawn either/,
    );

    expect(Number(probe(video('held')).streams[0].nb_read_frames)).toBe(46);
    const reference = frameHashes(video('every'));
    expect(reference.split('\n')).toHaveLength(46);
    expect(frameHashes(video('held'))).toBe(reference);
  });

  it('relays a segment of PNG frames that follows one of mostly held frames: the same MP4', async () => {
    // The whole scene at 10 fps: 66 frames in x264 segments of 40 and 26;
    // 30 of the first 40 are held, so the second is relayed (relay.ts).
    // The relay is for PNG frames (MC_RENDER_FRAMES=png): yuv frames cost
    // ffmpeg no decoding to begin with.
    const whole = (out: string) => [
      ...args(out).filter(a => a !== '1-5.6' && a !== '--range'),
      '--jobs',
      '1',
    ];
    const [relayed, direct] = await Promise.all([
      runCli(whole('relayed'), {
        MC_RENDER_TIMINGS: '1',
        MC_RENDER_FRAMES: 'png',
      }),
      runCli(whole('direct'), {
        MC_RENDER_TIMINGS: '1',
        MC_RENDER_RELAY: '0',
        MC_RENDER_FRAMES: 'png',
      }),
    ]);
    for (const run of [relayed, direct]) expect(run.code, run.stderr).toBe(0);
    const line = (run: CliRun) => run.stdout + run.stderr;
    expect(line(relayed)).toMatch(/; 1 of 2 segments relayed/);
    expect(line(direct)).toMatch(/; 0 of 2 segments relayed/);
    const file = (out: string) => path.join(tmp, out, 'hold.mp4');
    expect(
      readFileSync(file('relayed')).equals(readFileSync(file('direct'))),
    ).toBe(true);
  });

  it('sends yuv patches by default: the video the PNG frames make, within SSIM-Y 0.999', async () => {
    const [yuv, png] = await Promise.all([
      runCli(args('yuv'), {MC_RENDER_TIMINGS: '1'}),
      runCli(args('png'), {MC_RENDER_TIMINGS: '1', MC_RENDER_FRAMES: 'png'}),
    ]);
    for (const run of [yuv, png]) expect(run.code, run.stderr).toBe(0);
    expect(heldCount(yuv)).toBe(35);
    expect(heldCount(png)).toBe(35);
    // The PNG path's timing line names its PNGs; the yuv path's its patches.
    expect(yuv.stdout + yuv.stderr).toMatch(/yuv \d+(\.\d+)? ms/);
    expect(png.stdout + png.stderr).toMatch(/PNG \d+(\.\d+)? ms/);
    expect(Number(probe(video('yuv')).streams[0].nb_read_frames)).toBe(46);
    const {stderr} = spawnSync(
      findFfmpeg().path,
      [
        ...['-hide_banner', '-i', video('yuv'), '-i', video('png')],
        ...['-lavfi', 'ssim', '-f', 'null', '-'],
      ],
      {encoding: 'utf8'},
    );
    const ssim = /SSIM Y:([0-9.]+)/.exec(stderr);
    expect(ssim, stderr).not.toBeNull();
    expect(Number(ssim![1])).toBeGreaterThanOrEqual(0.999);
  });

  it('renders again, drawing every frame, a scene whose picture changes while no signal does', async () => {
    // A node draws from a plain field the scene changes every frame: taken
    // as still, its frames are checked every 31st frame; the check fails,
    // and the scene is rendered again drawing every frame (with a note), to
    // the very MP4 of a render told to draw every frame.
    const sweep = (out: string) => [
      '--project',
      path.resolve('tests/render/fixtures/unsignalled/project.ts'),
      ...['--preset', 'preview', '--fps', '30', '--force'],
      ...['--out', path.join(tmp, out)],
    ];
    const [still, every] = await Promise.all([
      runCli(sweep('unsignalled-still')),
      runCli(sweep('unsignalled-every'), {MC_RENDER_STILL_FRAMES: '0'}),
    ]);
    for (const run of [still, every]) expect(run.code, run.stderr).toBe(0);
    expect(still.stdout + still.stderr).toContain(
      'sweep: its picture changed while no signal did (does a node draw from state kept outside signals?); rendering it again, drawing every frame',
    );
    expect(every.stdout + every.stderr).not.toContain('rendering it again');
    const file = (out: string) => path.join(tmp, out, 'sweep.mp4');
    expect(
      Number(probe(file('unsignalled-still')).streams[0].nb_read_frames),
    ).toBe(61);
    expect(
      readFileSync(file('unsignalled-still')).equals(
        readFileSync(file('unsignalled-every')),
      ),
    ).toBe(true);
  });
});
