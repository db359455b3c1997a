/**
 * Frames as yuv420p patches: the render page's workers convert what changed
 * since the frame before to BT.709 limited-range yuv420p themselves and send
 * only that; this process keeps the whole frame and hands it to x264 raw. No
 * PNG is encoded, none decoded, and ffmpeg converts no colours: measured on
 * the bench scene that was about 20 ms of CPU a frame (PNG in the page 8,
 * PNG decoding 6.5, RGBA→yuv 4.2), against 1-5 ms for the conversion here.
 *
 * @remarks
 * `changedRects` and `rectToI420` run inside the page's frame workers, whose
 * script is made from their source text (see framePool.ts): each must stay
 * free of imports and of anything outside its own body.
 *
 * A patch message (after the stream's uint32 frame index), little-endian:
 * the magic `YUV1`; uint16 width and height of the frame (its pixels, before
 * odd sides are padded to even); uint16 rectangle count; uint16 zero; per
 * rectangle uint16 x, y, w, h (even numbers, inside the padded frame); then
 * per rectangle its Y plane (w*h bytes, row by row), U and V (w/2*h/2 each).
 */

/** The first four bytes of a patch message. */
export const YUV_MAGIC = 0x31565559; // "YUV1" read as a little-endian uint32

/** The first four bytes of a PNG, as a little-endian uint32. */
const PNG_MAGIC = 0x474e5089;

/** What a frame message holds. */
export type FrameKind = 'png' | 'yuv';

/** The kind of a frame message's bytes (after the index), or null. */
export function frameKind(data: Buffer): FrameKind | null {
  if (data.length < 8) return null;
  const magic = data.readUInt32LE(0);
  return magic === YUV_MAGIC ? 'yuv' : magic === PNG_MAGIC ? 'png' : null;
}

/**
 * The rectangles, as a flat list `[x, y, w, h, ...]`, that cover every pixel
 * of `current` that differs from `previous` (both `width` x `height` pixels,
 * one 32-bit word each), aligned to 2x2 blocks of the frame padded to even
 * sides: in each band of `band` rows (even), from the first to the last
 * column that changed. Everything when `previous` is null; nothing when the
 * frames are equal.
 *
 * @remarks
 * A 2x2 block's yuv depends on its four pixels only, so converting these
 * rectangles of the new frame and leaving the rest gives exactly the
 * conversion of the whole new frame. Runs in the page's workers: no outer
 * references.
 */
export function changedRects(
  current: Uint32Array,
  previous: Uint32Array | null,
  width: number,
  height: number,
  band: number,
): number[] {
  const paddedWidth = width + (width % 2);
  const paddedHeight = height + (height % 2);
  if (!previous) return [0, 0, paddedWidth, paddedHeight];
  const rects: number[] = [];
  for (let top = 0; top < paddedHeight; top += band) {
    const bottom = Math.min(top + band, height);
    let first = width;
    let last = -1;
    for (let y = top; y < bottom; y++) {
      const row = y * width;
      let i = 0;
      while (i < width && current[row + i] === previous[row + i]) i++;
      if (i === width) continue;
      if (i < first) first = i;
      let j = width - 1;
      while (j > last && current[row + j] === previous[row + j]) j--;
      if (j > last) last = j;
    }
    if (last < 0) continue;
    const x = first - (first % 2);
    const right = last + 1 + ((last + 1) % 2);
    rects.push(x, top, right - x, Math.min(top + band, paddedHeight) - top);
  }
  return rects;
}

/**
 * Converts the rectangle (x, y, w, h: even numbers) of an RGBA image (BGRA
 * when `bgra`), `width` x `height` pixels with 4 bytes each, to BT.709
 * limited-range yuv420p, written to `out` from `at`: the Y plane (w*h), then
 * U and V (w/2*h/2 each). Pixels outside the image count as black (how
 * ffmpeg's pad filter makes odd sides even). Chroma is the mean of each 2x2
 * block. Returns false if any pixel in it is not opaque: its colour is then
 * taken as it stands, which for premultiplied pixels is not their colour.
 *
 * @remarks
 * Fixed point with 16 fractional bits, rounded: Y within 1 of ffmpeg's
 * conversion (tested against it). Runs in the page's workers: no outer
 * references. About 5 ms for a whole 1080p frame here; blocks of one
 * colour, most of a frame, reuse the last such block's result.
 */
