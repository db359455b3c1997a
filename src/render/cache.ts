/**
 * The render cache: a scene is not rendered again when its sources (the
 * scene file and every local module it imports, from Vite's module graph),
 * its .meta file, the project file's own imports, the render settings and
 * the browser are unchanged, and its file is still the one that was written.
 *
 * @remarks
 * The cache is one small JSON file per output in `<out>/.mc-render-cache/`,
 * each written whole (temporary name, then rename): renders running at once
 * into one directory never lose each other's entries, and a broken entry
 * costs only that output a render. An entry names its output relative to
 * the output directory (a copied directory vouches only for its own files)
 * and records the output's size and SHA-256 when it was written; an output
 * is trusted only while both still match.
 */
import {createHash} from 'node:crypto';
import {existsSync, mkdirSync, readFileSync, rmSync, statSync} from 'node:fs';
import path from 'node:path';
import type {ModuleNode, ViteDevServer} from 'vite';
import {fileError} from './errors';
import {displayPath, hashFile, sha256, writeFileAtomic} from './files';

export {hashFile, sha256};
import {localImports} from './server';

/** The directory, in the output directory, holding the cache entries. */
export const CACHE_DIR = '.mc-render-cache';

/** The index older renderers kept (absolute paths, no hashes): discarded. */
export const LEGACY_INDEX = '.cache.json';

/** One cached output. */
export interface CacheEntry {
  version: 2;
  /** The key the output was made under (sources, settings, browser). */
  key: string;
  /** The output, relative to the output directory. */
  file: string;
  /** Its size in bytes and SHA-256 when it was written. */
  size: number;
  sha256: string;
}

/** Hash of files' contents (path and content of each). */
export function hashFiles(files: string[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort()) {
    hash.update(file + '\0');
    hash.update(existsSync(file) ? readFileSync(file) : Buffer.from('missing'));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Where the entry of the output `name` (relative to `outDir`) is kept. */
export function entryPath(outDir: string, name: string): string {
  return path.join(outDir, CACHE_DIR, `${encodeURIComponent(name)}.json`);
}

/** A relative path that stays inside the output directory. */
function isInside(name: string): boolean {
  return (
    name.length > 0 &&
    !path.isAbsolute(name) &&
    !name.split(/[\\/]/).includes('..')
  );
}

/**
 * Parses a cache entry's text: the entry, or a sentence saying what is
 * wrong with it (for the one warning line).
 */
export function parseEntry(text: string, name: string): CacheEntry | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  const e = data as Partial<CacheEntry> | null;
  if (!e || typeof e !== 'object' || Array.isArray(e)) return 'not an object';
  if (e.version !== 2) return `version ${JSON.stringify(e.version)}, not 2`;
  if (typeof e.key !== 'string' || !/^[0-9a-f]{64}$/.test(e.key)) {
    return 'no valid key';
  }
  if (typeof e.file !== 'string' || !isInside(e.file) || e.file !== name) {
    return `file ${JSON.stringify(e.file)}, not "${name}"`;
  }
  if (typeof e.size !== 'number' || !Number.isInteger(e.size) || e.size < 0) {
    return 'no valid size';
  }
  if (typeof e.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(e.sha256)) {
    return 'no valid sha256';
  }
  return {
    version: 2,
    key: e.key,
    file: e.file,
    size: e.size,
    sha256: e.sha256,
  };
}

/**
 * Reads the entry of output `name`: null when there is none; an invalid
 * one is removed, with one warning line, and counts as none.
 */
export function readEntry(
  outDir: string,
  name: string,
  warn: (line: string) => void = () => undefined,
): CacheEntry | null {
  const file = entryPath(outDir, name);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const entry = parseEntry(text, name);
  if (typeof entry === 'string') {
    warn(
      `cache: discarded the invalid entry ${displayPath(file)} (${entry}); ${name} is checked afresh`,
    );
    rmSync(file, {force: true});
    return null;
  }
  return entry;
}

/**
 * Why output `name` cannot be trusted under `key`, or null when it can:
 * its entry has that key and the file has the recorded size and SHA-256.
 */
export async function whyNotCached(
  outDir: string,
  name: string,
  key: string,
  warn?: (line: string) => void,
): Promise<string | null> {
  const entry = readEntry(outDir, name, warn);
  if (!entry) return 'not in the cache';
  if (entry.key !== key) return 'sources, settings or browser changed';
  const file = path.join(outDir, entry.file);
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return `${entry.file} is missing`;
  }
  if (size !== entry.size) {
    return `${entry.file} has ${size} bytes, ${entry.size} were written`;
  }
  const actual = await hashFile(file);
  if (actual.sha256 !== entry.sha256) {
    return `${entry.file} is not the file that was written (SHA-256 differs)`;
  }
  return null;
}

