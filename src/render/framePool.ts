/**
 * The frame worker pool of the render page: workers that encode snapshots of
 * the drawn frames as PNG and stream them to the render server, so that the
 * page's main thread only draws (see page.ts).
 */

/**
 * The body of a frame worker: draws each ImageBitmap it is sent on an
 * OffscreenCanvas, encodes it as PNG and streams it over a WebSocket to the
 * render server (see acceptFrameStream in server.ts for the protocol).
 *
 * @remarks
 * Kept free of imports and outer variables: its source text becomes the
 * worker's script (see {@link FramePool}). Frames are encoded one at a time
 * (drawing on a canvas whose snapshot is still being encoded would make
 * Chromium copy it); uploads overlap encoding.
 */
function frameWorkerMain() {
  const scope = self as unknown as {
    onmessage: ((event: MessageEvent) => void) | null;
    postMessage(message: unknown): void;
  };
  /** The first message: where frames go and the canvas colour space. */
  let setup: {url: string; colorSpace: PredefinedColorSpace} | null = null;
  let canvas: OffscreenCanvas | null = null;
  let context: OffscreenCanvasRenderingContext2D | null = null;
  let socket: Promise<WebSocket> | null = null;
  let queue: Promise<void> = Promise.resolve();
  /** Frames sent and not yet acknowledged: index -> encode ms, send time. */
  const waiting = new Map<number, {encode: number; t: number}>();

  const fail = (index: number, e: unknown) =>
    scope.postMessage({
      index,
      error: e instanceof Error ? e.message : String(e),
    });

  function connect(url: string): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.binaryType = 'arraybuffer';
      ws.onopen = () => resolve(ws);
      ws.onerror = () => reject(new Error(`could not connect to ${url}`));
      ws.onclose = () => {
        for (const index of waiting.keys()) {
          fail(index, new Error('the render server closed the frame stream'));
        }
        waiting.clear();
      };
      ws.onmessage = event => {
        const text = String(event.data);
        const failed = text.startsWith('!');
        const index = Number.parseInt(failed ? text.slice(1) : text, 10);
        const job = waiting.get(index);
        if (!job) return;
        waiting.delete(index);
        if (failed) fail(index, new Error(text.slice(text.indexOf(' ') + 1)));
        else {
          scope.postMessage({
            index,
            encode: job.encode,
            upload: performance.now() - job.t,
          });
        }
      };
    });
  }

  async function encode(index: number, bitmap: ImageBitmap): Promise<void> {
    const {url, colorSpace} = setup!;
    if (
      !canvas ||
      !context ||
      canvas.width !== bitmap.width ||
      canvas.height !== bitmap.height
    ) {
      canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      context = canvas.getContext('2d', {colorSpace});
      if (!context) throw new Error('no 2D context in the frame worker');
    }
    const t0 = performance.now();
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.drawImage(bitmap, 0, 0);
    bitmap.close();
    const png = await (
      await canvas.convertToBlob({type: 'image/png'})
    ).arrayBuffer();
    const t1 = performance.now();
    const message = new Uint8Array(png.byteLength + 4);
    new DataView(message.buffer).setUint32(0, index, true);
    message.set(new Uint8Array(png), 4);
    socket ??= connect(url);
    const ws = await socket;
    waiting.set(index, {encode: t1 - t0, t: t1});
    ws.send(message);
  }

  scope.onmessage = event => {
    if (!setup) {
      setup = event.data;
      return;
    }
    const {index, bitmap} = event.data as {index: number; bitmap: ImageBitmap};
    queue = queue.then(() => encode(index, bitmap)).catch(e => fail(index, e));
  };
}

/**
 * Workers encoding frames as PNG and uploading them, so that the main thread
 * only draws. At most `limit` frames are in flight; {@link FramePool.send}
 * waits for room.
 */
export class FramePool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<
    number,
    {resolve: () => void; reject: (error: Error) => void}
  >();
  private readonly inFlight: Promise<void>[] = [];
  private turn = 0;
  /** Milliseconds the workers spent encoding and uploading, summed. */
  encode = 0;
  upload = 0;
  /** Milliseconds the main thread spent taking snapshots. */
  snapshot = 0;
  private readonly scriptUrl: string;

  /** `url`: the frame stream's WebSocket (see acceptFrameStream). */
  constructor(
    size: number,
    private readonly limit: number,
    url: string,
    colorSpace: PredefinedColorSpace,
  ) {
    this.scriptUrl = URL.createObjectURL(
      new Blob([`(${frameWorkerMain.toString()})();`], {
        type: 'text/javascript',
      }),
    );
    for (let i = 0; i < size; i++) {
      const worker = new Worker(this.scriptUrl);
      worker.onmessage = event => {
        const {index, error, encode, upload} = event.data as {
          index: number;
          error?: string;
          encode?: number;
          upload?: number;
        };
        this.encode += encode ?? 0;
        this.upload += upload ?? 0;
        const job = this.pending.get(index);
        this.pending.delete(index);
        if (!job) return;
        if (error) job.reject(new Error(error));
        else job.resolve();
      };
      worker.postMessage({url, colorSpace});
      this.workers.push(worker);
    }
  }

  /**
   * Snapshots the canvas now and ships it as frame `index` (unique within the
   * pool's range); waits while the pool is full.
   */
  async send(canvas: HTMLCanvasElement, index: number): Promise<void> {
    const s0 = performance.now();
    const bitmap = await createImageBitmap(canvas);
    this.snapshot += performance.now() - s0;
    const done = new Promise<void>((resolve, reject) =>
      this.pending.set(index, {resolve, reject}),
    );
    // Rejections surface when the frame is awaited (below or in flush).
    done.catch(() => undefined);
    const worker = this.workers[this.turn];
    this.turn = (this.turn + 1) % this.workers.length;
    worker.postMessage({index, bitmap}, [bitmap]);
    this.inFlight.push(done);
    if (this.inFlight.length >= this.limit) await this.inFlight.shift();
  }

  /** Waits for every frame sent so far. */
  async flush(): Promise<void> {
    while (this.inFlight.length > 0) await this.inFlight.shift();
  }

  /** Stops the workers; frames still in flight fail. */
  dispose(): void {
    for (const worker of this.workers) worker.terminate();
    for (const job of this.pending.values()) {
      job.reject(new Error('the frame pool was stopped'));
    }
    this.pending.clear();
    URL.revokeObjectURL(this.scriptUrl);
  }
}
