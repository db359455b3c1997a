/**
 * `npm run bench`: renders bench/project.ts (600 frames, 1920x1080 at 60 fps;
 * another project, or another preset with `-- --preset 4k`) end to end and
 * prints one JSON line: {preset, frames, seconds, fps, ffmpegAloneFps, ssim,
 * bytes, held, perFrameMs, cpuMsPerFrame, peakMemoryMB}, and
 * {ssimEditor, ssimLosslessEditor} when the editor's frames are given.
 *
 * @remarks
 * The lossless frames (the PNGs the page sends, from a second, untimed
 * render of the same scene with a tee) are kept, in /dev/shm when it
 * exists: SSIM(Y) of the MP4 is computed against them, and x264 alone is
 * timed on them decoded to raw RGBA, with the same settings, reading a file
 * (no pipe, no PNG decoding in the timing). MC_RENDER_FRAMES=png times the
 * PNG frame path instead of yuv patches (see yuvFrames.ts).
 *
 * With MC_BENCH_EDITOR_FRAMES set to a directory holding the stock editor's
 * image sequence of the same project (000000.png, 000001.png, ...: render it
 * in `npm start` with the "Image sequence" exporter, PNG, at the same frame
 * rate), the line also gives SSIM(Y) of the MP4 against those frames
 * (`ssimEditor`: "the preview is the video") and of our lossless frames
 * against them (`ssimLosslessEditor`, 1 when the frames are the same).
 * Rendering those frames takes the editor about a minute, so the bench does
 * not make them itself.
 */
