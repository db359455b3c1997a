/**
 * The render CLI as users run it: real renders of short fixture scenes in
 * headless Chromium (preview preset, low frame rates to keep CI short).
 */
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {findFfmpeg} from '../../src/render/ffmpeg';
import {
  alive,
  decodeFrame,
  descendants,
  frameHashes,
  probe,
  rgbAt,
  runCli,
  startCli,
} from '../helpers/cli';

const FIXTURES = path.resolve('tests/render/fixtures');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'mc-render-test-'));
// A copy of the fixture project outside the repository, in a read-only
// directory: bare imports must resolve from our node_modules and no .meta
// file may be written next to it.
const projectDir = path.join(tmp, 'project');
cpSync(FIXTURES, projectDir, {recursive: true});
const project = path.join(projectDir, 'project.ts');
chmodSync(projectDir, 0o555);

afterAll(() => {
  chmodSync(projectDir, 0o755);
  rmSync(tmp, {recursive: true, force: true});
});

/** CLI arguments rendering the fixture project at the preview preset into `out`. */
function previewArgs(out: string, ...rest: string[]): string[] {
  return ['--project', project, ...rest, '--preset', 'preview', '--out', out];
}

const near = (a: number[], b: number[], tolerance = 8) =>
  a.every((v, i) => Math.abs(v - b[i]) <= tolerance);

const leftovers = (dir: string) =>
  readdirSync(dir).filter(f => f.includes('.tmp'));

describe('npm run render', () => {
  const out = path.join(tmp, 'out');

  it('renders every scene and the chapter with chapters, at the preset size, fps and colours', async () => {
    const run = await runCli(previewArgs(out, '--fps', '15'));
    expect(run.stderr).not.toMatch(/render: /);
    expect(run.code).toBe(0);
    // colors: 1.5 s -> 23 frames at 15 fps (both ends); ramp -> 17.
    for (const [name, frames] of [
      ['colors', 23],
      ['ramp', 17],
    ] as const) {
      const info = probe(path.join(out, `${name}.mp4`));
      const video = info.streams[0];
      expect(video.codec_name).toBe('h264');
      expect(video.pix_fmt).toBe('yuv420p');
      expect([video.width, video.height]).toEqual([854, 480]);
      expect(video.r_frame_rate).toBe('15/1');
      expect(Number(video.nb_read_frames)).toBe(frames);
      expect(video.color_space).toBe('bt709');
      expect(video.color_range).toBe('tv');
    }
    const chapter = probe(path.join(out, 'fixture.mp4'));
    expect(Number(chapter.streams[0].nb_read_frames)).toBe(40);
    expect(chapter.chapters.map(c => c.tags.title)).toEqual(['colors', 'ramp']);
    expect(Number(chapter.chapters[0].start_time)).toBeCloseTo(0, 3);
    expect(Number(chapter.chapters[1].start_time)).toBeCloseTo(23 / 15, 2);
    // No .meta file was written into the (read-only) project directory.
    expect(readdirSync(projectDir).filter(f => f.endsWith('.meta'))).toEqual(
      [],
    );

    // Pixels where the fixture puts them (colors at 1.2 s = frame 18).
    const frame = decodeFrame(path.join(out, 'colors.mp4'), 18, 854, 480);
    expect(near(rgbAt(frame, 854, 100, 240), [255, 0, 0])).toBe(true);
    expect(near(rgbAt(frame, 854, 750, 100), [0, 0, 255])).toBe(true);
    expect(near(rgbAt(frame, 854, 427, 240), [0, 255, 0])).toBe(true);
    const first = decodeFrame(path.join(out, 'colors.mp4'), 0, 854, 480);
    // Before the square fades in, its place (left of centre) shows the red half.
    expect(near(rgbAt(first, 854, 400, 240), [255, 0, 0])).toBe(true);
    // ramp: black to white, linearly over 1 s.
    const ramp0 = decodeFrame(path.join(out, 'ramp.mp4'), 0, 854, 480);
    const ramp15 = decodeFrame(path.join(out, 'ramp.mp4'), 16, 854, 480);
    expect(near(rgbAt(ramp0, 854, 400, 200), [16, 16, 16], 18)).toBe(true);
    expect(near(rgbAt(ramp15, 854, 400, 200), [255, 255, 255], 6)).toBe(true);
    expect(leftovers(out)).toEqual([]);
  });

  it('does not render unchanged scenes again, and re-renders only a changed one', async () => {
    const colorsTime = statSync(path.join(out, 'colors.mp4')).mtimeMs;
    const again = await runCli(previewArgs(out, '--fps', '15'));
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/colors: cached/);
    expect(again.stderr).toMatch(/ramp: cached/);
    expect(again.stderr).toMatch(/fixture: cached/);
    // Answered from the run record: no Vite, no browser.
    expect(again.stderr).toMatch(
      /nothing changed since the last render: 3 files checked by SHA-256, no browser started/,
    );
    expect(again.stderr).not.toMatch(/browser:/);

    chmodSync(projectDir, 0o755);
    const ramp = path.join(projectDir, 'ramp.tsx');
    writeFileSync(
      ramp,
      readFileSync(ramp, 'utf8').replace("fill('#ffffff'", "fill('#808080'"),
    );
    chmodSync(projectDir, 0o555);
    const changed = await runCli(previewArgs(out, '--fps', '15'));
    expect(changed.code).toBe(0);
    expect(changed.stderr).toMatch(/colors: cached/);
    expect(changed.stderr).toMatch(/ramp: rendered 17 frames/);
    expect(changed.stderr).toMatch(/fixture: joined 2 scenes/);
    expect(statSync(path.join(out, 'colors.mp4')).mtimeMs).toBe(colorsTime);
    const last = decodeFrame(path.join(out, 'ramp.mp4'), 16, 854, 480);
    expect(near(rgbAt(last, 854, 400, 200), [128, 128, 128], 8)).toBe(true);
  });

  it('renders the same frames twice (deterministic)', async () => {
    const before = frameHashes(path.join(out, 'colors.mp4'));
    const run = await runCli(
      previewArgs(out, 'colors', '--fps', '15', '--force', '--jobs', '1'),
    );
    expect(run.code).toBe(0);
    expect(frameHashes(path.join(out, 'colors.mp4'))).toBe(before);
  });

  it('lists scenes, writes stills and contact sheets', async () => {
    const list = await runCli(['--project', project, '--list', '--fps', '30']);
    expect(list.code).toBe(0);
    // Which browser draws, on stderr: stdout is data.
    expect(list.stderr).toMatch(/^browser: \S+ \(.+: .+\)$/m);
    const lines = list.stdout.trim().split('\n');
    expect(lines[0]).toBe('colors\t45\t1.500');
    expect(lines[1]).toMatch(/^ramp\t3\d\t1\.0\d\d$/);

    const still = await runCli(previewArgs(out, 'colors', '--still', '1.2'));
    expect(still.code).toBe(0);
    const png = path.join(out, 'colors@1.2s.png');
    const info = probe(png);
    expect([info.streams[0].width, info.streams[0].height]).toEqual([854, 480]);
    expect(rgbAt(decodeFrame(png, 0, 854, 480), 854, 427, 240)).toEqual([
      0, 255, 0,
    ]);

    const sheet = await runCli(previewArgs(out, 'colors', '--contact-sheet'));
    expect(sheet.code).toBe(0);
    // 1.5 s: stills at 0 s only... and a caption row under each thumbnail.
    expect(existsSync(path.join(out, 'colors-sheet.png'))).toBe(true);
    expect(
      Number(probe(path.join(out, 'colors-sheet.png')).streams[0].width),
    ).toBeGreaterThan(480);
  });
});

