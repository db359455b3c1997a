import {describe, expect, it} from 'vitest';
import {parseArgs} from '../../src/render/args';
import {isLoopback} from '../../src/render/browser';
import {chapterMetadata, concatList, joinArgs} from '../../src/render/chapters';
import {evenSize, x264Args, yuvFilter} from '../../src/render/encode';
import {
  parseRange,
  rangeToFrames,
  sheetTimes,
  splitFrames,
} from '../../src/render/frameRange';
import {PRESETS, resolutionScaleFor} from '../../src/render/presets';
import {frameAt} from '../../src/render/still';
import {stableSeed} from '../../src/render/vitePlugin';

describe('args', () => {
  it('defaults to the hd preset at 60 fps into output/', () => {
    const o = parseArgs([]);
    expect([o.preset, o.fps, o.outDir, o.force, o.list]).toEqual([
      'hd',
      60,
      'output',
      false,
      false,
    ]);
    expect(o.jobs).toBeGreaterThanOrEqual(1);
  });
  it('takes scenes, presets, --fps overriding the preset, and --flag=value', () => {
    const o = parseArgs([
      'a',
      '--preset',
      'preview',
      'b',
      '--fps=24',
      '--out',
      'x',
      '--jobs',
      '3',
      '--force',
    ]);
    expect([o.scenes, o.preset, o.fps, o.outDir, o.jobs, o.force]).toEqual([
      ['a', 'b'],
      'preview',
      24,
      'x',
      3,
      true,
    ]);
    expect(parseArgs(['--preset', '4k']).fps).toBe(60);
    expect(parseArgs(['--preset', 'preview']).fps).toBe(30);
  });
  it('names the bad input and what was expected', () => {
    expect(() => parseArgs(['--preset', 'huge'])).toThrow(
      '--preset: expected one of preview, hd, 4k, got "huge"',
    );
    expect(() => parseArgs(['--fps', '0'])).toThrow(
      '--fps: expected a frame rate from 1 to 240, got "0"',
    );
    expect(() => parseArgs(['--fps', 'abc'])).toThrow(
      '--fps: expected a frame rate from 1 to 240, got "abc"',
    );
    expect(() => parseArgs(['--range', '5-2'])).toThrow(
      '--range: expected START-END in seconds with START < END, got "5-2"',
    );
    expect(() => parseArgs(['--still', '-1'])).toThrow(
      '--still: expected a time in seconds ≥ 0, got "-1"',
    );
    expect(() => parseArgs(['--jobs', '1.5'])).toThrow(
      '--jobs: expected a positive integer, got "1.5"',
    );
    expect(() => parseArgs(['--bogus'])).toThrow('unknown option "--bogus"');
  });
});

describe('frame ranges', () => {
  it('parseRange reads START-END seconds', () => {
    expect(parseRange('1.5-4')).toEqual({start: 1.5, end: 4});
    expect(() => parseRange('4-4')).toThrow(/START < END/);
    expect(() => parseRange('a-b')).toThrow(/got "a-b"/);
  });
  it('rangeToFrames rounds to frames and stays within the scene', () => {
    expect(rangeToFrames(null, 60, 600)).toEqual({from: 0, to: 600});
    expect(rangeToFrames({start: 1, end: 2.5}, 60, 600)).toEqual({
      from: 60,
      to: 150,
    });
    expect(rangeToFrames({start: 9, end: 10}, 60, 600)).toEqual({
      from: 540,
      to: 600,
    });
    // Past the end is an error, as --still past the end is (not clipped).
    expect(() =>
      rangeToFrames({start: 9, end: 20}, 60, 600, 'scene "x"'),
    ).toThrow(/within scene "x" \(0-10.000 s\), got "9-20"/);
    expect(() =>
      rangeToFrames({start: 11, end: 12}, 60, 600, 'scene "x"'),
    ).toThrow(/within scene "x" \(0-10.000 s\)/);
  });
  it('splitFrames covers the range with contiguous chunks', () => {
    const chunks = splitFrames({from: 10, to: 101}, 3);
    expect(chunks[0].from).toBe(10);
    expect(chunks[2].to).toBe(101);
    for (let i = 1; i < chunks.length; i++)
      expect(chunks[i].from).toBe(chunks[i - 1].to);
  });
  it('frameAt takes the nearest frame and clamps to the last', () => {
    expect(frameAt(0.1, 30, 100)).toBe(3);
    expect(frameAt(1.5, 60, 91)).toBe(90);
    expect(frameAt(100, 60, 91)).toBe(90);
  });
  it('sheetTimes gives a time every 2 s within the scene', () => {
    expect(sheetTimes(600, 60)).toEqual([0, 2, 4, 6, 8]);
    expect(sheetTimes(1, 60)).toEqual([0]);
  });
});

