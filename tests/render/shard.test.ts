/**
 * Rendering on many machines as users run it: three `--shard K/3` processes
 * into one directory, `--assemble`, and the frames compared with a
 * one-process render (framemd5). Also: a missing shard, a shard made from
 * other sources, bad --shard values, and a shard run again.
 * A small fixture project (tests/render/fixtures/shards) at the preview
 * preset and 10 fps: 153 frames in 4 segments of 40 frames.
 */
import {
  cpSync,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  mkdtempSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {frameHashes, probe, runCli, type CliRun} from '../helpers/cli';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'mc-shard-test-'));
const fixture = path.resolve('tests/render/fixtures/shards');
// The same project twice, in two places; the second with other sources.
const projectA = path.join(tmp, 'a');
const projectB = path.join(tmp, 'b');
cpSync(fixture, projectA, {recursive: true});
cpSync(fixture, projectB, {recursive: true});
const pulseB = path.join(projectB, 'pulse.tsx');
writeFileSync(
  pulseB,
  readFileSync(pulseB, 'utf8').replace('#40c0e0', '#e04060'),
);

afterAll(() => rmSync(tmp, {recursive: true, force: true}));

const args = (project: string, out: string, ...rest: string[]) => [
  '--project',
  path.join(project, 'project.ts'),
  '--preset',
  'preview',
  '--fps',
  '10',
  '--out',
  out,
  ...rest,
];

/** Every file under a directory, relative to it. */
function files(dir: string): string[] {
  return readdirSync(dir, {recursive: true, encoding: 'utf8'}).sort();
}

const oneLine = (stderr: string) => stderr.trim().split('\n');

/** Runs CLI invocations two at a time (two cores; each render uses both). */
async function twoAtATime(runs: string[][]): Promise<CliRun[]> {
  const results: CliRun[] = [];
  let next = 0;
  await Promise.all(
    [0, 1].map(async () => {
      while (next < runs.length) {
        const i = next++;
        results[i] = await runCli(runs[i]);
      }
    }),
  );
  return results;
}

describe('npm run render -- --shard K/N, then --assemble', () => {
  const one = path.join(tmp, 'one');
  const many = path.join(tmp, 'many');

  it('3 shards in 3 processes assemble into the frames of one process; bad --shard values are refused', async () => {
    const bad = await Promise.all(
      ['0/3', '4/3', 'abc'].map(k =>
        runCli(args(projectA, many, '--shard', k)),
      ),
    );
    // One line each, exit 2, before anything starts.
    for (const [i, k] of ['0/3', '4/3', 'abc'].entries()) {
      expect(bad[i].code).toBe(2);
      expect(oneLine(bad[i].stderr)).toEqual([
        `render: --shard: expected K/N with 1 ≤ K ≤ N (e.g. 2/3), or auto/N, got "${k}"`,
      ]);
    }
    expect(existsSync(many)).toBe(false);

    const runs = await twoAtATime([
      args(projectA, one),
      ...[1, 2, 3].map(k => args(projectA, many, '--shard', `${k}/3`)),
    ]);
    for (const run of runs) {
      expect(run.stderr).not.toMatch(/render: /);
      expect(run.code, run.stderr).toBe(0);
    }
    // Each shard wrote its own segments and its manifest, nothing else.
    expect(files(path.join(many, 'shards'))).toEqual([
      '1-of-3',
      '1-of-3.json',
      '1-of-3/drift.000000-000040.mp4',
      '2-of-3',
      '2-of-3.json',
      '2-of-3/drift.000040-000080.mp4',
      '3-of-3',
      '3-of-3.json',
      '3-of-3/drift.000080-000132.mp4',
      '3-of-3/pulse.000000-000021.mp4',
    ]);

    const assemble = await runCli(['--assemble', many]);
    expect(assemble.stderr).not.toMatch(/render: /);
    expect(assemble.code, assemble.stderr).toBe(0);
    for (const name of ['drift', 'pulse', 'shards']) {
      expect(frameHashes(path.join(many, `${name}.mp4`)), name).toBe(
        frameHashes(path.join(one, `${name}.mp4`)),
      );
    }
    const chapter = probe(path.join(many, 'shards.mp4'));
    expect(Number(chapter.streams[0].nb_read_frames)).toBe(132 + 21);
    expect(chapter.chapters.map(c => c.tags.title)).toEqual(['drift', 'pulse']);
    expect(Number(chapter.chapters[1].start_time)).toBeCloseTo(13.2, 2);
    // What each scene cost, for the next split.
    const costs = JSON.parse(
      readFileSync(path.join(many, 'shards/costs.json'), 'utf8'),
    );
    expect(Object.keys(costs).sort()).toEqual(['drift', 'pulse']);
  });

  it('refuses a missing shard or one from other sources, naming the shard to re-run; a shard run again replaces only its own files', async () => {
    const copy = (name: string) => {
      const dir = path.join(tmp, name);
      cpSync(many, dir, {recursive: true});
      for (const f of readdirSync(dir)) {
        if (f.endsWith('.mp4')) rmSync(path.join(dir, f));
      }
      return dir;
    };
    const missing = copy('missing');
    rmSync(path.join(missing, 'shards/2-of-3.json'));
    const mixed = copy('mixed');
    const shard1 = path.join(mixed, 'shards/1-of-3/drift.000000-000040.mp4');
    const before = readFileSync(shard1);
    const [gone, fromB, again] = await Promise.all([
      runCli(['--assemble', missing]),
      // Shard 3/3 again, of the project with another pulse.tsx.
      runCli(args(projectB, mixed, '--shard', '3/3')),
      // Shard 2/3 again, unchanged: its segment is reused.
      runCli(args(projectA, many, '--shard', '2/3')),
    ]);
    expect(gone.code, gone.stderr).toBe(1);
    expect(oneLine(gone.stderr)).toEqual([
      'render: shard 2/3 is missing (no manifest in ' +
        path.join(missing, 'shards') +
        '): re-run --shard 2/3',
    ]);
    // Refused: nothing joined.
    expect(existsSync(path.join(missing, 'drift.mp4'))).toBe(false);

    expect(fromB.code, fromB.stderr).toBe(0);
    // Only shard 3/3's own files were replaced.
    expect(readFileSync(shard1)).toEqual(before);
    const wrong = await runCli(['--assemble', mixed]);
    expect(wrong.code, wrong.stderr).toBe(1);
    expect(oneLine(wrong.stderr)).toEqual([
      'render: shard 1/3 (and 2/3 likewise) was made from other sources of pulse than shard 3/3 (the newest); segments from both would not match at the seams: re-run --shard 1/3 and --shard 2/3 like shard 3/3',
    ]);
    expect(existsSync(path.join(mixed, 'shards.mp4'))).toBe(false);

    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/shard 2\/3: 1 of 4 segments .*, 1 unchanged/);
    expect(
      files(path.join(many, 'shards')).filter(f => f.includes('.tmp')),
    ).toEqual([]);
    const reassembled = await runCli(['--assemble', many]);
    expect(reassembled.code, reassembled.stderr).toBe(0);
    expect(frameHashes(path.join(many, 'shards.mp4'))).toBe(
      frameHashes(path.join(one, 'shards.mp4')),
    );
  });
});
