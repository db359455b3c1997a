/**
 * Starts the Vite dev server that serves the render page, on a free loopback
 * port, and routes the frames the page sends (PNGs, POSTed one at a time or
 * streamed over a WebSocket) to their consumers in order.
 */
import {randomUUID} from 'node:crypto';
import type {IncomingMessage, ServerResponse} from 'node:http';
import path from 'node:path';
import {createServer as createHttpServer} from 'node:http';
import './viteQuiet';
import {
  createLogger,
  createServer,
  type Logger,
  type ModuleNode,
  type ViteDevServer,
} from 'vite';
import {WebSocketServer, type WebSocket} from 'ws';
import {publishDepsCache, seedDepsCache, sharedDepsCache} from './depsCache';
import {REPO_ROOT} from './paths';
import {frameKind, YuvFrames, type FrameKind} from './yuvFrames';
import {makeTempDir, removeDir, tidyRunTempDirs} from './tempDirs';
import {RENDER_PAGE, renderPlugin} from './vitePlugin';

const SINK_PREFIX = '/__mc-render/sink/';
const STREAM_PREFIX = '/__mc-render/stream/';

/** Receives the frames of one job, in order. */
export interface FrameConsumer {
  /**
   * Called once per frame, in index order; resolve when it may take more
   * (and `data` may change: a yuv frame is patched in place for the next).
   * `repeat`: the frame came as a repeat of the one before (`data` is that
   * frame's bytes again). `kind`: a PNG, or a whole yuv420p frame (BT.709
   * limited range, sides padded to even, see yuvFrames.ts).
   */
  frame(
    index: number,
    data: Buffer,
    repeat: boolean,
    kind: FrameKind,
  ): Promise<void>;
}

/** A running render server. */
export interface RenderServer {
  /** The page URL to open. */
  pageUrl: string;
  /** The origin, e.g. http://127.0.0.1:41234. */
  origin: string;
  /** The Vite server (its module graph feeds the cache). */
  vite: ViteDevServer;
  /**
   * Registers a consumer. The page POSTs single frames to `path` (with
   * `?i=<index>`), or streams many over a WebSocket at `stream` (see
   * {@link acceptFrameStream}).
   */
  openSink(consumer: FrameConsumer): {
    path: string;
    stream: string;
    close(): void;
  };
  /**
   * Calls `listener` with one line for each error Vite reports from now on
   * (a scene that does not compile: "scenes/a.tsx:10:70: Expected ...");
   * returns the function that stops listening.
   */
  onError(listener: (line: string) => void): () => void;
  /** Stops the server and removes its temporary files. */
  close(): Promise<void>;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

function relativeToCwd(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative)
    ? relative
    : file;
}

/**
 * One line for an error Vite reports: where (file:line:col) and what, e.g.
 * `scenes/a.tsx:10:70: Expected ")" but found ";"`.
 */
export function viteErrorLine(error: unknown, logged = ''): string {
  const e = (error ?? {}) as {
    message?: string;
    errors?: {
      text?: string;
      location?: {file?: string; line?: number; column?: number} | null;
    }[];
    loc?: {file?: string; line?: number; column?: number};
    id?: string;
    plugin?: string;
  };
  const esbuild = e.errors?.find(m => m && m.text);
  if (esbuild?.text) {
    const at = esbuild.location;
    return at?.file
      ? `${relativeToCwd(at.file)}:${at.line}:${at.column}: ${esbuild.text}`
      : esbuild.text;
  }
  const lines = (e.message ?? logged)
    .replace(ANSI, '')
    .split('\n')
    .map(l => l.trim())
    .filter(
      l => l && !/^(Transform failed with|Internal server error)/.test(l),
    );
  let text = (lines[0] ?? 'unknown error')
    .replace(/^\[plugin:[^\]]+\]\s*/, '')
    .replace(/^\S+:\d+:\d+:\s*(ERROR:\s*)?/, '');
  const file = e.loc?.file ?? e.id?.split('?')[0];
  if (file && e.loc?.line !== undefined) {
    text = `${relativeToCwd(file)}:${e.loc.line}:${e.loc.column ?? 0}: ${text}`;
  } else if (file && !text.includes(file)) {
    text = `${relativeToCwd(file)}: ${text}`;
  }
  return text;
}

/**
 * A Vite logger that prints nothing: errors go to the listeners, which the
 * render session turns into its one line.
 */
function collectingLogger(listeners: Set<(line: string) => void>): Logger {
  const logger = createLogger('silent');
  logger.error = (message, options) => {
    const line = viteErrorLine(options?.error, message);
    for (const listener of listeners) listener(line);
  };
  return logger;
}

/**
 * Hands frames to a consumer in index order, whatever order they come in. A
 * frame pushed as a repeat (`data` null: its pixels equal the frame before
 * it, see framePool.ts) is handed the previous frame's bytes again, so the
 * consumer still gets one frame per index. A yuv patch (yuvFrames.ts) is
 * applied to the frame before, and the consumer gets the whole frame; other
 * bytes (PNGs) are handed on as they are. A stream is one or the other.
 */
