/**
 * Finds and launches a headless Chromium for rendering, with nothing on
 * screen and nothing sent off the loopback interface.
 */
import path from 'node:path';
import puppeteer, {type Browser, type Page} from 'puppeteer-core';
import {findBrowser, type BrowserLocation} from './browserLocation';
import {killBrowser} from './kill';
import {RenderError} from './errors';
import {
  makeBrowserTempDir,
  makeTempDir,
  removeDir,
  tidyRunTempDirs,
} from './tempDirs';

export {killBrowser, killPid} from './kill';
export {
  findBrowser,
  INSTALLED_BROWSERS,
  NO_BROWSER_MESSAGE,
  sparticuzDir,
  type BrowserLocation,
} from './browserLocation';

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
