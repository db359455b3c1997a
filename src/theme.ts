/**
 * The house look of the chapter: the one place a colour, a stroke width or a
 * font is chosen. Components and scenes take their styling from here.
 *
 * @remarks
 * Colours follow 3Blue1Brown's palette (manim's BLUE_C, GREEN_C, YELLOW_C,
 * RED_C ...) on a deep navy background, one accent per role as
 * STORYBOARD.md asks.
 */
export const COLORS = {
  /** Frame background, a deep navy close to black. */
  background: '#0c1020',
  /** Axes, number lines and tick marks. */
  axis: '#c9ced8',
  /** Body text and tick labels. */
  text: '#f4f5f7',
  /** Secondary text: captions, faded labels. */
  muted: '#8b93a7',
  /** The input line and everything that lives on it. */
  input: '#58c4dd',
  /** The output line and everything that lives on it. */
  output: '#83c167',
  /** A third line (chain rule), the second stage's output. */
  third: '#c77dff',
  /** The dx box and its image. */
  dx: '#ffd23f',
  /** Flips (negative derivative). */
  flip: '#fc6255',
  /** Collapse (zero derivative). */
  collapse: '#ffffff',
  /** Tangent lines and slopes on graphs. */
  tangent: '#ff862f',
  /** The graph of a function. */
  graph: '#58c4dd',
  /** Grid lines of a warped plane. */
  grid: '#3f6d9e',
  /** Faded ghosts of sample dots. */
  ghost: '#5d6479',
} as const;

/** Sample-dot gradient: the colour of the dot at fraction t ∈ [0, 1] of a row. */
export function gradientColor(t: number): string {
  const u = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  // Red (hue 0) through orange to yellow (hue 55), as in the storyboard.
  const hue = Math.round(u * 55);
  return `hsl(${hue}, 95%, ${58 + Math.round(u * 6)}%)`;
}

/** Stroke widths in pixels at 1920x1080. */
export const STROKES = {
  axis: 4,
  tick: 3,
  minorTick: 2,
  box: 4,
  graph: 6,
  tangent: 5,
  grid: 2,
  arrow: 3,
} as const;

/**
 * Font families shipped through npm (see src/fonts.ts), never system fonts.
 *
 * @remarks
 * The names are quoted CSS family names: "Source Sans 3" ends in a digit, and an
 * unquoted family with a digit token is invalid CSS, which would silently
 * fall back to the browser's default serif.
 */
export const FONTS = {
  /** Words: titles, captions, labels. */
  text: "'Source Sans 3'",
  /** Live numbers: every digit has the same width, so readouts never jitter. */
  mono: "'JetBrains Mono'",
} as const;

/** Text sizes in pixels at 1920x1080; nothing smaller than `small` (28 px). */
export const SIZES = {
  title: 96,
  heading: 64,
  body: 44,
  label: 36,
  tick: 30,
  small: 28,
} as const;
