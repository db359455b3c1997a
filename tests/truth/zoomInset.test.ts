import {describe, expect, it} from 'vitest';
import {
  type ZoomInsetProbe,
  type ZoomInsetSpec,
  magnificationAt,
  zoomInsetProbe,
} from '../../src/geometry/zoomInset';
import {cube, exp, ln, reciprocal, sin, sqrt, square} from '../../src/math';
import type {RealFunction} from '../../src/math';
import {COLORS} from '../../src/theme';
import {checkZoomInset, parseStretchCaption} from '../../src/truth/zoomInset';

/** The demo's inset: x² around 1.5 at ×10 of a 200 px/unit line. */
const INSET: ZoomInsetSpec = {
  fn: square,
  point: 1.5,
  zoom: 10,
  baseUnit: 200,
  dx: 0,
  frameWidth: 640,
  frameHeight: 400,
};

/** The probe an honest inset reports (as the component builds it). */
const honest = (change: Partial<ZoomInsetSpec> = {}) =>
  zoomInsetProbe({...INSET, ...change});

/** The probe with entry i of a per-tick list replaced. */
function at<T>(list: readonly T[], i: number, value: T): T[] {
  return list.map((v, j) => (j === i ? value : v));
}

describe('parseStretchCaption', () => {
  it('reads every caption the chapter writes', () => {
    expect(parseStretchCaption('Scale by 3')).toEqual({
      kind: 'stretch',
      factor: 3,
      rounding: 0.5,
    });
    expect(parseStretchCaption('Scale by 1/2')).toMatchObject({
      kind: 'squish',
      factor: 0.5,
    });
    expect(parseStretchCaption('Scale by 1.50')).toEqual({
      kind: 'stretch',
      factor: 1.5,
      rounding: 0.005,
    });
    expect(parseStretchCaption('Flip and scale by 2')).toMatchObject({
      kind: 'flip',
      factor: -2,
    });
    expect(parseStretchCaption('Flip')).toMatchObject({factor: -1});
    expect(parseStretchCaption('No stretch')).toMatchObject({kind: 'unit'});
    expect(parseStretchCaption('Collapse')).toMatchObject({factor: 0});
    expect(parseStretchCaption('Undefined')).toMatchObject({factor: null});
    expect(parseStretchCaption('Zoom!')).toBeNull();
  });
});

describe('checkZoomInset on honest insets', () => {
  const cases: [RealFunction, number, Partial<ZoomInsetSpec>][] = [
    [square, 1.5, {}],
    [square, 0.25, {}],
    [square, -1, {}],
    [square, 0, {}],
    [square, 0.8, {zoom: magnificationAt(10, 100, 0.37)}],
    // 04-zoom: a 600 × 360 frame on a 280 px/unit line, dx from the box.
    [
      square,
      1.5,
      {frameWidth: 600, frameHeight: 360, baseUnit: 280, zoom: 1, dx: 0.1},
    ],
    [square, 1.5, {frameWidth: 600, frameHeight: 360, baseUnit: 280, dx: 0.01}],
    [sin, 1, {zoom: 3}],
    [sin, 0, {}],
    [exp, 2, {zoom: 1}],
    [reciprocal, 0.3, {zoom: 1}],
    [cube, 0, {}],
    [ln, 0.05, {zoom: 2}],
    [ln, -1, {}],
    [sqrt, 0, {}],
  ];
  for (const [fn, point, change] of cases) {
    it(`passes ${fn.tex()} at ${point} ${JSON.stringify(change)}`, () => {
      const p = honest({fn, point, ...change});
      expect(checkZoomInset(p, fn)).toEqual([]);
    });
  }
});