/**
 * Records output `name` (already in place in `outDir`) under `key`: hashes
 * it and writes its entry atomically.
 */
export async function recordOutput(
  outDir: string,
  name: string,
  key: string,
): Promise<CacheEntry> {
  const {size, sha256: digest} = await hashFile(path.join(outDir, name));
  const entry: CacheEntry = {version: 2, key, file: name, size, sha256: digest};
  const file = entryPath(outDir, name);
  try {
    mkdirSync(path.dirname(file), {recursive: true});
  } catch (error) {
    throw fileError('create', path.dirname(file), error);
  }
  writeFileAtomic(file, JSON.stringify(entry, undefined, 2) + '\n');
  return entry;
}

/**
 * Removes the index older renderers kept, `<out>/.cache.json`: it stored
 * absolute paths and no hashes, so it cannot vouch for anything (and one of
 * the wrong shape made every render fail). One warning line when found.
 */
export function discardLegacyIndex(
  outDir: string,
  warn: (line: string) => void = () => undefined,
): void {
  const file = path.join(outDir, LEGACY_INDEX);
  if (!existsSync(file)) return;
  rmSync(file, {force: true});
  warn(
    `cache: discarded ${displayPath(file)} (an older index with absolute paths and no hashes); outputs are checked afresh`,
  );
}

function findModule(
  vite: ViteDevServer,
  test: (id: string) => boolean,
): ModuleNode[] {
  const found: ModuleNode[] = [];
  for (const [id, module] of vite.moduleGraph.idToModuleMap) {
    if (test(id)) found.push(module);
  }
  return found;
}

/**
 * The source files a scene depends on: the `?scene` module's local imports,
 * its .meta file, and the project file's local imports other than scenes.
 */
export function sceneSources(
  vite: ViteDevServer,
  projectFile: string,
  scene: string,
): string[] {
  const sceneQuery = new RegExp(
    `[/\\\\]${scene.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.[jt]sx?\\?scene$`,
  );
  const sceneModules = findModule(vite, id => sceneQuery.test(id));
  const files = new Set(localImports(sceneModules));
  for (const module of sceneModules) {
    const base = (module.id ?? '').split('?')[0];
    const {dir, name} = path.parse(base);
    files.add(path.join(dir, `${name}.meta`));
  }
  const projectModules = findModule(
    vite,
    id => id.split('?')[0] === projectFile,
  );
  for (const file of localImports(projectModules, m =>
    /[?&]scene\b/.test(m.id ?? ''),
  )) {
    files.add(file);
  }
  files.add(projectFile);
  // Pre-bundled dependencies live in this run's own Vite cache directory (a
  // fresh temp dir each run) and under node_modules: they are not the scene's
  // sources, and their paths would change the key on every run. Dependency
  // versions are keyed through package-lock.json instead.
  const cacheDir = path.resolve(vite.config.cacheDir);
  return [...files]
    .filter(
      f =>
        !path.resolve(f).startsWith(cacheDir + path.sep) &&
        !f.split(/[\\/]/).includes('node_modules'),
    )
    .sort();
}
