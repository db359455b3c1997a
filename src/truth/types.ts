/**
 * What a component reports it drew, and how the frame sweep checks it.
 * Pure TypeScript: no Motion Canvas import.
 *
 * @remarks
 * Every checkable component has `probe()`, returning a JSON-safe record of
 * what it drew (with a `type` naming the component), and `subject()`, the
 * math it depicts (a RealFunction, the maps of a chain, a Map2D). A checker
 * takes both and recomputes from the math on its own, without the
 * component's geometry code, so a drawing that contradicts the math is
 * found whatever computed it.
 *
 * A geometry module adds its probe to {@link ProbeTypes} by declaration
 * merging:
 *
 * ```ts
 * declare module '../truth/types' {
 *   interface ProbeTypes { ChainStack: ChainStackProbe }
 * }
 * ```
 */

/** Probe records by component type; each geometry module adds its own. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ProbeTypes {}

/** The name of a probed component type. */
export type ProbeType = keyof ProbeTypes;

/** Any component's probe. */
export type AnyProbe = ProbeTypes[ProbeType];

/**
 * Checks one probe against the math: returns one line per contradiction,
 * none when the picture tells the truth.
 */
export type Checker<P, M> = (probe: P, subject: M) => string[];

/** One contradiction found by the frame sweep. */
export interface Violation {
  scene: string;
  /** Frame from the scene's start. */
  frame: number;
  /** The node's key (its path in the scene when no key was given). */
  node: string;
  type: string;
  message: string;
}

/** Tolerances the sweep holds the picture to (at 1920×1080). */
export const TOLERANCE = {
  /** Drawn positions against the math. */
  px: 1,
  /** Labels against the drawn geometry they name (relative). */
  relative: 0.01,
} as const;