describe('checkZoomInset on doctored insets', () => {
  const p = honest();

  it('finds an image 3 px off f(x + dx)', () => {
    const moved = p.outputPixels[2]! + 3;
    const problems = checkZoomInset(
      {...p, outputPixels: at(p.outputPixels, 2, moved)},
      square,
    );
    expect(problems[0]).toMatch(
      /^the image of 1\.52 lands at x = .* px, but f\(1\.52\) = 2\.3104 is at/,
    );
  });

  it('finds images landed by a wrong function, though their spacing is honest', () => {
    // x² + 0.01 would keep every spacing; only f tells the dots are 20 px off.
    const shifted = p.outputPixels.map(x => x! + 20);
    const problems = checkZoomInset(
      {
        ...p,
        outputPixels: shifted,
        connectors: p.connectors.map((c, i) =>
          c ? [c[0], [shifted[i]!, c[1][1]] as const] : null,
        ),
      },
      square,
    );
    // Each of the three dots and its arrow.
    expect(problems).toHaveLength(6);
  });

  it('finds a caption that names another stretch than the one drawn', () => {
    const problems = checkZoomInset({...p, caption: 'Scale by 2'}, square);
    expect(problems).toEqual([
      'the caption reads "Scale by 2", but the images are drawn 3 times as far apart as their inputs',
    ]);
  });

  it('finds a flip captioned without its flip', () => {
    const flip = honest({point: -1});
    expect(flip.caption).toBe('Flip and scale by 2');
    const problems = checkZoomInset(
      {...flip, caption: 'Scale by 2', kind: 'stretch', color: COLORS.dx},
      square,
    );
    expect(problems).toEqual([
      'the caption reads "Scale by 2", but the images are drawn -2 times as far apart as their inputs',
    ]);
  });

  it('finds a flip drawn in the colour of a stretch', () => {
    const flip = honest({point: -1});
    expect(checkZoomInset({...flip, color: COLORS.dx}, square)).toEqual([
      `"Flip and scale by 2" is drawn in ${COLORS.dx}, but a flip is shown in ${COLORS.flip}`,
    ]);
  });

  it('finds a caption that gives a number where the derivative is undefined, and the reverse', () => {
    const root = honest({fn: sqrt, point: 0});
    expect(
      checkZoomInset({...root, caption: 'Collapse', kind: 'collapse'}, sqrt)[0],
    ).toMatch(/reads "Collapse", but f'\(0\) is undefined/);
    expect(
      checkZoomInset(
        {...p, caption: 'Undefined', kind: 'undefined'},
        square,
      )[0],
    ).toBe(`the caption reads "Undefined", but f'(1.5) = 3`);
  });

  it('finds a zoom label that is not the magnification drawn', () => {
    expect(checkZoomInset({...p, zoomLabel: '×100'}, square)).toEqual([
      'the zoom label reads "×100", but the lines are magnified ×10',
    ]);
    // Mid-zoom the label rounds: ×31.6 reads "×32".
    const mid = honest({zoom: 31.6});
    expect(mid.zoomLabel).toBe('×32');
    expect(checkZoomInset(mid, square)).toEqual([]);
  });

  it('finds an output line magnified unlike the input line', () => {
    const wide = {
      ...p.outputLine,
      min: p.outputLine.min - 0.1,
      max: p.outputLine.max + 0.1,
    };
    const problems = checkZoomInset({...p, outputLine: wide}, square);
    expect(problems[0]).toMatch(/the frame is not one magnification/);
  });

  it('finds an image drawn where f is undefined', () => {
    const q = honest({fn: ln, point: 0.05, zoom: 2});
    expect(checkZoomInset(q, ln)).toEqual([]);
    const bad = {...q, ticks: at(q.ticks, 0, -0.05), point: 0.05};
    expect(checkZoomInset(bad, ln)).toContain(
      'f(-0.05) is undefined, yet an image of it is drawn',
    );
  });

  it('finds an arrow that does not join a tick to its image', () => {
    const c = p.connectors[0]!;
    const problems = checkZoomInset(
      {...p, connectors: at(p.connectors, 0, [c[0], [c[1][0] + 5, c[1][1]]])},
      square,
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^the arrow from 1\.48 runs/);
  });

  it('finds an image box that is not the image of [x, x + dx]', () => {
    const box = p.outputBox!;
    expect(
      checkZoomInset(
        {...p, outputBox: {...box, right: box.right + 4}},
        square,
      )[0],
    ).toMatch(/^the image box spans/);
  });

  it('finds NaN in what is drawn', () => {
    expect(
      checkZoomInset(
        {...p, inputPixels: at(p.inputPixels, 1, Number.NaN)},
        square,
      ),
    ).toEqual(['inputPixels[1] is not a finite number']);
  });

  it('checks nothing of an inset that is not on screen', () => {
    const hidden: ZoomInsetProbe = {...p, opacity: 0, caption: 'Scale by 2'};
    expect(checkZoomInset(hidden, square)).toEqual([]);
  });
});

describe('checkZoomInset on the close-up', () => {
  /** 04's close-up: 20 dots over 0.28 of the half-range of a 900 px frame on a 280 px/unit line. */
  const closeUp = (change: Partial<ZoomInsetSpec> = {}) =>
    honest({
      frameWidth: 900,
      frameHeight: 380,
      baseUnit: 280,
      zoom: 1,
      dotCount: 20,
      spread: 0.28,
      progress: 1,
      readout: 'spacing',
      ...change,
    });
  /** The probe with dot i drawn `by` px further right. */
  const nudge = (p: ZoomInsetProbe, i: number, by: number): ZoomInsetProbe => ({
    ...p,
    dots: p.dots.map((d, j) =>
      j === i ? {...d, at: [d.at[0] + by, d.at[1]] as const} : d,
    ),
  });

  it('passes honest dots landed, in flight and at rest, at every zoom, at a collapse and where f is undefined', () => {
    for (const progress of [0, 0.3, 0.77, 1]) {
      for (const zoom of [1, magnificationAt(1, 30, 0.4), 30, 1000]) {
        expect(checkZoomInset(closeUp({progress, zoom}), square)).toEqual([]);
      }
    }
    for (const zoom of [10, 316, 10000]) {
      const zero = closeUp({point: 0, spread: 0.9, zoom, readout: 'factor'});
      expect(checkZoomInset(zero, square)).toEqual([]);
    }
    const lnNear0 = closeUp({fn: ln, point: 0.01, progress: 0.5});
    expect(checkZoomInset(lnNear0, ln)).toEqual([]);
    expect(checkZoomInset(closeUp({fn: sin, point: 1}), sin)).toEqual([]);
  });

  it('finds a landed dot 1.5 px off f(x)', () => {
    const problems = checkZoomInset(nudge(closeUp(), 7, 1.5), square);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^dot 7 lands at \(.*\), but f\(.*\) = .* is at/,
    );
  });

  it('finds a dot in flight off its straight path', () => {
    const p = closeUp({progress: 0.5});
    const lifted: ZoomInsetProbe = {
      ...p,
      dots: p.dots.map((d, j) =>
        j === 3 ? {...d, at: [d.at[0], d.at[1] - 4] as const} : d,
      ),
    };
    const problems = checkZoomInset(lifted, square);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^dot 3 is drawn at .*, off its path/);
  });

  it('finds dots landed by the linear map where the frame is not yet linear (×1)', () => {
    // Evenly spaced images at 3 × the input spacing: what x² does only in the limit.
    const p = closeUp();
    const mid = p.dots[10].at[0];
    const even: ZoomInsetProbe = {
      ...p,
      dots: p.dots.map(d => ({
        ...d,
        at: [mid + 3 * (d.value - 1.5) * 280, d.at[1]] as const,
      })),
    };
    expect(checkZoomInset(even, square).length).toBeGreaterThan(10);
  });

  it('finds dots that are not evenly spaced around the point', () => {
    const p = closeUp({zoom: 10});
    const dots = p.dots.map((d, i) =>
      i === 5 ? {...d, value: d.value + 0.01} : d,
    );
    expect(checkZoomInset({...p, dots}, square)[0]).toMatch(
      /^dot 5 stands for .*, but 20 dots evenly over 1\.5 ± .* put it at/,
    );
  });

  it('finds a spacing readout that does not print what the landed dots do', () => {
    const p = closeUp();
    expect(p.readout!.text).toMatch(/= 1\.\d\d$/);
    const problems = checkZoomInset(
      {
        ...p,
        readout: {...p.readout!, text: 'largest gap ÷ smallest gap = 1.00'},
      },
      square,
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^the landed spacing readout reads 1 but stands for 1\.6/,
    );
  });

  it('finds a local factor readout that says 0 too early', () => {
    const p = closeUp({point: 0, spread: 0.9, zoom: 10, readout: 'factor'});
    expect(
      checkZoomInset(
        {
          ...p,
          readout: {...p.readout!, text: 'output span ÷ input span = 0.00'},
        },
        square,
      )[0],
    ).toMatch(/^the local factor readout reads 0 but stands for 0\.06/);
  });

  it('finds a dot drawn landing where f is undefined', () => {
    const p = closeUp({fn: ln, point: 0.01});
    const dots = p.dots.map(d => ({...d, landed: true}));
    expect(checkZoomInset({...p, dots}, ln)).toContain(
      `f(${p.dots[0].value.toFixed(4).replace(/\.?0+$/, '')}) is undefined, yet dot 0 is drawn landing`,
    );
  });
});
