/**
 * How the chapter shows a stretch: one colour and one name per case, in one
 * place. Pure TypeScript (no Motion Canvas import).
 */
import {classifyStretch, describeStretch, stretchName} from '../math/interval';
import type {Derivative, StretchKind} from '../math/types';
import {COLORS} from '../theme';

/** What a viewer sees of a stretch: its colour, its one-word name and its caption. */
export interface StretchStyle {
  /** The classification itself. */
  readonly stretch: StretchKind;
  /** 'stretch' | 'squish' | 'unit' | 'flip' | 'collapse' | 'undefined'. */
  readonly kind: StretchKind['kind'];
  /** Colour of a box or label showing it: flips red, collapses white, otherwise the dx yellow. */
  readonly color: string;
  /** One word: "stretch", "squish", "flip", "collapse", "no stretch", "undefined". */
  readonly name: ReturnType<typeof stretchName>;
  /** The caption: "Scale by 3", "Flip and scale by 2", "Collapse", ... */
  readonly caption: string;
}

/** The colour of a stretch kind: flips red, collapses white, undefined muted, otherwise the dx yellow. */
export function stretchColor(kind: StretchKind['kind']): string {
  switch (kind) {
    case 'flip':
      return COLORS.flip;
    case 'collapse':
      return COLORS.collapse;
    case 'undefined':
      return COLORS.muted;
    default:
      return COLORS.dx;
  }
}

/**
 * The style of a stretch factor (a number, a Derivative, or an already
 * classified StretchKind): the one function every box, caption and inset
 * colours and names a case with.
 */
export function stretchStyle(
  factor: number | Derivative | StretchKind,
  tolerance?: number,
): StretchStyle {
  const stretch =
    typeof factor === 'object' && 'kind' in factor
      ? factor
      : classifyStretch(factor, tolerance);
  return {
    stretch,
    kind: stretch.kind,
    color: stretchColor(stretch.kind),
    name: stretchName(stretch),
    caption: describeStretch(stretch),
  };
}
