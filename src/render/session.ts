/**
 * A render session: one Vite server, one headless browser and the pages
 * that render a project's scenes. Everything it starts, it stops.
 */
import type {Page} from 'puppeteer-core';
import {
  blockNonLoopback,
  findBrowser,
  launchBrowser,
  type LaunchedBrowser,
} from './browser';
import type {CancelSignal} from './cancel';
import {killOnCancel} from './encode';
import {RenderError} from './errors';
import type {PageApi, PageFailure, PageProjectInfo, PageSettings} from './page';
import {startRenderServer, type RenderServer} from './server';

/** A page with the project booted in it. */
export interface ProjectPage {
  page: Page;
  /** Calls one PageApi method in the page and unwraps its failure. */
  call<K extends keyof PageApi>(
    method: K,
    arg: Parameters<PageApi[K]>[0],
  ): Promise<Exclude<Awaited<ReturnType<PageApi[K]>>, PageFailure>>;
  close(): Promise<void>;
}

/** An open session on one project file. */
export interface Session {
  server: RenderServer;
  browser: LaunchedBrowser;
  /** Opens a page and waits until the project has booted. */
  openPage(): Promise<ProjectPage>;
  /** Closes pages, browser and server. */
  close(): Promise<void>;
}

/** Formats a page failure as a RenderError naming the scene and the frame. */
export function pageError(failure: PageFailure): RenderError {
  const {message, stack, scene, frame} = failure.error;
  if (scene !== undefined && /^unknown scene/.test(message)) {
    return new RenderError(message);
  }
  const where =
    scene !== undefined
      ? `scene "${scene}" threw${frame !== undefined ? ` at frame ${frame}` : ''}: `
      : '';
  return new RenderError(`${where}${message}`, stack);
}

/**
 * Starts the server and the browser for a project file. With a cancel
 * signal, cancelling it kills the browser (and its helper processes) while
 * the session is open.
 */
export async function openSession(
  projectFile: string,
  signal?: CancelSignal,
): Promise<Session> {
  // Fail fast, before starting Vite, when there is no browser.
  await findBrowser();
  // Vite and the browser start side by side (about 2 s each here).
  const [serverStart, browserStart] = await Promise.allSettled([
    startRenderServer(projectFile),
    launchBrowser(),
  ]);
  if (serverStart.status === 'rejected' || browserStart.status === 'rejected') {
    if (serverStart.status === 'fulfilled') await serverStart.value.close();
    if (browserStart.status === 'fulfilled') await browserStart.value.close();
    throw serverStart.status === 'rejected'
      ? serverStart.reason
      : (browserStart as PromiseRejectedResult).reason;
  }
  const server = serverStart.value;
  const browser: LaunchedBrowser = browserStart.value;
  // The browser and its helpers, unless it has exited already (its pid
  // may be reused).
  const child = browser.browser.process();
  const releaseBrowser =
    signal && child
      ? killOnCancel(signal, child, {group: true})
      : () => undefined;
  const pages = new Set<ProjectPage>();
  return {
    server,
    browser,
    async openPage() {
      const page = await browser.browser.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', error => {
        pageErrors.push(error instanceof Error ? error.message : String(error));
      });
      // A scene that does not compile: Vite reports it at once, while the
      // page would wait for the module forever. Fail with Vite's line.
      let stopListening = () => {};
      const compileError = new Promise<never>((_, reject) => {
        stopListening = server.onError(line =>
          reject(new RenderError(`the project failed to compile: ${line}`)),
        );
        page.on('console', message => {
          const text = message.text();
          if (
            message.type() === 'error' &&
            /Failed to (load module script|fetch dynamically imported module)|status of 5\d\d/.test(
              text,
            )
          ) {
            // Give Vite's own report (with file:line:col) a moment to win.
            setTimeout(
              () =>
                reject(
                  new RenderError(
                    `the project failed to load in the browser: ${text}`,
                  ),
                ),
              1000,
            );
          }
        });
      });
      compileError.catch(() => undefined);
      try {
        await blockNonLoopback(page);
        await page.goto(server.pageUrl, {waitUntil: 'domcontentloaded'});
        await Promise.race([
          page
            .waitForFunction('window.__mcRender || window.__mcRenderError', {
              timeout: 180_000,
              polling: 100,
            })
            .catch(() => {
              throw new RenderError(
                `the project did not load in the browser within 180 s${
                  pageErrors.length ? `: ${pageErrors[0]}` : ''
                }`,
              );
            }),
          compileError,
        ]);
      } catch (error) {
        await page.close().catch(() => undefined);
        throw error;
      } finally {
        stopListening();
      }
      const bootError = (await page.evaluate(
        'window.__mcRenderError ?? null',
      )) as string | null;
      if (bootError) {
        const [first, ...rest] = bootError.split('\n');
        throw new RenderError(
          `the project failed to load: ${first}`,
          rest.join('\n'),
        );
      }
      const projectPage: ProjectPage = {
        page,
        async call(method, arg) {
          const result = (await page.evaluate(
            (m, a) =>
              (
                window.__mcRender as unknown as Record<
                  string,
                  (x: unknown) => Promise<unknown>
                >
              )[m](a),
            method as string,
            arg as never,
          )) as {error?: PageFailure['error']};
          if (result && result.error) throw pageError(result as PageFailure);
          return result as never;
        },
        async close() {
          pages.delete(projectPage);
          await page.close().catch(() => undefined);
        },
      };
      pages.add(projectPage);
      return projectPage;
    },
    async close() {
      for (const page of [...pages]) await page.close();
      await browser.close();
      releaseBrowser();
      await server.close();
    },
  };
}

/** Reads the project's scenes at the given settings. */
export async function projectInfo(
  page: ProjectPage,
  settings: PageSettings,
): Promise<PageProjectInfo> {
  return page.call('scenes', settings);
}