describe('presets', () => {
  it('resolutionScaleFor reaches the preset size exactly', () => {
    for (const preset of Object.values(PRESETS)) {
      const scale = resolutionScaleFor(1920, 1080, preset);
      expect(Math.floor(1920 * scale)).toBe(preset.width);
      expect(Math.floor(1080 * scale)).toBe(preset.height);
    }
    expect(resolutionScaleFor(1920, 1080, PRESETS.hd)).toBe(1);
  });
});

describe('ffmpeg arguments', () => {
  it('x264Args encodes a PNG stream (or raw RGBA) from stdin to BT.709 tv-range yuv420p H.264 with faststart', () => {
    const settings = {
      width: 854,
      height: 480,
      fps: 30,
      preset: 'veryfast',
      crf: 18,
      threads: 4,
    };
    const args = x264Args(settings, 'o.mp4');
    const s = args.join(' ');
    expect(s).toContain('-f image2pipe -c:v png -framerate 30 -i pipe:0');
    expect(s).toContain(
      '-c:v libx264 -preset veryfast -crf 18 -threads 4 -pix_fmt yuv420p',
    );
    expect(s).toContain(
      '-colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv',
    );
    expect(s).toContain('-movflags +faststart');
    expect(args.at(-1)).toBe('o.mp4');
    expect(x264Args(settings, 'o.mp4', 'raw').join(' ')).toContain(
      '-f rawvideo -pix_fmt rgba -s 854x480 -framerate 30 -i pipe:0',
    );
  });
  it('pads odd sizes to even ones', () => {
    expect(evenSize(853, 481)).toEqual([854, 482]);
    expect(yuvFilter(853, 480)).toMatch(
      /^pad=854:480:0:0,scale=out_color_matrix=bt709/,
    );
    expect(yuvFilter(854, 480)).not.toContain('pad');
  });
});

describe('chapters', () => {
  it('chapterMetadata gives one chapter per scene, back to back, titled by scene', () => {
    const text = chapterMetadata(
      'chapter-12',
      [
        {title: '01-title', file: 'a.mp4', frames: 510},
        {title: '02-lines', file: 'b.mp4', frames: 120},
      ],
      60,
    );
    expect(text).toBe(
      ';FFMETADATA1\ntitle=chapter-12\n\n[CHAPTER]\nTIMEBASE=1/60\nSTART=0\nEND=510\ntitle=01-title\n\n' +
        '[CHAPTER]\nTIMEBASE=1/60\nSTART=510\nEND=630\ntitle=02-lines\n',
    );
    expect(chapterMetadata('a=b', [], 60)).toContain('title=a\\=b');
  });
  it('joins by stream copy with the metadata file as chapters', () => {
    expect(concatList(["/o/it's.mp4"])).toBe("file '/o/it'\\''s.mp4'\n");
    const args = joinArgs('l.txt', 'm.txt', 'o.mp4').join(' ');
    expect(args).toContain(
      '-f concat -safe 0 -i l.txt -i m.txt -map 0 -map_metadata 1 -map_chapters 1 -c copy',
    );
  });
});

describe('browser network policy', () => {
  it('isLoopback allows only loopback, data: and blob:', () => {
    expect(isLoopback('http://127.0.0.1:1234/x')).toBe(true);
    expect(isLoopback('http://localhost/x')).toBe(true);
    expect(isLoopback('data:text/plain,hi')).toBe(true);
    expect(isLoopback('https://fonts.googleapis.com/css')).toBe(false);
    expect(isLoopback('http://10.0.0.1/')).toBe(false);
  });
  it('stableSeed is a fixed 32-bit number per scene name', () => {
    expect(stableSeed('01-title')).toBe(stableSeed('01-title'));
    expect(stableSeed('a')).not.toBe(stableSeed('b'));
    expect(stableSeed('x')).toBeLessThan(2 ** 32);
  });
});
