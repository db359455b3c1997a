/**
 * Global setup for the test run.
 *
 * Everything tests write to TMPDIR (stills they read back, copies of
 * fixtures, render outputs) goes to one directory of this run, removed
 * after the last file: TMPDIR is set here, before the test worker starts.
 *
 * The render sessions (a Vite server and a headless browser per project
 * file) that tests/helpers/render.ts opens are shared by every test file of
 * the run, and this file ends them.
 * The test worker records each browser it launches in a registry file; the
 * pool ends the worker without an 'exit' event, so the browsers are killed
 * here, after the last file, by the process ids recorded, and the run
 * directories the worker left in TMPDIR are swept.
 */
import {mkdirSync, mkdtempSync, readFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {TestProject} from 'vitest/node';
import {killBrowser} from '../../src/render/kill';
import {removeDir, sweepStaleRunDirs} from '../../src/render/tempDirs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The file where test workers record the browsers they launch. */
    sessionRegistry: string;
  }
}

/** The process ids recorded in a registry file (one per line). */
export function recordedPids(registry: string): number[] {
  let text = '';
  try {
    text = readFileSync(registry, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .map(line => Number(line.trim()))
    .filter(pid => Number.isInteger(pid) && pid > 0);
}

/** Set while a run is on: its directory, and how many projects use it. */
const RUN_DIR = 'MC_TEST_RUN_DIR';
const RUN_USERS = 'MC_TEST_RUN_USERS';
const OUTER_TMPDIR = 'MC_TEST_OUTER_TMPDIR';

/**
 * Runs once per test project (vitest.config.ts has two, side by side): the
 * first makes the run's directory, the last one to end removes it.
 */
export default function setup(project: TestProject) {
  let dir = process.env[RUN_DIR];
  if (!dir) {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mc-test-run-'));
    const tmp = path.join(dir, 'tmp');
    mkdirSync(tmp);
    if (process.env.TMPDIR !== undefined) {
      process.env[OUTER_TMPDIR] = process.env.TMPDIR;
    }
    process.env.TMPDIR = tmp;
    process.env[RUN_DIR] = dir;
  }
  process.env[RUN_USERS] = String(Number(process.env[RUN_USERS] ?? 0) + 1);
  const registry = path.join(dir, `browsers-${project.name || 'tests'}`);
  project.provide('sessionRegistry', registry);
  return () => {
    for (const pid of recordedPids(registry)) killBrowser(pid);
    const users = Number(process.env[RUN_USERS]) - 1;
    process.env[RUN_USERS] = String(users);
    if (users > 0) return;
    // Chromium's TMPDIR falls back to /tmp when the run's is too deep.
    sweepStaleRunDirs('/tmp');
    removeDir(dir);
    const outer = process.env[OUTER_TMPDIR];
    if (outer === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = outer;
    for (const name of [RUN_DIR, RUN_USERS, OUTER_TMPDIR]) {
      delete process.env[name];
    }
  };
}
