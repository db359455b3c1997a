/**
 * Vite's pre-bundled dependencies, kept between renders: pre-bundling costs
 * about 2 s a start. Each render works on a private copy (two renders at once
 * must not rewrite each other's), seeded from the shared one and published
 * back when Vite wrote a different one.
 */
import {randomUUID} from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import {sha256} from './cache';
import {REPO_ROOT} from './paths';

/** Where the pre-bundled dependencies of a project's renders are kept. */
export function sharedDepsCache(projectFile: string): string {
  const key = sha256(path.resolve(projectFile)).slice(0, 16);
  return path.join(REPO_ROOT, 'node_modules/.cache/mc-render', `vite-${key}`);
}

const METADATA = 'deps/_metadata.json';

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** Copies the shared cache into a private one (nothing when there is none). */
export function seedDepsCache(shared: string, into: string): void {
  if (readText(path.join(shared, METADATA)) === null) return;
  try {
    cpSync(shared, into, {recursive: true});
  } catch {
    // A cache being replaced right now: start cold, it is only a cache.
    rmSync(into, {recursive: true, force: true});
    mkdirSync(into, {recursive: true});
  }
}

/**
 * Publishes a private cache as the shared one when Vite wrote a different
 * one (first run, or dependencies changed): copied aside, then renamed into
 * place, so that a reader never sees half a cache.
 */
export function publishDepsCache(from: string, shared: string): void {
  const mine = readText(path.join(from, METADATA));
  if (mine === null || mine === readText(path.join(shared, METADATA))) return;
  const staging = `${shared}.${process.pid}-${randomUUID().slice(0, 8)}`;
  const old = `${staging}.old`;
  try {
    mkdirSync(path.dirname(shared), {recursive: true});
    cpSync(from, staging, {recursive: true});
    if (existsSync(shared)) renameSync(shared, old);
    renameSync(staging, shared);
  } catch {
    // Another render published at the same moment: keep theirs.
  } finally {
    rmSync(staging, {recursive: true, force: true});
    rmSync(old, {recursive: true, force: true});
  }
  pruneDepsCaches(path.dirname(shared), shared);
}

/** How many projects' dependency caches are kept (the newest). */
export const KEPT_DEPS_CACHES = 8;

/**
 * Removes all but the newest {@link KEPT_DEPS_CACHES} caches in `dir` (every
 * temporary project file gets one, and tests make many), never `keep`.
 */
export function pruneDepsCaches(dir: string, keep: string): void {
  let names: string[];
  try {
    names = readdirSync(dir).filter(n => /^vite-[0-9a-f]+$/.test(n));
  } catch {
    return;
  }
  const byAge = names
    .map(name => {
      const file = path.join(dir, name);
      try {
        return {file, time: statSync(file).mtimeMs};
      } catch {
        return null;
      }
    })
    .filter((e): e is {file: string; time: number} => e !== null)
    .sort((a, b) => b.time - a.time);
  for (const {file} of byAge.slice(KEPT_DEPS_CACHES)) {
    if (file !== keep) rmSync(file, {recursive: true, force: true});
  }
}
