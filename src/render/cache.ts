/**
 * The render cache: a scene is not rendered again when its sources (the
 * scene file and every local module it imports, from Vite's module graph),
 * its .meta file, the project file's own imports and the render settings are
 * unchanged. The index lives next to the outputs in `<out>/.cache.json`.
 */
import {createHash} from 'node:crypto';
import {existsSync, readFileSync, renameSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import type {ModuleNode, ViteDevServer} from 'vite';
import {localImports} from './server';

/** One cached output. */
export interface CacheEntry {
  key: string;
  file: string;
}

/** The cache index file's content. */
export interface CacheIndex {
  version: 1;
  entries: Record<string, CacheEntry>;
}

/** Hex SHA-256 of a string or buffer. */
export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
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

/** Reads `<out>/.cache.json` (an empty index when missing or unreadable). */
export function readCache(outDir: string): CacheIndex {
  try {
    const data = JSON.parse(
      readFileSync(path.join(outDir, '.cache.json'), 'utf8'),
    );
    if (data && data.version === 1 && data.entries) return data;
  } catch {
    // No usable index: nothing is cached.
  }
  return {version: 1, entries: {}};
}

/** Writes the index atomically (temp file, then rename). */
export function writeCache(outDir: string, index: CacheIndex): void {
  const file = path.join(outDir, '.cache.json');
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(index, undefined, 2));
  renameSync(temp, file);
}

/** True when `name` is cached under `key` and its file still exists. */
export function isCached(
  index: CacheIndex,
  name: string,
  key: string,
): boolean {
  const entry = index.entries[name];
  return !!entry && entry.key === key && existsSync(entry.file);
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
