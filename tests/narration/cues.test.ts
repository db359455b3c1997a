import {describe, expect, it} from 'vitest';
import {
  breakText,
  cuesFor,
  layout,
  LINE,
  toVtt,
  vttTime,
} from '../../src/narration/cues';
import {proportionalWords} from '../../src/narration/timing';
import type {BuiltBlock} from '../../src/narration/build';
import {chapterTimeline, placeBlocks} from '../../src/render/audio';

const LONG =
  'That picture is good, but it is not the only one, and it is not the one that generalizes best to higher dimensions and to machine learning. This chapter hands you a second lens. Once you have both, the rest of your math life gets easier.';

describe('caption cues', () => {
  it('hold at most two lines of 42 characters and lose no word', () => {
    const parts = breakText(LONG);
    for (const p of parts) {
      expect(p.lines.length).toBeLessThanOrEqual(2);
      for (const l of p.lines) expect(l.length).toBeLessThanOrEqual(LINE);
    }
    expect(parts.flatMap(p => p.lines).join(' ')).toBe(LONG);
  });

  it('break at clause boundaries and never run a sentence end into a cue', () => {
    const parts = breakText(LONG);
    expect(parts[0].lines).toEqual([
      'That picture is good,',
      'but it is not the only one,',
    ]);
    // Each sentence starts a cue.
    const firsts = parts.map(p => p.lines[0]);
    expect(firsts).toContain('This chapter hands you a second lens.');
    expect(firsts.some(l => l.startsWith('Once you have both'))).toBe(true);
    // No one-word orphan.
    expect(parts.every(p => p.lines.join(' ').split(' ').length > 1)).toBe(
      true,
    );
  });

  it('lays a long clause over two balanced lines, or says it does not fit', () => {
    expect(layout('short one')).toEqual(['short one']);
    const two = layout(
      'and it is not the one that generalizes best to higher dimensions',
    )!;
    expect(two).toHaveLength(2);
    expect(Math.abs(two[0].length - two[1].length)).toBeLessThan(12);
    expect(layout('x'.repeat(43))).toBeNull();
  });

  it('are timed by the words: a cue starts when its first word is said', () => {
    const text = 'One, two three. Four five six seven.';
    const words = [
      {index: 0, length: 4, start: 0},
      {index: 5, length: 3, start: 0.4},
      {index: 9, length: 6, start: 0.7},
      {index: 16, length: 4, start: 1.5},
      {index: 21, length: 4, start: 1.9},
      {index: 26, length: 3, start: 2.2},
      {index: 30, length: 6, start: 2.5},
    ];
    const cues = cuesFor([{text, words, start: 10, seconds: 3}]);
    expect(cues.map(c => [c.start, c.end])).toEqual([
      [10, 11.5],
      [11.5, 13],
    ]);
    expect(toVtt(cues)).toBe(
      'WEBVTT\n\n1\n00:00:10.000 --> 00:00:11.500\nOne, two three.\n\n2\n00:00:11.500 --> 00:00:13.000\nFour five six seven.\n',
    );
  });

  it('write WebVTT times', () => {
    expect(vttTime(0)).toBe('00:00:00.000');
    expect(vttTime(3725.0456)).toBe('01:02:05.046');
  });
});

function block(
  id: string,
  seconds: number,
  source: 'take' | 'scratch' = 'scratch',
): BuiltBlock {
  const text = `Block ${id} says a few words.`;
  return {
    id,
    text,
    audio: `/takes/${id}.wav`,
    source,
    seconds,
    words: proportionalWords(text, seconds),
  };
}

describe('placing blocks on the timeline', () => {
  const beats = [
    {name: 'narration:a', start: 1, end: 4},
    {name: 'other', start: 2, end: 3},
    {name: 'narration:b', start: 4, end: 9},
  ];

  it('puts each block at the first frame of its beat', () => {
    const placed = placeBlocks(
      's',
      [block('a', 2.5), block('b', 4)],
      beats,
      10,
    );
    expect(placed.map(p => [p.block.id, p.start])).toEqual([
      ['a', 1],
      ['b', 4],
    ]);
  });

  it('shifts and cuts to a --range window', () => {
    const window = {offset: 3.5, seconds: 2};
    const placed = placeBlocks(
      's',
      [block('a', 2.9), block('b', 4)],
      beats,
      10,
      window,
    );
    // a is still speaking when the window opens; b starts inside it.
    expect(placed.map(p => [p.block.id, p.start])).toEqual([
      ['a', -2.5],
      ['b', 0.5],
    ]);
    // A block over before the window opens is left out.
    expect(
      placeBlocks('s', [block('a', 2.5), block('b', 4)], beats, 10, window).map(
        p => p.block.id,
      ),
    ).toEqual(['b']);
  });

  it('refuses a take longer than its block allows, naming it', () => {
    expect(() =>
      placeBlocks('s', [block('a', 3.5, 'take'), block('b', 4)], beats, 10),
    ).toThrow(
      /^a\.wav: lasts 3\.50 s, but block s\/a has 3\.00 s before block b starts \(the scene cannot wait for it\)$/,
    );
    expect(() =>
      placeBlocks('s', [block('a', 2), block('b', 6.5)], beats, 10),
    ).toThrow(/has 6\.00 s before the scene ends/);
  });

  it('refuses a block the scene skips; a scene that narrates nothing yet is silent', () => {
    expect(() =>
      placeBlocks('s', [block('a', 1), block('c', 1)], beats, 10),
    ).toThrow(/expected narrate\('c', \.\.\.\) in the scene/);
    expect(placeBlocks('s', [block('c', 1)], beats, 10)).toEqual([]);
  });

  it('lays scenes end to end for the chapter', () => {
    const one = placeBlocks('s', [block('a', 2.5), block('b', 4)], beats, 10);
    const placed = chapterTimeline([
      {placed: one, seconds: 10},
      {placed: one, seconds: 10},
    ]);
    expect(placed.map(p => p.start)).toEqual([1, 4, 11, 14]);
  });
});
