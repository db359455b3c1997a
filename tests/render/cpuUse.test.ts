import {spawn} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {
  parseSmapsRollup,
  parseStat,
  processKind,
  sampleCpu,
  sampleMemory,
  stageOf,
} from '../../src/render/cpuUse';

describe('CPU time by stage (/proc)', () => {
  it('reads a stat line whose name holds spaces and parentheses', () => {
    const line =
      '4242 (DedicatedWorker (x) 1) S 4200 4200 0 0 -1 4194560 100 0 0 0 ' +
      '731 52 0 0 20 0 12 0 1234 0 0';
    expect(parseStat(line)).toEqual({
      name: 'DedicatedWorker (x) 1',
      ppid: 4200,
      ticks: 783,
    });
    expect(parseStat('garbage')).toBeNull();
  });

  it('tells the page, its workers, the browser and ffmpeg apart', () => {
    const renderer = processKind(
      '/usr/lib/chromium/chromium --type=renderer --lang=en-US',
    );
    expect(renderer).toBe('renderer');
    expect(stageOf(renderer, true, 'chromium')).toBe('page main thread');
    expect(stageOf(renderer, false, 'DedicatedWorker')).toBe('page workers');
    expect(stageOf(renderer, false, 'Compositor')).toBe('page other threads');
    const zygote = processKind(
      '/work/main/node_modules/.cache/mc-render/chromium-143.0.4/chromium --type=zygote',
    );
    expect(stageOf(zygote, true, 'chromium')).toBe('browser other processes');
    expect(processKind('/x/ffmpeg -hide_banner -i pipe:0 out.mp4')).toBe(
      'ffmpeg',
    );
    expect(processKind('/usr/bin/node /x/tsx/dist/cli.mjs')).toBe('node');
    expect(processKind('sleep 1')).toBe('other');
  });

  it('counts the CPU a process uses while sampled, and not before', async () => {
    // A child that burns 0.3 s of CPU, says so, waits for "go", then burns
    // 0.4 s more and says how much it used from "go" on. CPU time, not wall
    // time: the test may share the cores with others.
    const child = spawn(process.execPath, [
      '-e',
      `const used = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
       const burn = s => { const end = used() + s; while (used() < end); };
       burn(0.3);
       process.stdout.write('ready\\n');
       process.stdin.once('data', () => {
         const from = used();
         burn(0.4);
         process.stdout.write(String(used() - from) + '\\n', () => process.exit(0));
       });`,
    ]);
    let out = '';
    child.stdout.setEncoding('utf8');
    await new Promise<void>(resolve =>
      child.stdout.on('data', (chunk: string) => {
        if (!out) resolve();
        out += chunk;
      }),
    );
    const sampler = sampleCpu(child.pid, 20);
    if (!sampler) return expect(process.platform).not.toBe('linux');
    child.stdin.write('go\n');
    await new Promise(resolve => child.on('close', resolve));
    const use = sampler.stop();
    const burnt = Number(out.trim().split('\n')[1]);
    // The 0.3 s before sampling began are not counted; the 0.4 s after are,
    // within a few clock ticks.
    expect(burnt).toBeGreaterThanOrEqual(0.4);
    expect(Math.abs(use.node - burnt)).toBeLessThan(0.08);
    expect(use.ffmpeg + use['page main thread'] + use.other).toBe(0);
  });

  it('reads Pss and Rss from smaps_rollup', () => {
    const text =
      '564594a74000-7ffe56fed000 ---p 00000000 00:00 0   [rollup]\n' +
      'Rss:                1760 kB\nPss:                 256 kB\n' +
      'Pss_Dirty:           112 kB\n';
    expect(parseSmapsRollup(text)).toEqual({pss: 256 * 1024, rss: 1760 * 1024});
  });

  it('keeps the peak memory of the tree: a child holding 200 MB raises it', async () => {
    const memory = sampleMemory(process.pid, 50);
    expect(memory).not.toBeNull();
    const child = spawn(process.execPath, [
      '-e',
      // 200 MB touched page by page, held for a while, then the child exits.
      'const b = Buffer.alloc(200 * 2 ** 20, 1); setTimeout(() => b.length, 600);',
    ]);
    await new Promise(resolve => child.on('exit', resolve));
    const peak = memory!.stop();
    const after = sampleMemory(process.pid, 50)!.stop();
    expect(peak.pssBytes - after.pssBytes).toBeGreaterThan(150 * 2 ** 20);
    expect(peak.rssBytes).toBeGreaterThanOrEqual(peak.pssBytes);
  });
});
