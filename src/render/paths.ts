/**
 * Paths the renderer needs, computed the same way under tsx (CommonJS) and
 * vitest (ESM).
 */
import path from 'node:path';
import {fileURLToPath} from 'node:url';

function hereDir(): string {
  return typeof __dirname === 'string'
    ? __dirname
    : path.dirname(fileURLToPath(import.meta.url));
}

/** This repository's root, where package.json and node_modules live. */
export const REPO_ROOT = path.resolve(hereDir(), '../..');

/**
 * `file` relative to `root`, with '/' whatever the system: the same name in
 * any checkout, for keys and manifests that machines compare.
 */
export function relativeName(file: string, root = REPO_ROOT): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/** The chapter project file, rendered when no --project is given. */
export const CHAPTER_PROJECT = path.join(REPO_ROOT, 'scenes/chapter12.ts');
