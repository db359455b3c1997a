/**
 * The Vite plugin behind the headless render page: it serves a minimal page
 * that boots one Motion Canvas project without the editor UI.
 *
 * @remarks
 * It replaces the stock plugin's `?scene`, `?project` and `.meta` handling so
 * that rendering never writes into the project's directory (the stock plugin
 * creates missing `.meta` files and saves edited ones back): meta files are
 * read if present and otherwise replaced by defaults, in memory. A scene whose
 * meta file has no random seed gets one derived from its name, so renders are
 * reproducible. Bare imports made by files outside this repository (a project
 * in a read-only directory with no node_modules of its own) resolve from this
 * repository's node_modules.
 *
 * The page itself is the editor's page without the editor (see
 * {@link renderPageHtml}), so that everything the engine measures through CSS
 * comes out as in the editor's preview.
 */
import {existsSync, readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type {Plugin} from 'vite';

/** Id prefixes of the virtual modules this plugin serves. */
const META_PREFIX = 'mc-render-meta:';
const ENTRY_ID = 'virtual:mc-render-entry';
const SETTINGS_ID = 'virtual:mc-render-settings';
const SCENE_QUERY = /[?&]scene\b/;

/** Path of the page the browser opens. */
export const RENDER_PAGE = '/__mc-render/index.html';

/** Replaces /@vite/client in the render page: styles, no websocket. */
const CLIENT_STUB = `
const styles = new Map();
export function updateStyle(id, content) {
  let style = styles.get(id);
  if (!style) {
    style = document.createElement('style');
    style.setAttribute('type', 'text/css');
    style.setAttribute('data-vite-dev-id', id);
    document.head.appendChild(style);
    styles.set(id, style);
  }
  style.textContent = content;
}
export function removeStyle(id) {
  styles.get(id)?.remove();
  styles.delete(id);
}
export function injectQuery(url) { return url; }
export class ErrorOverlay {}
export function createHotContext() {
  const noop = () => {};
  return {data: {}, accept: noop, acceptExports: noop, dispose: noop,
    prune: noop, decline: noop, invalidate: noop, on: noop, off: noop,
    send: noop};
}
`;

/**
 * The editor page's template and stylesheet (@motion-canvas/ui's dist/
 * editor.html and dist/style.css, the files @motion-canvas/vite-plugin
 * serves to the editor), or null when that package is not installed.
 */
function readEditorPage(
  repoRoot: string,
): {template: string; css: string} | null {
  try {
    const ui = path.dirname(
      createRequire(path.join(repoRoot, 'package.json')).resolve(
        '@motion-canvas/ui',
      ),
    );
    return {
      template: readFileSync(path.join(ui, 'editor.html'), 'utf8'),
      css: readFileSync(path.join(ui, 'style.css'), 'utf8'),
    };
  } catch {
    return null;
  }
}

/**
 * What the 3.17.2 editor's stylesheet sets on the elements the engine's DOM
 * inherits from, used only if @motion-canvas/ui cannot be read.
 */
const EDITOR_CSS_FALLBACK =
  ':root{--font-family:"Roboto",sans-serif;--font-size:14px}' +
  'html,body{font-family:var(--font-family);font-size:var(--font-size);' +
  'line-height:24px;overflow:hidden;padding:0;margin:0;' +
  'background-color:#181818;color:#fff9}';

/** The editor page's markup, used only if @motion-canvas/ui cannot be read. */
const EDITOR_HTML_FALLBACK = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <link rel="stylesheet" href="{{style}}" />
    <title>Motion Canvas</title>
  </head>
  <body>
    <script type="module" src="{{source}}"></script>
  </body>
</html>`;

/**
 * The render page: the editor's own page (its markup and its stylesheet),
 * booting `source` instead of the editor.
 *
 * @remarks
 * Motion Canvas measures part of a frame with the DOM. Layout nodes are
 * elements in a shadow root under `#motion-canvas-2d-frame`, a div the engine
 * prepends to `<body>`; the SVG and Latex nodes parse their markup in another
 * div of that shadow root (`SVG.containerElement`). Page stylesheets do not
 * reach into a shadow root, but inherited properties do, from `<body>`: so
 * the body's font-size, font-family, line-height (and `lang`) decide those
 * measures. Latex scales its SVG by `fontSize / Latex.containerFontSize`, the
 * container's computed font-size, and MathJax sizes that SVG in `ex`, which
 * the container's font resolves. The two would cancel, but Chromium rounds
 * the x-height: measured here, 1ex is 8 px at 14 px and 9 px at 16 px, so
 * the font-size decides the drawn size. The editor's stylesheet sets
 * `html,body{font-family:var(--font-family); font-size:var(--font-size);
 * line-height:24px}` with `--font-family: "Roboto", sans-serif` and
 * `--font-size: 14px`; a bare page has the browser's defaults (16px, serif,
 * line-height normal), which drew every LaTeX node 1.6% smaller than the
 * editor's preview (SSIM 0.9969 on a bench frame with LaTeX on screen).
 *
 * Rather than copying those numbers, the page is built from the editor's own
 * files, so it follows them: editor.html with style.css inlined (its remote
 * `@import`s of Google Fonts removed, as `npm start` serves it offline, see
 * vite.config.ts) and its remote `<link>`s dropped. The editor's "legacy
 * font" setting (appearance.font in ~/.motion-canvas/settings.json) sets
 * `--font-family: JetBrains Mono` on the body; the page does the same.
 *
 * Also measured by the engine but equal on both pages without help: the
 * device pixel ratio (the engine never reads it; frames are drawn at the
 * project's size times the resolution scale) and fonts (the same browser
 * resolves the same families).
 */
