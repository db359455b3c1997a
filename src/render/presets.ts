/**
 * Output presets: frame size and rate. The project is drawn at its own size
 * (1920x1080 for the chapter) times a resolution scale that reaches the
 * preset's size.
 */

/** A named output size and frame rate. */
export interface Preset {
  width: number;
  height: number;
  fps: number;
}

/** The presets `--preset` accepts. */
export const PRESETS = {
  preview: {width: 854, height: 480, fps: 30},
  hd: {width: 1920, height: 1080, fps: 60},
  '4k': {width: 3840, height: 2160, fps: 60},
} as const satisfies Record<string, Preset>;

/** A preset's name. */
export type PresetName = keyof typeof PRESETS;

/** The default preset. */
export const DEFAULT_PRESET: PresetName = 'hd';

/** True when `name` is a preset name. */
export function isPresetName(name: string): name is PresetName {
  return Object.prototype.hasOwnProperty.call(PRESETS, name);
}

/**
 * The resolution scale that fits a project of the given size into the
 * preset's box (1920x1080 → 854x480 is 854/1920).
 */
export function resolutionScaleFor(
  width: number,
  height: number,
  preset: Preset,
): number {
  if (!(width > 0 && height > 0)) {
    throw new Error(
      `project size: expected positive numbers, got ${width}x${height}`,
    );
  }
  // Fit the width (854x480 is not exactly 16:9: 1080 * 854 / 1920 is
  // 480.375, which the canvas truncates to 480); fit the height instead when
  // the width-fitted height would overflow the box by a pixel or more.
  let scale = preset.width / width;
  if (height * scale >= preset.height + 1) scale = preset.height / height;
  // The canvas truncates size * scale: 1920 * (854 / 1920) is
  // 853.9999999999999 in floating point, which would give an 853 px frame.
  const w = Math.round(width * scale);
  const h = Math.round(height * scale);
  while (Math.floor(width * scale) < w || Math.floor(height * scale) < h) {
    scale += 1e-12;
  }
  return scale;
}
