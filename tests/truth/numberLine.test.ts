import {describe, expect, it} from 'vitest';
import {
  type NumberLineProbe,
  type NumberLineSpec,
  numberLineProbe,
  numberLineRangeAt,
} from '../../src/geometry/numberLine';
import {checkNumberLine, labelNumber} from '../../src/truth/numberLine';
import {LINE} from '../fixtures/numberLine';

/** The probe with one tick (or number) of value v replaced. */
function withTick(
  p: NumberLineProbe,
  v: number,
  change: Partial<NumberLineProbe['ticks'][number]>,
): NumberLineProbe {
  return {
    ...p,
    ticks: p.ticks.map(t => (t.value === v ? {...t, ...change} : t)),
  };
}
function withLabel(
  p: NumberLineProbe,
  v: number,
  change: Partial<NumberLineProbe['labels'][number]>,
): NumberLineProbe {
  return {
    ...p,
    labels: p.labels.map(l => (l.value === v ? {...l, ...change} : l)),
  };
}

describe('labelNumber', () => {
  it('reads the numbers a line prints, with the typographic minus', () => {
    expect(labelNumber('1.50')).toBe(1.5);
    expect(labelNumber('\u22123')).toBe(-3);
    expect(labelNumber('0')).toBe(0);
    expect(labelNumber('undefined')).toBeNull();
    expect(labelNumber('1.5x')).toBeNull();
  });
});

describe('checkNumberLine on honest lines', () => {
  it('passes every frame of a zoom, a growing line, a vertical and a backwards line', () => {
    const specs: NumberLineSpec[] = [];
    for (let i = 0; i <= 60; i++) {
      const [min, max] = numberLineRangeAt([-3, 4], [1.4, 1.6], i / 60);
      specs.push({...LINE, min, max});
      specs.push({...LINE, drawn: i / 60});
    }
    specs.push({...LINE, vertical: true, min: 0, max: 3, length: 300});
    specs.push({...LINE, min: 10, max: -1});
    specs.push({...LINE, min: 1.23456, max: 1.23466});
    for (const spec of specs) {
      const p = numberLineProbe(spec);
      expect(checkNumberLine(p, null), JSON.stringify(spec)).toEqual([]);
    }
  });

  it('passes a line it cannot draw, drawn with nothing on it', () => {
    const p = numberLineProbe({...LINE, min: 2, max: 2});
    expect(p.ticks).toEqual([]);
    expect(checkNumberLine(p, null)).toEqual([]);
  });
});

describe('checkNumberLine on doctored lines', () => {
  const honest = numberLineProbe(LINE);

  it('finds a tick 2 px off its number', () => {
    const p = withTick(honest, 1, {point: 102});
    expect(checkNumberLine(p, null)).toEqual([
      'the tick of 1 is drawn at 102 px, but 1 is at 100 px',
    ]);
  });

  it('finds a number that is not the number it sits at', () => {
    const problems = checkNumberLine(withLabel(honest, 2, {text: '2.5'}), null);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /"2\.5" is written at 300 px, but 2\.5 is at 400 px/,
    );
  });

  it('finds a number that is no number', () => {
    expect(checkNumberLine(withLabel(honest, -3, {text: 'NaN'}), null)).toEqual(
      ['a tick number reads "NaN": not a number'],
    );
  });

  it('finds NaN and Infinity anywhere in the probe', () => {
    const p = {...withTick(honest, 0, {point: Number.NaN}), max: Infinity};
    const i = honest.ticks.findIndex(t => t.value === 0);
    expect(checkNumberLine(p, null)).toEqual([
      'max is not a finite number',
      `ticks[${i}].point is not a finite number`,
    ]);
  });

  it('finds a tick standing ahead of a line still growing', () => {
    const half = numberLineProbe({...LINE, drawn: 0.5});
    const p = {
      ...half,
      ticks: [...half.ticks, {value: 3, point: 500, major: true, alpha: 1}],
    };
    expect(checkNumberLine(p, null)).toEqual([
      'the tick of 3 at 500 px stands off the drawn line (-700 to 0 px)',
    ]);
  });

  it('finds a line that claims more of itself drawn than it draws', () => {
    const p = {...numberLineProbe({...LINE, drawn: 0.5}), reach: 300};
    expect(checkNumberLine(p, null)[0]).toMatch(
      /drawn to 300 px, but 50 % of it ends at 0 px/,
    );
  });

  it('finds ticks on a line without a scale', () => {
    const p = {...honest, max: honest.min};
    expect(checkNumberLine(p, null)[0]).toMatch(/has no scale/);
  });
});
