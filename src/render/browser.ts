/**
 * Finds and launches a headless Chromium for rendering, with nothing on
 * screen and nothing sent off the loopback interface.
 */
import {execFile} from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import puppeteer, {type Browser, type Page} from 'puppeteer-core';
import {RenderError} from './errors';
import {pidAlive} from './files';
import {REPO_ROOT} from './paths';
import {
  makeBrowserTempDir,
  makeTempDir,
  removeDir,
  tidyRunTempDirs,
} from './tempDirs';

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
    const file = await unpackSparticuz().catch(() => null);
    if (file) return {path: file, source: '@sparticuz/chromium'};
  }
  throw new RenderError(NO_BROWSER_MESSAGE);
}

/** @sparticuz/chromium's entry module and version, or null if not installed. */
function sparticuzPackage(): {entry: string; version: string} | null {
  try {
    const entry = createRequire(path.join(REPO_ROOT, 'package.json')).resolve(
      '@sparticuz/chromium',
    );
    // <package>/build/cjs/index.cjs: the package.json is three levels up.
    const manifest = path.resolve(path.dirname(entry), '../../package.json');
    const {version} = JSON.parse(readFileSync(manifest, 'utf8')) as {
      version: string;
    };
    return {entry, version};
  } catch {
    return null;
  }
}

/**
 * Where @sparticuz/chromium is unpacked, once per version, for every run:
 * node_modules/.cache/mc-render/chromium-<version>/.
 */
export function sparticuzDir(version: string): string {
  return path.join(
    REPO_ROOT,
    'node_modules/.cache/mc-render',
    `chromium-${version}`,
  );
}

/**
 * Unpacks @sparticuz/chromium (about 190 MB) into {@link sparticuzDir}
 * unless it is there already, and returns the executable.
 *
 * @remarks
 * The package unpacks into `os.tmpdir()` and reuses that copy only while
 * TMPDIR stays the same; every run with its own TMPDIR would leave 190 MB
 * behind. So it unpacks here in a child process whose TMPDIR is a staging
 * directory next to the final one, renamed into place when complete: two
 * renders starting at once never run a half-written binary, and a run
 * killed mid-unpack leaves only a staging directory that the next run
 * removes.
 */
async function unpackSparticuz(): Promise<string | null> {
  const pkg = sparticuzPackage();
  if (!pkg) return null;
  const dir = sparticuzDir(pkg.version);
  const executable = path.join(dir, 'chromium');
  if (existsSync(executable)) return executable;
  const parent = path.dirname(dir);
  mkdirSync(parent, {recursive: true});
  removeStaleStaging(parent, path.basename(dir));
  const staging = `${dir}.staging-${process.pid}-${Date.now()}`;
  mkdirSync(staging, {recursive: true});
  try {
    await new Promise<void>((resolve, reject) =>
      execFile(
        process.execPath,
        [
          '-e',
          `require(${JSON.stringify(pkg.entry)}).executablePath()` +
            '.then(p => process.stdout.write(p))',
        ],
        {env: {...process.env, TMPDIR: staging}, timeout: 300_000},
        error => (error ? reject(error) : resolve()),
      ),
    );
    if (!existsSync(path.join(staging, 'chromium'))) return null;
    try {
      renameSync(staging, dir);
    } catch {
      // Another run got there first: use its copy.
    }
    return existsSync(executable) ? executable : null;
  } finally {
    rmSync(staging, {recursive: true, force: true});
  }
}

/** Removes staging directories of unpacks whose process is gone. */
function removeStaleStaging(parent: string, base: string): void {
  let names: string[] = [];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(`${base}.staging-`)) continue;
    const pid = Number(
      name.slice(base.length + '.staging-'.length).split('-')[0],
    );
    if (!pidAlive(pid)) {
      rmSync(path.join(parent, name), {recursive: true, force: true});
    }
  }
}

/** Options of {@link browserArgs} and {@link launchBrowser}. */
export interface BrowserOptions {
  /**
   * Write Chromium's network log (every request and socket) to this file;
   * the CLI takes it from MC_RENDER_NET_LOG. Tests read it to prove that
   * nothing left the loopback interface.
   */
  netLog?: string;
}

