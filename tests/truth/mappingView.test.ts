import {describe, expect, it} from 'vitest';
import {
  type MappingLayout,
  type MappingViewProbe,
  copyLines,
  copyRuns,
  copyTicks,
  deformedCopy,
  mappedDots,
  mappingArrows,
  mappingViewProbe,
} from '../../src/geometry/mappingView';
import type {RealFunction, Vector2} from '../../src/math';
import {
  add,
  compose,
  identity,
  linear,
  ln,
  reciprocal,
  samplePoints,
  scaleBy,
  sin,
  square,
} from '../../src/math';
import {checkMappingView} from '../../src/truth/mappingView';

const LAYOUT: MappingLayout = {
  input: {min: -3, max: 4, length: 1400},
  output: {min: -1, max: 10, length: 1400},
  gap: 360,
};
const GENTLE = add(identity, scaleBy(0.5, compose(sin, linear(2, 0))));
const INTEGERS = [-2, -1, 0, 1, 2, 3];

/** The probe an honest MappingView reports (as the component builds it). */
function honest(
  fn: RealFunction,
  opts: {
    samples?: number[];
    progress?: number;
    stagger?: number;
    arrows?: number;
    copy?: number | null;
    layout?: MappingLayout;
    toScene?: (p: Vector2) => Vector2;
  } = {},
): MappingViewProbe {
  const layout = opts.layout ?? LAYOUT;
  const samples = opts.samples ?? INTEGERS;
  const progress = opts.progress ?? 1;
  const dots = mappedDots(fn, layout, samples, progress, {
    duration: 2,
    stagger: opts.stagger ?? 0.3,
  });
  const copy = opts.copy ?? null;
  return mappingViewProbe(
    {
      layout,
      samples,
      flowProgress: progress,
      dotRadius: 9,
      dots,
      dotOpacity: 1,
      ghostOpacity: 1,
      arrows: opts.arrows ? mappingArrows(dots, 9, opts.arrows) : [],
      arrowOpacity: 1,
      copy:
        copy === null
          ? null
          : {
              t: copy,
              offset: -34,
              opacity: 1,
              lines: copyLines(fn, layout, copyRuns(fn, layout), copy, -34),
              ticks: copyTicks(fn, layout, samplePoints(-3, 3, 25), copy, -34),
            },
    },
    opts.toScene ?? (p => p),
  );
}

/** A deep copy to doctor. */
const copyOf = (p: MappingViewProbe): MappingViewProbe =>
  JSON.parse(JSON.stringify(p));

describe('checkMappingView on honest probes', () => {
  it('passes x² with landed integers, arrows and the landed copy', () => {
    expect(
      checkMappingView(honest(square, {arrows: 1, copy: 1}), square),
    ).toEqual([]);
  });

  it('passes dots and copy in flight, and a dense row off the end of the output line', () => {
    const dense = samplePoints(-3, 3.2, 41);
    for (const progress of [0, 0.3, 0.6, 1]) {
      expect(
        checkMappingView(
          honest(square, {
            samples: dense,
            progress,
            stagger: 0.03,
            arrows: progress,
            copy: progress,
          }),
          square,
        ),
      ).toEqual([]);
    }
  });

  it('passes ln (no dots where it is undefined), 1/x (a broken copy) and the gentle map', () => {
    expect(
      checkMappingView(honest(ln, {samples: [-1, 0, 1, 2], copy: 0.5}), ln),
    ).toEqual([]);
    expect(
      checkMappingView(
        honest(reciprocal, {samples: [-2, -0.5, 0, 0.5, 2], copy: 0.7}),
        reciprocal,
      ),
    ).toEqual([]);
    const gentle = {...LAYOUT, output: {min: -3, max: 4, length: 1400}};
    expect(
      checkMappingView(
        honest(GENTLE, {
          layout: gentle,
          samples: samplePoints(-3, 4, 36),
          copy: 1,
        }),
        GENTLE,
      ),
    ).toEqual([]);
  });

  it('passes a mapping scaled and moved in the scene', () => {
    const toScene = (p: Vector2): Vector2 => [0.5 * p[0] + 85, 0.5 * p[1] + 60];
    expect(
      checkMappingView(
        honest(square, {arrows: 1, copy: 0.4, progress: 0.7, toScene}),
        square,
      ),
    ).toEqual([]);
  });
});

