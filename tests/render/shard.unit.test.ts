/**
 * Rendering on many machines, the pure part (src/render/shard.ts): --shard
 * parsing, the segment grid, the balanced split and the manifest checks
 * --assemble makes. Milliseconds, no browser.
 */
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {parseArgs} from '../../src/render/args';
import {UsageError} from '../../src/render/errors';
import {
  checkManifests,
  hashJson,
  MANIFEST_FORMAT,
  manifestName,
  measuredCosts,
  parseManifest,
  parseManifestName,
  parseShard,
  planShards,
  runsOf,
  segmentFrames,
  segmentGrid,
  segmentName,
  type PlanScene,
  type ReadManifest,
  type ShardBuild,
  type ShardManifest,
  type ShardPlan,
} from '../../src/render/shard';

describe('--shard K/N', () => {
  it('takes 1-based K of N', () => {
    expect(parseShard('1/3')).toEqual({index: 1, count: 3});
    expect(parseShard('3/3')).toEqual({index: 3, count: 3});
    expect(parseShard('1/1')).toEqual({index: 1, count: 1});
    expect(parseArgs(['--shard', '2/3']).shard).toEqual({index: 2, count: 3});
    expect(parseArgs(['--shard=2/3']).shard).toEqual({index: 2, count: 3});
    expect(parseArgs([]).shard).toBeNull();
  });

  it('refuses 0/3, 4/3, abc and the like with one line and a usage error', () => {
    const expected = 'expected K/N with 1 ≤ K ≤ N (e.g. 2/3), or auto/N';
    for (const bad of ['0/3', '4/3', 'abc', '1/0', '-1/3', '1.5/3', '3', '']) {
      expect(() => parseShard(bad)).toThrow(UsageError);
      expect(() => parseShard(bad)).toThrow(
        `--shard: ${expected}, got "${bad}"`,
      );
    }
    expect(() => parseArgs(['--shard'])).toThrow(
      `--shard: ${expected}, got nothing`,
    );
    expect(() => parseArgs(['--shard', '--out', 'x'])).toThrow(
      `--shard: ${expected}, got nothing`,
    );
  });

  it('auto/N takes K from the batch engine (0-based) index', () => {
    expect(parseShard('auto/3', {JOB_COMPLETION_INDEX: '0'})).toEqual({
      index: 1,
      count: 3,
    });
    expect(parseShard('auto/3', {AWS_BATCH_JOB_ARRAY_INDEX: '2'})).toEqual({
      index: 3,
      count: 3,
    });
    expect(
      parseArgs(['--shard', 'auto/4'], {JOB_COMPLETION_INDEX: '1'}).shard,
    ).toEqual({index: 2, count: 4});
    expect(() => parseShard('auto/3', {JOB_COMPLETION_INDEX: '3'})).toThrow(
      '--shard auto/3: expected JOB_COMPLETION_INDEX or AWS_BATCH_JOB_ARRAY_INDEX to hold an index from 0 to 2, got JOB_COMPLETION_INDEX="3"',
    );
    expect(() => parseShard('auto/3', {})).toThrow(
      'to hold an index from 0 to 2, got neither',
    );
  });

  it('does not combine with stills, sheets, --list or --assemble', () => {
    expect(() => parseArgs(['--shard', '1/2', '--still', '1'])).toThrow(
      '--shard and --still: expected one of them, got both',
    );
    expect(() => parseArgs(['--shard', '1/2', '--contact-sheet'])).toThrow(
      '--shard and --contact-sheet',
    );
    expect(() => parseArgs(['--shard', '1/2', '--assemble', 'x'])).toThrow(
      '--shard and --assemble',
    );
    // Scenes, --preset and --range combine as with any render.
    const o = parseArgs([
      'a',
      '--shard',
      '2/2',
      '--preset',
      'preview',
      '--range',
      '1-3',
    ]);
    expect([o.scenes, o.preset, o.range, o.shard]).toEqual([
      ['a'],
      'preview',
      {start: 1, end: 3},
      {index: 2, count: 2},
    ]);
  });

  it('--assemble DIR stands alone', () => {
    expect(parseArgs(['--assemble', 'out']).assemble).toBe('out');
    expect(() => parseArgs(['--assemble'])).toThrow(
      '--assemble: expected the directory the shards wrote to, got nothing',
    );
    expect(() => parseArgs(['--assemble', 'out', 'a'])).toThrow(
      '--assemble and scene "a": expected --assemble DIR alone',
    );
    expect(() => parseArgs(['--assemble', 'out', '--range', '1-2'])).toThrow(
      '--assemble and --range',
    );
  });
});