/**
 * Launch flags: headless, no sandbox (root), no GPU, and nothing sent off
 * the loopback interface.
 *
 * @remarks
 * Measured with strace and Chromium's network log, on Debian's Chromium 150
 * and @sparticuz/chromium 143 (`tests/render/offline.test.ts` keeps it so):
 * - HTTP(S), WebSocket: every request that is not to loopback goes to a
 *   proxy on a closed loopback port and fails there; that includes the
 *   background requests of the full browser (clients2.google.com,
 *   accounts.google.com, android.clients.google.com/checkin, ...) which
 *   `--disable-background-networking` does not stop.
 * - DNS: no name but localhost resolves (`~NOTFOUND`), so nothing asks a
 *   name server.
 * - WebRTC: without the ip-handling policy a page's RTCPeerConnection sends
 *   STUN packets over UDP straight to any address it is given, and mDNS to
 *   224.0.0.251, past the proxy and the resolver rules. `disable_non_proxied_udp`
 *   leaves it only the proxy. Debian's Chromium reads
 *   `--webrtc-ip-handling-policy`, the headless shell
 *   `--force-webrtc-ip-handling-policy`; each ignores the other.
 * - What remains are UDP connect() calls that send nothing (Chromium's IPv6
 *   reachability check to 2001:4860:4860::8888, WebRTC's default-route
 *   lookup to 8.8.8.8): connect() on a UDP socket only picks a route.
 */
export function browserArgs(
  userDataDir: string,
  options: BrowserOptions = {},
): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-domain-reliability',
    '--no-pings',
    '--disable-features=NetworkTimeServiceQuerying',
    `--user-data-dir=${userDataDir}`,
    '--no-default-browser-check',
    '--mute-audio',
    '--hide-scrollbars',
    // Nothing may leave the machine: names other than localhost resolve to
    // nothing, and a dead proxy catches anything that slips through
    // (loopback itself bypasses proxies by default).
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    '--proxy-server=127.0.0.1:9',
    '--webrtc-ip-handling-policy=disable_non_proxied_udp',
    '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
    // Rendering pages must not be slowed down when they are not "visible".
    '--disable-renderer-backgrounding',
    '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
    ...(options.netLog
      ? [`--log-net-log=${options.netLog}`, '--net-log-capture-mode=Default']
      : []),
  ];
}

/** Which browser draws: what it is and where it was found. */
export interface BrowserIdentity extends BrowserLocation {
  /** What the browser says it is, e.g. "HeadlessChrome/143.0.7499.0". */
  version: string;
}

/** One line naming a browser, for logs: version, source and path. */
export function describeBrowser(identity: BrowserIdentity): string {
  return `${identity.version} (${identity.source}: ${identity.path})`;
}

/** A launched browser and how to dispose of it. */
export interface LaunchedBrowser {
  browser: Browser;
  location: BrowserLocation;
  /** The browser's identity (it changes pixels: part of the cache key). */
  identity: BrowserIdentity;
  pid: number | undefined;
  /** Closes the browser, kills its process if needed, removes its files. */
  close(): Promise<void>;
}

/**
 * Launches a headless browser with a fresh profile. The profile and
 * everything Chromium writes to TMPDIR (org.chromium.Chromium.*) live in
 * one directory of this process's run directory, removed on close and on
 * exit (see tempDirs.ts).
 */
export async function launchBrowser(
  options: BrowserOptions = {},
): Promise<LaunchedBrowser> {
  const location = await findBrowser();
  const dir = makeTempDir('chrome');
  const userDataDir = path.join(dir, 'profile');
  // Chromium's TMPDIR: short enough for its singleton socket's path.
  const tmp = makeBrowserTempDir();
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath: location.path,
      headless: false, // '--headless' is in our own flags
      args: browserArgs(userDataDir, {
        netLog: options.netLog ?? (process.env.MC_RENDER_NET_LOG || undefined),
      }),
      ignoreDefaultArgs: ['--enable-automation'],
      defaultViewport: {width: 800, height: 600},
      env: {...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp},
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      pipe: true,
      protocolTimeout: 0,
      // No Network events: every frame upload would be reported to this process.
      networkEnabled: false,
    });
  } catch (error) {
    removeDir(dir);
    removeDir(tmp);
    const message = error instanceof Error ? error.message : String(error);
    throw new RenderError(
      `could not start the browser at ${location.path} (${location.source}): ${
        message.split('\n')[0]
      }`,
    );
  }
  const pid = browser.process()?.pid;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await Promise.race([
      browser.close().catch(() => undefined),
      new Promise(resolve => setTimeout(resolve, 3000)),
    ]);
    killBrowser(pid);
    removeDir(dir);
    removeDir(tmp);
    tidyRunTempDirs();
  };
  let version: string;
  try {
    version = await browser.version();
  } catch (error) {
    await close();
    throw error;
  }
  return {
    browser,
    location,
    identity: {...location, version},
    pid,
    close,
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

/**
 * Kills a browser we launched and its helper processes (renderer, GPU,
 * utility, crash handler): puppeteer starts it as the leader of its own
 * process group, so the group has its id.
 */
export function killBrowser(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // No such group (already gone): the process alone, if any.
  }
  killPid(pid);
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
