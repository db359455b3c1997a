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
 */
import {existsSync, readFileSync} from 'node:fs';
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
        res.setHeader('Content-Type', 'text/html');
        res.end(`<!doctype html>
<html><head><meta charset="utf-8"><title>render</title>
<style>html,body{margin:0;background:#000}</style></head>
<body><script type="module" src="/@id/__x00__${ENTRY_ID}"></script></body></html>`);
      });
    },
  };
}
