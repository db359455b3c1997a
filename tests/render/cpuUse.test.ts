import {spawn} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {
  parseStat,
  processKind,
  sampleCpu,
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
    // A child that spins 500 ms, says how much CPU it has used, spins
    // 400 ms more, says it again and exits.
    const child = spawn(process.execPath, [
      '-e',
      `const spin = ms => { const end = performance.now() + ms; while (performance.now() < end); };
       const used = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
       spin(500); process.stdout.write(used() + '\\n', () => { spin(400); process.stdout.write(used() + '\\n'); });`,
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
    await new Promise(resolve => child.on('close', resolve));
    const use = sampler.stop();
    const [before, after] = out.trim().split('\n').map(Number);
    // What it used after "go" (its first 500 ms were before sampling),
    // within a few clock ticks; its exit may fall after the last sample.
    expect(after - before).toBeGreaterThan(0.2);
    expect(Math.abs(use.node - (after - before))).toBeLessThan(0.08);
    expect(use.ffmpeg + use['page main thread'] + use.other).toBe(0);
  });
});
