import '../../src/fonts';

import {makeProject} from '@motion-canvas/core';

import intervalBox from './interval-box?scene';
import mappingView from './mapping-view?scene';
import numberLine from './number-line?scene';
import readout from './readout?scene';
import zoomInset from './zoom-inset?scene';

/**
 * Demo project of the mapping components: one small scene per component
 * (Readout, NumberLine, MappingView, IntervalBox, ZoomInset), used by the
 * component tests and for looking at each component alone.
 */
export default makeProject({
  name: 'demos-mapping',
  scenes: [readout, numberLine, mappingView, intervalBox, zoomInset],
});
