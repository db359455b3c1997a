import {describe, expect, it} from 'vitest';
import {
  type IntervalBoxProbe,
  type LinePlacement,
  intervalBoxGeometry,
  pointOn,
} from '../../src/geometry/intervalBox';
import {stretchStyle} from '../../src/geometry/stretchStyle';
import {derivativeAt, formatFixed, square} from '../../src/math';
import type {RealFunction} from '../../src/math';
import {checkIntervalBox} from '../../src/truth/intervalBox';
import {COLORS} from '../../src/theme';

const INPUT: LinePlacement = {origin: [0, 0], unit: [200, 0]};
const OUTPUT: LinePlacement = {origin: [0, 300], unit: [200, 0]};

/** The probe an honest IntervalBox reports for [a, b] (as the component builds it). */
function honest(
  fn: RealFunction,
  a: number,
  b: number,
  landed = 1,
  at: number | null = null,
): IntervalBoxProbe {
  const g = intervalBoxGeometry({
    fn,
    a,
    b,
    at,
    landed,
    input: INPUT,
    output: OUTPUT,
  });
  const im = g.image;
  const ratio = im.ratio.defined ? im.ratio.value : null;
  const readout = (label: string, value: number | null) => ({
    type: 'Readout' as const,
    label,
    value,
    text: `${label} = ${formatFixed(value ?? Number.NaN)}`,
  });
  return {
    type: 'IntervalBox',
    fnTex: fn.tex(),
    at,
    x: a,
    dx: b - a,
    input: [a, b],
    output: [...im.output] as [number, number],
    span: [...im.span] as [number, number],
    folds: [...im.folds],
    inputLength: b - a,
    outputLength: im.outputLength,
    ratio,
    stretchFactor: null,
    kind: g.style.kind,
    name: g.style.name,
    caseColor: g.style.color,
    orientation: im.orientation,
    landed,
    opacity: 1,
    inputOpacity: 1,
    lines: {input: INPUT, output: OUTPUT},
    drawn: {
      inputBox: g.inputBox,
      pieces: g.pieces,
      color: g.color,
      collapse: g.collapse,
    },
    inputPixels: [pointOn(INPUT, a)[0], pointOn(INPUT, b)[0]],
    outputPixels: [
      pointOn(OUTPUT, im.output[0])[0],
      pointOn(OUTPUT, im.output[1])[0],
    ],
    movingEnds: g.ends,
    readouts: [
      readout('input length', b - a),
      readout('output length', im.outputLength),
      readout('output / input', ratio),
    ],
    readoutOpacity: 1,
  };
}

describe('checkIntervalBox', () => {
  it('passes honest boxes: a stretch, a fold, a flip, a collapse, in flight', () => {
    expect(checkIntervalBox(honest(square, 1.25, 1.75), square)).toEqual([]);
    expect(
      checkIntervalBox(honest(square, -0.15, 0.35, 1, 0.1), square),
    ).toEqual([]);
    expect(checkIntervalBox(honest(square, -1.75, -1.25), square)).toEqual([]);
    expect(checkIntervalBox(honest(square, -0.25, 0.25, 1, 0), square)).toEqual(
      [],
    );
    expect(
      checkIntervalBox(honest(square, -0.15, 0.35, 0.4, 0.1), square),
    ).toEqual([]);
  });

  it('fails the old drawing of a fold: the image drawn as [f(a), f(b)] (06 at x = 0.1)', () => {
    const p = honest(square, -0.15, 0.35, 1, 0.1);
    const old = {
      ...p,
      drawn: {
        ...p.drawn,
        pieces: [
          {
            left: pointOn(OUTPUT, 0.0225)[0],
            right: pointOn(OUTPUT, 0.1225)[0],
            y: 300,
          },
        ],
      },
    };
    const problems = checkIntervalBox(old, square);
    expect(problems.join('\n')).toMatch(
      /image of \[-0\.15, 0\.35\] under x\^\{2\} is \[0, 0\.1225\]/,
    );
  });

  it("fails the old case colour: f′ at the box's left end instead of the stretch it shows (06, x in (0, 0.25))", () => {
    // x = 0.1, box [−0.15, 0.35]: f′(−0.15) < 0 said "flip", the box shows output / input = 0.2.
    const p = honest(square, -0.15, 0.35, 1, 0.1);
    const old = stretchStyle(derivativeAt(square, -0.15));
    const problems = checkIntervalBox(
      {
        ...p,
        kind: old.kind,
        name: old.name,
        caseColor: old.color,
        drawn: {...p.drawn, color: old.color},
      },
      square,
    );
    expect(problems.join('\n')).toMatch(
      /named "flip" \(flip\), but it draws output \/ input = 0\.2/,
    );
  });

  it('fails a collapse drawn at the wrong output (the old 06 at x = 0: a zero-width box at 0.0625)', () => {
    const p = honest(square, -0.25, 0.25, 1, 0);
    const wrong = {
      ...p,
      drawn: {...p.drawn, collapse: {point: pointOn(OUTPUT, 0.0625), alpha: 1}},
    };
    expect(checkIntervalBox(wrong, square).join('\n')).toMatch(
      /collapse marker is at x = 12\.5 px, but f\(0\) = 0/,
    );
  });

  it('fails a readout that names a length other than the one drawn', () => {
    const p = honest(square, 1.25, 1.75);
    const readouts = [...p.readouts];
    readouts[2] = {...readouts[2], value: 3.4, text: 'output / input = 3.40'};
    expect(checkIntervalBox({...p, readouts}, square).join('\n')).toMatch(
      /shows 3\.4, but output \/ input drawn is 3/,
    );
  });

  it('fails a readout whose text is not its number, and NaN in what is drawn', () => {
    const p = honest(square, 1.25, 1.75);
    const readouts = [...p.readouts];
    readouts[0] = {...readouts[0], text: 'input length = 0.60'};
    expect(checkIntervalBox({...p, readouts}, square).join('\n')).toMatch(
      /reads 0\.6 but stands for 0\.5/,
    );
    const nan = {
      ...p,
      drawn: {...p.drawn, inputBox: {left: Number.NaN, right: 1, y: 0}},
    };
    expect(checkIntervalBox(nan, square)).toEqual([
      'drawn.inputBox.left is not a finite number',
    ]);
  });

  it('says nothing about an invisible box', () => {
    const p = honest(square, -0.15, 0.35, 1, 0.1);
    expect(
      checkIntervalBox(
        {...p, opacity: 0, drawn: {...p.drawn, color: COLORS.flip}},
        square,
      ),
    ).toEqual([]);
  });
});
