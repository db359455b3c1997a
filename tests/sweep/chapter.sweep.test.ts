/**
 * The frame sweep: every scene of the chapter, played at 60 fps, checked on
 * at least 5 frames a second plus the first and last frame of every beat.
 * On each, every component's report of what it drew is checked against the
 * math (src/truth): image boxes span the true image, case colours and names
 * classify the stretch drawn, labels equal the geometry they name, a
 * collapse is drawn at f(x), and no node property is NaN or infinite.
 */
import {describe, expect, it} from 'vitest';
import type {Violation} from '../../src/truth/types';
import {sweepScene} from '../helpers/render';

const PROJECT = 'scenes/chapter12.ts';
const SCENES = [
  '01-title',
  '02-slope',
  '03-mapping',
  '04-zoom',
  '05-four-cases',
  '06-two-clothes',
  '07-chain-rule',
  '08-jacobian',
  '09-gotchas',
  '10-summary',
  '11-closing',
];
const PER_SECOND = 5;

function describeViolations(list: Violation[], total: number): string {
  const lines = list
    .slice(0, 12)
    .map(
      v =>
        `  ${v.scene} frame ${v.frame} (${(v.frame / 60).toFixed(2)} s), ${v.type} "${v.node}": ${v.message}`,
    );
  return `${total} contradiction(s) between the picture and the math:\n${lines.join('\n')}`;
}

describe('frame sweep: what every scene draws is the math', () => {
  it.each(SCENES)('%s', async scene => {
    const report = await sweepScene(PROJECT, scene, PER_SECOND);
    const {play, draw, check} = report.timings;
    console.log(
      `${scene}: ${report.samples} frames checked of ${report.frames}; probes ${JSON.stringify(report.probes)}; ` +
        `play ${Math.round(play)} ms, draw ${Math.round(draw)} ms, check ${Math.round(check)} ms`,
    );
    // Every scene names its beats; tests and this sweep find them by name.
    expect(report.beats.length).toBeGreaterThanOrEqual(3);
    // At least 5 samples a second of scene time.
    expect(report.samples).toBeGreaterThanOrEqual(
      Math.floor(((report.frames - 1) / 60) * PER_SECOND),
    );
    expect(
      report.violationCount,
      describeViolations(report.violations, report.violationCount),
    ).toBe(0);
  });
});
