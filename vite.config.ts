import motionCanvas from '@motion-canvas/vite-plugin';
import {readFileSync} from 'node:fs';
import {defineConfig, type Plugin} from 'vite';

/** The chapter project: its scenes, in chapter order, live in this file. */
export const CHAPTER_PROJECT = './scenes/chapter12.ts';

/**
 * What the editor's pages may connect to: their own server (Vite's HMR
 * websocket included), data: and blob: URLs, and nothing else.
 */
export const EDITOR_CONNECT_SRC =
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:* " +
  'http://127.0.0.1:* http://localhost:* data: blob:';

/**
 * Keeps the editor usable with no internet, and keeps it from reaching out.
 *
 * @remarks
 * The published editor stylesheet starts with `@import` rules that ask Google
 * Fonts for Roboto and JetBrains Mono. Offline those requests hang or fail, so
 * the stylesheet is served here with the remote imports removed (the editor
 * falls back to local fonts). The editor page also links a highlight.js theme
 * from a CDN; a stylesheet link blocks the first paint until it answers, so
 * remote links are dropped from the page as well.
 *
 * The editor also asks the npm registry for the latest
 * `@motion-canvas/core` (its update check, a `fetch` from the page). Editor
 * pages are served with a Content-Security-Policy whose `connect-src` allows
 * only this server, so the browser refuses that request, and any other
 * fetch, XHR or websocket off the machine, before it is sent.
 */
export function offlineEditor(): Plugin {
  return {
    name: 'offline-editor',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0];
        if (!path.includes('.') && !path.startsWith('/@')) {
          // An editor page: nothing but this server to connect to.
          res.setHeader('Content-Security-Policy', EDITOR_CONNECT_SRC);
          // And drop remote <link>s from the HTML it is sent.
          const end = res.end.bind(res) as (chunk?: unknown) => typeof res;
          res.end = ((chunk?: unknown) =>
            end(
              typeof chunk === 'string'
                ? chunk.replace(/<link[^>]*href="https?:\/\/[^"]*"[^>]*>/g, '')
                : chunk,
            )) as typeof res.end;
          return next();
        }
        if (!path.endsWith('@motion-canvas/ui/dist/style.css')) return next();
        const file = decodeURIComponent(path.replace(/^\/@fs/, ''));
        const css = readFileSync(file, 'utf8').replace(
          /@import\s*(?:url\()?\s*(["'])https?:.*?\1\s*\)?[^;]*;/g,
          '',
        );
        res.setHeader('Content-Type', 'text/css');
        res.end(css);
      });
    },
  };
}

export default defineConfig({
  plugins: [offlineEditor(), motionCanvas({project: [CHAPTER_PROJECT]})],
  server: {host: '127.0.0.1', port: 9000},
});
