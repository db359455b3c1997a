/**
 * The command line under faults and corrupted state, as a hostile-but-fair
 * user meets it: a scene that does not compile, renders at once into one
 * directory, broken outputs and cache entries, leftovers of killed runs.
 * Every run has its own TMPDIR, which must hold nothing new afterwards.
 * (The pure functions behind this: tests/render/reliability.test.ts.)
 */
import {spawnSync} from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {runCli} from '../helpers/cli';

const FIXTURES = path.resolve('tests/render/fixtures');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'mc-render-test-'));
const TMPDIR = path.join(tmp, 'tmpdir');
mkdirSync(TMPDIR);
const env = {TMPDIR};
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

/** What the runs left in their TMPDIR (tsx keeps its own compile cache). */
const tmpdirLeftovers = () =>
  readdirSync(TMPDIR)
    .filter(name => !/^tsx-/.test(name))
    .sort();

/** The lines of the renderer's own messages ("render: ...") in stderr. */
const errorLines = (stderr: string) =>
  stderr.split('\n').filter(line => line.startsWith('render: '));

const count = (text: string, pattern: RegExp) =>
  text.split('\n').filter(line => pattern.test(line)).length;

/** The id of a process that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

const project = path.join(FIXTURES, 'project.ts');
/** Renders fixture scenes at the preview preset, 5 fps (6-8 frames each). */
const render = (...args: string[]) =>
  runCli(
    ['--project', project, ...args, '--preset', 'preview', '--fps', '5'],
    env,
  );

describe('a scene that does not compile', () => {
  it('fails within seconds with Vite/esbuild line (file:line:col), exit 1, nothing left behind', async () => {
    const broken = path.join(tmp, 'broken');
    cpSync(FIXTURES, broken, {recursive: true});
    const ramp = path.join(broken, 'ramp.tsx');
    writeFileSync(
      ramp,
      readFileSync(ramp, 'utf8').replace(
        'fill="#000000" />);',
        'fill="#000000" />;',
      ),
    );
    const started = Date.now();
    const run = await runCli(
      [
        '--project',
        path.join(broken, 'project.ts'),
        '--preset',
        'preview',
        '--out',
        path.join(tmp, 'broken-out'),
      ],
      env,
    );
    const seconds = (Date.now() - started) / 1000;
    expect(run.code).toBe(1);
    expect(errorLines(run.stderr)).toEqual([
      `render: the project failed to compile: ${ramp}:10:70: Expected ")" but found ";"`,
    ]);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    // It used to wait for a 180 s page-load timeout.
    expect(seconds).toBeLessThan(90);
    expect(readdirSync(path.join(tmp, 'broken-out'))).toEqual([]);
    expect(tmpdirLeftovers()).toEqual([]);
  });
});

describe('one output directory', () => {
  const out = path.join(tmp, 'out');

  it('two renders into it at once keep both cache entries', async () => {
    const [a, b] = await Promise.all([
      render('colors', '--out', out),
      render('ramp', '--out', out),
    ]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.stderr).toMatch(
      /^browser: \S+ \((installed|CHROME_PATH|@sparticuz\/chromium): /m,
    );
    // One entry per output, and each command's run record (runs/).
    expect(readdirSync(path.join(out, '.mc-render-cache')).sort()).toEqual([
      'colors.mp4.json',
      'ramp.mp4.json',
      'runs',
    ]);
    expect(readdirSync(path.join(out, '.mc-render-cache/runs'))).toHaveLength(
      2,
    );
    expect(tmpdirLeftovers()).toEqual([]);
  });

  it('recovers from broken outputs, a broken cache and leftovers of killed runs, rendering each scene once', async () => {
    const dead = deadPid();
    // A 0-byte MP4 whose cache entry is current.
    truncateSync(path.join(out, 'colors.mp4'), 0);
    // The older index, of the wrong shape.
    writeFileSync(path.join(out, '.cache.json'), '{"version":1,"entries":"x"}');
    // A cache entry of the wrong shape.
    writeFileSync(path.join(out, '.mc-render-cache/ramp.mp4.json'), '{"x": 1');
    // What `kill -9` mid-render leaves: a partial MP4 in --out, and the
    // run's directory in TMPDIR.
    const partial = `.ramp.mp4.${dead}-abcdef.tmp.mp4`;
    writeFileSync(path.join(out, partial), 'partial');
    const runDir = path.join(TMPDIR, `mc-render-${dead}-0badc0de`);
    mkdirSync(path.join(runDir, 'chrome-x/tmp'), {recursive: true});
    writeFileSync(
      path.join(runDir, 'chrome-x/tmp/org.chromium.Chromium.x'),
      '',
    );

    const run = await render('colors', 'ramp', 'colors', '--out', out);
    expect(run.code).toBe(0);
    expect(errorLines(run.stderr)).toEqual([]);
    expect(run.stderr).toContain(
      `removed 1 temporary file of interrupted renders from ${out}: ${partial}`,
    );
    expect(count(run.stderr, /^cache: discarded .*\.cache\.json/)).toBe(1);
    expect(
      count(
        run.stderr,
        /^cache: discarded the invalid entry .*ramp\.mp4\.json \(not JSON\)/,
      ),
    ).toBe(1);
    expect(run.stderr).toContain(
      'colors: rendering again: colors.mp4 has 0 bytes',
    );
    expect(count(run.stderr, /^colors: rendered /)).toBe(1);
    expect(count(run.stderr, /^ramp: rendered /)).toBe(1);
    expect(readdirSync(out).sort()).toEqual([
      '.mc-render-cache',
      'colors.mp4',
      'ramp.mp4',
    ]);
    expect(existsSync(runDir)).toBe(false);
    expect(tmpdirLeftovers()).toEqual([]);
  });

  it('a copy of the directory vouches only for its own files', async () => {
    const copy = path.join(tmp, 'copy');
    cpSync(out, copy, {recursive: true});
    rmSync(path.join(copy, 'ramp.mp4'));
    const [inCopy, inOriginal] = await Promise.all([
      render('ramp', '--out', copy),
      render('ramp', '--out', out),
    ]);
    expect([inCopy.code, inOriginal.code]).toEqual([0, 0]);
    expect(inCopy.stderr).toContain(
      'ramp: rendering again: ramp.mp4 is missing',
    );
    expect(inCopy.stderr).toMatch(/^ramp: rendered /m);
    expect(inOriginal.stderr).toMatch(/^ramp: cached/m);
    expect(tmpdirLeftovers()).toEqual([]);
  });
});

describe('@sparticuz/chromium', () => {
  it('is unpacked once, into node_modules/.cache, not into TMPDIR', async () => {
    const run = await runCli(['--project', project, '--list'], {
      ...env,
      CHROME_PATH: '',
      MC_RENDER_NO_INSTALLED_BROWSER: '1',
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /^browser: \S+ \(@sparticuz\/chromium: .*node_modules\/\.cache\/mc-render\/chromium-[\d.]+\/chromium\)$/m,
    );
    expect(tmpdirLeftovers()).toEqual([]);
  });
});
