import {beforeAll, describe, expect, it} from 'vitest';
import {
  AMPLITUDE,
  CLOSE_UP,
  LINEAR,
  PLANE,
  POINTS,
  WORDS,
  ZOOM,
} from '../../scenes/08-jacobian.timing';
import type {WarpedGridProbe} from '../../src/geometry/warpedGrid';
import {
  determinant,
  linearMap2D,
  numberToPoint,
  orientation,
  texFixed,
  wavyMapWithAmplitude,
} from '../../src/math';
import type {Map2D, Matrix2, Scale, Vector2} from '../../src/math';
import {COLORS} from '../../src/theme';
import {checkWarpedGrid} from '../../src/truth/warpedGrid';
import {
  type NodeState,
  beatTimes,
  probeScene,
  renderStill,
  typedProbe,
} from '../helpers/render';
import {hasColorNear} from '../components/graphPixels';

const PROJECT = 'scenes/chapter12.ts';
const SCENE = '08-jacobian';

const LESSON = wavyMapWithAmplitude(AMPLITUDE.lesson);
const FOLDING = wavyMapWithAmplitude(AMPLITUDE.folding);
/** The opening's linear maps: det 2, then det −2. */
const KEEP = linearMap2D(LINEAR.keep);
const FLIP = linearMap2D(LINEAR.flip);

type Span = {start: number; end: number};

/** The middle of a beat. */
const middle = (b: Span) => (b.start + b.end) / 2;

const detAt = (map: Map2D, p: Vector2) => determinant(map.jacobian(p));

/** The pixel of math point q in a probe's view (local pixels, y down), from the probe's axes alone. */
const pixelIn = (p: WarpedGridProbe, q: Vector2): Vector2 => [
  numberToPoint(p.view.x, q[0]),
  -numberToPoint(p.view.y, q[1]),
];

/** m·v. */
const times = (m: Matrix2, v: Vector2): Vector2 => [
  m[0][0] * v[0] + m[0][1] * v[1],
  m[1][0] * v[0] + m[1][1] * v[1],
];

/** lerp(I, m, t): the linear map a square undergoes at blend t. */
const towards = (m: Matrix2, t: number): Matrix2 => [
  [1 + (m[0][0] - 1) * t, m[0][1] * t],
  [m[1][0] * t, 1 + (m[1][1] - 1) * t],
];

/** Signed area of a pixel polygon as a viewer sees it (y down): positive counterclockwise on screen. */
const screenArea = (pts: readonly (readonly number[])[]) =>
  -pts.reduce((sum, [x0, y0], i) => {
    const [x1, y1] = pts[(i + 1) % pts.length];
    return sum + (x0 * y1 - x1 * y0);
  }, 0) / 2;

/**
 * How far (px) each drawn corner of a probe's square is from where the
 * linear map lerp(I, J, t) about the drawn point puts it; J is the map's own.
 */
function offLinear(p: WarpedGridProbe, map: Map2D): number[] {
  const j = towards(map.jacobian(p.point), p.t);
  const [fx, fy] = map
    .value(p.point)
    .map((v, i) => p.point[i] + (v - p.point[i]) * p.t);
  const h = p.squareSide / 2;
  const source: Vector2[] = [
    [-h, -h],
    [h, -h],
    [h, h],
    [-h, h],
  ];
  return source.map((d, i) => {
    const [u, v] = times(j, d);
    const want = pixelIn(p, [fx + u, fy + v]);
    return Math.hypot(
      p.cornerPixels[i][0] - want[0],
      p.cornerPixels[i][1] - want[1],
    );
  });
}

/** The beats, in order, and the map on screen during each ('fold' turns one into the other). */
const BEATS: [name: string, map: Map2D][] = [
  ['map', LESSON],
  ['map-hold', LESSON],
  ['close-up', LESSON],
  ['warp', LESSON],
  ['warp-hold', LESSON],
  ['locally-linear', LESSON],
  ['locally-linear-hold', LESSON],
  ['zoom-in', LESSON],
  ['zoom-hold', LESSON],
  ['area-factor', LESSON],
  ['area-factor-hold', LESSON],
  ['fold-hold', FOLDING],
  ['flip', FOLDING],
  ['flip-hold', FOLDING],
  ['side-by-side', FOLDING],
  ['side-by-side-hold', FOLDING],
];