describe('the segment grid', () => {
  it('cuts every 4 s from the range start, the tail merged into the last', () => {
    expect(segmentFrames(60)).toBe(240);
    expect(segmentFrames(10)).toBe(40);
    expect(segmentGrid({from: 0, to: 132}, 40)).toEqual([
      {from: 0, to: 40},
      {from: 40, to: 80},
      {from: 80, to: 132},
    ]);
    expect(segmentGrid({from: 0, to: 141}, 40)).toEqual([
      {from: 0, to: 40},
      {from: 40, to: 80},
      {from: 80, to: 120},
      {from: 120, to: 141},
    ]);
    expect(segmentGrid({from: 5, to: 10}, 40)).toEqual([{from: 5, to: 10}]);
    expect(segmentGrid({from: 5, to: 5}, 40)).toEqual([]);
  });

  it('tiles any range exactly, no segment under half or over 1.5 sizes', () => {
    fc.assert(
      fc.property(
        fc.nat(1000),
        fc.integer({min: 1, max: 3000}),
        fc.integer({min: 1, max: 300}),
        (from, length, size) => {
          const grid = segmentGrid({from, to: from + length}, size);
          const lengths = grid.map(g => g.to - g.from);
          return (
            grid[0].from === from &&
            grid[grid.length - 1].to === from + length &&
            grid.every((g, i) => i === 0 || g.from === grid[i - 1].to) &&
            (grid.length === 1 ||
              lengths.every(n => n >= size / 2 && n <= 1.5 * size))
          );
        },
      ),
      {numRuns: 60},
    );
  });

  it('groups contiguous segments into runs', () => {
    expect(
      runsOf([
        {from: 0, to: 4},
        {from: 4, to: 8},
        {from: 12, to: 16},
      ]),
    ).toEqual([
      [
        {from: 0, to: 4},
        {from: 4, to: 8},
      ],
      [{from: 12, to: 16}],
    ]);
  });
});

describe('the split into shards', () => {
  const chapter: PlanScene[] = [
    {name: 'a', from: 0, to: 511},
    {name: 'b', from: 0, to: 2108},
    {name: 'c', from: 0, to: 3404},
    {name: 'd', from: 0, to: 86},
  ];

  it('gives every segment to exactly one shard, in order, deterministically', () => {
    const plan = planShards(chapter, 240, 3);
    expect(plan).toEqual(planShards(chapter, 240, 3));
    const shards = plan.map(s => s.shard);
    expect(shards).toEqual([...shards].sort((x, y) => x - y));
    expect(new Set(shards)).toEqual(new Set([1, 2, 3]));
    const frames = (k: number) =>
      plan.filter(s => s.shard === k).reduce((n, s) => n + s.to - s.from, 0);
    const total = 511 + 2108 + 3404 + 86;
    expect(frames(1) + frames(2) + frames(3)).toBe(total);
    // Balanced to within a segment.
    for (const k of [1, 2, 3]) {
      expect(Math.abs(frames(k) - total / 3)).toBeLessThanOrEqual(240);
    }
  });

  it('weights frames by the measured cost per scene', () => {
    const even = planShards(
      [
        {name: 'cheap', from: 0, to: 2400},
        {name: 'dear', from: 0, to: 2400},
      ],
      240,
      2,
    );
    // Equal costs: equal frames, one scene each.
    expect(even.filter(s => s.shard === 1).map(s => s.scene)).toEqual(
      Array(10).fill('cheap'),
    );
    // "dear" costs three times as much a frame: shard 1 takes only part of it.
    const weighted = planShards(
      [
        {name: 'dear', from: 0, to: 2400},
        {name: 'cheap', from: 0, to: 2400},
      ],
      240,
      2,
      {dear: 30, cheap: 10},
    );
    const first = weighted.filter(s => s.shard === 1);
    expect(first.every(s => s.scene === 'dear')).toBe(true);
    // Half the total cost (96,000 ms) is 1600 frames of "dear"; the segment
    // boundary nearest to it is at 1680.
    expect(first.reduce((n, s) => n + s.to - s.from, 0)).toBe(1680);
  });

  it('is balanced within one segment for any scenes, costs and N', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            frames: fc.integer({min: 1, max: 5000}),
            cost: fc.integer({min: 1, max: 100}),
          }),
          {minLength: 1, maxLength: 15},
        ),
        fc.integer({min: 1, max: 40}),
        (list, count) => {
          const scenes = list.map((s, i) => ({
            name: `s${i}`,
            from: 0,
            to: s.frames,
          }));
          const costs = Object.fromEntries(
            list.map((s, i) => [`s${i}`, s.cost]),
          );
          const plan = planShards(scenes, 240, count, costs);
          const cost = (k: number) =>
            plan
              .filter(s => s.shard === k)
              .reduce((n, s) => n + (s.to - s.from) * costs[s.scene], 0);
          const total = plan.reduce(
            (n, s) => n + (s.to - s.from) * costs[s.scene],
            0,
          );
          const biggest = Math.max(
            ...plan.map(s => (s.to - s.from) * costs[s.scene]),
          );
          for (let k = 1; k <= count; k++) {
            expect(cost(k)).toBeLessThanOrEqual(total / count + biggest);
          }
          expect(plan.every(s => s.shard >= 1 && s.shard <= count)).toBe(true);
        },
      ),
      {numRuns: 60},
    );
  });

  it('leaves shards empty when there are fewer segments than shards', () => {
    const plan = planShards([{name: 'a', from: 0, to: 500}], 240, 5);
    expect(plan).toHaveLength(2);
    expect(new Set(plan.map(s => s.shard)).size).toBe(2);
  });
});