export function rectToI420(
  src: Uint8Array,
  width: number,
  height: number,
  bgra: boolean,
  x: number,
  y: number,
  w: number,
  h: number,
  out: Uint8Array,
  at: number,
): boolean {
  // BT.709: Kr 0.2126, Kb 0.0722; Y 16-235, Cb and Cr 16-240.
  const yScale = (219 / 255) * 65536;
  const cScale = (224 / 255) * 65536;
  const yr = Math.round(0.2126 * yScale);
  const yg = Math.round(0.7152 * yScale);
  const yb = Math.round(0.0722 * yScale);
  const ur = Math.round((-0.2126 / 1.8556) * cScale);
  const ug = Math.round((-0.7152 / 1.8556) * cScale);
  const ub = Math.round(0.5 * cScale);
  const vr = Math.round(0.5 * cScale);
  const vg = Math.round((-0.7152 / 1.5748) * cScale);
  const vb = Math.round((-0.0722 / 1.5748) * cScale);
  const yOff = (16 << 16) + (1 << 15);
  // Chroma sums four pixels: 18 fractional bits.
  const cOff = (128 << 18) + (1 << 17);
  const rs = bgra ? 16 : 0;
  const bs = bgra ? 0 : 16;
  const words = new Uint32Array(src.buffer, src.byteOffset, src.length >> 2);
  const yPlane = at;
  const uPlane = at + w * h;
  const vPlane = uPlane + (w >> 1) * (h >> 1);
  let alpha = 0xff;
  let same = -1;
  let sameY = 0;
  let sameU = 0;
  let sameV = 0;
  for (let row = 0; row < h; row += 2) {
    const sy = y + row;
    const inside = sy + 1 < height;
    let yo = yPlane + row * w;
    let co = (row >> 1) * (w >> 1);
    for (let col = 0; col < w; col += 2, yo += 2, co++) {
      const sx = x + col;
      let a: number;
      let b: number;
      let c: number;
      let d: number;
      if (inside && sx + 1 < width) {
        const p = sy * width + sx;
        a = words[p];
        b = words[p + 1];
        c = words[p + width];
        d = words[p + width + 1];
      } else {
        // An edge block: pixels past the image are black (and opaque).
        const p = sy * width + sx;
        const right = sx + 1 < width;
        const below = sy + 1 < height;
        a = sy < height && sx < width ? words[p] : 0xff000000;
        b = sy < height && right ? words[p + 1] : 0xff000000;
        c = below && sx < width ? words[p + width] : 0xff000000;
        d = below && right ? words[p + width + 1] : 0xff000000;
      }
      if (a === same && b === a && c === a && d === a) {
        out[yo] = sameY;
        out[yo + 1] = sameY;
        out[yo + w] = sameY;
        out[yo + w + 1] = sameY;
        out[uPlane + co] = sameU;
        out[vPlane + co] = sameV;
        continue;
      }
      alpha &= (a & b & c & d) >>> 24;
      const r0 = (a >>> rs) & 255;
      const g0 = (a >>> 8) & 255;
      const b0 = (a >>> bs) & 255;
      const r1 = (b >>> rs) & 255;
      const g1 = (b >>> 8) & 255;
      const b1 = (b >>> bs) & 255;
      const r2 = (c >>> rs) & 255;
      const g2 = (c >>> 8) & 255;
      const b2 = (c >>> bs) & 255;
      const r3 = (d >>> rs) & 255;
      const g3 = (d >>> 8) & 255;
      const b3 = (d >>> bs) & 255;
      const y0 = (yr * r0 + yg * g0 + yb * b0 + yOff) >> 16;
      out[yo] = y0;
      out[yo + 1] = (yr * r1 + yg * g1 + yb * b1 + yOff) >> 16;
      out[yo + w] = (yr * r2 + yg * g2 + yb * b2 + yOff) >> 16;
      out[yo + w + 1] = (yr * r3 + yg * g3 + yb * b3 + yOff) >> 16;
      const r = r0 + r1 + r2 + r3;
      const g = g0 + g1 + g2 + g3;
      const bl = b0 + b1 + b2 + b3;
      const u = (ur * r + ug * g + ub * bl + cOff) >> 18;
      const v = (vr * r + vg * g + vb * bl + cOff) >> 18;
      out[uPlane + co] = u;
      out[vPlane + co] = v;
      if (b === a && c === a && d === a) {
        same = a;
        sameY = y0;
        sameU = u;
        sameV = v;
      }
    }
  }
  return alpha === 0xff;
}

/** Bytes of a patch message's header (after the index) for `count` rects. */
export function patchHeaderBytes(count: number): number {
  return 12 + 8 * count;
}

/** Bytes of a rectangle's planes. */
export function rectPlaneBytes(w: number, h: number): number {
  return w * h + 2 * (w >> 1) * (h >> 1);
}

/**
 * Bytes of the whole message, the stream's uint32 index included, for the
 * rectangles `[x, y, w, h, ...]`. Runs in the page's workers: no outer
 * references.
 */
export function patchMessageBytes(rects: number[]): number {
  let size = 4 + 12 + 2 * rects.length;
  for (let i = 0; i < rects.length; i += 4) {
    const w = rects[i + 2];
    const h = rects[i + 3];
    size += w * h + 2 * (w >> 1) * (h >> 1);
  }
  return size;
}

/**
 * Writes frame `index` as a patch message, the stream's uint32 index first,
 * to the start of `out` (patchMessageBytes long): the rectangles of `src`
 * (`width` x `height`, RGBA or BGRA) converted with `convert` (rectToI420).
 * A rectangle with pixels not opaque is handed to `translucent` (x, y, w,
 * h, where its planes start in `out`) to be converted again from straight
 * colours. Runs in the page's workers: no outer references.
 */