export class OrderedSink {
  private next = 0;
  private readonly waiting = new Map<
    number,
    {data: Buffer | null; done: (error?: unknown) => void}
  >();
  private busy = false;
  /** The bytes of the frame handed over last: what a repeat repeats. */
  private previous: Buffer | null = null;
  /** Frames handed over as repeats so far. */
  repeats = 0;
  /** What the stream's frames are, once the first has come. */
  private kind: FrameKind | null = null;
  private readonly yuv = new YuvFrames();

  constructor(private readonly consumer: FrameConsumer) {}

  /** Queues frame `index`: its bytes, or null for "the frame before again". */
  push(index: number, data: Buffer | null): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.set(index, {
        data,
        done: error => (error ? reject(error) : resolve()),
      });
      void this.drain();
    });
  }

  /**
   * The whole frame `index` is: its bytes, the frame before patched with
   * them (yuv), or the frame before again (`data` null); throws one line
   * when it cannot be made.
   */
  private take(index: number, data: Buffer | null): Buffer {
    if (!data) {
      if (!this.previous) {
        throw new Error(
          `frame ${index} of the stream came as a repeat of the frame before it, but the stream has no frame before it (the first frame of a range must be sent whole)`,
        );
      }
      this.repeats++;
      return this.previous;
    }
    const kind = frameKind(data) === 'yuv' ? 'yuv' : 'png';
    if (this.kind && kind !== this.kind) {
      throw new Error(
        `frame ${index} came as ${kind === 'yuv' ? 'a yuv patch' : 'a PNG'}, but the frames before it as ${this.kind === 'yuv' ? 'yuv patches' : 'PNGs'} (a stream is one or the other)`,
      );
    }
    this.kind = kind;
    this.previous = kind === 'yuv' ? this.yuv.apply(index, data) : data;
    return this.previous;
  }

  private async drain() {
    if (this.busy) return;
    this.busy = true;
    try {
      for (
        let item = this.waiting.get(this.next);
        item;
        item = this.waiting.get(this.next)
      ) {
        const index = this.next;
        this.waiting.delete(index);
        this.next++;
        try {
          const data = this.take(index, item.data);
          await this.consumer.frame(index, data, !item.data, this.kind!);
          item.done();
        } catch (error) {
          item.done(error);
        }
      }
    } finally {
      this.busy = false;
    }
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const length = Number(req.headers['content-length'] ?? 0);
    if (length > 0) {
      // One allocation, no concatenation: frames are megabytes each.
      const body = Buffer.allocUnsafe(length);
      let at = 0;
      req.on('data', (chunk: Buffer) => {
        chunk.copy(body, at);
        at += chunk.length;
      });
      req.on('end', () => resolve(body.subarray(0, at)));
    } else {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => resolve(Buffer.concat(chunks)));
    }
    req.on('error', reject);
  });
}

/**
 * Serves one WebSocket of the frame stream protocol: each binary message is a
 * frame, its index as a little-endian uint32 followed by its bytes; a text
 * message `repeat <index>` is a frame whose pixels equal the frame before it
 * (the consumer gets that frame's bytes again). Once the consumer has taken
 * a frame the server answers with its index as text, or with
 * `!<index> <message>` if it failed.
 *
 * @remarks
 * Measured here from a page's worker, per 90 KB message: a WebSocket costs
 * the browser about 2 ms of CPU, a fetch() POST with a Blob body 7-9 ms.
 */
export function acceptFrameStream(socket: WebSocket, sink: OrderedSink): void {
  socket.on('message', (data: Buffer, isBinary: boolean) => {
    let index: number;
    let frame: Buffer | null;
    const repeat = isBinary ? null : /^repeat (\d+)$/.exec(String(data));
    if (isBinary && data.length >= 4) {
      index = data.readUInt32LE(0);
      frame = data.subarray(4);
    } else if (repeat) {
      index = Number(repeat[1]);
      frame = null;
    } else {
      socket.send(
        '!-1 expected a binary message (uint32 index + frame) or "repeat <index>"',
      );
      return;
    }
    sink.push(index, frame).then(
      () => socket.send(String(index)),
      (error: unknown) =>
        socket.send(
          `!${index} ${error instanceof Error ? error.message : String(error)}`,
        ),
    );
  });
}

