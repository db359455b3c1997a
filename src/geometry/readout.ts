/**
 * What a Readout shows: a label, a number and the text on screen. Pure.
 */
import {formatFixed} from '../math/format';
import type {Derivative} from '../math/types';

/** A Readout as drawn: its label, the number it stands for (null when undefined) and its text. */
export interface ReadoutProbe {
  readonly type: 'Readout';
  readonly label: string;
  readonly value: number | null;
  readonly text: string;
}

declare module '../truth/types' {
  interface ProbeTypes {
    Readout: ReadoutProbe;
  }
}

/** The number a readout stands for, or null where it is undefined (never NaN). */
export function readoutNumber(v: number | Derivative): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  return v.defined && Number.isFinite(v.value) ? v.value : null;
}

/**
 * The line a readout prints, `label = number`, the number with fixed digits,
 * left-padded to `width` characters (default digits + 3: sign, one integer
 * digit and the point), so "3.00" and "−2.50" take the same width.
 */
export function readoutText(
  label: string,
  value: number | Derivative,
  digits: number,
  width = -1,
): string {
  const pad = width >= 0 ? width : digits + 3;
  const number = formatFixed(value, digits).padStart(pad, '\u00a0');
  return label ? `${label} = ${number}` : number;
}
