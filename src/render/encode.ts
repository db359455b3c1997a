/**
 * ffmpeg command lines and the encoder process that turns frames (PNG or raw
 * RGBA, piped on stdin with backpressure) into H.264 MP4 files.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import type {CancelSignal, Release} from './cancel';
import {RenderError} from './errors';
import type {FrameKind} from './yuvFrames';

/** What the video encoder needs to know about the frames and the output. */
export interface VideoSettings {
  width: number;
  height: number;
  fps: number;
  /** x264 preset. */
  preset: string;
  /** x264 constant rate factor. */
  crf: number;
  /** x264 threads; fixed so that the same input gives the same bytes. */
  threads: number;
  /** x264's own options over the preset's (`-x264-params`), if any. */
  params?: string;
}

/**
 * The x264 settings used for every video.
 *
 * @remarks
 * Measured on the 600-frame bench scene against its lossless frames (SSIM of
 * the luma plane, file size), with x264's CPU time from raw frames:
 *
 * | preset, CRF  | SSIM(Y)  | bytes   | x264 CPU a frame |
 * |--------------|----------|---------|------------------|
 * | medium, 23   | 0.99956  | 343,475 | ~18 ms (stock)   |
 * | veryfast, 16 | 0.99972  | 571,477 | ~10 ms           |
 * | veryfast, 18 | 0.99959  | 478,933 | ~9 ms            |
 * | veryfast, 20 | 0.99940  | 407,193 | ~9 ms            |
 * | superfast, 18| 0.99981  | 994,278 |                  |
 *
 * "veryfast" at CRF 18 matches the stock exporter's quality (medium, CRF 23)
 * at 1.4 times its size for half its CPU; on two cores that CPU is taken
 * from drawing. Its motion search is cut to veryfast's cheapest ("me=dia",
 * "subme=1"): measured again on the bench's yuv frames (600, user CPU of
 * x264 alone, two runs each), 4.82-4.96 s -> 3.94-3.97 s, 481,158 -> 529,100
 * bytes, SSIM(Y) 0.99959 -> 0.99956; "superfast" (which also drops mbtree)
 * was 3.76 s for 998,450 bytes. Threads are fixed (not "auto") because
 * x264's output depends on its thread count, and the same scene must give
 * the same file anywhere.
 */
export const X264 = {
  preset: 'veryfast',
  crf: 18,
  threads: 4,
  params: 'me=dia:subme=1',
} as const;

/** Frame dimensions rounded up to even numbers (yuv420p needs them). */
export function evenSize(width: number, height: number): [number, number] {
  return [width + (width % 2), height + (height % 2)];
}

/** Arguments reading raw RGBA frames of the given size from stdin. */
export function rawInputArgs(width: number, height: number, fps: number) {
  return [
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgba',
    '-s',
    `${width}x${height}`,
    '-framerate',
    String(fps),
    '-i',
    'pipe:0',
  ];
}

/**
 * The filter turning RGBA into BT.709 limited-range yuv420p (padding odd
 * sizes to even with the last row/column's neighbour colour: black), with
 * square pixels said explicitly: a PNG may or may not carry its pixel
 * aspect, raw frames never do, and the same pixels must give the same MP4
 * either way (see relay.ts).
 */
export function yuvFilter(width: number, height: number): string {
  const [w, h] = evenSize(width, height);
  const pad = w !== width || h !== height ? `pad=${w}:${h}:0:0,` : '';
  return `${pad}scale=out_color_matrix=bt709:out_range=tv,format=yuv420p,setsar=1`;
}

/**
 * Arguments reading raw BT.709 limited-range yuv420p frames from stdin, as
 * yuvFilter makes them (sides padded to even).
 */
export function yuvInputArgs(width: number, height: number, fps: number) {
  const [w, h] = evenSize(width, height);
  return [
    '-f',
    'rawvideo',
    '-pix_fmt',
    'yuv420p',
    '-s',
    `${w}x${h}`,
    '-framerate',
    String(fps),
    '-i',
    'pipe:0',
  ];
}

