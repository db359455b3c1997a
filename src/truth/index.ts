/**
 * Every checker, by the probe type it checks: the frame sweep runs the one
 * whose type a component's probe names. Pure.
 */
import {checkIntervalBox} from './intervalBox';
import type {Checker, ProbeTypes} from './types';

export * from './types';
export {checkIntervalBox};

/** Checkers by probe type; a probe type without one is still checked for NaN. */
export const CHECKERS: {
  [K in keyof ProbeTypes]?: Checker<ProbeTypes[K], never>;
} = {
  IntervalBox: checkIntervalBox,
};
