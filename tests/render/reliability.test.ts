/**
 * The renderer's promises under bad input, faults and corrupted state, as
 * pure functions (milliseconds each): the cache never vouches for a broken
 * file, leftovers of dead processes are found, and every error is one line
 * naming the input and what was expected. tests/render/recovery.test.ts
 * holds the command line itself to the same.
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
import {frameRate, HELP, parseArgs} from '../../src/render/args';
import {browserArgs, describeBrowser} from '../../src/render/browser';
import {
  CACHE_DIR,
  discardLegacyIndex,
  entryPath,
  parseEntry,
  readEntry,
  recordOutput,
  whyNotCached,
} from '../../src/render/cache';
import {
  errorReport,
  fileError,
  RenderError,
  UsageError,
} from '../../src/render/errors';
import {
  pidAlive,
  removeStaleTemps,
  staleTempFiles,
  tempFileOwner,
  tempNameFor,
  writeFileAtomic,
} from '../../src/render/files';
import {checkStillTime, rangeToFrames} from '../../src/render/frameRange';
import {prepareOutDir} from '../../src/render/project';
import {viteErrorLine} from '../../src/render/server';
import {sceneByName} from '../../src/render/still';
import {
  makeBrowserTempDir,
  makeTempDir,
  MAX_BROWSER_TMPDIR,
  removeDir,
  runDirOwner,
  staleRunDirs,
  sweepStaleRunDirs,
  tidyRunTempDirs,
} from '../../src/render/tempDirs';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'mc-render-test-'));
afterAll(() => rmSync(tmp, {recursive: true, force: true}));
let dirs = 0;
/** A fresh directory for one test. */
const fresh = () => {
  const dir = path.join(tmp, `d${dirs++}`);
  mkdirSync(dir, {recursive: true});
  return dir;
};

