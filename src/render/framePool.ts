/**
 * The frame worker pool of the render page: workers that turn snapshots of
 * the drawn frames into messages, yuv420p patches of what changed since the
 * frame before (yuvFrames.ts) or PNGs, and stream them to the render
 * server, so that the page's main thread only draws (see page.ts). A frame
 * whose pixels equal the frame before it (a scene holding still) is not
 * encoded at all: the worker tells the server to repeat the previous frame.
 */
import {
  changedRects,
  patchMessageBytes,
  rectToI420,
  writePatch,
} from './yuvFrames';

/**
 * The body of a frame worker: reads the pixels of each ImageBitmap it is
 * sent, converts the part that changed since the frame before to yuv420p
 * (`yuv`, the functions of yuvFrames.ts) and streams that over a WebSocket
 * to the render server (see acceptFrameStream in server.ts for the
 * protocol). Where pixels cannot be read faithfully (no VideoFrame, see
 * readPixels), or with `frames: 'png'`, it draws the bitmap on an
 * OffscreenCanvas and sends it as PNG instead, as it did before patches:
 * measured on the bench scene, patches made the whole command 31 -> 48 fps
 * (54.9 -> 35.8 ms of CPU a frame: no PNG encoding here, no PNG decoding
 * and no colour conversion in ffmpeg).
 *
 * @remarks
 * Kept free of imports and outer variables: its source text becomes the
 * worker's script (see {@link FramePool}). Frames are encoded one at a time
 * (drawing on a canvas whose snapshot is still being encoded would make
 * Chromium copy it); uploads overlap encoding.
 *
 * Held frames. Workers take frames in turn (frame i goes to worker i mod n),
 * so the frame before a worker's frame is in the previous worker of the ring.
 * Each worker copies its frame's pixels out (see readPixels), compares them,
 * every byte, with the pixels of the frame before, which the previous worker
 * hands it directly over a MessagePort (transferred, not copied; the main
 * thread, busy drawing, is not in the way), and hands its own on to the next
 * worker. Equal: the frame goes as the text `repeat <index>`, with nothing
 * encoded or uploaded, and the server hands ffmpeg the previous frame's
 * bytes again. Not equal: the same comparison, done fully, gives the bands
 * that changed, which are all a patch carries. The first frame a pool is
 * sent is always sent whole.
 *
 * A full comparison rather than a digest: exact with no argument about
 * collisions, and cheaper. Measured here (1080p, other work on both cores):
 * comparing 1-2 ms where equal, next to nothing where not (a sparse pass
 * first); an FNV hash of the same 8 MB in JS 5-7 ms, SHA-256 about 80 ms;
 * copying the pixels out 1-2 ms; the PNG a held frame saves 20-30 ms.
 */
