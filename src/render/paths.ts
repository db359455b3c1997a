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

/** The chapter project file, rendered when no --project is given. */
export const CHAPTER_PROJECT = path.join(REPO_ROOT, 'scenes/chapter12.ts');
