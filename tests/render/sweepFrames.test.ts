import {describe, expect, it} from 'vitest';
import {sampleFrames} from '../../src/render/pageSweep';

describe('sampleFrames: the frames the sweep checks', () => {
  it('takes 5 a second, the last frame, and the first and last frames of every beat', () => {
    const frames = sampleFrames(301, 60, 5, [
      {name: 'land', start: 0.5, end: 2.25},
    ]);
    expect(frames.slice(0, 4)).toEqual([0, 12, 24, 30]);
    expect(frames).toContain(134); // the beat's last frame before it ends
    expect(frames).toContain(135); // the frame it ends on, its final state
    expect(frames).toContain(300);
    expect(new Set(frames).size).toBe(frames.length);
    expect([...frames].sort((a, b) => a - b)).toEqual(frames);
  });

  it('never leaves the scene: beats past its end are clipped', () => {
    const frames = sampleFrames(60, 60, 5, [{name: 'out', start: 0.9, end: 1}]);
    expect(Math.max(...frames)).toBe(59);
    expect(frames).toContain(54);
  });
});
