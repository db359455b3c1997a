/**
 * Finds and launches a headless Chromium for rendering, with nothing on
 * screen and no network beyond loopback.
 */
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, {type Browser, type Page} from 'puppeteer-core';
import {RenderError} from './errors';

/** Where a browser was found. */
export interface BrowserLocation {
  path: string;
  source: 'CHROME_PATH' | 'installed' | '@sparticuz/chromium';
}

/** Installed browsers looked for, in order, after CHROME_PATH. */
export const INSTALLED_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** The one line printed when no browser can be found. */
export const NO_BROWSER_MESSAGE =
  'no Chrome/Chromium found: install one (apt-get install -y chromium), ' +
  'or npm install @sparticuz/chromium, or set CHROME_PATH to its executable';

function onPath(names: string[]): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const name of names) {
      const file = path.join(dir, name);
      if (dir && existsSync(file)) return file;
    }
  }
  return null;
}

/** Finds a browser: CHROME_PATH, an installed one, then @sparticuz/chromium. */
export async function findBrowser(
  env: NodeJS.ProcessEnv = process.env,
): Promise<BrowserLocation> {
  if (env.CHROME_PATH) {
    if (!existsSync(env.CHROME_PATH)) {
      throw new RenderError(
        `CHROME_PATH: expected a browser executable, got "${env.CHROME_PATH}" (no such file)`,
      );
    }
    return {path: env.CHROME_PATH, source: 'CHROME_PATH'};
  }
  if (env.MC_RENDER_NO_INSTALLED_BROWSER !== '1') {
    const installed =
      INSTALLED_BROWSERS.find(file => existsSync(file)) ??
      onPath(['chromium', 'chromium-browser', 'google-chrome', 'chrome']);
    if (installed) return {path: installed, source: 'installed'};
  }
  if (env.MC_RENDER_NO_SPARTICUZ !== '1') {
    try {
      const chromium = (await import('@sparticuz/chromium')).default;
      const file = await chromium.executablePath();
      if (file && existsSync(file)) {
        return {path: file, source: '@sparticuz/chromium'};
      }
    } catch {
      // Not installed or not unpackable here: fall through to the message.
    }
  }
  throw new RenderError(NO_BROWSER_MESSAGE);
}

/** Launch flags: headless, no sandbox (root), no GPU, no background traffic. */
export function browserArgs(userDataDir: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--user-data-dir=${userDataDir}`,
    '--no-default-browser-check',
    '--mute-audio',
    '--hide-scrollbars',
    // Nothing may leave the machine: names other than localhost resolve to
    // nothing, and a dead proxy catches anything that slips through.
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    // (loopback itself bypasses proxies by default)
    '--proxy-server=127.0.0.1:9',
    // Rendering pages must not be slowed down when they are not "visible".
    '--disable-renderer-backgrounding',
    '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
  ];
}

/** A launched browser and how to dispose of it. */
export interface LaunchedBrowser {
  browser: Browser;
  location: BrowserLocation;
  pid: number | undefined;
  /** Closes the browser, kills its process if needed, removes its profile. */
  close(): Promise<void>;
}

/** Launches a headless browser with a fresh temporary profile. */
export async function launchBrowser(): Promise<LaunchedBrowser> {
  const location = await findBrowser();
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'mc-render-chrome-'));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath: location.path,
      headless: false, // '--headless' is in our own flags
      args: browserArgs(userDataDir),
      ignoreDefaultArgs: ['--enable-automation'],
      defaultViewport: {width: 800, height: 600},
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      pipe: true,
      protocolTimeout: 0,
      // No Network events: every frame upload would be reported to this process.
      networkEnabled: false,
    });
  } catch (error) {
    rmSync(userDataDir, {recursive: true, force: true});
    const message = error instanceof Error ? error.message : String(error);
    throw new RenderError(
      `could not start the browser at ${location.path} (${location.source}): ${
        message.split('\n')[0]
      }`,
    );
  }
  const pid = browser.process()?.pid;
  let closed = false;
  return {
    browser,
    location,
    pid,
    async close() {
      if (closed) return;
      closed = true;
      await Promise.race([
        browser.close().catch(() => undefined),
        new Promise(resolve => setTimeout(resolve, 3000)),
      ]);
      killPid(pid);
      rmSync(userDataDir, {recursive: true, force: true});
    },
  };
}

/** Kills one process we started, if it is still alive. */
export function killPid(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Blocks every request of the page that is not to loopback. */
export async function blockNonLoopback(page: Page): Promise<string[]> {
  const blocked: string[] = [];
  const session = await page.createCDPSession();
  // Every resource type but 'Fetch' is intercepted here. Frame uploads are
  // fetch() POSTs of megabytes each: through the interceptor each would make
  // a round trip through this process with its body (measured: minutes per
  // hundred frames). fetch() to anything but loopback is still blocked, at
  // the network level, by the launch flags (no DNS, dead proxy).
  const types = [
    'Document',
    'Stylesheet',
    'Image',
    'Media',
    'Font',
    'Script',
    'XHR',
    'Other',
  ] as const;
  await session.send('Fetch.enable', {
    patterns: types.map(resourceType => ({
      urlPattern: '*',
      resourceType,
      requestStage: 'Request' as const,
    })),
  });
  session.on('Fetch.requestPaused', event => {
    const url = event.request.url;
    if (isLoopback(url)) {
      void session
        .send('Fetch.continueRequest', {requestId: event.requestId})
        .catch(() => undefined);
    } else {
      blocked.push(url);
      void session
        .send('Fetch.failRequest', {
          requestId: event.requestId,
          errorReason: 'BlockedByClient',
        })
        .catch(() => undefined);
    }
  });
  return blocked;
}

/** True for URLs the page may load: loopback http(s), data: and blob:. */
export function isLoopback(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  try {
    const {protocol, hostname} = new URL(url);
    if (protocol !== 'http:' && protocol !== 'https:' && protocol !== 'ws:') {
      return false;
    }
    return (
      hostname === '127.0.0.1' ||
      hostname === 'localhost' ||
      hostname === '[::1]' ||
      hostname === '::1'
    );
  } catch {
    return false;
  }
}
