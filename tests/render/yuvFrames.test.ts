/**
 * yuv frame patches (src/render/yuvFrames.ts), what the page's workers send
 * instead of PNGs: the colours are ffmpeg's, a stream of patches rebuilds
 * every frame exactly, and a broken message is refused in one line.
 */
import {execFileSync} from 'node:child_process';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {yuvFilter} from '../../src/render/encode';
import {findFfmpeg} from '../../src/render/ffmpeg';
import {OrderedSink} from '../../src/render/server';
import {
  changedRects,
  frameKind,
  parsePatch,
  patchMessageBytes,
  rectToI420,
  writePatch,
  YuvFrames,
} from '../../src/render/yuvFrames';

const ffmpeg = findFfmpeg().path;

/** A moving test pattern's frame `n` as RGBA bytes, from ffmpeg. */
function testFrame(width: number, height: number, n = 0): Uint8Array {
  return new Uint8Array(
    execFileSync(ffmpeg, [
      ...['-v', 'error', '-f', 'lavfi'],
      // Made even-sized (testsrc2 rounds odd sizes down), then cropped.
      ...['-i', `testsrc2=size=${width + 1}x${height + 1}:rate=30`],
      ...['-vf', `select=eq(n\\,${n}),format=rgba,crop=${width}:${height}:0:0`],
      ...['-frames:v', '1'],
      ...['-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'],
    ]),
  );
}

/** ffmpeg's own yuv420p of RGBA bytes, through the renderer's filter. */
function ffmpegYuv(rgba: Uint8Array, width: number, height: number): Buffer {
  return execFileSync(
    ffmpeg,
    [
      ...['-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgba'],
      ...['-s', `${width}x${height}`, '-i', 'pipe:0'],
      ...['-vf', yuvFilter(width, height)],
      ...['-f', 'rawvideo', '-pix_fmt', 'yuv420p', 'pipe:1'],
    ],
    {input: rgba, maxBuffer: 1 << 28},
  );
}

/** The whole frame converted at once: what every patch stream must give. */
function wholeYuv(rgba: Uint8Array, width: number, height: number) {
  const w = width + (width % 2);
  const h = height + (height % 2);
  const out = new Uint8Array((w * h * 3) / 2);
  rectToI420(rgba, width, height, false, 0, 0, w, h, out, 0);
  return Buffer.from(out);
}

/** The patch message of `rgba` against `before` (without its index). */
function patchOf(
  rgba: Uint8Array,
  before: Uint8Array | null,
  width: number,
  height: number,
  index = 0,
): Buffer {
  const words = (a: Uint8Array) =>
    new Uint32Array(a.buffer, a.byteOffset, a.length >> 2);
  const rects = changedRects(
    words(rgba),
    before ? words(before) : null,
    width,
    height,
    16,
  );
  const out = new Uint8Array(patchMessageBytes(rects));
  writePatch(out, index, rgba, width, height, false, rects, rectToI420, () => {
    throw new Error('test frames are opaque');
  });
  expect(new DataView(out.buffer).getUint32(0, true)).toBe(index);
  return Buffer.from(out.buffer, 4);
}

