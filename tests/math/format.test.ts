import {describe, expect, it} from 'vitest';
import {
  MINUS,
  formatFactor,
  formatFixed,
  formatNumber,
  niceStep,
  niceTicks,
} from '../../src/math';

const labels = (min: number, max: number, n?: number) => {
  const step = niceStep(min, max, n);
  return niceTicks(min, max, n).map(t => formatNumber(t, step));
};

describe('niceStep', () => {
  it('is 1, 2 or 5 × 10^k', () => {
    expect(niceStep(0, 10)).toBe(1);
    expect(niceStep(-3, 3)).toBe(0.5);
    expect(niceStep(0, 9)).toBe(1);
    expect(niceStep(0, 100, 5)).toBe(20);
    expect(niceStep(0.001, 0.002)).toBe(0.0001);
    expect(niceStep(-1e6, 1e6)).toBe(200000);
  });

  it('is the same for a reversed range', () => {
    expect(niceStep(3, -3)).toBe(niceStep(-3, 3));
  });

  it('rejects non-finite ranges, naming them', () => {
    expect(() => niceStep(0, Infinity)).toThrow(
      'niceStep: expected a finite range, got [0, Infinity]',
    );
  });
});

describe('niceTicks', () => {
  it('lists every multiple of the step in [−3, 3], ends included', () => {
    expect(niceTicks(-3, 3)).toEqual([
      -3, -2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3,
    ]);
  });

  it('lists 0..9 on [0, 9]', () => {
    expect(niceTicks(0, 9)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('returns ascending ticks for a reversed range', () => {
    expect(niceTicks(3, -3)).toEqual(niceTicks(-3, 3));
  });

  it('snaps values so they print without float noise', () => {
    for (const t of niceTicks(0, 1)) {
      expect(String(t).length).toBeLessThanOrEqual(3);
    }
    expect(niceTicks(0, 1)).toContain(0.3);
    expect(niceTicks(0.001, 0.002).map(String)).toEqual([
      '0.001',
      '0.0011',
      '0.0012',
      '0.0013',
      '0.0014',
      '0.0015',
      '0.0016',
      '0.0017',
      '0.0018',
      '0.0019',
      '0.002',
    ]);
  });

  it('never contains −0', () => {
    for (const t of niceTicks(-1, 1)) expect(Object.is(t, -0)).toBe(false);
  });

  it('handles [−1e6, 1e6]', () => {
    const ticks = niceTicks(-1e6, 1e6);
    expect(ticks[0]).toBe(-1e6);
    expect(ticks.at(-1)).toBe(1e6);
    expect(ticks).toHaveLength(11);
  });

  it('gives a single tick for a degenerate range', () => {
    expect(niceTicks(2, 2)).toEqual([2]);
  });
});

describe('tick labels', () => {
  it('[−3, 3] labels carry one decimal and a real minus sign', () => {
    expect(labels(-3, 3)).toEqual([
      '−3.0',
      '−2.5',
      '−2.0',
      '−1.5',
      '−1.0',
      '−0.5',
      '0.0',
      '0.5',
      '1.0',
      '1.5',
      '2.0',
      '2.5',
      '3.0',
    ]);
  });

  it('[0, 9] labels are integers', () => {
    expect(labels(0, 9)).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
    ]);
  });

  it('[0.001, 0.002] labels have four decimals', () => {
    expect(labels(0.001, 0.002)[1]).toBe('0.0011');
    expect(labels(0.001, 0.002)[0]).toBe('0.0010');
  });

  it('[−1e6, 1e6] labels are whole numbers', () => {
    expect(labels(-1e6, 1e6)[0]).toBe(`${MINUS}1000000`);
    expect(labels(-1e6, 1e6)[5]).toBe('0');
  });

  it('reversed ranges label the same ticks', () => {
    expect(labels(9, 0)).toEqual(labels(0, 9));
  });
});

describe('formatNumber', () => {
  it('never shows float noise: 0.1 + 0.2 → "0.3"', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(3 * 0.1)).toBe('0.3');
  });

  it('never shows "−0"', () => {
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(-0, 0.5)).toBe('0.0');
    expect(formatNumber(-1e-20, 0.1)).toBe('0.0');
  });

  it('uses as many decimals as the step needs', () => {
    expect(formatNumber(0.25, 0.25)).toBe('0.25');
    expect(formatNumber(1.5, 0.5)).toBe('1.5');
    expect(formatNumber(2, 1)).toBe('2');
    expect(formatNumber(0.30000000000000004, 0.1)).toBe('0.3');
  });

  it('uses the minus sign U+2212 for negatives', () => {
    expect(formatNumber(-2)).toBe('\u22122');
    expect(formatNumber(-1.5, 0.5)).toBe('\u22121.5');
  });

  it('prints NaN as "undefined"', () => {
    expect(formatNumber(NaN)).toBe('undefined');
  });
});

describe('formatFixed', () => {
  it('prints two decimals by default', () => {
    expect(formatFixed(3)).toBe('3.00');
    expect(formatFixed(-2)).toBe('−2.00');
    expect(formatFixed(0)).toBe('0.00');
    expect(formatFixed(1 / 3, 3)).toBe('0.333');
  });

  it('never prints "−0.00"', () => {
    expect(formatFixed(-0)).toBe('0.00');
    expect(formatFixed(-0.001)).toBe('0.00');
  });

  it('prints a defined derivative by its value', () => {
    expect(formatFixed({defined: true, value: 3})).toBe('3.00');
  });

  it('prints "undefined" for an undefined derivative, NaN and ±Infinity', () => {
    expect(formatFixed({defined: false, reason: 'x'})).toBe('undefined');
    expect(formatFixed(NaN)).toBe('undefined');
    expect(formatFixed(Infinity)).toBe('undefined');
    expect(formatFixed(-Infinity)).toBe('undefined');
  });
});

describe('formatFactor', () => {
  it('prints integers as integers', () => {
    expect(formatFactor(3)).toBe('3');
    expect(formatFactor(2.9999999999)).toBe('3');
    expect(formatFactor(-2)).toBe('−2');
    expect(formatFactor(0)).toBe('0');
  });

  it('prints simple fractions as fractions', () => {
    expect(formatFactor(0.5)).toBe('1/2');
    expect(formatFactor(1 / 3)).toBe('1/3');
    expect(formatFactor(2 / 3)).toBe('2/3');
    expect(formatFactor(0.25)).toBe('1/4');
    expect(formatFactor(0.75)).toBe('3/4');
  });

  it('prints anything else with two decimals', () => {
    expect(formatFactor(1.5)).toBe('1.50');
    expect(formatFactor(Math.PI)).toBe('3.14');
  });
});
