import {spawn} from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {Page} from 'puppeteer-core';
import {createServer, type ViteDevServer} from 'vite';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {EDITOR_TRACK} from '../../src/narration/editorMix';
import {
  blockNonLoopback,
  launchBrowser,
  type LaunchedBrowser,
} from '../../src/render/browser';
import {probe} from '../helpers/cli';

const ROOT = path.resolve(__dirname, '../..');
const TRACK = path.join(ROOT, EDITOR_TRACK);

/**
 * Runs what `npm start` runs first (its prestart script): the narration,
 * and the chapter's track for the editor.
 */
async function prestart(): Promise<{code: number | null; stderr: string}> {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const [tool, ...args] = (pkg.scripts.prestart as string).split(' ');
  expect(tool).toBe('tsx');
  // Not spawnSync: the mix takes a minute, and the test worker must keep
  // answering vitest meanwhile.
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), ...args],
    {
      cwd: ROOT,
      env: {...process.env, CI: '1'},
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', chunk => (stderr += chunk));
  const code = await new Promise<number | null>(resolve =>
    child.on('close', resolve),
  );
  return {code, stderr};
}

/**
 * Keeps every audio element the page makes in `window.__audios` (the
 * editor's AudioManager plays the project's track in a `new Audio()` that is
 * never added to the document).
 */
const RECORD_AUDIO = `(() => {
  const Original = window.Audio;
  const made = (window.__audios = []);
  window.Audio = function (...args) {
    const element = new Original(...args);
    made.push(element);
    return element;
  };
  window.Audio.prototype = Original.prototype;
})()`;

/** Counts pixels of the editor's preview canvas brighter than the background. */
async function brightPixels(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvases = [...document.querySelectorAll('canvas')];
    // The preview is the largest canvas on the page.
    const canvas = canvases.sort(
      (a, b) => b.width * b.height - a.width * a.height,
    )[0];
    const context = canvas.getContext('2d');
    if (!context) return -1;
    const {data} = context.getImageData(0, 0, canvas.width, canvas.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] + data[i + 1] + data[i + 2] > 450) count++;
    }
    return count;
  });
}