describe('errors: one clear line and a non-zero exit', () => {
  const out = path.join(tmp, 'errors');

  it('rejects bad options before starting anything', async () => {
    const cases: [string[], string][] = [
      [
        ['--preset', 'huge'],
        '--preset: expected one of preview, hd, 4k, got "huge"',
      ],
      [
        ['--range', '5-2'],
        '--range: expected START-END in seconds with START < END, got "5-2"',
      ],
      [['--fps', '-3'], '--fps: expected a frame rate from 1 to 240, got "-3"'],
      [
        ['--fps', '0.5'],
        '--fps: expected a frame rate from 1 to 240, got "0.5"',
      ],
      [
        ['--still', 'soon'],
        '--still: expected a time in seconds ≥ 0, got "soon"',
      ],
      [
        ['--project', path.join(tmp, 'nope.ts')],
        `--project: expected a Motion Canvas project file, got "${path.join(tmp, 'nope.ts')}" (no such file)`,
      ],
      [
        ['--project', path.join(FIXTURES, 'not-a-project.ts')],
        'is not a Motion Canvas project',
      ],
    ];
    for (const [args, message] of cases) {
      const run = await runCli([...args, '--out', out]);
      expect(run.code, args.join(' ')).not.toBe(0);
      expect(run.stderr).toContain(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
    // --out is checked before the project loads: a file is no directory.
    const file = path.join(tmp, 'a-file');
    writeFileSync(file, 'x');
    const run = await runCli(['--project', project, '--out', file]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(
      `render: --out: expected a directory, got "${file}" (an existing file)`,
    );
  });

  it('says how to get a browser or ffmpeg when there is none', async () => {
    const noBrowser = await runCli(['--project', project, '--out', out], {
      CHROME_PATH: '',
      MC_RENDER_NO_INSTALLED_BROWSER: '1',
      MC_RENDER_NO_SPARTICUZ: '1',
    });
    expect(noBrowser.code).not.toBe(0);
    expect(noBrowser.stderr).toMatch(
      /no Chrome\/Chromium found: install one \(apt-get install -y chromium\), or npm install @sparticuz\/chromium, or set CHROME_PATH/,
    );
    const noFfmpeg = await runCli(['--project', project, '--out', out], {
      FFMPEG_PATH: '',
      MC_RENDER_NO_NPM_FFMPEG: '1',
      // No directory with an ffmpeg in it (node itself is run by its full path).
      PATH: tmp,
    });
    expect(noFfmpeg.code).not.toBe(0);
    expect(noFfmpeg.stderr).toMatch(/no usable ffmpeg found: set FFMPEG_PATH/);
    const badPath = await runCli(['--project', project, '--out', out], {
      FFMPEG_PATH: '/nonexistent/ffmpeg',
    });
    expect(badPath.stderr).toContain(
      'FFMPEG_PATH: expected an ffmpeg executable, got "/nonexistent/ffmpeg"',
    );
  });

  it('names an unknown scene and lists the known ones; rejects a still past the end', async () => {
    const run = await runCli(previewArgs(out, 'nope'));
    // A usage error, like any other bad input on the command line.
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'unknown scene "nope"; known scenes: colors, ramp',
    );
    const late = await runCli(previewArgs(out, 'ramp', '--still', '9'));
    expect(late.code).toBe(2);
    expect(late.stderr).toMatch(
      /--still: expected a time within scene "ramp" \(0-1\.0\d\d s\), got "9"/,
    );
  });

  it('names the scene and frame that threw, then the stack', async () => {
    const run = await runCli([
      '--project',
      path.join(FIXTURES, 'boom/project.ts'),
      '--preset',
      'preview',
      '--out',
      out,
    ]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(
      /scene "explode" threw at frame 1[56]: the fixture scene exploded on purpose/,
    );
    expect(run.stderr).toMatch(/explode\.tsx/);
    expect(existsSync(path.join(out, 'explode.mp4'))).toBe(false);
    expect(leftovers(out)).toEqual([]);
  });

  it('reports ffmpeg failing with its last stderr lines', async () => {
    const fake = path.join(tmp, 'fake-ffmpeg');
    writeFileSync(
      fake,
      `#!/bin/sh\nfor a in "$@"; do case "$a" in -encoders|-filters) exec "${findFfmpeg().path}" "$@";; esac; done\n` +
        'echo "fake encoder: cannot write frames" >&2\nexit 1\n',
    );
    chmodSync(fake, 0o755);
    const run = await runCli(previewArgs(out, 'ramp', '--force'), {
      FFMPEG_PATH: fake,
    });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(
      /ffmpeg failed \(exit code 1\):\nfake encoder: cannot write frames/,
    );
  });
});

describe('nothing is lost', () => {
  it('Ctrl-C mid-render keeps the previous file and leaves no process or temp file behind, in --out or TMPDIR', async () => {
    const out = path.join(tmp, 'sigint');
    // A TMPDIR of its own, to see what the run leaves there.
    const TMPDIR = path.join(tmp, 'sigint-tmp');
    mkdirSync(TMPDIR);
    const first = await runCli(previewArgs(out, 'ramp', '--fps', '10'), {
      TMPDIR,
    });
    expect(first.code).toBe(0);
    const good = readFileSync(path.join(out, 'ramp.mp4'));
    // tsx keeps its compile cache there (made by the first run, reused).
    const before = readdirSync(TMPDIR).sort();
    const child = startCli(previewArgs(out, 'ramp', '--fps', '30', '--force'), {
      TMPDIR,
    });
    let stderr = '';
    await new Promise<void>(resolve => {
      child.stderr!.on('data', c => {
        stderr += c;
        if (/ramp: rendering [1-9]/.test(stderr)) resolve();
      });
    });
    const started = descendants(child.pid!);
    expect(started.length).toBeGreaterThan(0);
    child.kill('SIGINT');
    const code = await new Promise(resolve => child.on('close', resolve));
    expect(code).not.toBe(0);
    expect(readFileSync(path.join(out, 'ramp.mp4')).equals(good)).toBe(true);
    expect(leftovers(out)).toEqual([]);
    await new Promise(r => setTimeout(r, 500));
    expect(started.filter(alive)).toEqual([]);
    // Nothing new in TMPDIR: no mc-render-*, no org.chromium.Chromium.*.
    expect(readdirSync(TMPDIR).sort()).toEqual(before);
  });

  it('two renders into different directories at once both succeed', async () => {
    const a = path.join(tmp, 'a');
    const b = path.join(tmp, 'b');
    const [ra, rb] = await Promise.all([
      runCli(previewArgs(a, 'ramp', '--fps', '10')),
      runCli(previewArgs(b, 'ramp', '--fps', '10')),
    ]);
    expect([ra.code, rb.code]).toEqual([0, 0]);
    expect(
      Number(probe(path.join(a, 'ramp.mp4')).streams[0].nb_read_frames),
    ).toBe(12);
    expect(frameHashes(path.join(a, 'ramp.mp4'))).toBe(
      frameHashes(path.join(b, 'ramp.mp4')),
    );
  });
});
