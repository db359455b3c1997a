/**
 * The browser side of the frame sweep: plays a scene, and on sampled frames
 * asks every component what it drew (its typed probe) and checks it against
 * the math (src/truth). Also reports the scene's named beats (src/beats.ts).
 */
import type {Scene} from '@motion-canvas/core';
import {type BeatSpan, beatsOf} from '../beats';
import {CHECKERS} from '../truth';
import {nonFinite} from '../truth/common';
import type {Violation} from '../truth/types';

/** What a sweep of one scene saw and found. */
export interface SweepReport {
  scene: string;
  /** Frames of the scene (both ends included). */
  frames: number;
  /** Frames checked. */
  samples: number;
  /** The scene's named beats, in seconds from its start. */
  beats: BeatSpan[];
  /** Probes checked, by component type. */
  probes: Record<string, number>;
  /** Contradictions found (the first 200). */
  violations: Violation[];
  /** All contradictions found. */
  violationCount: number;
  /** Milliseconds spent playing, drawing and checking. */
  timings: {play: number; draw: number; check: number};
}

/** The node methods the sweep uses (every Motion Canvas node has the first few). */
interface SweepNode {
  key: string;
  children(): SweepNode[];
  position?(): {x: number; y: number};
  scale?(): {x: number; y: number};
  rotation?(): number;
  opacity?(): number;
  size?(): {x: number; y: number};
  text?(): string;
  tex?(): string | string[];
  parsedPoints?(): {x: number; y: number}[];
  probe?(): unknown;
  subject?(): unknown;
}

/** Properties every node has that must never be NaN or infinite. */
function badProperties(node: SweepNode): string[] {
  const bad: string[] = [];
  const vec = (name: string, v?: {x: number; y: number}) => {
    if (v && !(Number.isFinite(v.x) && Number.isFinite(v.y))) bad.push(name);
  };
  const num = (name: string, v?: number) => {
    if (v !== undefined && !Number.isFinite(v)) bad.push(name);
  };
  vec('position', node.position?.());
  vec('scale', node.scale?.());
  num('rotation', node.rotation?.());
  num('opacity', node.opacity?.());
  if (typeof node.size === 'function') {
    try {
      vec('size', node.size());
    } catch {
      // A size that cannot be computed is the layout's business, not a number.
    }
  }
  if (typeof node.parsedPoints === 'function') {
    const points = node.parsedPoints();
    if (points.some(p => !(Number.isFinite(p.x) && Number.isFinite(p.y)))) {
      bad.push('points');
    }
  }
  const text =
    typeof node.tex === 'function'
      ? [node.tex()].flat().join('')
      : typeof node.text === 'function'
        ? node.text()
        : '';
  if (/\bNaN\b|Infinity/.test(text)) bad.push(`text "${text}"`);
  return bad;
}

/**
 * Checks every node of the scene's view as it is now; appends violations
 * and counts probes by type.
 */
export function checkView(
  view: SweepNode,
  scene: string,
  frame: number,
  report: SweepReport,
): void {
  const add = (node: SweepNode, type: string, message: string) => {
    report.violationCount++;
    if (report.violations.length < 200) {
      report.violations.push({scene, frame, node: node.key, type, message});
    }
  };
  const walk = (node: SweepNode) => {
    try {
      checkNode(node);
    } catch (e) {
      add(
        node,
        'node',
        `checking it threw: ${e instanceof Error ? (e.stack ?? e.message) : e}`,
      );
    }
    for (const child of node.children()) walk(child);
  };
  const checkNode = (node: SweepNode) => {
    for (const prop of badProperties(node)) {
      add(node, 'node', `${prop} is not a finite number`);
    }
    if (typeof node.probe !== 'function' || typeof node.subject !== 'function')
      return;
    const probe = node.probe() as {type?: string};
    const type = probe?.type;
    if (typeof type !== 'string') return;
    report.probes[type] = (report.probes[type] ?? 0) + 1;
    const checker = (
      CHECKERS as Record<string, (p: unknown, s: unknown) => string[]>
    )[type];
    const problems = checker
      ? checker(probe, node.subject())
      : nonFinite(probe).map(p => `${p} is not a finite number`);
    for (const message of problems) add(node, type, message);
  };
  walk(view);
}

/** The frames a sweep checks: `perSecond` a second, the last frame, and each beat's first and last frames. */
export function sampleFrames(
  frames: number,
  fps: number,
  perSecond: number,
  beats: readonly BeatSpan[],
): number[] {
  const set = new Set<number>();
  const step = Math.max(1, Math.floor(fps / perSecond));
  for (let f = 0; f < frames; f += step) set.add(f);
  set.add(frames - 1);
  for (const b of beats) {
    const first = Math.round(b.start * fps);
    const end = Math.round(b.end * fps);
    for (const f of [first, end - 1, end]) {
      if (f >= 0 && f < frames) set.add(f);
    }
  }
  return [...set].sort((a, b) => a - b);
}

/** The scene's beats as it last played (after the playback's recalculation). */
export function sceneBeats(scene: Scene): BeatSpan[] {
  return beatsOf(scene.name);
}
