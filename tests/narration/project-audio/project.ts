import {makeProject} from '@motion-canvas/core';

import one from './one?scene';
import two from './two?scene';
// Written by tests/narration/projectAudio.test.ts (a 2 s tone with a gap).
import tone from './tone.wav';

/**
 * Fixture project with its own audio track (no narration scripts): the
 * track starts 0.6 s into the project (project.meta, shared.audioOffset).
 */
export default makeProject({
  name: 'project-audio',
  scenes: [one, two],
  audio: tone,
});
