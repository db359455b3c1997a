/**
 * Does the narration say the lesson? Pure: the lesson's prose sentences are
 * looked for, in order, in the narration's words, allowing for the words a
 * spoken form changes ("f'(x) > 1" read as "greater than 1") and for the
 * lesson's lost spaces ("ofxland").
 */

/** Lowercase words and numbers; letters and digits split ("1stretches"). */
export function words(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/([a-z])(\d)|(\d)([a-z])/g, '$1$3 $2$4')
      .match(/[a-z0-9]+/g) ?? []
  );
}

/**
 * The lesson's prose sentences: lines that end like a sentence (diagrams,
 * headings and formulas do not), split at sentence ends.
 */
export function proseSentences(lesson: string): string[] {
  const out: string[] = [];
  for (const raw of lesson.split('\n')) {
    const line = raw.replace(/^\s*-\s+/, '').trim();
    if (!/[.!?:]$/.test(line) || words(line).length < 4) continue;
    // Diagrams ("input: ... -2 --- -1 --- 0 ...") are mostly not letters.
    const dense = line.replace(/\s/g, '');
    if ((dense.match(/[A-Za-z]/g)?.length ?? 0) < 0.6 * dense.length) continue;
    for (const s of line.split(/(?<=[.!?])\s+(?=[A-Z"'0-9f-])/)) {
      if (words(s).length > 0) out.push(s.trim());
    }
  }
  return out;
}

/** How a sentence was found: where in the narration, and what share of its words. */
export interface SentenceMatch {
  readonly sentence: string;
  readonly share: number;
  readonly at: number;
}

/**
 * Finds each sentence in order: from where the last one ended, the start
 * (within `window` words) whose in-order word matches cover the most of it.
 */
export function matchSentences(
  sentences: readonly string[],
  narration: string,
  window = 120,
): SentenceMatch[] {
  const said = words(narration);
  const out: SentenceMatch[] = [];
  let cursor = 0;
  for (const sentence of sentences) {
    const want = words(sentence);
    let best = {hits: -1, at: cursor, end: cursor};
    for (
      let start = cursor;
      start <= Math.min(said.length, cursor + window);
      start++
    ) {
      if (said[start] !== want[0] && start !== cursor) continue;
      let j = start;
      let hits = 0;
      for (const w of want) {
        const k = said.indexOf(w, j);
        if (k !== -1 && k - j <= 6) {
          hits++;
          j = k + 1;
        }
      }
      if (hits > best.hits) best = {hits, at: start, end: j};
    }
    out.push({sentence, share: best.hits / want.length, at: best.at});
    if (best.hits / want.length >= 0.5) cursor = best.end;
  }
  return out;
}