describe('checkMappingView on doctored probes', () => {
  const landed = honest(square, {arrows: 1, copy: 1});

  it('finds a landed dot 2 px from f(x)', () => {
    const p = copyOf(landed);
    p.dots[4].position[0] += 2;
    const problems = checkMappingView(p, square);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/x = 2 landed at .* but f\(x\) = 4/);
  });

  it('finds a dot that claims the wrong f(x)', () => {
    const p = copyOf(landed);
    p.dots[5].fx = 8;
    expect(checkMappingView(p, square)).toEqual([
      'the dot for x = 3 claims f(x) = 8, but f(x) = 9',
    ]);
  });

  it('finds a dot in flight off its straight path', () => {
    const p = copyOf(honest(square, {progress: 0.5}));
    const d = p.dots.find(d => d.t > 0 && d.t < 1)!;
    d.position[1] += 3;
    expect(checkMappingView(p, square).join('\n')).toMatch(/its path from x/);
  });

  it('finds a dot where f is undefined, and a missing dot', () => {
    const logs = copyOf(honest(ln, {samples: [-1, 0, 1, 2]}));
    logs.dots.unshift({...logs.dots[0], x: 0, index: 1});
    expect(checkMappingView(logs, ln).join('\n')).toMatch(
      /dot is drawn for x = 0, where f is undefined/,
    );
    const p = copyOf(landed);
    p.dots.splice(2, 1);
    expect(checkMappingView(p, square)).toEqual([
      'sample x = 0 has 0 dots; f(x) = 0 needs one',
    ]);
  });

  it('finds dots that swapped colours (the eye follows a colour from x to f(x))', () => {
    const p = copyOf(landed);
    [p.dots[0].color, p.dots[5].color] = [p.dots[5].color, p.dots[0].color];
    expect(checkMappingView(p, square).join('\n')).toMatch(
      /x = -2 is hsl\(55.*sample 0 of 6/,
    );
  });

  it('finds a ghost away from x and an arrow off the path', () => {
    const p = copyOf(landed);
    p.dots[1].ghost![0] += 5;
    p.arrows[0].tip[1] += 4;
    const problems = checkMappingView(p, square).join('\n');
    expect(problems).toMatch(/ghost of x = -1/);
    expect(problems).toMatch(/arrow of x = -2 runs/);
  });

  it('finds an off-line dot drawn landed, and a false on-line claim', () => {
    const p = copyOf(honest(square, {samples: [3, 3.2]}));
    p.dots[1].alpha = 1;
    p.dots[0].onLine = false;
    const problems = checkMappingView(p, square).join('\n');
    expect(problems).toMatch(/x = 3.2 is drawn landed, but f\(x\) = 10.24/);
    expect(problems).toMatch(/x = 3 says f\(x\) = 9 is off the output line/);
  });

  it('finds the copy off its place, shifted along the line, or joined across a pole', () => {
    const p = copyOf(landed);
    p.copy!.lines[0][200].at[1] += 2;
    p.copy!.ticks[3].at[0] -= 3;
    const problems = checkMappingView(p, square).join('\n');
    expect(problems).toMatch(/the copy puts x = /);
    expect(problems).toMatch(/a carried tick puts x = -2.25/);

    const shifted = copyOf(landed);
    shifted.copy!.offset = [6, -34];
    expect(checkMappingView(shifted, square).join('\n')).toMatch(
      /shifted 6 px along the output line/,
    );

    const poles = copyOf(honest(reciprocal, {samples: [1], copy: 0.5}));
    expect(poles.copy!.lines).toHaveLength(2);
    poles.copy!.lines = [poles.copy!.lines.flat()];
    expect(checkMappingView(poles, reciprocal).join('\n')).toMatch(
      /the copy joins x = -0.0\d+ to x = 0.0\d+ across a break of f/,
    );
  });

  it('finds dots that stayed behind when the output line moved', () => {
    const p = copyOf(landed);
    p.output.from[1] += 5;
    p.output.to[1] += 5;
    const problems = checkMappingView(p, square);
    expect(problems.filter(m => /landed at/.test(m))).toHaveLength(6);
  });

  it('finds NaN, whatever else is right', () => {
    const p = copyOf(landed);
    p.dots[0].position[1] = Number.NaN;
    expect(checkMappingView(p, square)).toEqual([
      'dots[0].position[1] is not a finite number',
    ]);
  });

  it('finds a mapping that draws another function', () => {
    const problems = checkMappingView(landed, GENTLE);
    expect(problems.length).toBeGreaterThan(5);
  });
});

