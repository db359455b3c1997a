import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {
  hashTree,
  importSpecifiers,
  moduleGraph,
  rendererSources,
} from '../../src/render/moduleGraph';
import {REPO_ROOT} from '../../src/render/paths';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mc-graph-test-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), {recursive: true});
  writeFileSync(file, text);
  return file;
}

const rel = (files: string[]) => files.map(f => path.relative(dir, f));

describe('importSpecifiers', () => {
  it('reads every static, re-exported, side-effect and literal dynamic import, not commented ones', () => {
    const source = `
      import a from './a';
      import {b, type B} from "./b.ts";
      import type {C} from './c';
      export * from './d';
      export {e} from './e';
      import './f.css';
      const g = await import('./g');
      import {
        h,
      } from '@motion-canvas/core';
      // import z from './commented';
      /* import y from './blocked'; */
      const url = 'https://example.com/a'; // from './not-an-import'
    `;
    expect(importSpecifiers(source)).toEqual([
      './a',
      './b.ts',
      './c',
      './d',
      './e',
      './f.css',
      './g',
      '@motion-canvas/core',
    ]);
  });
});

describe('moduleGraph', () => {
  it('follows local imports through extensions, index files and ?scene queries, skips packages', () => {
    const project = write(
      'project.ts',
      `import intro from './scenes/intro?scene';
       import {makeProject} from '@motion-canvas/core';`,
    );
    write(
      'scenes/intro.tsx',
      `import {T} from './intro.timing';
       import {Box} from '../components';
       import data from './data.json';`,
    );
    write('scenes/intro.timing.ts', `export const T = {hold: 1};`);
    write('scenes/data.json', '{}');
    write(
      'components/index.ts',
      `export * from './Box';
       import type {Shape} from './types';`,
    );
    write('components/Box.tsx', `import {theme} from '../theme.js';`);
    write('components/types.ts', `export type Shape = {};`);
    write('theme.ts', `export const theme = {};`);
    const files = moduleGraph([project]);
    expect(rel(files)).toEqual([
      'components/Box.tsx',
      'components/index.ts',
      'components/types.ts',
      'project.ts',
      'scenes/data.json',
      'scenes/intro.timing.ts',
      'scenes/intro.tsx',
      'theme.ts',
    ]);
  });

  it('lists a stopped import but does not follow it', () => {
    const entry = write('stop/entry.ts', `import './a?scene'; import './b';`);
    write('stop/a.ts', `import './deep';`);
    write('stop/deep.ts', '');
    write('stop/b.ts', '');
    const files = moduleGraph([entry], specifier => specifier.includes('?'));
    expect(rel(files)).toEqual(['stop/a.ts', 'stop/b.ts', 'stop/entry.ts']);
  });

  it('names the importer and the import when a relative import reaches no file', () => {
    const entry = write('broken/entry.ts', `import {x} from './missing';`);
    expect(() => moduleGraph([entry])).toThrow(
      /broken\/entry\.ts: import "\.\/missing" names no file/,
    );
  });

  it('reaches every scene of the chapter with its timing module', () => {
    const files = moduleGraph([path.join(REPO_ROOT, 'scenes/chapter12.ts')]);
    const names = files.map(f => path.relative(REPO_ROOT, f));
    expect(names).toContain('scenes/03-mapping.tsx');
    expect(names).toContain('scenes/03-mapping.timing.ts');
    expect(names).toContain('src/components/IntervalBox.tsx');
    expect(names).toContain('src/geometry/intervalBox.ts');
    expect(names).toContain('src/math/interval.ts');
  });
});

describe('the renderer key', () => {
  it('covers the modules the render page loads, not only a hand-kept list', () => {
    const names = rendererSources().map(f => path.relative(REPO_ROOT, f));
    // Once missing from the hand-kept list: a change to how frames leave
    // the page, or to how waits are timed, left old videos "cached".
    expect(names).toContain('src/render/framePool.ts');
    expect(names).toContain('src/render/timeEvents.ts');
    expect(names).toContain('src/render/encode.ts');
    expect(names).toContain('src/render/vitePlugin.ts');
    expect(names).toContain('package-lock.json');
  });

  it('hashes names relative to the root and contents, so any checkout agrees', () => {
    const a = write('tree-a/x.ts', 'one');
    const b = write('tree-b/x.ts', 'one');
    expect(hashTree([a], path.dirname(a))).toBe(hashTree([b], path.dirname(b)));
    writeFileSync(b, 'two');
    expect(hashTree([a], path.dirname(a))).not.toBe(
      hashTree([b], path.dirname(b)),
    );
  });
});
