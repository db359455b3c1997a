import path from 'node:path';
import type {Page} from 'puppeteer-core';
import {createServer, type ViteDevServer} from 'vite';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {
  blockNonLoopback,
  launchBrowser,
  type LaunchedBrowser,
} from '../../src/render/browser';

const ROOT = path.resolve(__dirname, '../..');

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

  beforeAll(async () => {
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
