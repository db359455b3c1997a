/**
 * Captions from narration: each block's text broken into cues of at most two
 * lines of 42 characters, at clause boundaries where it can, timed from the
 * words' times in the audio; and WebVTT. Pure.
 */
import type {WordTiming} from './espeak';

/** Longest caption line, in characters. */
export const LINE = 42;
/** Most lines in one cue. */
export const LINES = 2;

/** One caption: its lines and when it shows, in seconds. */
export interface Cue {
  readonly start: number;
  readonly end: number;
  readonly lines: readonly string[];
}

/** A block placed on a timeline: its text, word timings and where it starts. */
export interface TimedText {
  readonly text: string;
  readonly words: readonly WordTiming[];
  /** When the block's audio starts, in seconds on the timeline. */
  readonly start: number;
  readonly seconds: number;
}

interface Piece {
  readonly from: number;
  readonly text: string;
}

/** Splits text into clauses (after , ; : . ! ? and dashes), keeping offsets. */
function clauses(text: string): Piece[] {
  const out: Piece[] = [];
  const re = /[^,;:.!?]+(?:[,;:.!?]+["')\]]*|$)\s*/g;
  for (const m of text.matchAll(re)) {
    if (m[0].trim()) out.push({from: m.index, text: m[0]});
  }
  return out;
}

/**
 * Splits a piece at spaces into as few parts of at most `max` characters as
 * it needs, of about equal length (no one-word orphan at the end).
 */
function wrapPiece(p: Piece, max: number): Piece[] {
  const out: Piece[] = [];
  let start = 0;
  const t = p.text;
  while (t.slice(start).trim().length > max) {
    const rest = t.slice(start).trim().length;
    const target = Math.ceil(rest / Math.ceil(rest / max));
    let cut = -1;
    let bestDist = Infinity;
    for (let i = start + 1; i <= Math.min(t.length - 1, start + max); i++) {
      if (t[i] !== ' ') continue;
      const d = Math.abs(i - start - target);
      if (d < bestDist) {
        bestDist = d;
        cut = i;
      }
    }
    if (cut < 0) cut = t.indexOf(' ', start + max);
    if (cut <= start) break;
    out.push({from: p.from + start, text: t.slice(start, cut + 1)});
    start = cut + 1;
  }
  out.push({from: p.from + start, text: t.slice(start)});
  return out;
}

const isSentenceEnd = (s: string) => /[.!?]["')\]]*\s*$/.test(s);

/**
 * Lays a cue's text out on at most {@link LINES} lines of {@link LINE}
 * characters, breaking at a clause boundary when one fits, otherwise at the
 * space that balances the lines; null when it does not fit.
 */
export function layout(
  text: string,
  parts: readonly string[] = [],
): string[] | null {
  const t = text.trim();
  if (t.length <= LINE) return [t];
  let best: {lines: string[]; score: number} | null = null;
  const clauseEnds = new Set<number>();
  let at = 0;
  const raw = text.slice(text.length - text.trimStart().length);
  for (const p of parts) {
    at += p.length;
    clauseEnds.add(at - (text.length - text.trimStart().length));
  }
  for (let i = 1; i < raw.length; i++) {
    if (raw[i] !== ' ') continue;
    const a = raw.slice(0, i).trim();
    const b = raw.slice(i + 1).trim();
    if (!a || !b || a.length > LINE || b.length > LINE) continue;
    const atClause = clauseEnds.has(i + 1) || clauseEnds.has(i);
    const score = Math.abs(a.length - b.length) - (atClause ? 1000 : 0);
    if (!best || score < best.score) best = {lines: [a, b], score};
  }
  return best ? best.lines : null;
}

/** Breaks one block's text into cue texts (with their character offsets). */
export function breakText(text: string): {from: number; lines: string[]}[] {
  const pieces = clauses(text).flatMap(p => wrapPiece(p, LINE * LINES));
  const out: {from: number; lines: string[]}[] = [];
  let group: Piece[] = [];
  const flush = () => {
    if (!group.length) return;
    const joined = group.map(p => p.text).join('');
    const lines = layout(
      joined,
      group.map(p => p.text),
    );
    if (lines) {
      out.push({from: group[0].from, lines});
    } else {
      // Cannot happen for pieces wrapped to LINE * LINES, but never lose text.
      for (const p of group) {
        for (const w of wrapPiece(p, LINE)) {
          out.push({from: w.from, lines: [w.text.trim()]});
        }
      }
    }
    group = [];
  };
  for (const p of pieces) {
    const candidate = [...group, p];
    const fits =
      layout(
        candidate.map(c => c.text).join(''),
        candidate.map(c => c.text),
      ) !== null;
    const last = group[group.length - 1];
    if (group.length && (!fits || (last && isSentenceEnd(last.text)))) flush();
    group.push(p);
  }
  flush();
  return out;
}

/** When the text at `index` is spoken: the first word that reaches it. */
function timeAt(words: readonly WordTiming[], index: number, seconds: number) {
  const w = words.find(x => x.index + x.length > index);
  return w ? w.start : seconds;
}

/** The cues of placed blocks, in time order, none overlapping. */
export function cuesFor(blocks: readonly TimedText[]): Cue[] {
  const cues: Cue[] = [];
  for (const b of blocks) {
    const parts = breakText(b.text);
    parts.forEach((p, i) => {
      const start = b.start + timeAt(b.words, p.from, b.seconds);
      const end =
        i + 1 < parts.length
          ? b.start + timeAt(b.words, parts[i + 1].from, b.seconds)
          : b.start + b.seconds;
      cues.push({start, end: Math.max(end, start + 0.001), lines: p.lines});
    });
  }
  cues.sort((a, b) => a.start - b.start);
  for (let i = 0; i + 1 < cues.length; i++) {
    if (cues[i].end > cues[i + 1].start) {
      cues[i] = {...cues[i], end: cues[i + 1].start};
    }
  }
  return cues;
}

/** A time as WebVTT writes it: hh:mm:ss.mmm. */
export function vttTime(seconds: number): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

/** A WebVTT file of the cues. */
export function toVtt(cues: readonly Cue[]): string {
  let out = 'WEBVTT\n';
  cues.forEach((c, i) => {
    out += `\n${i + 1}\n${vttTime(c.start)} --> ${vttTime(c.end)}\n${c.lines.join('\n')}\n`;
  });
  return out;
}
