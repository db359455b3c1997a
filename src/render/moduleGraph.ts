/**
 * The local files a module depends on, found by reading import statements
 * (no Vite, no bundler): what the renderer's own cache key is made of, and
 * what the render cache can check before anything starts.
 *
 * @remarks
 * Every `import ... from '...'`, `export ... from '...'`, `import '...'` and
 * `import('...')` with a literal path is followed. Relative paths are
 * resolved as Vite resolves them here (`?scene`, `?url` and other queries
 * dropped; `.ts`, `.tsx`, `.js`, ... and `index.*` tried); package imports
 * are left out (their versions are in package-lock.json). Type-only imports
 * are followed too: a file that cannot change a frame costs at most a
 * needless re-render. A relative import that resolves to no file is an
 * error, so a graph is never silently short.
 */
import {createHash} from 'node:crypto';
import {existsSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {relativeName, REPO_ROOT} from './paths';

/** Extensions tried, in order, for an import without one. */
const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.mts', '.json'];
/** Files whose imports are read (anything else is a leaf: .meta, .css, ...). */
const CODE = /\.(?:[cm]?[jt]sx?)$/;

/** Source text without comments, with string literals kept. */
export function stripComments(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 2;
      out += ' ';
    } else if (c === '"' || c === "'" || c === '`') {
      const start = i;
      i++;
      while (i < source.length && source[i] !== c) {
        if (source[i] === '\\') i++;
        i++;
      }
      i++;
      out += source.slice(start, i);
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const SPECIFIERS = [
  // import x from '...', import {a} from '...', export * from '...',
  // export {a} from '...', import type {T} from '...'
  /\b(?:import|export)\s[^'"`;]*?\bfrom\s*(['"])([^'"\n]+)\1/g,
  // import '...'
  /\bimport\s*(['"])([^'"\n]+)\1/g,
  // import('...'), with a literal path
  /\bimport\s*\(\s*(['"])([^'"\n]+)\1\s*\)/g,
];

/** The module specifiers a source file imports, in order of appearance. */
export function importSpecifiers(source: string): string[] {
  const code = stripComments(source);
  const found: {at: number; specifier: string}[] = [];
  for (const pattern of SPECIFIERS) {
    for (const match of code.matchAll(pattern)) {
      found.push({at: match.index ?? 0, specifier: match[2]});
    }
  }
  return [...new Set(found.sort((a, b) => a.at - b.at).map(f => f.specifier))];
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The file a relative specifier names from `importer`, or null for a
 * package import. Throws when a relative import names no file.
 */
export function resolveLocal(
  specifier: string,
  importer: string,
): string | null {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) {
    return null;
  }
  const bare = specifier.split('?')[0];
  const base = path.resolve(path.dirname(importer), bare);
  const candidates = [
    base,
    ...EXTENSIONS.map(ext => base + ext),
    // TypeScript sources imported with a .js extension.
    ...(/\.js$/.test(base) ? [base.replace(/\.js$/, '.ts')] : []),
    ...EXTENSIONS.map(ext => path.join(base, `index${ext}`)),
  ];
  const file = candidates.find(isFile);
  if (!file) {
    throw new Error(
      `${path.relative(process.cwd(), importer) || importer}: import "${specifier}" names no file (tried ${path.relative(process.cwd(), base) || base} with ${EXTENSIONS.join(', ')})`,
    );
  }
  return file;
}

/**
 * Every local file the entries reach through imports, the entries included,
 * sorted. `stop(specifier, file)` may cut a branch (the file is still listed,
 * its imports are not followed).
 */
export function moduleGraph(
  entries: string[],
  stop: (specifier: string, file: string) => boolean = () => false,
): string[] {
  const files = new Set<string>();
  const follow = new Set<string>();
  const queue: string[] = [];
  for (const entry of entries) {
    const file = path.resolve(entry);
    if (!existsSync(file)) throw new Error(`${entry}: no such file`);
    files.add(file);
    follow.add(file);
    queue.push(file);
  }
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (!CODE.test(file)) continue;
    for (const specifier of importSpecifiers(readFileSync(file, 'utf8'))) {
      const target = resolveLocal(specifier, file);
      if (!target || follow.has(target)) continue;
      files.add(target);
      if (stop(specifier, target)) continue;
      follow.add(target);
      queue.push(target);
    }
  }
  return [...files].sort();
}

/**
 * Hash of files' names (relative to `root`, with '/') and contents: the same
 * in any checkout of the same sources, so machines can compare it.
 */
export function hashTree(files: string[], root: string): string {
  const hash = createHash('sha256');
  const named = files
    // Vite's virtual modules ("\0...") are no files: their real file is
    // listed too.
    .filter(f => !f.startsWith('\0'))
    .map(f => [relativeName(f, root), f] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, file] of named) {
    hash.update(name + '\0');
    hash.update(existsSync(file) ? readFileSync(file) : 'missing');
    hash.update('\0');
  }
  return hash.digest('hex');
}

/**
 * The renderer's own sources: everything the render command, the render
 * page (which Vite loads, so no Node module imports it) and the page's Vite
 * plugin reach, plus package-lock.json for the engine's, Vite's and the
 * encoders' versions.
 */
export function rendererSources(root = REPO_ROOT): string[] {
  return [
    ...moduleGraph(
      ['render.ts', 'page.ts', 'vitePlugin.ts'].map(f =>
        path.join(root, 'src/render', f),
      ),
    ),
    path.join(root, 'package-lock.json'),
  ];
}

/** Hash of {@link rendererSources}: a changed renderer re-renders. */
export function rendererKey(root = REPO_ROOT): string {
  return hashTree(rendererSources(root), root);
}