import {
  createWriteStream,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {parseArgs, type CliOptions} from './args';
import type {CancelSignal} from './cancel';
import {exitCleanlyOnSignals, makeCommandSignal} from './cleanup';
import {
  killOnCancel,
  pngStreamInputArgs,
  runTool,
  x264Args,
  X264,
  yuvFilter,
} from './encode';
import {sampleCpu, sampleMemory} from './cpuUse';
import {findFfmpeg} from './ffmpeg';
import {REPO_ROOT} from './paths';
import {PRESETS, resolutionScaleFor} from './presets';
import {videoCommand} from './video';

/** This run's cancel signal (see cli.ts). */
const cancellation = makeCommandSignal();

/** Parses the "SSIM Y:0.999..." summary that ffmpeg's ssim filter prints. */
export function parseSsimY(stderr: string): number {
  const match = /SSIM Y:([0-9.]+)/.exec(stderr);
  if (!match)
    throw new Error(
      `ssim: expected "SSIM Y:<value>" in ffmpeg output, got:\n${stderr.slice(-500)}`,
    );
  return Number(match[1]);
}

/**
 * The render options of `npm run bench -- [project] [render options]`
 * (default: bench/project.ts at hd, `--preset 4k` for another size), read
 * by the command line's own parser, rendering into `out`.
 */
function benchOptions(argv: string[], out: string): CliOptions {
  const [first, ...rest] = argv;
  const named = first !== undefined && !first.startsWith('-');
  return parseArgs([
    '--project',
    named ? path.resolve(first) : path.join(REPO_ROOT, 'bench/project.ts'),
    ...(named ? rest : argv),
    ...['--force', '--out', out, '--jobs', '1'],
  ]);
}

async function main() {
  const {signal} = cancellation;
  exitCleanlyOnSignals('bench', cancellation);
  const argv = process.argv.slice(2);
  const scratch = mkdtempSync(
    path.join(existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir(), 'mc-bench-'),
  );
  // Ctrl-C removes it too (unless the frames are to be kept).
  if (!process.env.MC_BENCH_KEEP) signal.removeOnCancel(scratch);
  const outDir = path.join(scratch, 'out');
  const pngFile = path.join(scratch, 'frames.pngs');
  const rawFile = path.join(scratch, 'frames.rgba');
  const pngs = createWriteStream(pngFile);
  const ffmpeg = findFfmpeg().path;
  try {
    const options = benchOptions(argv, outDir);
    // CPU by stage, of this process and all it starts (Linux only).
    const cpu = sampleCpu();
    const memory = sampleMemory();
    const {results, info} = await videoCommand(options, {
      signal,
      log: () => undefined,
    });
    // Whole process, from command start (tsx included) to a finished MP4.
    const seconds = process.uptime();
    const cpuUse = cpu?.stop();
    const peak = memory?.stop();
    // The lossless frames: the same scene again, untimed, its frames kept as
    // the PNGs the page sends with a tee (the pixels are the same each run).
    await videoCommand(benchOptions(argv, path.join(scratch, 'reference')), {
      signal,
      log: () => undefined,
      tee: async (_i, frame) => {
        if (!pngs.write(frame))
          await new Promise<void>(resolve =>
            pngs.once('drain', () => resolve()),
          );
      },
    });
    await new Promise<void>(resolve => pngs.end(() => resolve()));
    const scene = results[0];
    const fps = options.fps;
    // The frames' size: the project's, scaled into the preset's box.
    const box = PRESETS[options.preset];
    const scale = resolutionScaleFor(info.width, info.height, box);
    const width = Math.floor(info.width * scale);
    const height = Math.floor(info.height * scale);

    // x264 alone on the same frames as raw RGBA, same settings, from a file.
    await runTool(
      ffmpeg,
      [
        '-hide_banner',
        '-loglevel',
        'error',
        ...pngStreamInputArgs(fps, pngFile),
        '-f',
        'rawvideo',
        '-pix_fmt',
        'rgba',
        rawFile,
      ],
      signal,
    );
    const aloneArgs = x264Args(
      {width, height, fps, ...X264},
      path.join(scratch, 'alone.mp4'),
      'raw',
    ).map(a => (a === 'pipe:0' ? rawFile : a));
    const t0 = performance.now();
    await runTool(ffmpeg, aloneArgs, signal);
    const aloneSeconds = (performance.now() - t0) / 1000;

    // SSIM(Y) of the MP4 against the lossless frames, both as BT.709 yuv420p.
    const lossless = pngStreamInputArgs(fps, pngFile);
    const ssimOut = await runSsim(ffmpeg, ['-i', scene.file], lossless, {
      width,
      height,
      signal,
    });
    // And against the stock editor's frames of the same project, if given.
    const editorDir = process.env.MC_BENCH_EDITOR_FRAMES;
    let editor: {ssimEditor: number; ssimLosslessEditor: number} | undefined;
    if (editorDir) {
      const reference = editorSequenceArgs(editorDir, fps, scene.frames);
      editor = {
        ssimEditor: parseSsimY(
          await runSsim(ffmpeg, ['-i', scene.file], reference, {
            width,
            height,
            signal,
          }),
        ),
        ssimLosslessEditor: parseSsimY(
          await runSsim(ffmpeg, lossless, reference, {
            width,
            height,
            rgbMain: true,
            signal,
          }),
        ),
      };
    }
    const line = {
      preset: options.preset,
      frames: scene.frames,
      seconds: Number(seconds.toFixed(2)),
      fps: Number((scene.frames / seconds).toFixed(1)),
      ffmpegAloneFps: Number((scene.frames / aloneSeconds).toFixed(1)),
      ssim: parseSsimY(ssimOut),
      ...editor,
      bytes: statSync(scene.file).size,
      // Frames equal to the frame before: sent as repeats, not encoded.
      held: scene.timings?.held,
      perFrameMs: scene.timings
        ? Object.fromEntries(
            (['draw', 'wait', 'encode', 'upload', 'compare'] as const).map(
              k => [k, Number((scene.timings![k] / scene.frames).toFixed(1))],
            ),
          )
        : undefined,
      // Milliseconds of CPU a frame by stage, start-up included (cpuUse.ts).
      cpuMsPerFrame: cpuUse
        ? Object.fromEntries(
            Object.entries(cpuUse)
              .filter(([, s]) => s > 0)
              .map(([k, s]) => [
                k,
                Number(((s * 1000) / scene.frames).toFixed(1)),
              ]),
          )
        : undefined,
      // The largest memory this process and all it started held at once.
      peakMemoryMB: peak
        ? {
            pss: Math.round(peak.pssBytes / 2 ** 20),
            rss: Math.round(peak.rssBytes / 2 ** 20),
          }
        : undefined,
    };
    process.stdout.write(JSON.stringify(line) + '\n');
  } finally {
    if (process.env.MC_BENCH_KEEP) {
      process.stderr.write(`bench: kept the frames in ${scratch}\n`);
    } else {
      rmSync(scratch, {recursive: true, force: true});
    }
  }
}

/**
 * Input arguments reading the editor's image sequence in `dir` (the lowest
 * numbered `NNNNNN.png` first); checks that it has `frames` frames.
 */
function editorSequenceArgs(dir: string, fps: number, frames: number) {
  const numbers = readdirSync(dir)
    .filter(name => /^\d{6}\.png$/.test(name))
    .map(name => Number.parseInt(name, 10))
    .sort((a, b) => a - b);
  if (numbers.length !== frames) {
    throw new Error(
      `MC_BENCH_EDITOR_FRAMES: expected ${frames} frames (NNNNNN.png) in ` +
        `${dir}, found ${numbers.length}`,
    );
  }
  return [
    '-framerate',
    String(fps),
    '-start_number',
    String(numbers[0]),
    '-i',
    path.join(dir, '%06d.png'),
  ];
}

/**
 * SSIM of a video (input arguments `main`) against a reference (`reference`),
 * the reference (and `main` too when it is RGB: `rgbMain`) converted to
 * BT.709 yuv420p as the renderer encodes; returns ffmpeg's output, whose
 * summary parseSsimY reads.
 */
function runSsim(
  ffmpeg: string,
  main: string[],
  reference: string[],
  {
    width,
    height,
    rgbMain,
    signal,
  }: {width: number; height: number; rgbMain?: true; signal: CancelSignal},
) {
  // ssim prints its summary at info level on stderr.
  return new Promise<string>((resolve, reject) => {
    import('node:child_process').then(({spawn}) => {
      const yuv = yuvFilter(width, height);
      const child = spawn(ffmpeg, [
        '-hide_banner',
        ...main,
        ...reference,
        '-lavfi',
        rgbMain
          ? `[0:v]${yuv}[main];[1:v]${yuv}[ref];[main][ref]ssim`
          : `[1:v]${yuv}[ref];[0:v][ref]ssim`,
        '-f',
        'null',
        '-',
      ]);
      killOnCancel(signal, child);
      let err = '';
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (c: string) => (err = (err + c).slice(-20000)));
      child.on('error', reject);
      child.on('close', code =>
        code === 0
          ? resolve(err)
          : reject(new Error(`ssim failed:\n${err.slice(-800)}`)),
      );
    }, reject);
  });
}

main().then(
  () => process.exit(0),
  error => {
    process.stderr.write(
      `bench: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    cancellation.cancel('failed');
    process.exit(1);
  },
);
