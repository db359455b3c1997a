import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {makeCancelSignal} from '../../src/render/cancel';
import {startEncoder, x264Args, X264} from '../../src/render/encode';
import {findFfmpeg} from '../../src/render/ffmpeg';
import {relayHeldFrames} from '../../src/render/relay';
import {relayNext, startSegmentedEncoder} from '../../src/render/segments';

const ffmpeg = findFfmpeg().path;
const dir = mkdtempSync(path.join(os.tmpdir(), 'relay-test-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

// Odd sides: the frames are padded to even ones on the way to yuv420p.
const settings = {width: 97, height: 55, fps: 30, ...X264};

/** Three different PNG frames (a moving test pattern). */
function pngs(): Buffer[] {
  return [0, 1, 2].map(i =>
    execFileSync(ffmpeg, [
      ...['-v', 'error', '-f', 'lavfi'],
      ...['-i', `testsrc2=size=97x55:rate=30`],
      ...['-vf', `select=eq(n\\,${i * 7})`, '-frames:v', '1'],
      ...['-f', 'image2pipe', '-c:v', 'png', 'pipe:1'],
    ]),
  );
}

/** A relay of `settings`-sized frames into x264 writing `name` in the temp dir. */
function relayInto(name: string) {
  const {signal} = makeCancelSignal();
  return relayHeldFrames(
    ffmpeg,
    settings,
    signal,
    startEncoder(
      ffmpeg,
      x264Args(settings, path.join(dir, name), 'yuv'),
      signal,
    ),
  );
}

/** A, B, B, B, C, C: with `repeat` flags where a frame equals the one before. */
const ORDER = [0, 1, 1, 1, 2, 2];

describe('the relay: held frames decoded once', () => {
  const frames = pngs();

  it('gives the same MP4 as one ffmpeg reading every PNG', async () => {
    const {signal} = makeCancelSignal();
    const whole = path.join(dir, 'whole.mp4');
    const plain = startEncoder(ffmpeg, x264Args(settings, whole), signal);
    for (const i of ORDER) await plain.write(frames[i]);
    await plain.finish();

    const relayed = path.join(dir, 'relayed.mp4');
    const relay = relayHeldFrames(
      ffmpeg,
      settings,
      signal,
      startEncoder(ffmpeg, x264Args(settings, relayed, 'yuv'), signal),
    );
    for (let k = 0; k < ORDER.length; k++) {
      await relay.write(frames[ORDER[k]], k > 0 && ORDER[k] === ORDER[k - 1]);
    }
    await relay.finish();
    expect(readFileSync(relayed).equals(readFileSync(whole))).toBe(true);
  });

  it('relays a segment after one of mostly repeats, and no other', () => {
    expect(relayNext(2, 3)).toBe(true);
    expect(relayNext(1, 2)).toBe(false);
    expect(relayNext(0, 240)).toBe(false);
    expect(relayNext(200, 240)).toBe(true);
  });

  it('the same segments, a relayed one opening with a repeat', async () => {
    const {signal} = makeCancelSignal();
    // The first segment mostly repeats, so the second is relayed, and it
    // opens with a repeat.
    const order = [0, 0, 0, 0, 1, 1];
    const lengths = [3, 3];
    const outputs = (name: string) =>
      lengths.map((_, i) => path.join(dir, `${name}${i}.mp4`));
    const plain = startSegmentedEncoder(
      ffmpeg,
      settings,
      outputs('plain'),
      lengths,
      signal,
    );
    const relay = startSegmentedEncoder(
      ffmpeg,
      settings,
      outputs('relay'),
      lengths,
      signal,
      true,
    );
    for (let k = 0; k < order.length; k++) {
      await plain.write(frames[order[k]]);
      await relay.write(frames[order[k]], k > 0 && order[k] === order[k - 1]);
    }
    await Promise.all([plain.finish(), relay.finish()]);
    for (let i = 0; i < lengths.length; i++) {
      const a = readFileSync(outputs('plain')[i]);
      expect(readFileSync(outputs('relay')[i]).equals(a)).toBe(true);
    }
  });

  it('keeps frames flowing while ffmpeg reads the first megabytes before decoding any', async () => {
    // 30 full-HD PNGs of about 0.23 MB (ffmpeg probes 5 MB of a stream
    // before it gives a frame back), each shown twice and written one after
    // another as the render server does, each waiting for the last. A relay
    // that held PNGs back until frames came out hung here.
    const big = {width: 1920, height: 1080, fps: 60, ...X264};
    const stream = execFileSync(
      ffmpeg,
      [
        ...['-v', 'error', '-f', 'lavfi'],
        ...['-i', 'testsrc2=size=1920x1080:rate=60', '-frames:v', '30'],
        ...['-f', 'image2pipe', '-c:v', 'png', 'pipe:1'],
      ],
      {maxBuffer: 1 << 30},
    );
    const frames: Buffer[] = [];
    for (let at = 0; at < stream.length;) {
      const end = stream.indexOf('IEND', at) + 8;
      frames.push(stream.subarray(at, end));
      at = end;
    }
    expect(frames.length).toBe(30);
    const {signal} = makeCancelSignal();
    const out = (name: string) => path.join(dir, `${name}.mp4`);
    const plain = startEncoder(ffmpeg, x264Args(big, out('big-plain')), signal);
    const relay = relayHeldFrames(
      ffmpeg,
      big,
      signal,
      startEncoder(ffmpeg, x264Args(big, out('big-relay'), 'yuv'), signal),
    );
    for (const frame of frames) {
      for (const repeat of [false, true]) {
        await plain.write(frame);
        await relay.write(frame, repeat);
      }
    }
    await Promise.all([plain.finish(), relay.finish()]);
    expect(
      readFileSync(out('big-relay')).equals(readFileSync(out('big-plain'))),
    ).toBe(true);
  }, 60_000);

  it('refuses a repeat with no frame before it, in one line', async () => {
    const relay = relayInto('first.mp4');
    await relay.write(frames[0], true);
    const error = await relay.finish().then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(
      /^a repeated frame came before any frame \(the first frame of a stream must be sent whole\)$/,
    );
    relay.kill();
  });

  it("reports the decoder's own failure when a frame is not a PNG", async () => {
    const relay = relayInto('broken.mp4');
    const error = await (async () => {
      await relay.write(Buffer.from('not a png at all'.repeat(100)));
      await relay.finish();
    })().then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/PNG decoder/);
    relay.kill();
  });
});
