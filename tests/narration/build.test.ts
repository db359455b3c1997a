/**
 * The narration build step on small projects in temporary directories:
 * recorded takes and their text hashes, the scratch voice (eSpeak NG, run
 * offline), and every bad input as one line, a non-zero exit and nothing
 * written.
 */
import {spawnSync} from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {buildNarration, narrationPaths} from '../../src/narration/build';
import {synthesize} from '../../src/narration/espeak';
import {markOffset} from '../../src/narration/timing';
import {encodeWav} from '../../src/narration/wav';

const ROOT = path.resolve(__dirname, '../..');
const SCRIPT = path.join(ROOT, 'src/narration/script.ts');
const dirs: string[] = [];
afterAll(() => dirs.forEach(d => rmSync(d, {recursive: true, force: true})));

/** A project with one scene, `01-a`, whose blocks are given. */
function project(blocks: {id: string; text: string; maxSeconds?: number}[]) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'narration-test-'));
  dirs.push(root);
  mkdirSync(path.join(root, 'scenes'));
  writeScript(root, blocks);
  return root;
}

function writeScript(
  root: string,
  blocks: {id: string; text: string; maxSeconds?: number}[],
) {
  writeFileSync(
    path.join(root, 'scenes/01-a.narration.ts'),
    `import {script} from ${JSON.stringify(SCRIPT)};\nexport default script('01-a', ${JSON.stringify(blocks)});\n`,
  );
}

/** A take of `seconds` of a quiet tone. */
function take(root: string, id: string, seconds: number, hz = 220) {
  const rate = 22050;
  const samples = new Int16Array(Math.round(seconds * rate));
  for (let i = 0; i < samples.length; i++) {
    samples[i] = Math.round(8000 * Math.sin((2 * Math.PI * hz * i) / rate));
  }
  mkdirSync(path.join(root, 'narration/01-a'), {recursive: true});
  writeFileSync(
    path.join(root, `narration/01-a/${id}.wav`),
    encodeWav(samples, rate),
  );
}

/** Runs `npm run narration` on a project: exit code, stdout, stderr lines. */
function cli(root: string, env: Record<string, string> = {}) {
  const r = spawnSync(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    [path.join(ROOT, 'src/narration/cli.ts'), '--root', root],
    {encoding: 'utf8', env: {...process.env, ...env}},
  );
  return {
    status: r.status,
    stdout: r.stdout,
    errors: r.stderr.trim().split('\n').filter(Boolean),
  };
}

