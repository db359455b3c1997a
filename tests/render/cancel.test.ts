/**
 * The cancel signal (src/render/cancel.ts): what is registered on a signal
 * is killed and removed when it is cancelled, and only that. Real child
 * processes (`sleep`) and real temporary files; no browser, no ffmpeg.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {makeCancelSignal} from '../../src/render/cancel';
import {killOnCancel, runTool} from '../../src/render/encode';
import {tempFile} from '../../src/render/files';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'mc-cancel-test-'));
const started: ChildProcess[] = [];
afterAll(() => {
  for (const child of started) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
    }
  }
  rmSync(tmp, {recursive: true, force: true});
});

/** A `sleep` child that would outlive the test. */
function sleeper(options: {detached?: boolean} = {}): ChildProcess {
  const child = spawn('sleep', ['30'], {stdio: 'ignore', ...options});
  started.push(child);
  return child;
}

/** Resolves with the signal that ended the child (null: still running after `ms`). */
function ended(child: ChildProcess, ms = 2000): Promise<string | null> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(child.signalCode);
  }
  return new Promise(resolve => {
    const timer = setTimeout(() => resolve(null), ms);
    child.once('close', (_code, signal) => {
      clearTimeout(timer);
      resolve(signal);
    });
  });
}

/**
 * The processes of the group `pgid` that still run (not zombies: a
 * container's init may never reap an orphan), from /proc.
 */
function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid pgrp ...: comm may hold spaces.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === pgid && state !== 'Z') members.push(Number(name));
    } catch {
      // Gone meanwhile.
    }
  }
  return members;
}

/** A file with some bytes in it, as a half-written output. */
function written(file: string): string {
  writeFileSync(file, 'partial');
  return file;
}

describe('a cancel signal', () => {
  it('kills the children and removes the temporary files registered on it, not those of another signal', async () => {
    const a = makeCancelSignal({settleMs: 0});
    const b = makeCancelSignal({settleMs: 0});
    const childA = sleeper();
    const childB = sleeper();
    killOnCancel(a.signal, childA);
    killOnCancel(b.signal, childB);
    const tempA = tempFile(a.signal, path.join(tmp, 'a.mp4'));
    const tempB = tempFile(b.signal, path.join(tmp, 'b.mp4'));
    written(tempA.path);
    written(tempB.path);
    const dirA = path.join(tmp, 'dir-a');
    mkdirSync(path.join(dirA, 'profile'), {recursive: true});
    written(path.join(dirA, 'profile/lock'));
    a.signal.removeOnCancel(dirA);

    a.cancel('SIGINT');

    expect(a.signal.cancelled).toBe(true);
    expect(a.signal.reason).toBe('SIGINT');
    expect(await ended(childA)).toBe('SIGKILL');
    expect(existsSync(tempA.path)).toBe(false);
    expect(existsSync(dirA)).toBe(false);
    // The other signal's child and file are untouched.
    expect(b.signal.cancelled).toBe(false);
    expect(b.signal.reason).toBeUndefined();
    expect(await ended(childB, 100)).toBeNull();
    expect(existsSync(tempB.path)).toBe(true);

    b.cancel();
    expect(await ended(childB)).toBe('SIGKILL');
    expect(existsSync(tempB.path)).toBe(false);
  });

  it('does not run the cleanups released after success', async () => {
    const {signal, cancel} = makeCancelSignal({settleMs: 1000});
    // A child that finished by itself: released when it exits.
    const done = spawn('true', {stdio: 'ignore'});
    killOnCancel(signal, done);
    expect(await ended(done)).toBeNull();
    // A temporary file renamed into place, then disposed of: a file made
    // under its name afterwards is not the run's to remove.
    const output = path.join(tmp, 'kept.mp4');
    const temp = tempFile(signal, output);
    renameSync(written(temp.path), output);
    temp.dispose();
    written(temp.path);
    let ran = 0;
    const release = signal.onCancel(() => ran++);
    release();
    release();

    const before = Date.now();
    cancel();

    expect(ran).toBe(0);
    expect(existsSync(temp.path)).toBe(true);
    expect(existsSync(output)).toBe(true);
    // Nothing left to kill: no second look (settleMs) was needed.
    expect(Date.now() - before).toBeLessThan(500);
  });

  it('is harmless to cancel twice; a cleanup registered after cancel runs at once', async () => {
    const {signal, cancel} = makeCancelSignal({settleMs: 0});
    const child = sleeper();
    killOnCancel(signal, child);
    let ran = 0;
    signal.onCancel(() => ran++);

    cancel('first');
    cancel('second');

    expect(ran).toBe(1);
    expect(signal.reason).toBe('first');
    expect(await ended(child)).toBe('SIGKILL');
    const late = sleeper();
    killOnCancel(signal, late);
    expect(await ended(late)).toBe('SIGKILL');
    signal.onCancel(() => ran++);
    expect(ran).toBe(2);
  });

  it('looks for files again after killing a process, not when nothing was killed', async () => {
    const quiet = makeCancelSignal({settleMs: 20});
    let looks = 0;
    quiet.signal.onCancel(() => looks++);
    quiet.cancel();
    expect(looks).toBe(1);

    const busy = makeCancelSignal({settleMs: 20});
    const child = sleeper();
    killOnCancel(busy.signal, child);
    let busyLooks = 0;
    busy.signal.onCancel(() => busyLooks++);
    busy.cancel();
    expect(busyLooks).toBe(2);
    expect(await ended(child)).toBe('SIGKILL');
  });

  it('kills a whole process group when asked (a browser and its helpers)', async () => {
    const {signal, cancel} = makeCancelSignal({settleMs: 0});
    // A group leader with a child of its own, as puppeteer starts Chromium.
    const leader = spawn('sh', ['-c', 'sleep 30 & sleep 30; wait'], {
      stdio: 'ignore',
      detached: true,
    });
    started.push(leader);
    await new Promise(r => setTimeout(r, 50));
    expect(groupMembers(leader.pid!).length).toBeGreaterThanOrEqual(2);
    signal.killOnCancel(leader.pid, {
      group: true,
      running: () => leader.exitCode === null && leader.signalCode === null,
    });
    cancel();
    expect(await ended(leader)).toBe('SIGKILL');
    for (let i = 0; i < 40 && groupMembers(leader.pid!).length; i++) {
      await new Promise(r => setTimeout(r, 25));
    }
    expect(groupMembers(leader.pid!)).toEqual([]);
  });

  it('two signals in one process: cancelling one stops only its own runTool', async () => {
    const a = makeCancelSignal({settleMs: 0});
    const b = makeCancelSignal({settleMs: 1000});
    const runA = runTool('sleep', ['30'], a.signal, 'sleep');
    const runB = runTool('sleep', ['0.2'], b.signal, 'sleep');
    // Let both start.
    await new Promise(r => setTimeout(r, 50));
    a.cancel();
    await expect(runA).rejects.toThrow(/sleep failed \(SIGKILL\)/);
    await expect(runB).resolves.toBe('');
    // b's child exited by itself: nothing is left for its cancel to kill
    // (so no second look).
    let looks = 0;
    b.signal.onCancel(() => looks++);
    b.cancel();
    expect(looks).toBe(1);
  });
});
