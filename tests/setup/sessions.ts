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
import {killBrowser} from '../../src/render/browser';
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

export default function setup(project: TestProject) {
  const outer = process.env.TMPDIR;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mc-test-run-'));
  const tmp = path.join(dir, 'tmp');
  mkdirSync(tmp);
  process.env.TMPDIR = tmp;
  const registry = path.join(dir, 'browsers');
  project.provide('sessionRegistry', registry);
  return () => {
    for (const pid of recordedPids(registry)) killBrowser(pid);
    // Chromium's TMPDIR falls back to /tmp when the run's is too deep.
    sweepStaleRunDirs('/tmp');
    removeDir(dir);
    if (outer === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = outer;
  };
}
