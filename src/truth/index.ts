/**
 * Every checker, by the probe type it checks: the frame sweep runs the one
 * whose type a component's probe names. Pure.
 */
import {checkChainStack} from './chainStack';
import {checkFunctionGraph} from './functionGraph';
import {checkIntervalBox} from './intervalBox';
import {checkMappingView} from './mappingView';
import {checkNumberLine} from './numberLine';
import type {Checker, ProbeTypes} from './types';
import {checkWarpedGrid} from './warpedGrid';
import {checkZoomInset} from './zoomInset';

export * from './types';

/** Checkers by probe type; a probe type without one is still checked for NaN. */
export const CHECKERS: {
  [K in keyof ProbeTypes]?: Checker<ProbeTypes[K], never>;
} = {
  ChainStack: checkChainStack,
  FunctionGraph: checkFunctionGraph,
  IntervalBox: checkIntervalBox,
  MappingView: checkMappingView,
  NumberLine: checkNumberLine,
  WarpedGrid: checkWarpedGrid,
  ZoomInset: checkZoomInset,
};
