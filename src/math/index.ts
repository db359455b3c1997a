/**
 * The math module: scales, ticks, labels, functions with exact derivatives,
 * intervals, the chain rule, 2D maps and Jacobians. No Motion Canvas import.
 */
export * from './types';
export * from './dual';
export * from './scale';
export * from './ticks';
export * from './format';
export * from './functions';
export * from './derivative';
export * from './interval';
export * from './chain';
export * from './linearize';
export * from './map2d';
export * from './sampling';