describe('yuv frames', () => {
  it('converts as ffmpeg does: luma within 1, odd sides padded with black', () => {
    for (const [width, height] of [
      [97, 55],
      [320, 180],
    ]) {
      const rgba = testFrame(width, height, 3);
      const ours = wholeYuv(rgba, width, height);
      const theirs = ffmpegYuv(rgba, width, height);
      expect(ours.length).toBe(theirs.length);
      const w = width + (width % 2);
      const h = height + (height % 2);
      let worst = 0;
      let within = 0;
      for (let i = 0; i < w * h; i++) {
        const d = Math.abs(ours[i] - theirs[i]);
        worst = Math.max(worst, d);
        if (d === 0) within++;
      }
      expect(worst).toBeLessThanOrEqual(1);
      // Rounding apart, the same numbers.
      expect(within / (w * h)).toBeGreaterThan(0.9);
    }
  });

  it('gives each colour its BT.709 limited-range yuv, rounded to nearest (ffmpeg within 1)', () => {
    const colours = [
      [14, 17, 23],
      [255, 255, 255],
      [0, 0, 0],
      [255, 0, 0],
      [0, 255, 0],
      [0, 0, 255],
      [128, 128, 128],
      [200, 50, 120],
      [30, 144, 255],
    ];
    for (const [r, g, b] of colours) {
      const rgba = new Uint8Array(16 * 16 * 4);
      for (let i = 0; i < rgba.length; i += 4) rgba.set([r, g, b, 255], i);
      const ours = wholeYuv(rgba, 16, 16);
      const theirs = ffmpegYuv(rgba, 16, 16);
      const luma = 0.2126 * r + 0.7152 * g + 0.0722 * b;
      const exact = [
        16 + (219 * luma) / 255,
        128 + (224 * (b - luma)) / 1.8556 / 255,
        128 + (224 * (r - luma)) / 1.5748 / 255,
      ].map(Math.round);
      // The first sample of each plane: Y, U, V.
      const samples = (yuv: Buffer) => [yuv[0], yuv[256], yuv[256 + 64]];
      expect(samples(ours), `rgb ${r},${g},${b}`).toEqual(exact);
      samples(theirs).forEach((v, i) =>
        expect(Math.abs(v - exact[i])).toBeLessThanOrEqual(1),
      );
    }
  });

  it('reads BGRA as RGBA with red and blue swapped', () => {
    const rgba = testFrame(64, 36, 5);
    const bgra = new Uint8Array(rgba);
    for (let i = 0; i < bgra.length; i += 4) {
      bgra[i] = rgba[i + 2];
      bgra[i + 2] = rgba[i];
    }
    const out = new Uint8Array((64 * 36 * 3) / 2);
    expect(rectToI420(bgra, 64, 36, true, 0, 0, 64, 36, out, 0)).toBe(true);
    expect(Buffer.from(out).equals(wholeYuv(rgba, 64, 36))).toBe(true);
  });

  it('says when a rectangle has pixels that are not opaque', () => {
    const rgba = testFrame(32, 32);
    const out = new Uint8Array(32 * 32 * 2);
    expect(rectToI420(rgba, 32, 32, false, 0, 0, 32, 32, out, 0)).toBe(true);
    rgba[(20 * 32 + 5) * 4 + 3] = 128;
    expect(rectToI420(rgba, 32, 32, false, 0, 0, 32, 32, out, 0)).toBe(false);
    expect(rectToI420(rgba, 32, 32, false, 0, 0, 32, 16, out, 0)).toBe(true);
  });

  it('finds what changed: nothing for equal frames, 2x2-aligned bands around changes', () => {
    const a = new Uint32Array(37 * 21).fill(0xff112233);
    const b = new Uint32Array(a);
    expect(changedRects(a, b, 37, 21, 4)).toEqual([]);
    expect(changedRects(a, null, 37, 21, 4)).toEqual([0, 0, 38, 22]);
    b[5 * 37 + 9] = 0xff000000; // row 5, column 9
    b[6 * 37 + 12] = 0xff000000; // row 6, column 12
    b[20 * 37 + 36] = 0xff000000; // the last pixel
    expect(changedRects(a, b, 37, 21, 4)).toEqual([
      ...[8, 4, 6, 4], // rows 4-7, columns 8-13
      ...[36, 20, 2, 2], // the padded last block
    ]);
  });

  it('rebuilds every frame of a stream of patches exactly', () => {
    const size = fc.record({
      width: fc.integer({min: 1, max: 41}),
      height: fc.integer({min: 1, max: 37}),
    });
    fc.assert(
      fc.property(
        size.chain(({width, height}) =>
          fc.tuple(
            fc.constant(width),
            fc.constant(height),
            fc.array(
              fc.array(
                fc.record({
                  at: fc.nat(width * height - 1),
                  // A few colours, opaque, so some changes undo others.
                  colour: fc.constantFrom(
                    0xff000000,
                    0xffffffff,
                    0xff2040f0,
                    0xff10e080,
                  ),
                  run: fc.integer({min: 1, max: 60}),
                }),
                {maxLength: 4},
              ),
              {minLength: 1, maxLength: 6},
            ),
          ),
        ),
        ([width, height, edits]) => {
          const frames = new YuvFrames();
          let before: Uint8Array | null = null;
          let current = new Uint32Array(width * height).fill(0xff000000);
          edits.forEach((frameEdits, index) => {
            current = new Uint32Array(current);
            for (const {at, colour, run} of frameEdits) {
              current.fill(colour, at, Math.min(at + run, current.length));
            }
            const rgba = new Uint8Array(current.buffer);
            const whole = frames.apply(
              index,
              patchOf(rgba, before, width, height, index),
            );
            expect(whole.equals(wholeYuv(rgba, width, height))).toBe(true);
            before = rgba;
          });
        },
      ),
      {numRuns: 300},
    );
  });

  it('refuses a broken message, or a patch with no frame to patch, in one line', () => {
    const rgba = testFrame(16, 8);
    const whole = patchOf(rgba, null, 16, 8);
    expect(frameKind(whole)).toBe('yuv');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]);
    expect(frameKind(png)).toBe('png');
    const changed = new Uint8Array(rgba);
    changed[0] ^= 0xff;
    const patch = patchOf(changed, rgba, 16, 8, 1);
    expect(() => new YuvFrames().apply(1, patch)).toThrow(
      'frame 1 is a yuv patch but the stream has no 16x8 frame before it to patch (the first frame must be sent whole)',
    );
    expect(() => parsePatch(whole.subarray(0, whole.length - 1))).toThrow(
      /^a yuv frame message should be \d+ bytes for its 1 rectangles \(\d+ bytes\)$/,
    );
    const odd = Buffer.from(whole);
    odd.writeUInt16LE(3, 12); // the rectangle's x
    expect(() => parsePatch(odd)).toThrow(
      'a yuv frame message has rectangle 3,0 16x8, expected even numbers inside 16x8',
    );
    expect(() => parsePatch(png)).toThrow('does not start with "YUV1"');
  });

  it('OrderedSink hands on whole frames, repeats them, and refuses a stream that mixes PNGs in', async () => {
    const got: {index: number; yuv: Buffer; repeat: boolean; kind: string}[] =
      [];
    const sink = new OrderedSink({
      async frame(index, data, repeat, kind) {
        got.push({index, yuv: Buffer.from(data), repeat, kind});
      },
    });
    const a = testFrame(16, 8, 0);
    const b = testFrame(16, 8, 9);
    // Out of order, as two workers may send them.
    const second = sink.push(1, patchOf(b, a, 16, 8, 1));
    await sink.push(0, patchOf(a, null, 16, 8));
    await second;
    await sink.push(2, null);
    expect(got.map(g => [g.index, g.repeat, g.kind])).toEqual([
      [0, false, 'yuv'],
      [1, false, 'yuv'],
      [2, true, 'yuv'],
    ]);
    expect(got[0].yuv.equals(wholeYuv(a, 16, 8))).toBe(true);
    expect(got[1].yuv.equals(wholeYuv(b, 16, 8))).toBe(true);
    expect(got[2].yuv.equals(wholeYuv(b, 16, 8))).toBe(true);
    await expect(
      sink.push(3, Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10])),
    ).rejects.toThrow(
      'frame 3 came as a PNG, but the frames before it as yuv patches (a stream is one or the other)',
    );
  });
});