describe('npm start: the Motion Canvas editor', () => {
  let server: ViteDevServer;
  let browser: LaunchedBrowser;
  let page: Page;
  let blocked: string[];
  let url: string;
  let mixed: {code: number | null; stderr: string};
  let again: {code: number | null; stderr: string; unchanged: boolean};

  beforeAll(async () => {
    // `npm start` mixes the editor's narration track first.
    mixed = await prestart();
    // And again, before the editor runs (it may save the scenes' .meta
    // files, which the mix depends on): nothing changed, nothing is mixed.
    const before = existsSync(TRACK) ? statSync(TRACK).mtimeMs : NaN;
    again = {
      ...(await prestart()),
      unchanged: statSync(TRACK).mtimeMs === before,
    };
    // The same config `npm start` uses, on a free port.
    server = await createServer({
      root: ROOT,
      configFile: path.join(ROOT, 'vite.config.ts'),
      server: {port: 0, host: '127.0.0.1', strictPort: false},
      logLevel: 'silent',
    });
    await server.listen();
    const address = server.httpServer?.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    url = `http://127.0.0.1:${address.port}/`;
    browser = await launchBrowser();
    page = await browser.browser.newPage();
    await page.setViewport({width: 1400, height: 900});
    blocked = await blockNonLoopback(page);
    await page.evaluateOnNewDocument(RECORD_AUDIO);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('serves on 127.0.0.1 only', () => {
    expect(server.config.server.host).toBe('127.0.0.1');
  });

  it('loads with no internet and lists the chapter scenes in order', async () => {
    await page.goto(url, {waitUntil: 'domcontentloaded'});
    await page.waitForFunction(
      () => document.body.innerText.includes('01-title'),
      {timeout: 120_000},
    );
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).toContain('VIDEO SETTINGS');
    // Only the npm update check may have been attempted, never a stylesheet.
    expect(blocked.filter(u => /\.css|fonts\./.test(u))).toEqual([]);
  });

  it('mixes the narration track before starting, and not again when nothing changed', () => {
    expect(mixed.code, mixed.stderr).toBe(0);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toMatch(/mixing the editor track/);
    expect(again.unchanged).toBe(true);
  });

  it('serves the narration track the project plays', async () => {
    const response = await fetch(url + EDITOR_TRACK);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/mp4');
    const served = Buffer.from(await response.arrayBuffer());
    expect(served.equals(readFileSync(TRACK))).toBe(true);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'editor-track-'));
    try {
      writeFileSync(path.join(dir, 'served.m4a'), served);
      const audio = probe(path.join(dir, 'served.m4a')).streams;
      expect(
        audio.map(s => [s.codec_type, s.codec_name, s.sample_rate]),
      ).toEqual([['audio', 'aac', '48000']]);
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });

  it("loads the narration track into the editor's audio, as long as the chapter's timeline", async () => {
    const src = new URL(EDITOR_TRACK, url).href;
    // Loaded: the element knows its duration (metadata read, no error).
    await page.waitForFunction(
      s =>
        (
          (window as unknown as {__audios?: HTMLAudioElement[]}).__audios ?? []
        ).some(
          a => a.src === s && a.readyState >= 1 && Number.isFinite(a.duration),
        ),
      {timeout: 60_000},
      src,
    );
    // The editor shows its duration once it has run every scene to its end
    // (0 before that, longer on a slow machine): wait until it is known
    // and has stopped changing.
    const timeline = (): Promise<number> =>
      page.evaluate(() => {
        const duration = document.querySelector('[title="Duration in frames"]');
        return Number(/\d+/.exec(duration?.textContent ?? '')?.[0] ?? 0);
      });
    let frames = await timeline();
    for (let stable = 0, waited = 0; stable < 3 && waited < 120; waited++) {
      await new Promise(resolve => setTimeout(resolve, 1000));
      const now = await timeline();
      stable = now > 0 && now === frames ? stable + 1 : 0;
      frames = now;
    }
    const audio = await page.evaluate(s => {
      const element = (
        window as unknown as {__audios: HTMLAudioElement[]}
      ).__audios.find(a => a.src === s)!;
      return {duration: element.duration, error: element.error?.code ?? null};
    }, src);
    expect(audio.error).toBeNull();
    // The editor's duration is in frames of its preview frame rate.
    const meta = JSON.parse(
      readFileSync(path.join(ROOT, 'scenes/chapter12.meta'), 'utf8'),
    );
    const seconds = frames / meta.preview.fps;
    expect(seconds).toBeGreaterThan(60);
    // Within a frame: the track is mixed on the editor's timeline, at its
    // frame rate, each scene from its first frame (a scene's video, one
    // frame longer, would put the narration a frame late per scene).
    expect(
      Math.abs(audio.duration - seconds),
      `audio ${audio.duration} s, timeline ${seconds} s`,
    ).toBeLessThan(1 / meta.preview.fps);
  });

  it('plays the first scene: its title appears on the preview canvas', async () => {
    const before = await brightPixels(page);
    // Space toggles playback in the editor.
    await page.keyboard.press('Space');
    // The first "hh:mm:ss:ff [frame]" on the page is the playhead.
    await page.waitForFunction(
      () => {
        const match = /\d\d:\d\d:\d\d:\d\d\s*\[(\d+)\]/.exec(
          document.body.innerText,
        );
        return match !== null && Number(match[1]) >= 150;
      },
      {timeout: 60_000},
    );
    await page.keyboard.press('Space');
    const after = await brightPixels(page);
    await page.screenshot({path: path.join(ROOT, 'output', 'editor.png')});
    expect(before).toBe(0);
    expect(after).toBeGreaterThan(500);
  });
});