/** The id of a process that has exited (not reused within a test). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  expect(child.pid).toBeGreaterThan(0);
  expect(pidAlive(child.pid!)).toBe(false);
  return child.pid!;
}

const KEY = 'a'.repeat(64);
const OTHER_KEY = 'b'.repeat(64);

describe('the cache never vouches for a broken file', () => {
  it('trusts an output only with its key, size and SHA-256 as written', async () => {
    const out = fresh();
    writeFileSync(path.join(out, 'a.mp4'), 'video bytes');
    const entry = await recordOutput(out, 'a.mp4', KEY);
    expect(entry.file).toBe('a.mp4');
    expect(entry.size).toBe(11);
    expect(await whyNotCached(out, 'a.mp4', KEY)).toBeNull();
    expect(await whyNotCached(out, 'a.mp4', OTHER_KEY)).toBe(
      'sources, settings or browser changed',
    );
    // Same size, other bytes.
    writeFileSync(path.join(out, 'a.mp4'), 'VIDEO BYTES');
    expect(await whyNotCached(out, 'a.mp4', KEY)).toMatch(/SHA-256 differs/);
    // A 0-byte file whose entry is current (the first probe).
    truncateSync(path.join(out, 'a.mp4'), 0);
    expect(await whyNotCached(out, 'a.mp4', KEY)).toBe(
      'a.mp4 has 0 bytes, 11 were written',
    );
    rmSync(path.join(out, 'a.mp4'));
    expect(await whyNotCached(out, 'a.mp4', KEY)).toBe('a.mp4 is missing');
    expect(await whyNotCached(out, 'b.mp4', KEY)).toBe('not in the cache');
  });

  it('keys outputs relative to the output directory: a copy vouches only for its own files', async () => {
    const original = fresh();
    writeFileSync(path.join(original, 'a.mp4'), 'video bytes');
    await recordOutput(original, 'a.mp4', KEY);
    const entryText = readFileSync(entryPath(original, 'a.mp4'), 'utf8');
    expect(entryText).not.toContain(original);
    const copy = path.join(fresh(), 'copy');
    cpSync(original, copy, {recursive: true});
    expect(await whyNotCached(copy, 'a.mp4', KEY)).toBeNull();
    rmSync(path.join(copy, 'a.mp4'));
    expect(await whyNotCached(copy, 'a.mp4', KEY)).toBe('a.mp4 is missing');
    expect(await whyNotCached(original, 'a.mp4', KEY)).toBeNull();
  });

  it('discards an invalid entry with one warning line, and it counts as none', async () => {
    const out = fresh();
    writeFileSync(path.join(out, 'a.mp4'), 'x');
    await recordOutput(out, 'a.mp4', KEY);
    const file = entryPath(out, 'a.mp4');
    for (const [text, why] of [
      ['{"version":1,"entries":"x"}', 'version 1, not 2'],
      ['not json', 'not JSON'],
      ['[]', 'not an object'],
      [
        JSON.stringify({
          version: 2,
          key: KEY,
          file: '/elsewhere/a.mp4',
          size: 1,
          sha256: KEY,
        }),
        'file "/elsewhere/a.mp4", not "a.mp4"',
      ],
      [
        JSON.stringify({version: 2, key: KEY, file: 'a.mp4', size: -1}),
        'no valid size',
      ],
    ] as const) {
      writeFileSync(file, text);
      const warnings: string[] = [];
      expect(readEntry(out, 'a.mp4', w => warnings.push(w))).toBeNull();
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(`(${why})`);
      expect(warnings[0]).toMatch(/^cache: discarded the invalid entry /);
      expect(existsSync(file)).toBe(false);
      expect(parseEntry(text, 'a.mp4')).toBe(why);
    }
  });

  it('discards the older index (.cache.json), even of the wrong shape, with one warning line', () => {
    const out = fresh();
    writeFileSync(path.join(out, '.cache.json'), '{"version":1,"entries":"x"}');
    const warnings: string[] = [];
    discardLegacyIndex(out, w => warnings.push(w));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^cache: discarded .*\.cache\.json/);
    expect(existsSync(path.join(out, '.cache.json'))).toBe(false);
    discardLegacyIndex(out, w => warnings.push(w));
    expect(warnings).toHaveLength(1);
  });

  it('loses no entry when renders record outputs into one directory at once', async () => {
    const out = fresh();
    const names = Array.from({length: 8}, (_, i) => `s${i}.mp4`);
    for (const name of names) writeFileSync(path.join(out, name), name);
    await Promise.all(names.map(name => recordOutput(out, name, KEY)));
    // Two processes at once: each writes only its own entry file.
    const script = (name: string) =>
      `require('node:fs').writeFileSync(${JSON.stringify(path.join(out, name))}, 'x');`;
    for (const name of ['p1.mp4', 'p2.mp4']) {
      spawnSync(process.execPath, ['-e', script(name)]);
    }
    await Promise.all(
      ['p1.mp4', 'p2.mp4'].map(name => recordOutput(out, name, KEY)),
    );
    for (const name of [...names, 'p1.mp4', 'p2.mp4']) {
      expect(await whyNotCached(out, name, KEY)).toBeNull();
    }
    expect(readdirSync(path.join(out, CACHE_DIR)).sort()).toEqual(
      [...names, 'p1.mp4', 'p2.mp4'].map(n => `${n}.json`).sort(),
    );
  });

  it('names the browser in the key material and the log', () => {
    expect(
      describeBrowser({
        version: 'HeadlessChrome/143.0.7499.0',
        source: '@sparticuz/chromium',
        path: '/x/chromium',
      }),
    ).toBe('HeadlessChrome/143.0.7499.0 (@sparticuz/chromium: /x/chromium)');
  });
});

describe('leftovers of dead processes', () => {
  it('reads the owner of a temporary file from its name', () => {
    const temp = path.basename(tempNameFor('/o/ramp.mp4'));
    expect(tempFileOwner(temp)).toBe(process.pid);
    expect(tempFileOwner('.ramp.mp4.1234-ab12cd.tmp.mp4')).toBe(1234);
    expect(tempFileOwner('.fixture.mp4.txt.77-00ff00.tmp.txt')).toBe(77);
    expect(tempFileOwner('.cache.json.99.tmp')).toBe(99);
    expect(tempFileOwner('ramp.mp4')).toBeNull();
    expect(tempFileOwner('.ramp.mp4')).toBeNull();
  });

  it('removes temporary files of processes that are gone, never of live ones', () => {
    const out = fresh();
    const dead = deadPid();
    const names = [
      `.ramp.mp4.${dead}-ab12cd.tmp.mp4`,
      `.ramp.mp4.${process.pid}-ab12cd.tmp.mp4`,
      `.colors.mp4.${process.ppid}-00aa11.tmp.mp4`,
      'ramp.mp4',
    ];
    for (const name of names) writeFileSync(path.join(out, name), 'x');
    expect(staleTempFiles(names)).toEqual([names[0]]);
    expect(removeStaleTemps(out)).toEqual([names[0]]);
    expect(readdirSync(out).sort()).toEqual(names.slice(1).sort());
    // With a fake liveness test: everything but our own is stale.
    expect(staleTempFiles(names, () => false)).toEqual([names[0], names[2]]);
  });

  it('sweeps run directories of dead processes from TMPDIR', () => {
    const dir = fresh();
    const dead = deadPid();
    const names = [
      `mc-render-${dead}-0123abcd`,
      `mc-render-${process.pid}-0123abcd`,
      'mc-render-chrome-AbCdEf',
      'mc-render-test-xyz',
    ];
    for (const name of names) mkdirSync(path.join(dir, name));
    expect(runDirOwner(names[0])).toBe(dead);
    expect(runDirOwner(names[2])).toBeNull();
    expect(staleRunDirs(names)).toEqual([names[0]]);
    expect(sweepStaleRunDirs(dir)).toEqual([names[0]]);
    expect(readdirSync(dir).sort()).toEqual(names.slice(1).sort());
  });
});

describe("this process's temporary directories", () => {
  it('live in one run directory, removed once empty', () => {
    // A TMPDIR of its own: the test run's shared render sessions keep their
    // browsers' directories in the run directory of the usual one.
    const outer = process.env.TMPDIR;
    const base = mkdtempSync(path.join(os.tmpdir(), 'mc-run-dir-'));
    process.env.TMPDIR = base;
    try {
      const dir = makeTempDir('t');
      const run = path.dirname(dir);
      expect(path.basename(run)).toMatch(
        new RegExp(`^mc-render-${process.pid}-[0-9a-f]{8}$`),
      );
      tidyRunTempDirs();
      expect(existsSync(run)).toBe(true);
      removeDir(dir);
      tidyRunTempDirs();
      expect(existsSync(run)).toBe(false);
    } finally {
      if (outer === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = outer;
      removeDir(base);
    }
  });

  it('give Chromium a TMPDIR short enough for its singleton socket', () => {
    const dir = makeBrowserTempDir();
    expect(Buffer.byteLength(dir)).toBeLessThanOrEqual(MAX_BROWSER_TMPDIR);
    removeDir(dir);
    tidyRunTempDirs();
  });
});

describe('every error is one line naming the input and what was expected', () => {
  it('--out: an existing file, an unwritable place, a path through a file', () => {
    const dir = fresh();
    const file = path.join(dir, 'a-file');
    writeFileSync(file, 'x');
    expect(() => prepareOutDir(file, 'a-file')).toThrow(
      new UsageError(
        '--out: expected a directory, got "a-file" (an existing file)',
      ),
    );
    expect(() => prepareOutDir(path.join(file, 'sub'), 'a-file/sub')).toThrow(
      /^--out: cannot create the directory "a-file\/sub": ".*a-file" is a file, not a directory$/,
    );
    // sysfs refuses new directories, even to root.
    if (existsSync('/sys/kernel')) {
      expect(() => prepareOutDir('/sys/mc-render-out')).toThrow(
        /^--out: cannot create the directory "\/sys\/mc-render-out": .*\(E[A-Z]+\)$/,
      );
    }
    const ok = path.join(dir, 'new/out');
    prepareOutDir(ok);
    expect(readdirSync(ok)).toEqual([]);
  });

  it('a full disk names the file (ENOSPC from /dev/full)', () => {
    let error: unknown;
    try {
      writeFileSync('/dev/full', 'x');
    } catch (e) {
      error = e;
    }
    if (!error) return; // no /dev/full here
    const message = (fileError('write', 'output/a@1s.png', error) as Error)
      .message;
    expect(message).toBe(
      'cannot write "output/a@1s.png": no space left on device (ENOSPC)',
    );
    // Unwrapped (no path in the error): still one line, no stack.
    expect(errorReport(error)).toEqual({
      lines: ['render: write: no space left on device (ENOSPC)'],
      exitCode: 1,
    });
  });

  it('writeFileAtomic never leaves a half-written file where a good one was', () => {
    const dir = fresh();
    const file = path.join(dir, 'a.json');
    writeFileAtomic(file, 'good');
    expect(() =>
      writeFileAtomic(path.join(dir, 'no/such/b.json'), 'x'),
    ).toThrow(
      /^cannot write ".*b\.json": no such file or directory \(ENOENT\)$/,
    );
    expect(readFileSync(file, 'utf8')).toBe('good');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('--fps takes 1 to 240, scenes are rendered once each', () => {
    for (const bad of ['0.5', '0', '241', '-3', 'abc']) {
      expect(() => frameRate(bad)).toThrow(
        `--fps: expected a frame rate from 1 to 240, got "${bad}"`,
      );
    }
    expect(frameRate('1')).toBe(1);
    expect(frameRate('29.97')).toBe(29.97);
    expect(frameRate('240')).toBe(240);
    expect(parseArgs(['01-title', '02-x', '01-title']).scenes).toEqual([
      '01-title',
      '02-x',
    ]);
  });

  it('--range and --still past the scene end are both errors naming its length', () => {
    expect(() =>
      rangeToFrames({start: 0.5, end: 9}, 30, 32, 'scene "ramp"'),
    ).toThrow(
      '--range: expected START-END within scene "ramp" (0-1.067 s), got "0.5-9"',
    );
    expect(() => checkStillTime(9, 30, 32, 'scene "ramp"')).toThrow(
      '--still: expected a time within scene "ramp" (0-1.067 s), got "9"',
    );
    // Both are bad input: exit code 2.
    for (const bad of [
      () => rangeToFrames({start: 0.5, end: 9}, 30, 32),
      () => checkStillTime(9, 30, 32),
    ]) {
      expect(bad).toThrow(UsageError);
    }
    // The last moment is within the scene, for both.
    expect(() => checkStillTime(32 / 30, 30, 32)).not.toThrow();
    expect(rangeToFrames({start: 0, end: 32 / 30}, 30, 32)).toEqual({
      from: 0,
      to: 32,
    });
  });

  it('an unknown scene is a usage error (exit code 2), like other bad input', () => {
    const info = {
      name: 'p',
      width: 1,
      height: 1,
      scenes: [{name: 'colors', frames: 1}],
    } as unknown as Parameters<typeof sceneByName>[0];
    let error: unknown;
    try {
      sceneByName(info, 'nope');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect(errorReport(error)).toEqual({
      lines: ['render: unknown scene "nope"; known scenes: colors'],
      exitCode: 2,
    });
    expect(errorReport(new RenderError('x')).exitCode).toBe(1);
  });

  it('a scene that does not compile: Vite/esbuild error as file:line:col and what', () => {
    const esbuild = Object.assign(
      new Error(
        'Transform failed with 1 error:\n/p/ramp.tsx:10:70: ERROR: Expected ")" but found ";"',
      ),
      {
        errors: [
          {
            text: 'Expected ")" but found ";"',
            location: {file: '/p/ramp.tsx', line: 10, column: 70},
          },
        ],
      },
    );
    expect(viteErrorLine(esbuild)).toBe(
      '/p/ramp.tsx:10:70: Expected ")" but found ";"',
    );
    const resolve = Object.assign(
      new Error(
        '[plugin:vite:import-analysis] Failed to resolve import "./nope" from "/p/a.tsx". Does the file exist?',
      ),
      {loc: {file: '/p/a.tsx', line: 3, column: 19}},
    );
    expect(viteErrorLine(resolve)).toBe(
      '/p/a.tsx:3:19: Failed to resolve import "./nope" from "/p/a.tsx". Does the file exist?',
    );
    expect(viteErrorLine(undefined, '\x1b[31mboom\x1b[39m\nmore')).toBe('boom');
  });

  it('--help says how frames travel (PNGs over a WebSocket), not "piped raw"', () => {
    expect(HELP).not.toMatch(/piped raw/);
    expect(HELP).toMatch(/PNG over a WebSocket/);
  });
});

describe('nothing leaves the machine', () => {
  it('launch flags: no DNS, a dead loopback proxy, WebRTC only through it', () => {
    const args = browserArgs('/p');
    expect(args).toContain(
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    );
    expect(args).toContain('--proxy-server=127.0.0.1:9');
    expect(args).toContain(
      '--webrtc-ip-handling-policy=disable_non_proxied_udp',
    );
    expect(args).toContain(
      '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
    );
    expect(browserArgs('/p', {netLog: '/n.json'})).toContain(
      '--log-net-log=/n.json',
    );
  });
});