export function renderPageHtml(
  source: string,
  editorPage: {template: string; css: string} | null,
  settings: Record<string, unknown>,
): string {
  const template = editorPage?.template ?? EDITOR_HTML_FALLBACK;
  const css = (editorPage?.css ?? EDITOR_CSS_FALLBACK).replace(
    /@import\s*(?:url\()?\s*(["'])https?:.*?\1\s*\)?[^;]*;/g,
    '',
  );
  const appearance = (settings.appearance ?? {}) as {font?: unknown};
  const body =
    appearance.font === true
      ? '<body style="--font-family: JetBrains Mono">'
      : '<body>';
  return template
    .replace(
      /<link[^>]*href="\{\{style\}\}"[^>]*>/,
      () => `<style>${css}</style>`,
    )
    .replace(/<link[^>]*href="https?:\/\/[^"]*"[^>]*>/g, '')
    .replace(/<body>/, body)
    .replace('{{source}}', source);
}

/** Options of {@link renderPlugin}. */
export interface RenderPluginOptions {
  /** Absolute path of the project file. */
  projectFile: string;
  /** Absolute path of this repository (where node_modules lives). */
  repoRoot: string;
  /** Absolute path of the browser-side runtime module (page.ts). */
  pageModule: string;
}

/** A 32-bit FNV-1a hash of a string: a stable seed for scenes without one. */
export function stableSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function readJson(file: string): Record<string, unknown> {
  if (!existsSync(file)) return {version: 0};
  try {
    const data = JSON.parse(readFileSync(file, 'utf8'));
    return data && typeof data === 'object' ? data : {version: 0};
  } catch {
    return {version: 0};
  }
}

function isBare(source: string): boolean {
  return !/^(\.|\/|\0|[a-zA-Z]:|virtual:|mc-render-|https?:|data:)/.test(
    source,
  );
}

/** The Vite plugin serving the render page, virtual meta files and scenes. */
export function renderPlugin(options: RenderPluginOptions): Plugin {
  const {projectFile, repoRoot, pageModule} = options;
  const projectDir = path.dirname(projectFile);
  const projectName = path.parse(projectFile).name;
  const repoImporter = path.join(repoRoot, 'package.json');
  let editorPage: ReturnType<typeof readEditorPage> | undefined;
  const inRepo = (file: string) =>
    file.startsWith(repoRoot + path.sep) &&
    !file.includes(`${path.sep}node_modules${path.sep}`);

  return {
    name: 'mc-render',
    enforce: 'pre',

    async resolveId(source, importer) {
      if (source === ENTRY_ID || source === SETTINGS_ID) return '\0' + source;
      if (source.startsWith(META_PREFIX)) return '\0' + source;
      if (
        importer &&
        isBare(source) &&
        !importer.startsWith('\0') &&
        !inRepo(importer.split('?')[0]) &&
        !importer.includes(`${path.sep}node_modules${path.sep}`)
      ) {
        // A project outside this repository: resolve its bare imports here.
        const resolved = await this.resolve(source, repoImporter, {
          skipSelf: true,
        });
        if (resolved) return resolved;
      }
      return null;
    },

    load(id) {
      if (id === '\0' + ENTRY_ID) {
        const metaPath = path.join(projectDir, `${projectName}.meta`);
        return `\
import {boot} from ${JSON.stringify(pageModule)};
import config from ${JSON.stringify(projectFile)};
import metaFile from ${JSON.stringify(`${META_PREFIX}project:${metaPath}`)};
import settings from ${JSON.stringify(SETTINGS_ID)};
boot(${JSON.stringify(projectName)}, config, metaFile, settings);
`;
      }
      if (id === '\0' + SETTINGS_ID) {
        const file = path.join(os.homedir(), '.motion-canvas/settings.json');
        const data = existsSync(file) ? readJson(file) : {};
        return `\
import {MetaFile} from '@motion-canvas/core';
const meta = new MetaFile('settings', false);
meta.loadData(${JSON.stringify(data)});
export default meta;
`;
      }
      if (id.startsWith('\0' + META_PREFIX)) {
        const rest = id.slice(1 + META_PREFIX.length);
        const kind = rest.slice(0, rest.indexOf(':'));
        const file = rest.slice(kind.length + 1);
        const name = path.parse(file).name;
        const data = readJson(file);
        if (existsSync(file)) this.addWatchFile(file);
        if (kind === 'scene' && typeof data.seed !== 'number') {
          data.seed = stableSeed(name);
        }
        return `\
import {MetaFile} from '@motion-canvas/core';
const meta = new MetaFile(${JSON.stringify(name)}, false);
meta.loadData(${JSON.stringify(data)});
export default meta;
`;
      }
      if (SCENE_QUERY.test(id) && !id.startsWith('\0')) {
        const [base] = id.split('?');
        const {name, dir} = path.parse(base);
        const metaPath = path.join(dir, `${name}.meta`);
        return `\
import {ValueDispatcher} from '@motion-canvas/core';
import metaFile from ${JSON.stringify(`${META_PREFIX}scene:${metaPath}`)};
import description from ${JSON.stringify(base)};
description.name = ${JSON.stringify(name)};
metaFile.attach(description.meta);
description.onReplaced ??= new ValueDispatcher(description.config);
export default description;
`;
      }
      return null;
    },

    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0];
        if (url === '/@vite/client') {
          // Vite's HMR client would open a websocket and, once it loses it,
          // reload the page in the middle of a render. Styles (CSS imports
          // such as @fontsource) still need injecting: this stub does that.
          res.setHeader('Content-Type', 'text/javascript');
          res.end(CLIENT_STUB);
          return;
        }
        if (url !== RENDER_PAGE) return next();
        const settings = path.join(
          os.homedir(),
          '.motion-canvas/settings.json',
        );
        res.setHeader('Content-Type', 'text/html');
        res.end(
          renderPageHtml(
            `/@id/__x00__${ENTRY_ID}`,
            (editorPage ??= readEditorPage(repoRoot)),
            existsSync(settings) ? readJson(settings) : {},
          ),
        );
      });
    },
  };
}
