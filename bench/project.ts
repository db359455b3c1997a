import {makeProject} from '@motion-canvas/core';

import flow from './flow?scene';

/** The benchmark project: one 600-frame scene (see flow.tsx). */
export default makeProject({
  name: 'bench',
  scenes: [flow],
});
