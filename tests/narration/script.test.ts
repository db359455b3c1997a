import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {loadScripts, narrationPaths} from '../../src/narration/build';
import {
  matchSentences,
  proseSentences,
  words,
} from '../../src/narration/coverage';
import {parseMarks, script, textHash} from '../../src/narration/script';
import {speakable} from '../../src/narration/speak';
import {markTimes, proportionalWords} from '../../src/narration/timing';

const ROOT = path.resolve(__dirname, '../..');

describe('bookmarks', () => {
  it('are taken out of the text and point at the word after them', () => {
    const {plain, marks} = parseMarks(
      'Now zoom in <mark name="land"/> and watch   where it lands.',
    );
    expect(plain).toBe('Now zoom in and watch where it lands.');
    expect(marks).toEqual([{name: 'land', index: plain.indexOf('and')}]);
  });

  it('at the start or end of a block', () => {
    const {plain, marks} = parseMarks(
      '<mark name="a"/>Hello there.<mark name="b"/>',
    );
    expect(plain).toBe('Hello there.');
    expect(marks).toEqual([
      {name: 'a', index: 0},
      {name: 'b', index: plain.length},
    ]);
  });

  it('reject other markup and repeated names, naming the block', () => {
    expect(() => parseMarks('a <break time="1s"/> b', '01/x')).toThrow(
      /narration 01\/x: expected only <mark/,
    );
    expect(() =>
      parseMarks('<mark name="a"/> x <mark name="a"/>', '01/x'),
    ).toThrow(/bookmark "a" appears twice/);
  });

  it('are timed by the word after them, or in proportion without word timings', () => {
    const {plain, marks} = parseMarks('one two <mark name="m"/>three');
    const words = [
      {index: 0, length: 3, start: 0},
      {index: 4, length: 3, start: 0.5},
      {index: 8, length: 5, start: 1.25},
    ];
    expect(markTimes(marks, plain.length, 2, words)).toEqual({m: 1.25});
    expect(markTimes(marks, plain.length, 2.6, null)).toEqual({m: 1.6});
    expect(proportionalWords(plain, 2.6).map(w => w.start)).toEqual([
      0, 0.8, 1.6,
    ]);
  });
});

describe('scripts', () => {
  it('reject a repeated or badly named block id', () => {
    expect(() =>
      script('s', [
        {id: 'a', text: 'x'},
        {id: 'a', text: 'y'},
      ]),
    ).toThrow(/block id "a" appears twice/);
    expect(() => script('s', [{id: 'A b', text: 'x'}])).toThrow(
      /must be lowercase/,
    );
  });

  it('hash the text: equal texts equal, one letter changes it', () => {
    expect(textHash('Rise over run.')).toBe(textHash('Rise over run.'));
    expect(textHash('Rise over run.')).not.toBe(textHash('Rise over Run.'));
    expect(textHash('')).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('the spoken form', () => {
  it('reads math aloud and maps every spoken character back', () => {
    const written = "d/dx f(g(x)) = f'(g(x)) · g'(x), f'(x) > 1 and x²";
    const s = speakable(written);
    expect(s.text.replace(/\s+/g, ' ').trim()).toBe(
      'd by d x f of g of x equals f prime of g of x times g prime of x , f prime of x greater than 1 and x squared',
    );
    expect(s.source.length).toBe(s.text.length);
    // "squared" comes from "x²".
    expect(written[s.source[s.text.indexOf('squared')]]).toBe('x');
    expect([...s.text].every(c => c.charCodeAt(0) < 128)).toBe(true);
  });
});

describe('the narration covers the lesson', () => {
  const lesson = readFileSync(
    path.join(ROOT, 'narration/chapter-12-lesson.txt'),
    'utf8',
  );

  it('finds prose and skips diagrams and headings', () => {
    const s = proseSentences(lesson);
    expect(s[0]).toBe(
      'This is Chapter 12, the final chapter of the Essence of Calculus series.',
    );
    expect(s.some(x => x.includes('---'))).toBe(false);
    expect(s).not.toContain('The picture you already have');
    expect(s.length).toBeGreaterThan(80);
  });

  it('fails when a sentence is missing or out of order', () => {
    const sentences = ['The cat sat on the mat.', 'Then it slept all day.'];
    expect(
      matchSentences(
        sentences,
        'The cat sat on the mat. Then it slept all day.',
      ).map(m => m.share),
    ).toEqual([1, 1]);
    const swapped = matchSentences(
      sentences,
      'Then it slept all day. The cat sat on the mat.',
    );
    expect(Math.min(...swapped.map(m => m.share))).toBeLessThan(0.75);
    expect(matchSentences(sentences, 'The cat sat on the mat.')[1].share).toBe(
      0,
    );
  });

  it('every prose sentence of the lesson is said, in order, by the scenes in chapter order', async () => {
    const scripts = await loadScripts(narrationPaths(ROOT));
    const project = readFileSync(
      path.join(ROOT, 'scenes/chapter12.ts'),
      'utf8',
    );
    const order = [...project.matchAll(/from '\.\/([^']+)\?scene'/g)].map(
      m => m[1],
    );
    // One script per scene of the chapter, in the chapter's order.
    expect(scripts.map(s => s.scene)).toEqual(order);
    const narration = scripts
      .flatMap(s => s.blocks.map(b => parseMarks(b.text).plain))
      .join(' ');
    const matches = matchSentences(proseSentences(lesson), narration);
    const missing = matches.filter(m => m.share < 0.75);
    expect(missing.map(m => `${m.share.toFixed(2)} ${m.sentence}`)).toEqual([]);
    const mean = matches.reduce((s, m) => s + m.share, 0) / matches.length;
    expect(mean).toBeGreaterThan(0.95);
    // And the narration is mostly the lesson: little added on top.
    expect(words(narration).length).toBeLessThan(1.3 * words(lesson).length);
  });
});
