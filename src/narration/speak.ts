/**
 * Turns a block's written text (what captions show: "f'(x) · dx") into what
 * the scratch voice reads aloud ("f prime of x times d x"), keeping, for every
 * spoken character, the index of the written character it came from, so the
 * synthesizer's word timings map back onto the written text. Pure.
 */

/** Spoken text and, per spoken character, its index in the written text. */
export interface Speakable {
  readonly text: string;
  readonly source: readonly number[];
}

type Rule = [RegExp, string | ((m: RegExpExecArray) => string)];

// Tried in order at each position; sticky regexes match only there.
const RULES: Rule[] = [
  [/3Blue1Brown/y, 'three blue one brown'],
  [/d\/dx/y, ' d by d x '],
  [/\b([a-z])'\(/y, m => `${m[1]} prime of `],
  [/\b([a-z])'/y, m => `${m[1]} prime`],
  [/\b([a-z])\(/y, m => `${m[1]} of `],
  [/\bdx\b/y, 'd x'],
  [/x²/y, 'x squared'],
  [/\b([1-9n])D\b/y, m => `${m[1] === 'n' ? 'n' : m[1]} D`],
  [/·/y, ' times '],
  [/\s*>=\s*/y, ' at least '],
  [/\s*<=\s*/y, ' at most '],
  [/\s*>\s*/y, ' greater than '],
  [/\s*<\s*/y, ' less than '],
  [/\s*=\s*/y, ' equals '],
  [/(^|(?<=[\s(]))-(?=\d)/y, 'minus '],
  [/[()|]/y, ' '],
  [/[‘’]/y, "'"],
  [/[“”"]/y, ' '],
  [/[—–]/y, ', '],
];

/** The spoken form of a written text, with the source index of each character. */
export function speakable(written: string): Speakable {
  let text = '';
  const source: number[] = [];
  let i = 0;
  outer: while (i < written.length) {
    for (const [re, out] of RULES) {
      re.lastIndex = i;
      const m = re.exec(written);
      if (m && m[0].length > 0) {
        const s = typeof out === 'string' ? out : out(m);
        for (const ch of s) {
          text += ch;
          source.push(i);
        }
        i += m[0].length;
        continue outer;
      }
    }
    const c = written[i];
    text += c.charCodeAt(0) < 128 ? c : ' ';
    source.push(i);
    i++;
  }
  return {text, source};
}