describe('manifests and --assemble checks', () => {
  const plan: ShardPlan = {
    project: 'p',
    width: 854,
    height: 480,
    fps: 10,
    range: null,
    segmentFrames: 40,
    scenes: [
      {name: 'drift', from: 0, to: 132},
      {name: 'pulse', from: 0, to: 21},
    ],
    joinProject: true,
    projectFile: 'tests/render/fixtures/shards/project.ts',
    sound: {kind: 'narration'},
    timeline: {
      drift: {frames: 132, firstFrame: 0},
      pulse: {frames: 21, firstFrame: 132},
    },
  };
  const build: ShardBuild = {
    sources: {drift: 'a'.repeat(64), pulse: 'b'.repeat(64)},
    settings: 'c'.repeat(64),
    ffmpeg: 'ffmpeg version 7',
    browser: 'Chrome/156.0 (installed)',
  };
  const digest = 'd'.repeat(64);

  function manifest(
    index: number,
    count = 3,
    changes: {build?: Partial<ShardBuild>; plan?: Partial<ShardPlan>} = {},
    finished = `2026-01-01T00:00:0${index}Z`,
  ): ShardManifest {
    const shard = {index, count};
    const b = {...build, ...changes.build};
    const p = {...plan, ...changes.plan};
    return {
      format: MANIFEST_FORMAT,
      shard,
      plan: p,
      costs: {},
      build: b,
      buildHash: hashJson(b),
      segments: planShards(p.scenes, p.segmentFrames, count)
        .filter(s => s.shard === index)
        .map(s => ({
          ...s,
          file: segmentName(shard, s),
          size: 100,
          sha256: digest,
          ms: 10 * (s.to - s.from),
        })),
      beats:
        index === 3 ? {pulse: [{name: 'narration:a', start: 0, end: 2}]} : {},
      finished,
      seconds: 1,
    };
  }
  const found = (...ms: ShardManifest[]): ReadManifest[] =>
    ms.map(m => ({shard: m.shard, manifest: m}));

  it('round-trips a manifest and names the files', () => {
    const m = manifest(3);
    expect(parseManifest(JSON.stringify(m))).toEqual(m);
    expect(manifestName(m.shard)).toBe('shards/3-of-3.json');
    expect(m.segments.map(s => s.file)).toEqual([
      'shards/3-of-3/drift.000080-000132.mp4',
      'shards/3-of-3/pulse.000000-000021.mp4',
    ]);
    expect(parseManifestName('2-of-3.json')).toEqual({index: 2, count: 3});
    expect(parseManifestName('0-of-3.json')).toBeNull();
    expect(parseManifestName('costs.json')).toBeNull();
  });

  it('rejects broken or tampered manifests with a reason', () => {
    expect(parseManifest('{')).toBe('not JSON');
    expect(parseManifest('[]')).toBe('not an object');
    const m = manifest(1);
    expect(
      parseManifest(JSON.stringify({...m, build: {...m.build, ffmpeg: 'x'}})),
    ).toBe('buildHash does not match');
    const escape = {
      ...m,
      segments: [{...m.segments[0], file: 'shards/../../etc/passwd'}],
    };
    expect(parseManifest(JSON.stringify(escape))).toBe('no valid segments');
    expect(parseManifest(JSON.stringify({...m, format: 'x'}))).toMatch(
      /^format "x"/,
    );
    expect(
      parseManifest(JSON.stringify({...m, plan: {...m.plan, sound: {}}})),
    ).toBe('no valid plan');
    expect(
      parseManifest(JSON.stringify({...m, beats: {drift: [{name: 1}]}})),
    ).toBe('no valid beats');
  });

  it('accepts a complete, consistent set: every segment in order', () => {
    const result = checkManifests(found(manifest(2), manifest(1), manifest(3)));
    if (typeof result === 'string') throw new Error(result);
    expect(
      result.segments.map(s => `${s.scene}:${s.from}-${s.to}@${s.shard.index}`),
    ).toEqual([
      'drift:0-40@1',
      'drift:40-80@2',
      'drift:80-132@3',
      'pulse:0-21@3',
    ]);
    expect(result.ignored).toEqual([]);
  });

  it('names a missing shard to re-run', () => {
    expect(checkManifests(found(manifest(1), manifest(3)))).toBe(
      'shard 2/3 is missing (no manifest in shards): re-run --shard 2/3',
    );
    expect(checkManifests(found(manifest(3)))).toBe(
      'shards 1/3, 2/3 are missing (no manifest in shards): re-run --shard 1/3 and --shard 2/3',
    );
    expect(checkManifests([], 'out/shards')).toBe(
      'no shard manifest in out/shards: expected the output of `npm run render -- --shard K/N` there',
    );
    expect(
      checkManifests([
        ...found(manifest(1), manifest(3)),
        {shard: {index: 2, count: 3}, problem: 'not JSON'},
      ]),
    ).toBe(
      'shard 2/3: its manifest is unusable (not JSON): re-run --shard 2/3',
    );
  });

  it('refuses shards from other sources, browsers, ffmpeg or selections', () => {
    const other = manifest(2, 3, {
      build: {sources: {...build.sources, pulse: 'e'.repeat(64)}},
    });
    expect(checkManifests(found(manifest(1), other, manifest(3)))).toBe(
      'shard 2/3 was made from other sources of pulse than shard 3/3 (the newest); segments from both would not match at the seams: re-run --shard 2/3 like shard 3/3',
    );
    const chromium143 = manifest(
      1,
      3,
      {build: {browser: 'HeadlessChrome/143.0 (@sparticuz/chromium)'}},
      '2026-01-02T00:00:00Z',
    );
    expect(checkManifests(found(chromium143, manifest(2), manifest(3)))).toBe(
      'shard 2/3 (and 3/3 likewise) was drawn by Chrome/156.0 (installed), shard 1/3 (the newest) by HeadlessChrome/143.0 (@sparticuz/chromium); segments from both would not match at the seams: re-run --shard 2/3 and --shard 3/3 like shard 1/3',
    );
    const ffmpeg = manifest(1, 3, {build: {ffmpeg: 'ffmpeg version 6'}});
    expect(checkManifests(found(ffmpeg, manifest(2), manifest(3)))).toMatch(
      /^shard 1\/3 was encoded by ffmpeg version 6, shard 3\/3 \(the newest\) by ffmpeg version 7; .*re-run --shard 1\/3/,
    );
    const hd = manifest(1, 3, {plan: {width: 1920, height: 1080}});
    expect(checkManifests(found(hd, manifest(2), manifest(3)))).toMatch(
      /^shard 1\/3 rendered 1920x1080@10, unlike shard 3\/3 \(the newest\): re-run --shard 1\/3 with the same scenes/,
    );
    const silent = manifest(2, 3, {plan: {sound: {kind: 'silent'}}});
    expect(checkManifests(found(manifest(1), silent, manifest(3)))).toBe(
      'shard 2/3 rendered with no audio, unlike shard 3/3 (the newest): re-run --shard 2/3 with the same scenes, --preset, --fps, --range and --no-audio',
    );
  });

  it('names the shard owning a segment no manifest lists', () => {
    const gap = manifest(2);
    gap.segments = [];
    expect(checkManifests(found(manifest(1), gap, manifest(3)))).toBe(
      "drift frames 40-80 is in no shard's manifest: re-run --shard 2/3",
    );
  });

  it('uses the newest shard count and ignores older ones', () => {
    const old = manifest(1, 2, {}, '2025-01-01T00:00:00Z');
    const result = checkManifests(
      found(old, manifest(1), manifest(2), manifest(3)),
    );
    if (typeof result === 'string') throw new Error(result);
    expect(result.ignored).toEqual([{index: 1, count: 2}]);
  });

  it('measures ms a frame per scene from rendered segments', () => {
    expect(
      measuredCosts([manifest(1), manifest(2), manifest(3)], {gone: 5}),
    ).toEqual({gone: 5, drift: 10, pulse: 10});
  });
});