/** Arguments reading a stream of PNG images (one per frame) from stdin. */
export function pngStreamInputArgs(fps: number, input = 'pipe:0') {
  return [
    '-f',
    'image2pipe',
    '-c:v',
    'png',
    '-framerate',
    String(fps),
    '-i',
    input,
  ];
}

/**
 * ffmpeg arguments encoding frames from stdin into an H.264 MP4 file: a
 * stream of PNGs (what the render page sends), with `input: 'raw'` raw RGBA
 * frames, with `input: 'yuv'` frames already converted by yuvFilter (see
 * relay.ts).
 */
export function x264Args(
  settings: VideoSettings,
  output: string,
  input: 'png' | 'raw' | 'yuv' = 'png',
): string[] {
  const {width, height, fps, preset, crf, threads, params} = settings;
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    ...(input === 'png'
      ? pngStreamInputArgs(fps)
      : input === 'raw'
        ? rawInputArgs(width, height, fps)
        : yuvInputArgs(width, height, fps)),
    ...['-vf', input === 'yuv' ? 'setsar=1' : yuvFilter(width, height)],
    '-c:v',
    'libx264',
    '-preset',
    preset,
    '-crf',
    String(crf),
    '-threads',
    String(threads),
    ...(params ? ['-x264-params', params] : []),
    '-pix_fmt',
    'yuv420p',
    '-colorspace',
    'bt709',
    '-color_primaries',
    'bt709',
    '-color_trc',
    'bt709',
    '-color_range',
    'tv',
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    output,
  ];
}

/** A running ffmpeg that takes frames on stdin. */
export interface Encoder {
  /** The process id (to kill it, and only it). */
  pid: number | undefined;
  /**
   * Writes one frame; resolves when ffmpeg can take more. `repeat`: the
   * frame is the one before again (an encoder may use what it made of that
   * one instead, see relay.ts). `kind`: a PNG (the default) or a whole
   * yuv420p frame (see yuvFrames.ts); an encoder takes one kind.
   */
  write(frame: Buffer, repeat?: boolean, kind?: FrameKind): Promise<void>;
  /** Closes stdin and waits for ffmpeg to finish the file. */
  finish(): Promise<void>;
  /** Kills ffmpeg (on cancel or failure). */
  kill(): void;
  /** ffmpeg's own failure, if it exited with an error (waits up to `ms`). */
  failure(ms?: number): Promise<Error | null>;
  /** Segments relayed so far (see startSegmentedEncoder), where it can. */
  relayed?(): number;
}

/**
 * Registers a child process on the run's cancel signal: killed on cancel
 * while it runs (with `group`, the process group it leads: a browser and
 * its helpers). The registration is released when it exits.
 */
export function killOnCancel(
  signal: CancelSignal,
  child: ChildProcess,
  {group = false}: {group?: boolean} = {},
): Release {
  const release = signal.killOnCancel(child.pid, {
    group,
    running: () => child.exitCode === null && child.signalCode === null,
  });
  child.once('close', release);
  child.once('error', release);
  return release;
}

/** A child process's exit, watched (see watchExit). */
export interface WatchedExit {
  /** Resolves once it has exited (or failed to start). */
  exited: Promise<void>;
  /** Its failure, once it exited with one; null before, or on success. */
  error(): Error | null;
  /** Its failure, or that it stopped early, with its last stderr lines. */
  failed(): Error;
}

/**
 * Watches a child started with stderr piped: keeps its last stderr lines
 * and turns a failure to start or a non-zero exit into an error naming
 * `what` ("ffmpeg failed (exit code 1):" and those lines).
 */
export function watchExit(child: ChildProcess, what: string): WatchedExit {
  const stderr: string[] = [];
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    stderr.push(...chunk.split('\n').filter(Boolean));
    if (stderr.length > 40) stderr.splice(0, stderr.length - 40);
  });
  let exitError: Error | null = null;
  const exited = new Promise<void>(resolve => {
    child.on('error', error => {
      exitError = error;
      resolve();
    });
    child.on('close', (code, exitSignal) => {
      if (code !== 0) {
        const last = stderr.slice(-8).join('\n');
        exitError = new RenderError(
          `${what} failed (${exitSignal ?? `exit code ${code}`})${
            last ? `:\n${last}` : ''
          }`,
        );
      }
      resolve();
    });
  });
  return {
    exited,
    error: () => exitError,
    failed: () =>
      exitError ??
      new RenderError(`${what} stopped early:\n${stderr.slice(-8).join('\n')}`),
  };
}

