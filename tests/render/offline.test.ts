/**
 * Nothing leaves the machine: neither a render (whatever its scenes try) nor
 * the editor's page (its npm update check). Chromium's own network log
 * records every request and socket; each test reads it.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {createServer, type ViteDevServer} from 'vite';
import {afterAll, describe, expect, it} from 'vitest';
import {EDITOR_CONNECT_SRC} from '../../vite.config';
import {launchBrowser} from '../../src/render/browser';
import {REPO_ROOT} from '../../src/render/paths';
import {runCli} from '../helpers/cli';
import {isLoopbackAddress, readNetLog} from './netLog';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'mc-render-test-'));
const FIXTURE = path.resolve('tests/render/fixtures/offline/project.ts');
afterAll(() => rmSync(tmp, {recursive: true, force: true}));

const outside = (addresses: string[]) =>
  addresses.filter(a => !isLoopbackAddress(a));

describe('a render', () => {
  it('connects to nothing but loopback, whatever a scene tries', async () => {
    const netLog = path.join(tmp, 'render.netlog.json');
    const run = await runCli(
      [
        '--project',
        FIXTURE,
        '--preset',
        'preview',
        '--fps',
        '10',
        '--out',
        path.join(tmp, 'out'),
      ],
      {MC_RENDER_NET_LOG: netLog},
    );
    expect(run.stderr).not.toMatch(/render: /);
    expect(run.code).toBe(0);
    const report = readNetLog(netLog);
    // The log saw the render itself (the page, over loopback) ...
    expect(report.requests.some(u => u.includes('/__mc-render/'))).toBe(true);
    // ... and the scene's attempts, stopped at the dead loopback proxy.
    expect(report.requests).toContain('ws://1.1.1.1/socket');
    expect(report.tcp).toContain('127.0.0.1:9');
    // No TCP connection and no UDP datagram (WebRTC's STUN) to anywhere else.
    expect(outside(report.tcp)).toEqual([]);
    expect(outside(report.udpSent)).toEqual([]);
  });
});

describe('the editor (npm start)', () => {
  let server: ViteDevServer | undefined;

  afterAll(async () => {
    // Vite's close can wait on its dependency optimizer for ever.
    await Promise.race([
      server?.close(),
      new Promise(resolve => setTimeout(resolve, 5000)),
    ]);
  });

  it('serves its pages with a policy that refuses any connection off the machine, the npm update check included', async () => {
    expect(EDITOR_CONNECT_SRC).toMatch(/^connect-src /);
    for (const source of EDITOR_CONNECT_SRC.split(/\s+/).slice(1)) {
      expect(source).toMatch(
        /^('self'|data:|blob:|(http|ws):\/\/(127\.0\.0\.1|localhost):\*)$/,
      );
    }
    server = await createServer({
      root: REPO_ROOT,
      configFile: path.join(REPO_ROOT, 'vite.config.ts'),
      server: {port: 0, host: '127.0.0.1', strictPort: false},
      logLevel: 'silent',
    });
    await server.listen();
    const address = server.httpServer?.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    const url = `http://127.0.0.1:${address.port}/`;
    const response = await fetch(url);
    await response.text();
    expect(response.headers.get('content-security-policy')).toBe(
      EDITOR_CONNECT_SRC,
    );

    // In the browser: the update check's request is refused before it is
    // sent, and never reaches the network stack.
    const netLog = path.join(tmp, 'editor.netlog.json');
    const browser = await launchBrowser({netLog});
    let refused: string | null;
    try {
      const page = await browser.browser.newPage();
      await page.goto(url, {waitUntil: 'domcontentloaded'});
      refused = await page.evaluate(async () => {
        let blocked: string | null = null;
        document.addEventListener('securitypolicyviolation', event => {
          blocked ??= event.blockedURI;
        });
        await fetch(
          'https://registry.npmjs.org/@motion-canvas/core/latest',
        ).catch(() => undefined);
        await new Promise(resolve => setTimeout(resolve, 100));
        return blocked;
      });
    } finally {
      await browser.close();
    }
    expect(refused).toMatch(/^https:\/\/registry\.npmjs\.org\//);
    const report = readNetLog(netLog);
    expect(report.requests.filter(u => u.includes('registry.npmjs'))).toEqual(
      [],
    );
    expect(outside(report.tcp)).toEqual([]);
  });
});
