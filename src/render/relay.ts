/**
 * Held frames for ffmpeg: a frame equal to the one before (see framePool.ts)
 * is decoded and colour-converted once, and x264 is handed its decoded
 * pixels again, instead of decoding the same PNG once more.
 *
 * @remarks
 * One ffmpeg decodes the PNGs of the distinct frames into BT.709 yuv420p
 * (the same filter as the one-process encoder, see yuvFilter), another
 * encodes raw yuv420p frames with x264; this process passes each decoded
 * frame on, and the last one again for each repeat. x264 gets the same
 * pixels in the same order, so the MP4 is byte-identical to the one a single
 * ffmpeg makes from the whole PNG stream (checked on the bench scene).
 *
 * It pays only where most frames hold still: each frame's 3 MB of decoded
 * pixels through this process and a second ffmpeg cost more than decoding
 * a PNG saves, unless most frames are repeats (see RELAY_ABOVE in
 * segments.ts, which relays only such segments).
 */
import {spawn} from 'node:child_process';
import type {CancelSignal} from './cancel';
import {
  evenSize,
  feedProcess,
  killOnCancel,
  pngStreamInputArgs,
  yuvFilter,
  type Encoder,
} from './encode';
import {RenderError} from './errors';

/** Arguments decoding a stream of PNGs on stdin into raw yuv420p on stdout. */
export function decoderArgs(width: number, height: number, fps: number) {
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    ...pngStreamInputArgs(fps),
    '-vf',
    yuvFilter(width, height),
    '-f',
    'rawvideo',
    '-pix_fmt',
    'yuv420p',
    'pipe:1',
  ];
}

/** Bytes of one yuv420p frame of the given size (padded to even sides). */
export function yuvFrameBytes(width: number, height: number): number {
  const [w, h] = evenSize(width, height);
  return w * h + 2 * ((w / 2) * (h / 2));
}

/**
 * How many frames may wait for the encoder while it is the one behind (a
 * boolean each; more are taken while the relay waits for the decoder).
 */
const QUEUE = 64;

/**
 * Decoded frames kept before the decoder is paused (3 MB each at 1080p):
 * then it stops reading PNGs, and the page waits.
 */
const DECODED = 4;

/**
 * An encoder taking PNG frames, made of `encoder`, which takes yuv420p
 * frames (see x264Args with input 'yuv'): starts the PNG decoder and relays
 * its frames to `encoder`, and for a frame written as a repeat, the last
 * decoded frame again, with no PNG decoded. The run's cancel signal kills
 * the decoder.
 */
export function relayHeldFrames(
  ffmpeg: string,
  settings: {width: number; height: number; fps: number},
  signal: CancelSignal,
  encoder: Encoder,
): Encoder {
  const size = yuvFrameBytes(settings.width, settings.height);
  const child = spawn(
    ffmpeg,
    decoderArgs(settings.width, settings.height, settings.fps),
    {stdio: ['pipe', 'pipe', 'pipe']},
  );
  killOnCancel(signal, child);
  const decoder = feedProcess(child, 'ffmpeg (PNG decoder)');

  // Decoded frames, cut from the decoder's output into whole frames, in
  // buffers used again once x264 has been handed them for the last time
  // (fresh memory is slow to touch here).
  const decoded: Buffer[] = [];
  const free: Buffer[] = [];
  const buffer = () => free.pop() ?? Buffer.allocUnsafe(size);
  let waiting: ((frame: Buffer | null) => void) | null = null;
  let current = buffer();
  let filled = 0;
  child.stdout!.on('data', (chunk: Buffer) => {
    let at = 0;
    while (at < chunk.length) {
      const n = Math.min(size - filled, chunk.length - at);
      chunk.copy(current, filled, at, at + n);
      filled += n;
      at += n;
      if (filled === size) {
        if (waiting) {
          const resolve = waiting;
          waiting = null;
          resolve(current);
        } else {
          decoded.push(current);
          if (decoded.length >= DECODED) child.stdout!.pause();
        }
        current = buffer();
        filled = 0;
      }
    }
  });
  child.stdout!.on('end', () => {
    if (waiting) {
      const resolve = waiting;
      waiting = null;
      resolve(null);
    }
  });
  const nextDecoded = (): Promise<Buffer | null> => {
    if (decoded.length > 0) {
      const frame = decoded.shift()!;
      if (decoded.length < DECODED) child.stdout!.resume();
      return Promise.resolve(frame);
    }
    if (child.stdout!.readableEnded) return Promise.resolve(null);
    return new Promise(resolve => (waiting = resolve));
  };

  // The order of frames for the encoder: true = the next decoded frame,
  // false = the last frame again. The pump hands them on in order.
  const tickets: boolean[] = [];
  let wake: (() => void) | null = null;
  let ended = false;
  let pumpError: Error | null = null;
  /**
   * Whether the pump waits for the decoder. Writers must not wait then: the
   * decoder gives nothing back until it has read enough (ffmpeg probes the
   * first megabytes of a stream, and decodes several frames at once).
   */
  let starved = false;
  /** Writers waiting for the encoder to take frames. */
  let room: (() => void)[] = [];
  const letWritersOn = () => {
    const waiters = room;
    room = [];
    for (const resolve of waiters) resolve();
  };
  const pump = (async () => {
    let last: Buffer | null = null;
    for (;;) {
      if (tickets.length === 0) {
        if (ended) return;
        await new Promise<void>(resolve => (wake = resolve));
        continue;
      }
      const fresh = tickets.shift()!;
      letWritersOn();
      if (fresh) {
        starved = decoded.length === 0;
        if (starved) letWritersOn();
        const frame = await nextDecoded();
        starved = false;
        if (!frame) throw decoder.failed();
        // The frame before has been written whole (a write of 3 MB resolves
        // once the pipe has drained it): its buffer can be filled again.
        if (last) free.push(last);
        last = frame;
      }
      if (!last) {
        throw new RenderError(
          'a repeated frame came before any frame (the first frame of a stream must be sent whole)',
        );
      }
      await encoder.write(last);
    }
  })();
  pump.catch((error: unknown) => {
    pumpError = error instanceof Error ? error : new Error(String(error));
    letWritersOn();
  });
  const poke = () => {
    const resolve = wake;
    wake = null;
    resolve?.();
  };

  return {
    pid: child.pid,
    async write(frame, repeat = false) {
      if (pumpError) throw pumpError;
      tickets.push(!repeat);
      poke();
      if (!repeat) await decoder.write(frame);
      // Not waiting for this frame to be decoded: the decoder works on
      // several frames at once and gives none back until it has them. The
      // decoder's own pipe holds PNGs back; this holds repeats back while
      // the encoder is behind.
      while (tickets.length > QUEUE && !starved && !pumpError) {
        await new Promise<void>(resolve => room.push(resolve));
      }
      if (pumpError) throw pumpError;
    },
    async finish() {
      child.stdin!.end();
      ended = true;
      poke();
      try {
        await pump;
      } catch (error) {
        encoder.kill();
        decoder.kill();
        throw error;
      }
      await decoder.exited;
      const error = decoder.error();
      if (error) throw error;
      await encoder.finish();
    },
    kill() {
      decoder.kill();
      encoder.kill();
    },
    async failure(ms = 1500) {
      await Promise.race([decoder.exited, new Promise(r => setTimeout(r, ms))]);
      return decoder.error() ?? (await encoder.failure(ms));
    },
  };
}