/** The keyed nodes the tests read at one moment, probed in one seek. */
const KEYS = [
  'grid',
  'linear',
  'close-up',
  'caption',
  'close-up-window',
  'close-up-zoom',
  'finale-det',
];

/** The end's keyed nodes: the two pictures, the headings, the two numbers. */
const FINALE_KEYS = [
  'grid',
  'one-d',
  'finale-heading-1d',
  'finale-heading-2d',
  'finale-factor',
  'finale-det',
] as const;

/** A box in scene pixels. */
interface Rect {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

interface Moment {
  grid: WarpedGridProbe;
  linear: WarpedGridProbe;
  closeUp: WarpedGridProbe;
  nodes: Record<string, NodeState>;
}

describe('08-jacobian', () => {
  let beats: Record<string, Span>;
  /** Every keyed node at a moment, each read once and reused by every test. */
  const seen = new Map<number, Promise<Moment>>();
  const at = (seconds: number): Promise<Moment> => {
    let m = seen.get(seconds);
    if (!m) {
      m = probeScene(PROJECT, SCENE, seconds, KEYS).then(nodes => ({
        grid: typedProbe(nodes.grid, 'grid', 'WarpedGrid'),
        linear: typedProbe(nodes.linear, 'linear', 'WarpedGrid'),
        closeUp: typedProbe(nodes['close-up'], 'close-up', 'WarpedGrid'),
        nodes,
      }));
      seen.set(seconds, m);
    }
    return m;
  };

  beforeAll(async () => {
    beats = await beatTimes(PROJECT, SCENE);
  });

  it('names every beat in storyboard order: the linear opening first, the close-up before the zoom', () => {
    const order = Object.entries(beats)
      // Narration blocks (narration:<id>) overlay the beats.
      .filter(([name]) => !name.startsWith('narration:'))
      .sort(([, a], [, b]) => a.start - b.start)
      .map(([name]) => name);
    expect(order).toEqual([
      'linear-map',
      'linear-det',
      'linear-flip',
      ...BEATS.slice(0, 11).map(([name]) => name),
      'fold',
      ...BEATS.slice(11).map(([name]) => name),
      'out',
    ]);
  });

  it('opens on a linear map: the panel shows its matrix A, and det A = 2 is the unit square’s area factor', async () => {
    const {linear: p, nodes} = await at(beats['linear-det'].end);
    expect(p.t).toBe(1);
    expect(p.jacobian).toEqual(LINEAR.keep);
    const [[a, b], [c, d]] = LINEAR.keep;
    expect(p.readouts.jacobianTex).toBe(
      `A = \\begin{bmatrix} ${texFixed(a)} & ${texFixed(b)} \\\\ ${texFixed(c)} & ${texFixed(d)} \\end{bmatrix}`,
    );
    const det = determinant(LINEAR.keep);
    expect(det).toBe(2);
    expect(p.readouts.detTex).toBe(`\\det A = ${texFixed(det)}`);
    expect(p.readouts.detOpacity).toBeCloseTo(1, 6);
    // The unit square [0, 1]² lands on the parallelogram spanned by A's columns,
    // and the row a viewer reads is its area: exactly det A.
    expect(p.squareSide).toBe(1);
    expect(p.corners).toEqual([
      [0, 0],
      [a, c],
      [a + b, c + d],
      [b, d],
    ]);
    expect(p.drawnAreaRatio).toBeCloseTo(det, 9);
    expect(p.readouts.areaFactor.text).toBe('area × 2.00 (stretch)');
    expect(p.readouts.areaFactor.opacity).toBeCloseTo(1, 6);
    expect(p.markerDirection).toBe('counterclockwise');
    expect(nodes.caption.text).toBe(WORDS.linear);
    expect(checkWarpedGrid(p, KEEP)).toEqual([]);
  });

  it('a negative determinant flips orientation: det A = −2, the corners run the other way round, the marker turns clockwise', async () => {
    const kept = (await at(beats['linear-det'].end)).linear;
    const {linear: p, nodes} = await at(beats['linear-flip'].end);
    expect(p.jacobian).toEqual(LINEAR.flip);
    const det = determinant(LINEAR.flip);
    expect(det).toBe(-2);
    expect(p.readouts.detTex).toBe(`\\det A = ${texFixed(det)}`);
    expect(p.readouts.detColor).toBe(COLORS.flip);
    expect(p.orientation).toBe('flipped');
    expect(p.markerDirection).toBe('clockwise');
    expect(p.readouts.orientationText).toBe('orientation flipped');
    expect(p.readouts.areaFactor.text).toBe('area × \u22122.00 (flip)');
    expect(p.readouts.areaFactor.opacity).toBeCloseTo(1, 6);
    // Read off the screen: the same four corners, in the same colour order,
    // went counterclockwise and now go clockwise; the area is the same size.
    const before = screenArea(kept.cornerPixels);
    const after = screenArea(p.cornerPixels);
    expect(before).toBeGreaterThan(0);
    expect(after).toBeLessThan(0);
    expect(after / before).toBeCloseTo(det / determinant(LINEAR.keep), 6);
    expect(p.cornerColors).toEqual(kept.cornerColors);
    expect(nodes.caption.text).toBe(WORDS.linearFlip);
    expect(checkWarpedGrid(p, FLIP)).toEqual([]);
  });

  it('draws the flipped unit square in the frame: the green corner (1, 1) lands at A·(1, 1) = (−1, 1), no longer at (3, 1) (headless Chromium)', async () => {
    const still = await renderStill(PROJECT, SCENE, beats['linear-flip'].end);
    const {linear: p} = await at(beats['linear-flip'].end);
    const pixel = (q: Vector2): Vector2 => {
      const [x, y] = pixelIn(p, q);
      return [PLANE.x + x, y];
    };
    const green = p.cornerColors[2];
    expect(green).toBe(COLORS.output);
    expect(
      hasColorNear(still, ...pixel(times(LINEAR.flip, [1, 1])), green, 3),
    ).toBe(true);
    expect(
      hasColorNear(still, ...pixel(times(LINEAR.keep, [1, 1])), green, 6),
    ).toBe(false);
  });

  it('the close-up warps at the same time as the whole grid, and its square follows lerp(I, J, t) within a pixel', async () => {
    const {grid: g, closeUp: p} = await at(middle(beats.warp));
    expect(p.t).toBe(g.t);
    expect(p.t).toBeGreaterThan(0.2);
    expect(p.t).toBeLessThan(0.8);
    expect(p.closeUp).toBe(true);
    expect(p.zoom).toBe(CLOSE_UP.zoom);
    expect(p.point).toEqual(g.point);
    for (const d of offLinear(p, LESSON)) expect(d).toBeLessThan(1);
    expect(checkWarpedGrid(p, LESSON)).toEqual([]);
  });

  it('J is that matrix, locally: the close-up’s square is J’s parallelogram at (π, 0), J is written beside it, and it magnifies the window drawn on the plane', async () => {
    const {
      grid: g,
      closeUp: p,
      nodes,
    } = await at(middle(beats['locally-linear-hold']));
    expect(p.t).toBe(1);
    expect(p.point).toEqual(POINTS.start);
    const j = LESSON.jacobian(POINTS.start);
    expect(p.jacobian).toEqual(j);
    // At t = 1 the square's corners are map(p) + J·(c − p), to a pixel.
    for (const d of offLinear(p, LESSON)) expect(d).toBeLessThan(1);
    // Its drawn area is det J's (within 0.5%): the parallelogram of J.
    expect(Math.abs(p.drawnAreaRatio / determinant(j) - 1)).toBeLessThan(0.005);
    // Beside it, J alone: the det row waits for the area factor beat.
    const [[a, b], [c, d]] = j;
    expect(p.readouts.jacobianTex).toBe(
      `J = \\begin{bmatrix} ${texFixed(a)} & ${texFixed(b)} \\\\ ${texFixed(c)} & ${texFixed(d)} \\end{bmatrix}`,
    );
    expect(p.readouts.opacity).toBeCloseTo(1, 6);
    expect(p.readouts.detOpacity).toBe(0);
    expect(nodes.caption.text).toBe(WORDS.locally);
    expect(checkWarpedGrid(p, LESSON)).toEqual([]);
    // The window on the plane is what the close-up shows: centred on the
    // drawn point, its side the close-up's divided by the zoom.
    const win = nodes['close-up-window'];
    expect(win.position[0]).toBeCloseTo(PLANE.x + g.centrePixel[0], 6);
    expect(win.position[1]).toBeCloseTo(g.centrePixel[1], 6);
    expect(win.width).toBeCloseTo(CLOSE_UP.size / p.zoom, 6);
    expect(win.opacity).toBeCloseTo(1, 6);
    expect(nodes['close-up-zoom'].text).toBe(`×${p.zoom}`);
  });

  it('introduces the area factor where the area changes: at (π, 0) det J = 2 and the square’s area doubles', async () => {
    const t = middle(beats['area-factor-hold']);
    const p = (await at(t)).grid;
    expect(p.point).toEqual(POINTS.start);
    expect(detAt(LESSON, p.point)).toBeCloseTo(2, 12);
    expect(p.readouts.detTex).toBe('\\det J = 2.00');
    // The row a viewer reads names the drawn area ratio, a stretch.
    expect(p.readouts.areaFactor.opacity).toBeCloseTo(1, 6);
    expect(p.readouts.areaFactor.text).toBe('area × 2.00 (stretch)');
    expect(Math.abs(p.drawnAreaRatio / 2 - 1)).toBeLessThan(0.01);
    expect(p.readouts.orientationText).toBe('orientation kept');
    // And the caption on screen is the one about stretching.
    const {caption} = (await at(t)).nodes;
    expect(caption.text).toBe(WORDS.det);
    expect(caption.opacity).toBeCloseTo(1, 6);
    expect(checkWarpedGrid(p, LESSON)).toEqual([]);
  });

  it('draws what the map says in the middle of every beat (the sweep checks their first and last frames)', async () => {
    for (const [name, map] of BEATS) {
      const b = beats[name];
      for (const t of [middle(b)]) {
        const {grid: p, closeUp, linear} = await at(t);
        const when = `${name} at ${t.toFixed(3)} s`;
        expect(checkWarpedGrid(p, map), when).toEqual([]);
        expect(checkWarpedGrid(closeUp, map), `close-up, ${when}`).toEqual([]);
        expect(checkWarpedGrid(linear, FLIP), `linear, ${when}`).toEqual([]);
      }
    }
    // The opening: A = keep, then (once it has slid) A = flip.
    for (const t of [middle(beats['linear-map']), beats['linear-det'].end]) {
      expect(checkWarpedGrid((await at(t)).linear, KEEP)).toEqual([]);
    }
    // The fold changes the map: the lesson's at its start, the folding one at its end.
    expect(checkWarpedGrid((await at(beats.fold.start)).grid, LESSON)).toEqual(
      [],
    );
    expect(checkWarpedGrid((await at(beats.fold.end)).grid, FOLDING)).toEqual(
      [],
    );
  });

  it('the orientation marker agrees with the sign of det J at every hold', async () => {
    const shown: [string, Map2D, Vector2][] = [
      ['warp-hold', LESSON, POINTS.start],
      ['area-factor-hold', LESSON, POINTS.start],
      ['fold-hold', FOLDING, POINTS.start],
      ['flip-hold', FOLDING, POINTS.flip],
      ['side-by-side-hold', FOLDING, POINTS.flip],
    ];
    for (const [name, map, point] of shown) {
      const probe = (await at(middle(beats[name]))).grid;
      const det = detAt(map, point);
      expect(probe.det, name).toBeCloseTo(det, 9);
      expect(probe.orientation, name).toBe(orientation(det));
      expect(probe.markerDirection, name).toBe(
        det > 0 ? 'counterclockwise' : 'clockwise',
      );
    }
  });

  it('the fold really flips: det J = −1.25 at the origin, the marker turns clockwise, the area reads × −1.25 in red', async () => {
    const p = (await at(middle(beats['flip-hold']))).grid;
    expect(p.zoom).toBeCloseTo(ZOOM.flip, 6);
    expect(p.det).toBeCloseTo(-1.25, 12);
    expect(p.markerDirection).toBe('clockwise');
    expect(p.drawnSignedArea).toBeLessThan(0);
    expect(p.readouts.areaFactor.text).toBe('area × \u22121.25 (flip)');
    expect(p.readouts.areaFactor.color).toBe(COLORS.flip);
    expect(p.readouts.detColor).toBe(COLORS.flip);
  });

  it('side by side, the det J label is the grid’s det J, in the grid’s colour', async () => {
    const t = middle(beats['side-by-side-hold']);
    const {grid: p, nodes} = await at(t);
    const label = nodes['finale-det'];
    expect(label.text).toBe(
      `\\det J = ${texFixed(detAt(FOLDING, POINTS.flip))}`,
    );
    expect(label.fill).toBe(p.readouts.detColor);
    expect(label.opacity).toBeCloseTo(1, 6);
  });

  it('side by side, each picture fills its half: the 1D lines span over 40% of the frame, the grid most of its half, and no heading or number overlaps another or a picture', async () => {
    const t = middle(beats['side-by-side-hold']);
    const nodes = await probeScene(PROJECT, SCENE, t, [...FINALE_KEYS]);
    const stack = typedProbe(nodes['one-d'], 'one-d', 'ChainStack');
    const grid = typedProbe(nodes.grid, 'grid', 'WarpedGrid');
    const frame = {width: 1920, height: 1080};

    // The 1D picture, in scene pixels (from where the stack says it drew its boxes).
    const lines = stack.lines.map(line => {
      const {left, right, sceneLeft, sceneRight} = line.box;
      const k = (sceneRight[0] - sceneLeft[0]) / (right - left);
      const at = (u: number) => sceneLeft[0] + (u - left) * k;
      return {
        from: at(-line.length / 2),
        to: at(line.length / 2),
        y: sceneLeft[1] - (line.box.y - line.y) * k,
      };
    });
    for (const [i, line] of lines.entries()) {
      expect(line.to - line.from, `line ${i}`).toBeGreaterThanOrEqual(
        0.4 * frame.width,
      );
      // In the left half, with room for the line names (right-aligned beside its left end).
      expect(line.from, `line ${i}`).toBeGreaterThan(-frame.width / 2 + 120);
      expect(line.to, `line ${i}`).toBeLessThan(0);
    }
    // Far apart: the stretch has room to show.
    expect(lines[1].y - lines[0].y).toBeGreaterThanOrEqual(0.35 * frame.height);

    // The 2D picture: a square grid over most of the right half.
    const size = grid.view.x.length;
    expect(grid.view.y.length).toBe(size);
    const [gx, gy] = nodes.grid.position;
    const box2d = {
      left: gx - size / 2,
      right: gx + size / 2,
      top: gy - size / 2,
      bottom: gy + size / 2,
    };
    expect(size).toBeGreaterThanOrEqual(0.75 * (frame.width / 2));
    expect(size).toBeGreaterThanOrEqual(0.65 * frame.height);
    expect(box2d.left).toBeGreaterThan(lines[0].to + 100);
    expect(box2d.right).toBeLessThanOrEqual(frame.width / 2);
    expect(box2d.top).toBeGreaterThanOrEqual(-frame.height / 2);
    expect(box2d.bottom).toBeLessThanOrEqual(frame.height / 2);

    // Headings and numbers: every one shown, inside the frame, none overlapping
    // another, the headings above both pictures, the numbers below them.
    const texts = [
      'finale-heading-1d',
      'finale-heading-2d',
      'finale-factor',
      'finale-det',
    ].map(key => {
      const n = nodes[key];
      expect(n.opacity, key).toBeCloseTo(1, 6);
      expect(n.width, key).toBeGreaterThan(0);
      expect(n.height, key).toBeGreaterThan(0);
      // Centred on their positions (offset 0).
      const [x, y] = n.position;
      const [w, h] = [n.width!, n.height!];
      return {
        key,
        left: x - w / 2,
        right: x + w / 2,
        top: y - h / 2,
        bottom: y + h / 2,
      };
    });
    const overlap = (a: Rect, b: Rect) =>
      a.left < b.right &&
      b.left < a.right &&
      a.top < b.bottom &&
      b.top < a.bottom;
    for (const [i, a] of texts.entries()) {
      expect(a.left, a.key).toBeGreaterThan(-frame.width / 2);
      expect(a.right, a.key).toBeLessThan(frame.width / 2);
      expect(a.top, a.key).toBeGreaterThan(-frame.height / 2);
      expect(a.bottom, a.key).toBeLessThan(frame.height / 2);
      for (const b of texts.slice(i + 1)) {
        expect(overlap(a, b), `${a.key} overlaps ${b.key}`).toBe(false);
      }
      expect(overlap(a, box2d), `${a.key} overlaps the grid`).toBe(false);
    }
    const [h1, h2, factor, det] = texts;
    // The headings sit above the grid and above the dx label over the top line.
    const dxLabelTop = lines[0].y - 100;
    for (const h of [h1, h2]) {
      expect(h.bottom, h.key).toBeLessThan(Math.min(box2d.top, dxLabelTop));
    }
    // The numbers sit below the grid and below the bottom line's tick numbers.
    for (const n of [factor, det]) {
      expect(n.top, n.key).toBeGreaterThan(
        Math.max(box2d.bottom, lines[1].y + 100),
      );
    }
    // Each one centred over or under its own picture.
    const mid1d = (lines[0].from + lines[0].to) / 2;
    for (const n of [h1, factor]) {
      expect((n.left + n.right) / 2, n.key).toBeCloseTo(mid1d, 0);
    }
    for (const n of [h2, det]) {
      expect((n.left + n.right) / 2, n.key).toBeCloseTo(gx, 0);
    }
    // The stack's own readout, which would sit beside the lines on the grid,
    // is hidden: f'(x) is written under the 1D picture, in the stretch's colour.
    expect(stack.stages[0].readout.opacity).toBe(0);
    expect(stack.factors[0]).toBe(3);
    expect(nodes['finale-factor'].text).toBe(
      `f'(x) = ${texFixed(stack.factors[0]!)}`,
    );
    expect(nodes['finale-factor'].fill).toBe(stack.lines[1].box.color);
  });

  it('draws the square’s corners where the map sends them, zoomed ×24 at (π, 0) and ×12 at the fold (headless Chromium)', async () => {
    const cases: [string, Map2D, Vector2, number, number, string][] = [
      ['area-factor-hold', LESSON, POINTS.start, ZOOM.linear, 0, COLORS.flip],
      ['area-factor-hold', LESSON, POINTS.start, ZOOM.linear, 2, COLORS.output],
      ['flip-hold', FOLDING, POINTS.flip, ZOOM.flip, 0, COLORS.flip],
    ];
    for (const [name, map, point, zoom, corner, color] of cases) {
      const still = await renderStill(PROJECT, SCENE, middle(beats[name]));
      const h = PLANE.squareSize / zoom;
      const s = corner === 0 ? -h / 2 : h / 2;
      const [u, v] = map.value([point[0] + s, point[1] + s]);
      // The view is magnified ×zoom about the drawn point map(p).
      const [qx, qy] = map.value(point);
      const view = (q: number, a: Scale): Scale => ({
        min: q + (a.min - q) / zoom,
        max: q + (a.max - q) / zoom,
        length: a.length,
      });
      const x = PLANE.x + numberToPoint(view(qx, PLANE.xScale), u);
      const y = -numberToPoint(view(qy, PLANE.yScale), v);
      expect(
        hasColorNear(still, x, y, color, 3),
        `${name}, corner ${corner}`,
      ).toBe(true);
    }
  });
});