function frameWorkerMain(yuv: {
  changed: typeof changedRects;
  toI420: typeof rectToI420;
  bytes: typeof patchMessageBytes;
  write: typeof writePatch;
}) {
  const scope = self as unknown as {
    onmessage: ((event: MessageEvent) => void) | null;
    postMessage(message: unknown): void;
  };
  /** The first message: where frames go, the canvas colour space, ports. */
  let setup: {
    url: string;
    colorSpace: PredefinedColorSpace;
    /** Receives the pixels of the frames before this worker's. */
    previous: MessagePort;
    /** Takes this worker's pixels to the worker of the next frame. */
    next: MessagePort;
    /** Whether to look for held frames at all. */
    detect: boolean;
    /** Send yuv420p patches where the pixels can be read (see yuvFrames.ts). */
    frames: 'yuv' | 'png';
  } | null = null;
  let canvas: OffscreenCanvas | null = null;
  let context: OffscreenCanvasRenderingContext2D | null = null;
  let socket: Promise<WebSocket> | null = null;
  let queue: Promise<void> = Promise.resolve();
  /** A frame sent and not yet acknowledged: its timings and send time. */
  interface Sent {
    encode: number;
    compare: number;
    held: boolean;
    t: number;
    /** Sent as a yuv patch. */
    patch: boolean;
    /** The message's buffer, free again once the frame is acknowledged. */
    buffer: ArrayBuffer | null;
  }
  const waiting = new Map<number, Sent>();
  /**
   * What this worker sends, fixed by its first frame: yuv patches when it
   * can read pixels (and was asked to), else PNGs. The server refuses a
   * stream that mixes the two.
   */
  let kind: 'yuv' | 'png' | null = null;
  /**
   * Message buffers, each big enough for a whole frame, reused once their
   * frame is acknowledged (fresh memory is slow to touch here, see
   * readPixels; a WebSocket may still read a buffer after send returns).
   */
  const buffers: ArrayBuffer[] = [];

  /** A frame's pixels as VideoFrame.copyTo gives them (see readPixels). */
  interface Pixels {
    width: number;
    height: number;
    format: string;
    data: Uint8Array;
  }
  /** Pixels received before they were asked for, by frame index. */
  const received = new Map<number, Pixels | null>();
  /** Frames whose pixels are awaited, by frame index. */
  const awaited = new Map<number, (pixels: Pixels | null) => void>();
  /** A buffer to copy the next frame's pixels into (the last one compared). */
  let spare: Uint8Array | null = null;
  /**
   * Whether readPixels gives this browser's canvas pixels as they are:
   * checked once, on the first frame (null: not yet).
   */
  let faithful: boolean | null = null;

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
        if (job.buffer) buffers.push(job.buffer);
        if (failed) fail(index, new Error(text.slice(text.indexOf(' ') + 1)));
        else {
          scope.postMessage({
            index,
            encode: job.encode,
            compare: job.compare,
            held: job.held,
            patch: job.patch,
            upload: performance.now() - job.t,
          });
        }
      };
    });
  }

  /** The pixels of frame `index`, once the previous worker has sent them. */
  function pixelsOf(index: number): Promise<Pixels | null> {
    if (received.has(index)) {
      const pixels = received.get(index)!;
      received.delete(index);
      return Promise.resolve(pixels);
    }
    return new Promise(resolve => awaited.set(index, resolve));
  }

  /**
   * Copies a snapshot's pixels out, into the spare buffer when it fits; null
   * when this browser cannot (no held frames then).
   *
   * @remarks
   * VideoFrame.copyTo writes into a buffer we keep (the one compared last):
   * 1-2 ms a 1080p frame here, where getImageData, which allocates 8 MB each
   * time, cost 50-60 ms (fresh memory is slow to touch in this VM), as much
   * as the PNG it would save. Only RGBA/BGRA frames of the snapshot's size,
   * alpha kept, from an sRGB canvas (no colour conversion): their bytes are
   * the canvas's 8-bit pixels, premultiplied or not (one-to-one either way),
   * so equal bytes are equal pixels, hence equal PNGs. That is checked
   * against getImageData on each worker's first frame (see faithfulTo); if
   * it fails, or VideoFrame is missing, every frame is encoded as before.
   */
  async function readPixels(bitmap: ImageBitmap): Promise<Pixels | null> {
    if (typeof VideoFrame !== 'function' || setup!.colorSpace !== 'srgb') {
      return null;
    }
    const frame = new VideoFrame(bitmap, {timestamp: 0, alpha: 'keep'});
    try {
      const {format, codedWidth: width, codedHeight: height} = frame;
      const size = width * height * 4;
      if (
        (format !== 'RGBA' && format !== 'BGRA') ||
        width !== bitmap.width ||
        height !== bitmap.height ||
        frame.allocationSize() !== size
      ) {
        return null;
      }
      const data = spare?.length === size ? spare : new Uint8Array(size);
      spare = null;
      await frame.copyTo(data);
      return {width, height, format, data};
    } finally {
      frame.close();
    }
  }

  /**
   * Whether `pixels` are the canvas's pixels as getImageData reads them:
   * same alpha everywhere, same colour where opaque (VideoFrame may keep
   * colours premultiplied; one-to-one either way).
   */
  function faithfulTo(pixels: Pixels): boolean {
    const {width, height} = pixels;
    const image = context!.getImageData(0, 0, width, height).data;
    const [r, b] = pixels.format === 'BGRA' ? [2, 0] : [0, 2];
    const data = pixels.data;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] !== image[i + 3]) return false;
      if (
        image[i + 3] === 255 &&
        (data[i + r] !== image[i] ||
          data[i + 1] !== image[i + 1] ||
          data[i + b] !== image[i + 2])
      ) {
        return false;
      }
    }
    return true;
  }

  /** Where samePixels last found two frames to differ (a 32-bit word). */
  let lastDifference = 0;

  /** Whether two frames have the same size and format and every byte equal. */
  function samePixels(a: Pixels, b: Pixels): boolean {
    if (
      a.width !== b.width ||
      a.height !== b.height ||
      a.format !== b.format ||
      a.data.length !== b.data.length
    ) {
      return false;
    }
    // Words, not bytes: a quarter of the steps.
    const x = new Uint32Array(
      a.data.buffer,
      a.data.byteOffset,
      a.data.length >> 2,
    );
    const y = new Uint32Array(
      b.data.buffer,
      b.data.byteOffset,
      b.data.length >> 2,
    );
    // A sparse pass first (every 61st pixel, about 34,000 of a 1080p frame)
    // finds large changes at once; then every pixel, from where the last
    // difference was (what moves tends to keep moving), round to it.
    const n = x.length;
    for (let i = 0; i < n; i += 61) if (x[i] !== y[i]) return false;
    const from = lastDifference < n ? lastDifference : 0;
    let i = from;
    while (i < n && x[i] === y[i]) i++;
    if (i === n) {
      i = 0;
      while (i < from && x[i] === y[i]) i++;
      if (i === from) return true;
    }
    lastDifference = i;
    return false;
  }

  /** Draws a snapshot on the worker's canvas (made or resized as needed). */
  function drawOnCanvas(bitmap: ImageBitmap) {
    if (
      !canvas ||
      !context ||
      canvas.width !== bitmap.width ||
      canvas.height !== bitmap.height
    ) {
      canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      context = canvas.getContext('2d', {colorSpace: setup!.colorSpace});
      if (!context) throw new Error('no 2D context in the frame worker');
    }
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.drawImage(bitmap, 0, 0);
    bitmap.close();
  }

  /**
   * Frame `index` as a yuv patch message (see yuvFrames.ts) in a reused
   * buffer: the rectangles where it differs from `before` (all of it when
   * `before` is null); when nothing differs, null, or with `empty` a patch
   * of no rectangles.
   */
  function yuvMessage(
    index: number,
    pixels: Pixels,
    before: Pixels | null,
    bitmap: ImageBitmap | null,
    empty: boolean,
  ): {message: Uint8Array; buffer: ArrayBuffer} | null {
    const {width, height, data} = pixels;
    const words = (p: Pixels) =>
      new Uint32Array(p.data.buffer, p.data.byteOffset, p.data.length >> 2);
    const comparable =
      before !== null &&
      before.width === width &&
      before.height === height &&
      before.format === pixels.format;
    const rects = yuv.changed(
      words(pixels),
      comparable ? words(before) : null,
      width,
      height,
      16,
    );
    if (rects.length === 0 && !empty) return null;
    const size = yuv.bytes(rects);
    let buffer = buffers.pop();
    if (!buffer || buffer.byteLength < size) {
      // Room for a whole frame in as many rectangles as there can be.
      const most = yuv.bytes(
        Array.from({length: Math.ceil(height / 16) + 1}, () => [
          0,
          0,
          width + 1,
          16,
        ]).flat(),
      );
      buffer = new ArrayBuffer(Math.max(size, most));
    }
    const message = new Uint8Array(buffer, 0, size);
    yuv.write(
      message,
      index,
      data,
      width,
      height,
      pixels.format === 'BGRA',
      rects,
      yuv.toI420,
      (x, y, w, h, at) => {
        // Read as the canvas gives them (not premultiplied), as a PNG has
        // them: the same colours, however the pixels were read.
        if (bitmap) drawOnCanvas(bitmap);
        bitmap = null;
        const image = context!.getImageData(
          x,
          y,
          Math.min(w, width - x),
          Math.min(h, height - y),
        );
        yuv.toI420(
          new Uint8Array(image.data.buffer),
          image.width,
          image.height,
          false,
          0,
          0,
          w,
          h,
          message,
          at,
        );
      },
    );
    return {message, buffer};
  }

  /**
   * Sends frame `index`: as a repeat when `compare` (frame index - 1 went to
   * the previous worker) and its pixels equal that frame's; else as a yuv
   * patch of what changed (or the whole frame), or a PNG where this worker
   * cannot read pixels (see `kind`).
   */
  async function encode(
    index: number,
    bitmap: ImageBitmap | null,
    compare: boolean,
    expectStill: boolean,
  ): Promise<void> {
    if (!bitmap) return sendStill(index);
    const {next, detect, frames} = setup!;
    /** Pixels go round the ring to find held frames and what changed. */
    const ring = detect || frames === 'yuv';
    /** This frame's pixels, for the next worker (null: not known). */
    let mine: Pixels | null = null;
    let passed = false;
    const pass = () => {
      if (passed || !ring) return;
      passed = true;
      next.postMessage({index, pixels: mine}, mine ? [mine.data.buffer] : []);
    };
    let drawn = false;
    try {
      let held = false;
      let compareMs = 0;
      const c0 = performance.now();
      if (ring && faithful !== false) {
        // Reading pixels must never fail a frame: if it throws, this
        // worker reads them another way (or encodes PNGs) from now on.
        mine = await readPixels(bitmap).catch(() => {
          faithful = false;
          return null;
        });
        if (mine && faithful === null) {
          drawOnCanvas(bitmap);
          drawn = true;
          faithful = faithfulTo(mine);
          if (!faithful) mine = null;
        }
      }
      kind ??= frames === 'yuv' && mine ? 'yuv' : 'png';
      if (kind === 'yuv' && !mine) {
        // Pixels as the canvas gives them (slow: a fresh 8 MB a frame).
        if (!drawn) drawOnCanvas(bitmap);
        drawn = true;
        const image = context!.getImageData(
          0,
          0,
          canvas!.width,
          canvas!.height,
        );
        mine = {
          width: image.width,
          height: image.height,
          format: 'RGBA',
          data: new Uint8Array(image.data.buffer),
        };
      }
      const c1 = performance.now();
      // Taken even when this worker cannot compare, so that none pile up.
      const before = compare ? await pixelsOf(index - 1) : null;
      const c2 = performance.now();
      let message: Uint8Array | string | null = null;
      let buffer: ArrayBuffer | null = null;
      let encodeMs = 0;
      // Compared (and, as a patch, converted) before its pixels move on.
      if (kind === 'yuv') {
        const t0 = performance.now();
        // Asked not to send repeats: the same frame as an empty patch.
        const made = yuvMessage(
          index,
          mine!,
          before,
          drawn ? null : bitmap,
          !detect,
        );
        encodeMs = performance.now() - t0;
        compareMs = c1 - c0;
        if (made) ({message, buffer} = made);
        held = made === null;
      } else {
        held = mine !== null && before !== null && samePixels(mine, before);
        // Copying out and comparing; waiting for the other worker is not.
        compareMs = c1 - c0 + (performance.now() - c2);
      }
      pass();
      // The buffer compared with is this worker's next one.
      if (before) spare = before.data;
      if (held) {
        message = `repeat ${index}`;
      } else if (message === null) {
        const t0 = performance.now();
        if (!drawn) drawOnCanvas(bitmap);
        drawn = true;
        const png = await (
          await canvas!.convertToBlob({type: 'image/png'})
        ).arrayBuffer();
        encodeMs = performance.now() - t0;
        message = new Uint8Array(png.byteLength + 4);
        new DataView(message.buffer).setUint32(0, index, true);
        message.set(new Uint8Array(png), 4);
      }
      if (expectStill && !held && mine !== null && before !== null) {
        // "was taken as still" is what stillFallback.ts looks for.
        throw new Error(
          `frame ${index} was taken as still (no signal changed since the frame before) but its pixels differ: does a node draw from state kept outside signals? MC_RENDER_STILL_FRAMES=0 draws every frame`,
        );
      }
      await upload(index, message, {
        encode: encodeMs,
        compare: compareMs,
        held,
        patch: kind === 'yuv' && !held,
        buffer,
      });
    } finally {
      // A frame that failed before its pixels were passed on: the next one
      // is simply encoded whole.
      if (!passed) mine = null;
      pass();
      if (!drawn) bitmap.close();
    }
  }

  /**
   * Sends frame `index` as a repeat without pixels to look at: the page
   * knows it equals the frame before (see page.ts). That frame's pixels,
   * from the previous worker, are this one's for the next worker.
   */
  async function sendStill(index: number): Promise<void> {
    const pixels = await pixelsOf(index - 1);
    setup!.next.postMessage(
      {index, pixels},
      pixels ? [pixels.data.buffer] : [],
    );
    await upload(index, `repeat ${index}`, {
      encode: 0,
      compare: 0,
      held: true,
      patch: false,
      buffer: null,
    });
  }

  /** Sends frame `index`'s message; its ack is awaited in `waiting`. */
  async function upload(
    index: number,
    message: Uint8Array | string,
    job: Omit<Sent, 't'>,
  ): Promise<void> {
    socket ??= connect(setup!.url);
    const ws = await socket;
    waiting.set(index, {...job, t: performance.now()});
    ws.send(message);
  }

  scope.onmessage = event => {
    if (!setup) {
      setup = event.data;
      setup!.previous.onmessage = (e: MessageEvent) => {
        const {index, pixels} = e.data as {
          index: number;
          pixels: Pixels | null;
        };
        const resolve = awaited.get(index);
        if (resolve) {
          awaited.delete(index);
          resolve(pixels);
        } else received.set(index, pixels);
      };
      return;
    }
    const {index, bitmap, compare, expectStill} = event.data as {
      index: number;
      bitmap: ImageBitmap | null;
      compare: boolean;
      expectStill: boolean;
    };
    queue = queue
      .then(() => encode(index, bitmap, compare, expectStill))
      .catch(e => fail(index, e));
  };
}