/** Starts Vite for one project file on a free port of 127.0.0.1. */
export async function startRenderServer(
  projectFile: string,
): Promise<RenderServer> {
  const sinks = new Map<string, OrderedSink>();
  // A private dependency cache per server (two renders at once must not
  // rewrite each other's pre-bundled dependencies), seeded from the last
  // run's for the same project: pre-bundling costs about 2 s a start.
  const cacheDir = makeTempDir('vite');
  const errorListeners = new Set<(line: string) => void>();
  const sharedCache = sharedDepsCache(projectFile);
  seedDepsCache(sharedCache, cacheDir);
  const pageModule = path.join(REPO_ROOT, 'src/render/page.ts');
  let vite: ViteDevServer | null = null;
  let httpServer: import('node:http').Server | null = null;
  try {
    vite = await createServer({
      configFile: false,
      root: REPO_ROOT,
      cacheDir,
      customLogger: collectingLogger(errorListeners),
      clearScreen: false,
      appType: 'custom',
      server: {
        middlewareMode: true,
        hmr: false,
        ws: false,
        watch: null,
        fs: {strict: false},
      },
      esbuild: {jsx: 'automatic', jsxImportSource: '@motion-canvas/2d/lib'},
      optimizeDeps: {
        entries: [projectFile, pageModule],
        include: [
          '@motion-canvas/core',
          '@motion-canvas/2d',
          '@motion-canvas/2d/lib/jsx-runtime',
          '@motion-canvas/2d/lib/jsx-dev-runtime',
          '@motion-canvas/core/lib/scenes/timeEvents',
        ],
        exclude: ['preact', 'preact/*', '@preact/signals'],
        // Errors reach the session through the logger, as one line.
        esbuildOptions: {logLevel: 'silent'},
      },
      plugins: [
        renderPlugin({projectFile, repoRoot: REPO_ROOT, pageModule}),
        {
          name: 'mc-render-sink',
          configureServer(server) {
            server.middlewares.use(
              (req: IncomingMessage, res: ServerResponse, next) => {
                const url = req.url ?? '';
                if (!url.startsWith(SINK_PREFIX) || req.method !== 'POST') {
                  return next();
                }
                const [id, query] = url.slice(SINK_PREFIX.length).split('?');
                const sink = sinks.get(id);
                const index = Number(new URLSearchParams(query).get('i'));
                if (!sink || !Number.isInteger(index)) {
                  res.statusCode = 404;
                  res.end();
                  return;
                }
                readBody(req)
                  .then(body => sink.push(index, body))
                  .then(
                    () => {
                      res.statusCode = 204;
                      res.end();
                    },
                    (error: unknown) => {
                      res.statusCode = 500;
                      res.end(String(error));
                    },
                  );
              },
            );
          },
        },
      ],
    });
    // Our own HTTP server on port 0: the OS picks a free port atomically, so
    // renders running at once never race for one.
    const http = createHttpServer(vite.middlewares);
    httpServer = http;
    const sockets = new WebSocketServer({noServer: true, maxPayload: 1 << 30});
    http.on('upgrade', (req, socket, head) => {
      const url = req.url ?? '';
      const sink = url.startsWith(STREAM_PREFIX)
        ? sinks.get(url.slice(STREAM_PREFIX.length))
        : undefined;
      if (!sink) {
        socket.destroy();
        return;
      }
      sockets.handleUpgrade(req, socket, head, ws =>
        acceptFrameStream(ws, sink),
      );
    });
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(0, '127.0.0.1', () => resolve());
    });
    const address = http.address();
    if (!address || typeof address === 'string') {
      throw new Error('the render server did not report a TCP port');
    }
    const origin = `http://127.0.0.1:${address.port}`;
    const server = vite;
    return {
      origin,
      pageUrl: origin + RENDER_PAGE,
      vite: server,
      openSink(consumer) {
        const id = randomUUID();
        sinks.set(id, new OrderedSink(consumer));
        return {
          path: SINK_PREFIX + id,
          stream: STREAM_PREFIX + id,
          close: () => sinks.delete(id),
        };
      },
      onError(listener) {
        errorListeners.add(listener);
        return () => errorListeners.delete(listener);
      },
      async close() {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        http.closeAllConnections();
        await new Promise(resolve => http.close(resolve));
        // Vite's close waits for the dependency optimizer, and never settles
        // when a scene that does not compile cancelled its build: give it 2 s.
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          server.close(),
          new Promise(resolve => (timer = setTimeout(resolve, 2000))),
        ]);
        clearTimeout(timer);
        publishDepsCache(cacheDir, sharedCache);
        removeDir(cacheDir);
        tidyRunTempDirs();
      },
    };
  } catch (error) {
    httpServer?.close();
    await vite?.close();
    removeDir(cacheDir);
    throw error;
  }
}

/** Local source files a module imports, transitively (node_modules excluded). */
export function localImports(
  roots: ModuleNode[],
  stopAt: (module: ModuleNode) => boolean = () => false,
): string[] {
  const seen = new Set<ModuleNode>();
  const files = new Set<string>();
  const visit = (module: ModuleNode) => {
    if (seen.has(module)) return;
    seen.add(module);
    if (module.file && !module.file.includes('/node_modules/')) {
      files.add(module.file);
    }
    for (const child of module.importedModules) {
      if (!stopAt(child)) visit(child);
    }
  };
  roots.forEach(visit);
  return [...files].sort();
}
