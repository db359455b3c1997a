import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import {createServer} from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import WebSocket, {WebSocketServer} from 'ws';
import {
  KEPT_DEPS_CACHES,
  publishDepsCache,
  pruneDepsCaches,
  seedDepsCache,
} from '../../src/render/depsCache';
import {withoutEditorPlugins} from '../../src/render/page';
import {acceptFrameStream, OrderedSink} from '../../src/render/server';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/** A loopback WebSocket server speaking the frame stream protocol. */
async function streamServer(
  frame: (index: number, data: Buffer) => Promise<void>,
) {
  const http = createServer();
  const wss = new WebSocketServer({server: http});
  wss.on('connection', ws => acceptFrameStream(ws, new OrderedSink({frame})));
  await new Promise<void>(r => http.listen(0, '127.0.0.1', () => r()));
  closers.push(
    () => new Promise<void>(r => http.close(() => r())),
    () => {
      for (const c of wss.clients) c.terminate();
      wss.close();
    },
  );
  const port = (http.address() as {port: number}).port;
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  await new Promise(r => client.once('open', r));
  closers.push(() => client.terminate());
  const replies: string[] = [];
  client.on('message', data => replies.push(String(data)));
  const send = (index: number, bytes: string) => {
    const message = Buffer.alloc(4 + bytes.length);
    message.writeUInt32LE(index, 0);
    message.write(bytes, 4);
    client.send(message);
  };
  /** Frame `index` is the frame before it again (see acceptFrameStream). */
  const repeat = (index: number) => client.send(`repeat ${index}`);
  const until = async (n: number) => {
    for (let i = 0; i < 200 && replies.length < n; i++) {
      await new Promise(r => setTimeout(r, 10));
    }
    return replies;
  };
  return {client, send, repeat, until};
}

describe('frame stream', () => {
  it('hands frames to the consumer in index order and acknowledges each', async () => {
    const seen: string[] = [];
    const {send, until} = await streamServer(async (i, data) => {
      seen.push(`${i}:${data.toString()}`);
    });
    send(2, 'c');
    send(0, 'a');
    send(1, 'b');
    const replies = await until(3);
    expect(seen).toEqual(['0:a', '1:b', '2:c']);
    expect([...replies].sort()).toEqual(['0', '1', '2']);
  });

  it('answers "!<index> <message>" when the consumer fails, and rejects text', async () => {
    const {client, send, until} = await streamServer(async i => {
      if (i === 1) throw new Error('ffmpeg failed (exit code 1)');
    });
    send(0, 'x');
    send(1, 'y');
    client.send('not a frame');
    const replies = await until(3);
    expect(replies).toContain('0');
    expect(replies).toContain('!1 ffmpeg failed (exit code 1)');
    expect(replies.some(r => r.startsWith('!-1 expected a binary'))).toBe(true);
  });
});

describe('held frames in the frame stream', () => {
  it('hands a repeat the bytes of the frame before it, in index order', async () => {
    const seen: string[] = [];
    const {send, repeat, until} = await streamServer(async (i, data) => {
      seen.push(`${i}:${data.toString()}`);
    });
    // Out of order, as two workers send them: repeats before their frame.
    repeat(2);
    send(1, 'b');
    repeat(3);
    send(0, 'a');
    send(4, 'e');
    repeat(5);
    const replies = await until(6);
    expect(seen).toEqual(['0:a', '1:b', '2:b', '3:b', '4:e', '5:e']);
    expect([...replies].sort()).toEqual(['0', '1', '2', '3', '4', '5']);
  });

  it('refuses a repeat with no frame before it in one line, and goes on', async () => {
    const seen: string[] = [];
    const {client, send, repeat, until} = await streamServer(async (i, d) => {
      seen.push(`${i}:${d.toString()}`);
    });
    repeat(0);
    send(1, 'b');
    client.send('repeat two');
    const replies = await until(3);
    const refusal = replies.find(r => r.startsWith('!0 '));
    expect(refusal).toMatch(
      /^!0 frame 0 of the stream came as a repeat of the frame before it, but the stream has no frame before it/,
    );
    expect(refusal).not.toContain('\n');
    expect(replies).toContain('1');
    expect(replies.some(r => r.startsWith('!-1 expected a binary'))).toBe(true);
    expect(seen).toEqual(['1:b']);
  });

  it('OrderedSink: repeats the bytes it last handed over and counts them', async () => {
    const seen: [number, Buffer][] = [];
    const sink = new OrderedSink({
      frame: async (i, data) => {
        seen.push([i, data]);
      },
    });
    const first = Buffer.from('png-0');
    await expect(sink.push(0, null)).rejects.toThrow(
      /^frame 0 of the stream came as a repeat of the frame before it/,
    );
    const done = [sink.push(3, null), sink.push(2, null), sink.push(1, first)];
    await Promise.all(done);
    expect(seen.map(([i]) => i)).toEqual([1, 2, 3]);
    // The very bytes of frame 1, not a copy.
    expect(seen.every(([, data]) => data === first)).toBe(true);
    expect(sink.repeats).toBe(2);
  });
});

