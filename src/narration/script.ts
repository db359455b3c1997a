/**
 * Narration scripts as data: each scene's `scenes/NN-name.narration.ts`
 * lists its blocks in order, and this module reads them. Pure (no Node, no
 * Motion Canvas), so the build step, the tests and the browser share it.
 *
 * A block's text is what the voice says and the captions show. Bookmarks
 * written as `<mark name="land"/>` let an animation start on the word that
 * follows them (see `narrate` in ./narrate.ts); they are not spoken.
 */

/** One narration block: spoken while its animations run. */
export interface BlockSpec {
  /** Unique within the scene; the take's file name (`narration/<scene>/<id>.wav`). */
  readonly id: string;
  /** What is said, with optional `<mark name="..."/>` bookmarks. */
  readonly text: string;
  /**
   * Longest the take may last, in seconds, where the scene cannot wait for it
   * (the block's animations have a fixed length). A longer take is an error.
   */
  readonly maxSeconds?: number;
}

/** A scene's narration: its name (the scene's file name) and blocks in order. */
export interface SceneScript {
  readonly scene: string;
  readonly blocks: readonly BlockSpec[];
}

/** Declares a scene's narration, checking ids and bookmarks. */
export function script(scene: string, blocks: BlockSpec[]): SceneScript {
  const seen = new Set<string>();
  for (const block of blocks) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(block.id)) {
      throw new Error(
        `narration ${scene}: block id "${block.id}" must be lowercase letters, digits and dashes`,
      );
    }
    if (seen.has(block.id)) {
      throw new Error(
        `narration ${scene}: block id "${block.id}" appears twice`,
      );
    }
    seen.add(block.id);
    parseMarks(block.text, `${scene}/${block.id}`);
  }
  return {scene, blocks};
}

/** A bookmark: its name and where it sits in the plain text (a character index). */
export interface Mark {
  readonly name: string;
  readonly index: number;
}

/** A block's text without markup, and its bookmarks. */
export interface ParsedText {
  readonly plain: string;
  readonly marks: readonly Mark[];
}

const MARK = /<mark\s+name\s*=\s*"([^"]*)"\s*\/>/g;

/**
 * Splits bookmarks from a block's text. Whitespace around a bookmark
 * collapses to one space; any other `<` or `>` that looks like markup is an
 * error naming the block.
 */
export function parseMarks(text: string, where = 'text'): ParsedText {
  const raw: Mark[] = [];
  let plain = '';
  let last = 0;
  const append = (segment: string) => {
    const s = segment.replace(/\s+/g, ' ');
    plain += plain.endsWith(' ') && s.startsWith(' ') ? s.slice(1) : s;
  };
  for (const m of text.matchAll(MARK)) {
    append(text.slice(last, m.index));
    const name = m[1];
    if (!/^[A-Za-z0-9_-]+$/.test(name)) {
      throw new Error(
        `narration ${where}: bookmark name "${name}" must be letters, digits, _ or -`,
      );
    }
    if (raw.some(k => k.name === name)) {
      throw new Error(`narration ${where}: bookmark "${name}" appears twice`);
    }
    raw.push({name, index: plain.length});
    last = m.index + m[0].length;
  }
  append(text.slice(last));
  if (/<\s*\/?\s*[a-z]+[^>]*>/i.test(plain)) {
    throw new Error(
      `narration ${where}: expected only <mark name="..."/> bookmarks, found other markup`,
    );
  }
  const lead = plain.length - plain.trimStart().length;
  const trimmed = plain.trim();
  const marks = raw.map(({name, index}) => {
    let i = Math.max(0, index - lead);
    while (i < trimmed.length && trimmed[i] === ' ') i++;
    return {name, index: Math.min(i, trimmed.length)};
  });
  return {plain: trimmed, marks};
}

/** FNV-1a 64-bit of a string's UTF-16 code units, as 16 hex digits. */
export function textHash(text: string): string {
  let h = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  const mask = (1n << 64n) - 1n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * prime) & mask;
  }
  return h.toString(16).padStart(16, '0');
}