/** Every file under a directory (relative), to see that nothing was written. */
function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, {recursive: true, withFileTypes: true})
    .filter(e => e.isFile())
    .map(e => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('the scratch voice', () => {
  it('speaks offline with word timings, in order and within the audio', async () => {
    const speech = await synthesize("Rise over run: f'(x) is the slope.");
    const seconds = speech.samples.length / speech.sampleRate;
    expect(seconds).toBeGreaterThan(1);
    expect(seconds).toBeLessThan(5);
    // "f'(x)" is read "f prime of x": its f and its x are words.
    expect(speech.words.map(w => w.index)).toEqual([
      0, 5, 10, 15, 18, 21, 24, 28,
    ]);
    const starts = speech.words.map(w => w.start);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(starts[starts.length - 1]).toBeLessThan(seconds);
    // It starts on its first word: no leading silence.
    const first = speech.samples.findIndex(v => Math.abs(v) > 300);
    expect(first / speech.sampleRate).toBeLessThan(0.03);
  });
  it('speaks a text the same whatever was spoken before it', async () => {
    // A fresh clone builds every block in one run, a cached build only the
    // changed ones: both must time the scenes alike.
    const text = 'Whichever picture helps, use it.';
    const alone = await synthesize(text);
    await synthesize('The other view of the derivative is the doorway.');
    const after = await synthesize(text);
    expect(after.samples.length).toBe(alone.samples.length);
    expect(Buffer.from(after.samples.buffer)).toEqual(
      Buffer.from(alone.samples.buffer),
    );
    expect(after.words).toEqual(alone.words);
  });
});

describe('the build', () => {
  it('writes timings with bookmarks, and caches the scratch voice by text', async () => {
    const root = project([
      {id: 'one', text: 'Now zoom in <mark name="land"/>and watch it land.'},
      {id: 'two', text: 'Short.'},
    ]);
    const m = await buildNarration({paths: narrationPaths(root)});
    const t = JSON.parse(
      readFileSync(path.join(root, 'narration/timings/01-a.json'), 'utf8'),
    );
    const one = m.scenes['01-a'][0];
    expect(t.blocks.one.seconds).toBeCloseTo(one.seconds, 3);
    // "and" is the fourth word.
    expect(t.blocks.one.marks.land).toBeCloseTo(one.words[3].start, 3);
    expect(t.blocks.one.marks.land).toBeGreaterThan(0.3);
    expect(markOffset(t, '01-a', 'one', 'land')).toBe(t.blocks.one.marks.land);
    expect(() => markOffset(t, '01-a', 'one', 'lnd')).toThrow(
      'bookmark "lnd" is not in the text of narration block 01-a/one (its bookmarks: land)',
    );
    // Same text: same file, not spoken again.
    const before = files(path.join(root, 'narration/.build/scratch'));
    const again = await buildNarration({paths: narrationPaths(root)});
    expect(again.scenes['01-a'][0].audio).toBe(one.audio);
    expect(files(path.join(root, 'narration/.build/scratch'))).toEqual(before);
  });

  it('ties a take to its text, and reports a changed sentence as needing a new take', async () => {
    const root = project([{id: 'one', text: 'The first words.'}]);
    take(root, 'one', 1.2);
    const log: string[] = [];
    let m = await buildNarration({
      paths: narrationPaths(root),
      log: l => log.push(l),
    });
    expect(m.scenes['01-a'][0].source).toBe('take');
    expect(m.scenes['01-a'][0].seconds).toBeCloseTo(1.2, 2);
    const lock = JSON.parse(
      readFileSync(path.join(root, 'narration/takes.json'), 'utf8'),
    );
    expect(Object.keys(lock)).toEqual(['01-a/one']);
    expect(log).toEqual([]);

    // The sentence changes; the take does not.
    writeScript(root, [{id: 'one', text: 'The first words, reworded.'}]);
    m = await buildNarration({
      paths: narrationPaths(root),
      log: l => log.push(l),
    });
    expect(log).toEqual([
      'narration: narration/01-a/one.wav was recorded for an older text of 01-a/one: record a new take (the scratch voice reads the new text meanwhile)',
    ]);
    expect(m.scenes['01-a'][0].source).toBe('scratch');

    // A new take is tied to the new text.
    take(root, 'one', 1.5, 330);
    log.length = 0;
    m = await buildNarration({
      paths: narrationPaths(root),
      log: l => log.push(l),
    });
    expect(log).toEqual([]);
    expect(m.scenes['01-a'][0].source).toBe('take');
    expect(m.scenes['01-a'][0].seconds).toBeCloseTo(1.5, 2);
  });
});

describe('bad input: one line, exit 1, nothing written', () => {
  /** Runs the build in this process: its error's message, and nothing written. */
  async function expectFailure(
    root: string,
    line: RegExp,
    env: Record<string, string> = {},
  ) {
    const before = files(path.join(root, 'narration'));
    Object.assign(process.env, env);
    try {
      await expect(
        buildNarration({paths: narrationPaths(root)}),
      ).rejects.toThrow(line);
    } finally {
      for (const k of Object.keys(env)) delete process.env[k];
    }
    expect(files(path.join(root, 'narration'))).toEqual(before);
  }

  it('a take that is not audio (npm run narration: one line on stderr, exit 1)', () => {
    const root = project([{id: 'one', text: 'Words.'}]);
    mkdirSync(path.join(root, 'narration/01-a'), {recursive: true});
    writeFileSync(path.join(root, 'narration/01-a/one.wav'), 'not a wav');
    const before = files(path.join(root, 'narration'));
    const r = cli(root);
    expect(r.status).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(
      /^narration: narration\/01-a\/one\.wav: expected a readable audio file \(ffprobe: .+\)$/,
    );
    expect(r.stdout).toBe('');
    expect(files(path.join(root, 'narration'))).toEqual(before);
  });

  it('a take that went missing', async () => {
    const root = project([{id: 'one', text: 'Words.'}]);
    take(root, 'one', 0.5);
    await buildNarration({paths: narrationPaths(root)});
    rmSync(path.join(root, 'narration/01-a/one.wav'));
    await expectFailure(
      root,
      /^narration\/01-a\/one\.wav: missing \(narration\/takes\.json ties a recorded take to block 01-a\/one\)/,
    );
  });

  it('a take longer than its block allows where the scene cannot wait', async () => {
    const root = project([{id: 'one', text: 'Words.', maxSeconds: 1}]);
    take(root, 'one', 1.4);
    await expectFailure(
      root,
      /^narration\/01-a\/one\.wav: lasts 1\.40 s, but block 01-a\/one allows at most 1 s \(the scene cannot wait\)$/,
    );
  });

  it('a bookmark written wrong', async () => {
    const root = project([{id: 'one', text: 'Words <mark name=land/> here.'}]);
    await expectFailure(
      root,
      /^scenes\/01-a\.narration\.ts: expected a narration script, narration 01-a\/one: expected only <mark name="\.\.\."\/> bookmarks/,
    );
  });

  it('a synthesizer that cannot run', async () => {
    const root = project([{id: 'one', text: 'Words never spoken before.'}]);
    await expectFailure(
      root,
      /^scratch voice for 01-a\/one: the synthesizer cannot run \(cannot load no-such-espeak-package/,
      {MC_NARRATION_ESPEAK: 'no-such-espeak-package'},
    );
  });
});