describe('dependency cache', () => {
  function cacheWith(metadata: string) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mc-cache-test-'));
    mkdirSync(path.join(dir, 'deps'));
    writeFileSync(path.join(dir, 'deps/_metadata.json'), metadata);
    writeFileSync(path.join(dir, 'deps/core.js'), `// ${metadata}`);
    return dir;
  }
  const read = (dir: string, file: string) =>
    readFileSync(path.join(dir, file), 'utf8');

  it('publishes a new cache, seeds later runs from it, and replaces it when dependencies change', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'mc-cache-root-'));
    const shared = path.join(root, 'nested/vite-abc');
    const first = cacheWith('{"hash":"1"}');
    publishDepsCache(first, shared);
    expect(read(shared, 'deps/core.js')).toBe('// {"hash":"1"}');

    const fresh = mkdtempSync(path.join(os.tmpdir(), 'mc-cache-fresh-'));
    seedDepsCache(shared, fresh);
    expect(read(fresh, 'deps/_metadata.json')).toBe('{"hash":"1"}');

    publishDepsCache(cacheWith('{"hash":"2"}'), shared);
    expect(read(shared, 'deps/core.js')).toBe('// {"hash":"2"}');
  });

  it('seeds nothing from a missing cache and publishes nothing without metadata', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'mc-cache-root-'));
    const into = mkdtempSync(path.join(os.tmpdir(), 'mc-cache-into-'));
    seedDepsCache(path.join(root, 'none'), into);
    expect(() => read(into, 'deps/_metadata.json')).toThrow();
    publishDepsCache(into, path.join(root, 'shared'));
    expect(() =>
      read(path.join(root, 'shared'), 'deps/_metadata.json'),
    ).toThrow();
  });
});

describe('dependency cache pruning', () => {
  it('keeps the newest caches and never the one just published', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'mc-cache-prune-'));
    const names = Array.from({length: KEPT_DEPS_CACHES + 3}, (_, i) => {
      const name = `vite-${i.toString(16).padStart(4, '0')}`;
      mkdirSync(path.join(root, name));
      // Older caches have older times; the oldest is the one to keep.
      const t = 1_000_000 + i * 10;
      utimesSync(path.join(root, name), t, t);
      return name;
    });
    mkdirSync(path.join(root, 'not-a-cache'));
    pruneDepsCaches(root, path.join(root, names[0]));
    const left = names.filter(n => existsSync(path.join(root, n)));
    // The newest KEPT_DEPS_CACHES (the last ones made) and names[0].
    expect(left).toEqual([names[0], ...names.slice(-KEPT_DEPS_CACHES)]);
    expect(existsSync(path.join(root, 'not-a-cache'))).toBe(true);
  });
});

describe('render page boot', () => {
  it('drops the editor plugins scenes name by module path, keeps everything else', () => {
    const plugin = {name: 'kept-plugin'};
    const meta = {};
    const config = {
      name: 'p',
      scenes: [
        {name: 'a', plugins: ['@motion-canvas/2d/editor', plugin], meta},
        {name: 'b', meta},
      ],
      plugins: ['@some/editor-plugin'],
    } as unknown as Parameters<typeof withoutEditorPlugins>[0];
    const out = withoutEditorPlugins(config) as unknown as {
      scenes: {name: string; plugins?: unknown[]; meta: unknown}[];
      plugins: unknown[];
    };
    expect(out.scenes[0].plugins).toEqual([plugin]);
    expect(out.scenes[0].meta).toBe(meta);
    expect(out.scenes[1]).toBe(config.scenes[1]);
    // Project-level plugins are the author's choice: left as they are.
    expect(out.plugins).toEqual(['@some/editor-plugin']);
    // The input is not changed.
    expect(config.scenes[0].plugins).toHaveLength(2);
  });
});
