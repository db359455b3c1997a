/**
 * Pixel helpers shared by the mapping components' tests: scene coordinates
 * (origin at the centre, 1920x1080) to image pixels, colour parsing, and a
 * search for a colour near a point.
 */

/** What these helpers need of a rendered still. */
export interface Still {
  width: number;
  height: number;
  pixel(x: number, y: number): [number, number, number, number];
}

export type Rgb = [r: number, g: number, b: number];

/** '#58c4dd' or 'hsl(44, 95%, 63%)' as RGB bytes. */
export function parseColor(color: string): Rgb {
  const hex = /^#([0-9a-f]{6})$/i.exec(color);
  if (hex) {
    const n = parseInt(hex[1], 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  const hsl = /^hsl\(\s*([\d.]+),\s*([\d.]+)%,\s*([\d.]+)%\)$/.exec(color);
  if (hsl) {
    const h = Number(hsl[1]) / 360;
    const s = Number(hsl[2]) / 100;
    const l = Number(hsl[3]) / 100;
    const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
    const p = 2 * l - q;
    const channel = (t: number) => {
      const u = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
      if (u < 1 / 6) return p + (q - p) * 6 * u;
      if (u < 1 / 2) return q;
      if (u < 2 / 3) return p + (q - p) * (2 / 3 - u) * 6;
      return p;
    };
    return [channel(h + 1 / 3), channel(h), channel(h - 1 / 3)].map(v =>
      Math.round(v * 255),
    ) as Rgb;
  }
  throw new Error(
    `parseColor: expected '#rrggbb' or 'hsl(h, s%, l%)', got ${color}`,
  );
}

/** Largest channel difference between two colours. */
export function colorDistance(a: Rgb, b: Rgb): number {
  return Math.max(
    Math.abs(a[0] - b[0]),
    Math.abs(a[1] - b[1]),
    Math.abs(a[2] - b[2]),
  );
}

/** The image pixel of a scene point (origin at the centre of a 1920x1080 scene). */
export function toPixel(still: Still, x: number, y: number): [number, number] {
  const k = still.width / 1920;
  return [Math.round((x + 960) * k), Math.round((y + 540) * k)];
}

/**
 * The distance, in image pixels, from the scene point (x, y) to the nearest
 * pixel within `radius` (scene px) whose colour is within `tolerance` of
 * `color`; Infinity if there is none.
 */
export function nearestColor(
  still: Still,
  x: number,
  y: number,
  color: string,
  radius = 6,
  tolerance = 40,
): number {
  const target = parseColor(color);
  const [cx, cy] = toPixel(still, x, y);
  const r = Math.ceil((radius * still.width) / 1920);
  let best = Infinity;
  for (let dy = -r; dy <= r; dy++) {
    for (let dx = -r; dx <= r; dx++) {
      const px = cx + dx;
      const py = cy + dy;
      if (px < 0 || py < 0 || px >= still.width || py >= still.height) continue;
      const [pr, pg, pb] = still.pixel(px, py);
      if (colorDistance([pr, pg, pb], target) <= tolerance) {
        best = Math.min(best, Math.hypot(dx, dy));
      }
    }
  }
  return best;
}
