/**
 * The test-only node walker of the render page: reads the state of keyed
 * nodes of a scene's view (position, opacity, text, size, colours and the
 * component's own typed probe) for tests/helpers/render.ts.
 */
import type {Vector2} from '@motion-canvas/core';
import type {PageNodeState} from './pageTypes';

/** The parts of a Motion Canvas node the walker reads, where present. */
export interface ProbeNode {
  key: string;
  children(): ProbeNode[];
  absolutePosition(): Vector2;
  absoluteOpacity?(): number;
  opacity?(): number;
  text?(): string;
  tex?(): string | string[];
  width?(): number;
  height?(): number;
  fill?(): unknown;
  stroke?(): unknown;
  probe?(): unknown;
}

function colorString(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const color = value as {hex?: () => string; alpha?: () => number};
  if (typeof color.hex === 'function') {
    const hex = color.hex();
    const alpha = typeof color.alpha === 'function' ? color.alpha() : 1;
    return alpha >= 1 ? hex.slice(0, 7).toLowerCase() : hex.toLowerCase();
  }
  return typeof value === 'string' ? value : undefined;
}

/**
 * The state of the nodes with the given keys in `view`, positions in the
 * view's coordinates; throws naming the keys it could not find and the keys
 * there are.
 */
export function probeNodes(
  view: ProbeNode & {worldToLocal(): DOMMatrix},
  keys: string[],
  sceneName: string,
): Record<string, PageNodeState> {
  const all: ProbeNode[] = [];
  const walk = (node: ProbeNode) => {
    all.push(node);
    for (const child of node.children()) walk(child);
  };
  walk(view);
  const toView = view.worldToLocal();
  const nodes: Record<string, PageNodeState> = {};
  for (const key of keys) {
    const node = all.find(n => n.key === key);
    if (!node) continue;
    const p = node.absolutePosition().transformAsPoint(toView);
    const state: PageNodeState = {
      position: [p.x, p.y],
      opacity:
        typeof node.absoluteOpacity === 'function' ? node.absoluteOpacity() : 1,
    };
    if (typeof node.tex === 'function') {
      const tex = node.tex();
      state.text = Array.isArray(tex) ? tex.join('') : String(tex);
    } else if (typeof node.text === 'function') {
      state.text = String(node.text());
    }
    if (typeof node.width === 'function') state.width = node.width();
    if (typeof node.height === 'function') state.height = node.height();
    if (typeof node.fill === 'function') {
      state.fill = colorString(node.fill());
    }
    if (typeof node.stroke === 'function') {
      state.stroke = colorString(node.stroke());
    }
    if (typeof node.probe === 'function') {
      state.custom = JSON.parse(JSON.stringify(node.probe()));
    }
    nodes[key] = state;
  }
  const missing = keys.filter(k => !(k in nodes));
  if (missing.length > 0) {
    const auto = /^[^/]+\/[A-Za-z0-9_$]+\[\d+\]$/;
    const found = all.map(n => n.key).filter(k => !auto.test(k));
    throw new Error(
      `no node with key ${missing.map(k => `"${k}"`).join(', ')} in ` +
        `scene "${sceneName}"; keys found: ${
          found.length ? found.join(', ') : '(none)'
        }`,
    );
  }
  return nodes;
}