/**
 * A frame the workers could not deliver: the render server refused it (its
 * message names the frame) or the stream broke. Not the scene's doing.
 */
export class FrameStreamError extends Error {}

/**
 * Workers turning frames into yuv patches (or PNGs) and uploading them, so
 * that the main thread only draws. At most `limit` frames are in flight;
 * {@link FramePool.send} and {@link FramePool.repeat} wait for room.
 */
export class FramePool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<
    number,
    {resolve: () => void; reject: (error: Error) => void}
  >();
  private readonly inFlight: Promise<void>[] = [];
  private turn = 0;
  /** The index of the frame sent last (-1: none yet). */
  private last = -1;
  /** Milliseconds the workers spent encoding and uploading, summed. */
  encode = 0;
  upload = 0;
  /** Milliseconds the workers spent copying pixels out and comparing. */
  compare = 0;
  /** Frames sent as repeats of the frame before (pixel-identical). */
  held = 0;
  /** Frames sent as yuv patches. */
  patches = 0;
  /** Milliseconds the main thread spent taking snapshots. */
  snapshot = 0;
  private readonly scriptUrl: string;

  /**
   * `url`: the frame stream's WebSocket (see acceptFrameStream).
   * `detectHeld`: send frames equal to the one before as repeats.
   */
  constructor(
    size: number,
    private readonly limit: number,
    url: string,
    colorSpace: PredefinedColorSpace,
    private readonly detectHeld = true,
    private readonly frames: 'yuv' | 'png' = 'yuv',
  ) {
    // The worker's script: its body and the functions of yuvFrames.ts it
    // uses, from their source text.
    const script = `(${frameWorkerMain.toString()})({changed: ${changedRects.toString()}, toI420: ${rectToI420.toString()}, bytes: ${patchMessageBytes.toString()}, write: ${writePatch.toString()}});`;
    this.scriptUrl = URL.createObjectURL(
      new Blob([script], {
        type: 'text/javascript',
      }),
    );
    // A ring: worker i passes its frames' pixels to worker i + 1, which
    // gets the frame after (see frameWorkerMain).
    const links = Array.from({length: size}, () => new MessageChannel());
    for (let i = 0; i < size; i++) {
      const worker = new Worker(this.scriptUrl);
      worker.onmessage = event => {
        const {index, error, encode, upload, compare, held, patch} =
          event.data as {
            index: number;
            error?: string;
            encode?: number;
            upload?: number;
            compare?: number;
            held?: boolean;
            patch?: boolean;
          };
        this.encode += encode ?? 0;
        this.upload += upload ?? 0;
        this.compare += compare ?? 0;
        if (held) this.held++;
        if (patch) this.patches++;
        const job = this.pending.get(index);
        this.pending.delete(index);
        if (!job) return;
        if (error) job.reject(new FrameStreamError(error));
        else job.resolve();
      };
      const next = links[i].port1;
      const previous = links[(i + size - 1) % size].port2;
      worker.postMessage(
        {url, colorSpace, next, previous, detect: detectHeld, frames},
        [next, previous],
      );
      this.workers.push(worker);
    }
  }

  /**
   * Snapshots the canvas now and ships it as frame `index` (unique within the
   * pool's range); waits while the pool is full. `expectStill`: the page took
   * the frame as still (see page.ts) and drew it all the same, to check: it
   * fails unless its pixels equal the frame before.
   */
  async send(
    canvas: HTMLCanvasElement,
    index: number,
    expectStill = false,
  ): Promise<void> {
    const s0 = performance.now();
    const bitmap = await createImageBitmap(canvas);
    this.snapshot += performance.now() - s0;
    await this.post(index, bitmap, expectStill);
  }

  /**
   * Ships frame `index` as a repeat of frame `index - 1`, the frame sent
   * just before, not drawn (the page knows it is the same, see page.ts).
   * Needs held frames on.
   */
  async repeat(index: number): Promise<void> {
    if (!this.detectHeld || index !== this.last + 1 || this.last < 0) {
      throw new Error(
        `frame ${index} cannot be sent as a repeat (held frames ${this.detectHeld ? 'on' : 'off'}, last frame sent ${this.last})`,
      );
    }
    await this.post(index, null, false);
  }

  private async post(
    index: number,
    bitmap: ImageBitmap | null,
    expectStill: boolean,
  ): Promise<void> {
    const done = new Promise<void>((resolve, reject) =>
      this.pending.set(index, {resolve, reject}),
    );
    // Rejections surface when the frame is awaited (below or in flush).
    done.catch(() => undefined);
    const worker = this.workers[this.turn];
    this.turn = (this.turn + 1) % this.workers.length;
    // Compared only with a frame sent just before, to the previous worker:
    // the first frame of a range is always sent whole (the server has
    // nothing to repeat or patch).
    const compare =
      (this.detectHeld || this.frames === 'yuv') &&
      this.last >= 0 &&
      index === this.last + 1;
    this.last = index;
    worker.postMessage(
      {index, bitmap, compare, expectStill},
      bitmap ? [bitmap] : [],
    );
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