/** A child process fed on stdin, its exit watched (see feedProcess). */
export interface FedProcess extends WatchedExit {
  /**
   * Writes to its stdin; resolves once all of `data` is in the pipe (so the
   * buffer may be filled again, and the process can take more).
   */
  write(data: Buffer): Promise<void>;
  /** Kills it, unless it has exited (its pid may be someone else's then). */
  kill(): void;
}

/**
 * A child started with stdin and stderr piped: its exit watched (watchExit)
 * and its stdin written with backpressure.
 */
export function feedProcess(child: ChildProcess, what: string): FedProcess {
  const watched = watchExit(child, what);
  const {exited, error, failed} = watched;
  // EPIPE when it dies early is reported through its exit status.
  child.stdin!.on('error', () => undefined);
  return {
    ...watched,
    write(data) {
      if (child.exitCode !== null || error()) return Promise.reject(failed());
      return new Promise((resolve, reject) => {
        child.stdin!.write(data, writeError => {
          if (!writeError) return resolve();
          // Its stdin broke because it stopped: report why it stopped.
          void Promise.race([
            exited,
            new Promise(r => setTimeout(r, 1500)),
          ]).then(() => reject(failed()));
        });
      });
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
      }
    },
  };
}

/**
 * Starts ffmpeg with the given arguments, reading frames from stdin; the
 * run's cancel signal kills it.
 */
export function startEncoder(
  ffmpeg: string,
  args: string[],
  signal: CancelSignal,
): Encoder {
  const child = spawn(ffmpeg, args, {stdio: ['pipe', 'ignore', 'pipe']});
  killOnCancel(signal, child);
  const fed = feedProcess(child, 'ffmpeg');
  return {
    pid: child.pid,
    write: frame => fed.write(frame),
    async finish() {
      child.stdin!.end();
      await fed.exited;
      const error = fed.error();
      if (error) throw error;
    },
    kill: fed.kill,
    async failure(ms = 1500) {
      await Promise.race([fed.exited, new Promise(r => setTimeout(r, ms))]);
      return fed.error();
    },
  };
}

/**
 * An encoder started by its first frame, whose kind (PNG or yuv) chooses
 * ffmpeg's input: `start(kind)` makes it. Finished with no frame written, it
 * starts as for PNGs (and ffmpeg reports that there were none).
 */
export function lazyEncoder(start: (kind: FrameKind) => Encoder): Encoder {
  let inner: Encoder | null = null;
  let started: FrameKind | null = null;
  const open = (kind: FrameKind) => {
    if (!inner) {
      inner = start(kind);
      started = kind;
    } else if (kind !== started) {
      throw new RenderError(
        `an encoder started for ${started} frames was handed a ${kind} frame`,
      );
    }
    return inner;
  };
  return {
    get pid() {
      return inner?.pid;
    },
    write: (frame, repeat, kind = 'png') => open(kind).write(frame, repeat),
    finish: () => (inner ?? open('png')).finish(),
    kill: () => inner?.kill(),
    failure: async ms => (inner ? inner.failure(ms) : null),
    relayed: () => inner?.relayed?.() ?? 0,
  };
}

/**
 * Runs ffmpeg (or ffprobe) to completion, killed if the run is cancelled;
 * rejects with its last stderr lines.
 */
export function runTool(
  file: string,
  args: string[],
  signal: CancelSignal,
  what = 'ffmpeg',
): Promise<string> {
  const child = spawn(file, args, {stdio: ['ignore', 'pipe', 'pipe']});
  killOnCancel(signal, child);
  const watched = watchExit(child, what);
  let out = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (c: string) => (out += c));
  return watched.exited.then(() => {
    const error = watched.error();
    if (error) throw error;
    return out;
  });
}