/** An honest probe of dots riding the copy, split at 0 with the negative half folded. */
function riding(
  main: number,
  folded: number,
  opts: {toScene?: (p: Vector2) => Vector2; fold?: boolean} = {},
): MappingViewProbe {
  const samples = samplePoints(-3, 3, 25);
  const route = {t: main, offset: -34, bend: 0};
  const fold =
    opts.fold === false
      ? null
      : {at: 0, route: {t: folded, offset: -96, bend: 0.12}};
  const dots = mappedDots(
    square,
    LAYOUT,
    samples,
    0,
    {duration: 2, stagger: 0},
    {main: route, fold},
  );
  return mappingViewProbe(
    {
      layout: LAYOUT,
      samples,
      flowProgress: 0,
      dotRadius: 9,
      dots,
      dotOpacity: 1,
      ghostOpacity: 1,
      arrows: mappingArrows(dots, 9, 1, [1, 2, 3]),
      arrowOpacity: 1,
      copy: deformedCopy(
        square,
        LAYOUT,
        copyRuns(square, LAYOUT),
        samplePoints(-3, 3, 13),
        route,
        fold,
        1,
      ),
    },
    opts.toScene ?? (p => p),
  );
}

describe('checkMappingView on dots riding the copy, and a folded half', () => {
  it('passes honest riding dots, folded or not, in flight and landed, scaled and moved', () => {
    const toScene = (p: Vector2): Vector2 => [0.5 * p[0] + 85, 0.5 * p[1] + 60];
    for (const [main, folded] of [
      [0, 0],
      [0.4, 0],
      [1, 0.5],
      [1, 1],
    ]) {
      expect(checkMappingView(riding(main, folded), square)).toEqual([]);
      expect(checkMappingView(riding(main, folded, {toScene}), square)).toEqual(
        [],
      );
    }
    expect(checkMappingView(riding(0.6, 0, {fold: false}), square)).toEqual([]);
  });

  it('finds a riding dot off the line it rides', () => {
    const p = copyOf(riding(0.5, 0));
    const d = p.dots.find(d => d.x === 2)!;
    d.position[1] += 3;
    const problems = checkMappingView(p, square).join('\n');
    expect(problems).toMatch(
      /x = 2 rides the copy but is 3 px off its drawn line/,
    );
  });

  it('finds a riding dot ahead of its part of the copy', () => {
    const p = copyOf(riding(0.5, 0));
    const d = p.dots.find(d => d.x === -2)!;
    d.t = 0.5;
    expect(checkMappingView(p, square).join('\n')).toMatch(
      /x = -2 rides the copy but is at progress 0.5, its part of the copy at 0/,
    );
  });

  it('finds a folded dot on the straight chord instead of its arc', () => {
    const p = copyOf(riding(1, 0.5));
    const d = p.dots.find(d => d.x === -3)!;
    const a = d.ghost!;
    const b: Vector2 = [
      p.output.from[0] +
        ((9 - p.output.min) / (p.output.max - p.output.min)) *
          (p.output.to[0] - p.output.from[0]),
      p.output.from[1] + d.offset[1],
    ];
    d.position = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    expect(checkMappingView(p, square).join('\n')).toMatch(
      /x = -3 is at .* but its arc from x to f\(x\) = 9 is at/,
    );
  });

  it('finds the folded part carrying the other side, or its own tick at the fold, and an arrow on an arc', () => {
    const p = copyOf(riding(1, 0.5));
    const fold = p.copy!.fold!;
    fold.ticks.push({...p.copy!.ticks[0], x: 0});
    fold.lines[0].push(p.copy!.lines[0][10]);
    const problems = checkMappingView(p, square).join('\n');
    expect(problems).toMatch(/tick at the fold x = 0 is drawn twice/);
    expect(problems).toMatch(/on the other side of the fold at 0/);
    const q = copyOf(riding(1, 0.5));
    q.arrows.push({...q.arrows[0], x: -2});
    expect(checkMappingView(q, square).join('\n')).toMatch(
      /arrow of x = -2 is straight, but its dot travels on an arc/,
    );
  });
});
