import '../../src/fonts';

import {makeProject} from '@motion-canvas/core';

import warpedGrid from './demo-warped-grid?scene';
import functionGraph from './demo-function-graph?scene';
import chainStack from './demo-chain-stack?scene';

/**
 * Demos of the graph-side components, one small scene each: WarpedGrid,
 * FunctionGraph and ChainStack alone on the frame, for stills and tests.
 */
export default makeProject({
  name: 'demos-graphs',
  scenes: [warpedGrid, functionGraph, chainStack],
});