export function writePatch(
  out: Uint8Array,
  index: number,
  src: Uint8Array,
  width: number,
  height: number,
  bgra: boolean,
  rects: number[],
  convert: typeof rectToI420,
  translucent: (x: number, y: number, w: number, h: number, at: number) => void,
): void {
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const count = rects.length / 4;
  view.setUint32(0, index, true);
  view.setUint32(4, 0x31565559, true); // "YUV1"
  view.setUint16(8, width, true);
  view.setUint16(10, height, true);
  view.setUint16(12, count, true);
  view.setUint16(14, 0, true);
  let at = 16 + 8 * count;
  for (let i = 0; i < rects.length; i += 4) {
    const x = rects[i];
    const y = rects[i + 1];
    const w = rects[i + 2];
    const h = rects[i + 3];
    const o = 16 + 2 * i;
    view.setUint16(o, x, true);
    view.setUint16(o + 2, y, true);
    view.setUint16(o + 4, w, true);
    view.setUint16(o + 6, h, true);
    if (!convert(src, width, height, bgra, x, y, w, h, out, at)) {
      translucent(x, y, w, h, at);
    }
    at += w * h + 2 * (w >> 1) * (h >> 1);
  }
}

/** A parsed patch: the frame's size and where each rectangle's planes are. */
interface Patch {
  width: number;
  height: number;
  rects: {x: number; y: number; w: number; h: number; at: number}[];
}

/** Reads a patch message; throws one line saying what is wrong with it. */
export function parsePatch(data: Buffer): Patch {
  const bad = (what: string) =>
    new Error(`a yuv frame message ${what} (${data.length} bytes)`);
  if (data.length < 12 || data.readUInt32LE(0) !== YUV_MAGIC) {
    throw bad('does not start with "YUV1"');
  }
  const width = data.readUInt16LE(4);
  const height = data.readUInt16LE(6);
  const count = data.readUInt16LE(8);
  if (width === 0 || height === 0) throw bad('has a frame size of 0');
  const paddedWidth = width + (width % 2);
  const paddedHeight = height + (height % 2);
  let at = patchHeaderBytes(count);
  if (data.length < at) throw bad(`is too short for ${count} rectangles`);
  const rects: Patch['rects'] = [];
  for (let i = 0; i < count; i++) {
    const o = 12 + 8 * i;
    const x = data.readUInt16LE(o);
    const y = data.readUInt16LE(o + 2);
    const w = data.readUInt16LE(o + 4);
    const h = data.readUInt16LE(o + 6);
    if (
      (x | y | w | h) % 2 !== 0 ||
      x + w > paddedWidth ||
      y + h > paddedHeight
    ) {
      throw bad(
        `has rectangle ${x},${y} ${w}x${h}, expected even numbers inside ${paddedWidth}x${paddedHeight}`,
      );
    }
    rects.push({x, y, w, h, at});
    at += rectPlaneBytes(w, h);
  }
  if (at !== data.length) {
    throw bad(`should be ${at} bytes for its ${count} rectangles`);
  }
  return {width, height, rects};
}

/**
 * The whole frames of one stream of patch messages: each patch is applied
 * to the frame before. `apply` returns the frame buffer, which the next
 * patch changes in place: hand it on (to ffmpeg's stdin) before the next.
 */
export class YuvFrames {
  private frame: Buffer | null = null;
  private width = 0;
  private height = 0;

  /** Applies the patch of frame `index`; returns the whole frame. */
  apply(index: number, data: Buffer): Buffer {
    const patch = parsePatch(data);
    const {width, height} = patch;
    const paddedWidth = width + (width % 2);
    const paddedHeight = height + (height % 2);
    if (!this.frame || width !== this.width || height !== this.height) {
      const whole = patch.rects.some(
        r =>
          r.x === 0 && r.y === 0 && r.w === paddedWidth && r.h === paddedHeight,
      );
      if (!whole) {
        throw new Error(
          `frame ${index} is a yuv patch but the stream has no ${width}x${height} frame before it to patch (the first frame must be sent whole)`,
        );
      }
      this.frame = Buffer.alloc((paddedWidth * paddedHeight * 3) / 2);
      this.width = width;
      this.height = height;
    }
    const frame = this.frame;
    const uFrame = paddedWidth * paddedHeight;
    const vFrame = uFrame + (paddedWidth >> 1) * (paddedHeight >> 1);
    const chromaWidth = paddedWidth >> 1;
    for (const {x, y, w, h, at} of patch.rects) {
      for (let row = 0; row < h; row++) {
        const from = at + row * w;
        data.copy(frame, (y + row) * paddedWidth + x, from, from + w);
      }
      const cw = w >> 1;
      const ch = h >> 1;
      const u = at + w * h;
      const v = u + cw * ch;
      for (let row = 0; row < ch; row++) {
        const to = ((y >> 1) + row) * chromaWidth + (x >> 1);
        data.copy(frame, uFrame + to, u + row * cw, u + (row + 1) * cw);
        data.copy(frame, vFrame + to, v + row * cw, v + (row + 1) * cw);
      }
    }
    return frame;
  }
}
