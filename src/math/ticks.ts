/**
 * Tick positions for number lines: round steps (1, 2, 5 × 10^k) and the
 * multiples of the step inside a range, snapped so they print cleanly.
 */

/** The decomposition step = mantissa × 10^exponent with mantissa in {1, 2, 5}. */
interface NiceStep {
  readonly mantissa: 1 | 2 | 5;
  readonly exponent: number;
}

// d3-array's thresholds: choose the step whose count is nearest the target on a
// logarithmic scale (√50, √10, √2 are the geometric midpoints of 10/5, 5/2, 2/1).
const E10 = Math.sqrt(50);
const E5 = Math.sqrt(10);
const E2 = Math.sqrt(2);

function niceParts(min: number, max: number, targetCount: number): NiceStep {
  if (!Number.isFinite(min) || !Number.isFinite(max)) {
    throw new Error(`niceStep: expected a finite range, got [${min}, ${max}]`);
  }
  if (!(targetCount >= 1) || !Number.isFinite(targetCount)) {
    throw new Error(`niceStep: expected a targetCount ≥ 1, got ${targetCount}`);
  }
  let span = Math.abs(max - min);
  // A degenerate range still gets a defined step: one sized to the number itself.
  if (span === 0) span = Math.abs(min) || 1;
  const raw = span / targetCount;
  let exponent = Math.floor(Math.log10(raw));
  const error = raw / Math.pow(10, exponent);
  let mantissa: 1 | 2 | 5 = 1;
  if (error >= E10) {
    exponent += 1;
  } else if (error >= E5) {
    mantissa = 5;
  } else if (error >= E2) {
    mantissa = 2;
  }
  return {mantissa, exponent};
}

// Multiplying i·m by 10^e for e ≥ 0, and dividing by 10^−e for e < 0, keeps each
// value the correctly rounded double of the decimal: 3 / 10 prints as 0.3,
// while 3 * 0.1 would print as 0.30000000000000004.
function valueOf(i: number, {mantissa, exponent}: NiceStep): number {
  return exponent >= 0
    ? i * mantissa * Math.pow(10, exponent)
    : (i * mantissa) / Math.pow(10, -exponent);
}

/**
 * A round tick step (1, 2 or 5 × 10^k) giving about `targetCount` intervals over [min, max].
 *
 * @remarks
 * Works for reversed ranges (min > max). A degenerate range (min === max) gets
 * a step sized to |min| (or 1 at 0) rather than an error.
 */
export function niceStep(min: number, max: number, targetCount = 10): number {
  return valueOf(1, niceParts(min, max, targetCount));
}

/**
 * Every multiple of {@link niceStep} inside [min, max], in ascending order.
 *
 * @remarks
 * Values are built as integer × mantissa / 10^k so each prints cleanly
 * (0.3, never 0.30000000000000004). Reversed ranges are accepted; the ticks are
 * still ascending. Ends are included when they are multiples of the step, with
 * a relative slack of 1e-9 steps for rounding in the inputs.
 */
export function niceTicks(
  min: number,
  max: number,
  targetCount = 10,
): number[] {
  const parts = niceParts(min, max, targetCount);
  const lo = Math.min(min, max);
  const hi = Math.max(min, max);
  if (lo === hi) return [lo];
  const step = valueOf(1, parts);
  const slack = 1e-9;
  const first = Math.ceil(lo / step - slack);
  const last = Math.floor(hi / step + slack);
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) {
    // + 0 turns −0 into 0.
    ticks.push(valueOf(i, parts) + 0);
  }
  return ticks;
}
