/**
 * "The preview is the video": frames of the command line renderer against
 * frames the Motion Canvas editor itself renders, with LaTeX on screen.
 *
 * @remarks
 * The editor's frames come from its own render path: the stock editor
 * (`npm start`'s Vite plugins) opened at `?render` with the image-sequence
 * exporter, on a temporary copy of the project (tests/helpers/editor.ts).
 * Ours come from the still path (tests/helpers/render.ts). Both run in the
 * same browser (src/render/browser.ts picks it for both): Debian's Chromium
 * and @sparticuz/chromium draw text differently, and each must agree with
 * itself.
 *
 * Before the render page took the editor's CSS (src/render/vitePlugin.ts,
 * renderPageHtml), LaTeX came out 1.6% smaller than in the editor: SSIM(Y)
 * 0.99693 on bench frames 480-481 (3,762 pixels differ) and 0.95489 on the
 * fixture (51,260 pixels); now the frames are pixel-identical.
 */
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {launchBrowser, type LaunchedBrowser} from '../../src/render/browser';
import {REPO_ROOT} from '../../src/render/paths';
import {renderPageHtml} from '../../src/render/vitePlugin';
import {compareFrames, renderInEditor} from '../helpers/editor';
import {decodePng, renderStill} from '../helpers/render';

/** The canonical benchmark project, or this repository's copy of it. */
const SHARED_BENCH = path.resolve(REPO_ROOT, '../shared/bench/project.ts');
const BENCH = existsSync(SHARED_BENCH)
  ? SHARED_BENCH
  : path.join(REPO_ROOT, 'bench/project.ts');

/** A still scene with LaTeX at five sizes, SVG in ex/em, text and layout. */
const FIXTURE = path.join(REPO_ROOT, 'tests/render/fixtures/parity/project.ts');

const FPS = 60;

interface Case {
  name: string;
  project: string;
  scene: string;
  /** Project frames compared (a range: the editor renders ranges). */
  from: number;
  to: number;
  /** A box of the frame where LaTeX is drawn: [x, y, width, height]. */
  latexBox: [number, number, number, number];
}

const CASES: Case[] = [
  {
    // The Latex label f(x)=x^2 at the centre, fully faded in from 7.5 s.
    name: 'bench',
    project: BENCH,
    scene: 'flow',
    from: 480,
    to: 481,
    latexBox: [760, 480, 400, 120],
  },
  {
    // Nothing moves; the 120 px determinant sits left of the centre.
    name: 'fixture',
    project: FIXTURE,
    scene: 'measures',
    from: 10,
    to: 11,
    latexBox: [140, 420, 560, 320],
  },
];

/** Pixels brighter than the background inside a box of a decoded frame. */
function brightPixels(
  data: Uint8Array,
  width: number,
  [x0, y0, w, h]: [number, number, number, number],
): number {
  let count = 0;
  for (let y = y0; y < y0 + h; y++) {
    for (let x = x0; x < x0 + w; x++) {
      const i = (y * width + x) * 4;
      if (data[i] + data[i + 1] + data[i + 2] > 300) count++;
    }
  }
  return count;
}

describe('the render page is the editor’s page without the editor', () => {
  const editor = {
    template:
      '<!doctype html><html lang="en"><head>' +
      '<link rel="stylesheet" href="{{style}}" />' +
      '<link rel="stylesheet" href="https://cdn.example/theme.css" />' +
      '</head><body><script type="module" src="{{source}}"></script></body></html>',
    css:
      '@import"https://fonts.googleapis.com/css2?family=Roboto";' +
      ':root{--font-size:14px}html,body{font-size:var(--font-size)}',
  };

  it('inlines the editor stylesheet, offline, and boots the given module', () => {
    const html = renderPageHtml('/entry.js', editor, {});
    expect(html).toContain(
      '<style>:root{--font-size:14px}html,body{font-size:var(--font-size)}</style>',
    );
    expect(html).not.toMatch(/https?:/);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<script type="module" src="/entry.js">');
  });

  it('follows the editor’s legacy font setting', () => {
    const html = renderPageHtml('/entry.js', editor, {
      appearance: {font: true},
    });
    expect(html).toContain('<body style="--font-family: JetBrains Mono">');
  });

  it('falls back to the 3.17.2 editor’s rules without @motion-canvas/ui', () => {
    const html = renderPageHtml('/entry.js', null, {});
    expect(html).toMatch(/html,body\{[^}]*font-size:var\(--font-size\)/);
    expect(html).toContain('--font-size:14px');
  });
});

describe('CLI frames match the editor’s own frames (LaTeX on screen)', () => {
  let browser: LaunchedBrowser;
  let cacheDir: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    // One Vite dependency cache for both editor runs: pre-bundled once.
    cacheDir = mkdtempSync(path.join(os.tmpdir(), 'mc-parity-vite-'));
  });

  afterAll(async () => {
    await browser?.close();
    if (cacheDir) rmSync(cacheDir, {recursive: true, force: true});
  });

  it.each(CASES)(
    '$name: frames $from-$to',
    async ({project, scene, from, to, latexBox}) => {
      // The editor and our renderer work side by side (each waits on Vite
      // and the browser much of the time).
      const frames = Array.from({length: to - from + 1}, (_, i) => from + i);
      const [editorRun, oursRun] = await Promise.allSettled([
        renderInEditor(browser, project, {from, to, fps: FPS, cacheDir}),
        (async () => {
          const stills = [];
          for (const frame of frames) {
            stills.push(await renderStill(project, scene, frame / FPS));
          }
          return stills;
        })(),
      ]);
      if (oursRun.status === 'rejected') {
        if (editorRun.status === 'fulfilled') editorRun.value.dispose();
        throw oursRun.reason;
      }
      if (editorRun.status === 'rejected') throw editorRun.reason;
      const editor = editorRun.value;
      const ours = oursRun.value;
      try {
        const results = frames.map((frame, i) => {
          const theirs = editor.frames.get(frame);
          expect(theirs, `the editor wrote frame ${frame}`).toBeDefined();
          const {ssimY, differing, width, height} = compareFrames(
            theirs!,
            ours[i].file,
          );
          // The frame really shows LaTeX (else the test would prove nothing).
          const theirPixels = decodePng(theirs!, width, height);
          expect(brightPixels(theirPixels, width, latexBox)).toBeGreaterThan(
            500,
          );
          return {frame, ssimY, differing};
        });
        console.log(
          `${path.relative(REPO_ROOT, project)} (${browser.location.source}):`,
          JSON.stringify(results),
        );
        for (const {ssimY, differing} of results) {
          if (differing > 0) expect(ssimY).toBeGreaterThanOrEqual(0.999);
        }
      } finally {
        editor.dispose();
      }
    },
  );
});
