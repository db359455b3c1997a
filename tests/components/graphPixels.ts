/**
 * Pixel helpers of the graph-side component tests (WarpedGrid, FunctionGraph,
 * ChainStack): scene coordinates (origin at the centre of a 1920x1080 scene)
 * to image pixels, and a search for a colour near a scene point.
 */

/** What these helpers need of a rendered still. */
export interface Still {
  width: number;
  height: number;
  pixel(x: number, y: number): [number, number, number, number];
}

/** '#rrggbb' as RGB bytes. */
export function hexToRgb(color: string): [number, number, number] {
  const m = /^#([0-9a-f]{6})$/i.exec(color);
  if (!m) throw new Error(`hexToRgb: expected '#rrggbb', got ${color}`);
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/**
 * Whether some pixel within `radius` scene px of the scene point (x, y) has
 * `color` within `tolerance` on every channel.
 */
export function hasColorNear(
  still: Still,
  x: number,
  y: number,
  color: string,
  radius = 4,
  tolerance = 40,
): boolean {
  const [r0, g0, b0] = hexToRgb(color);
  const k = still.width / 1920;
  const cx = Math.round((x + 960) * k);
  const cy = Math.round((y + 540) * k);
  const r = Math.max(1, Math.ceil(radius * k));
  for (let dy = -r; dy <= r; dy++) {
    for (let dx = -r; dx <= r; dx++) {
      const px = cx + dx;
      const py = cy + dy;
      if (px < 0 || py < 0 || px >= still.width || py >= still.height) continue;
      const [pr, pg, pb] = still.pixel(px, py);
      if (
        Math.abs(pr - r0) <= tolerance &&
        Math.abs(pg - g0) <= tolerance &&
        Math.abs(pb - b0) <= tolerance
      ) {
        return true;
      }
    }
  }
  return false;
}
