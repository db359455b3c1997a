import {
  mkdirSync,
  mkdtempSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {parseArgs} from '../../src/render/args';
import {
  checkRun,
  projectAudioInputs,
  projectInputs,
  recordPath,
  recordRun,
  runKey,
} from '../../src/render/runRecord';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mc-run-record-test-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), {recursive: true});
  writeFileSync(file, text);
  return file;
}

const project = write(
  'project/project.ts',
  `import a from './scenes/a?scene';\nexport default {scenes: [a]};`,
);
const scene = write(
  'project/scenes/a.tsx',
  `import {T} from './a.timing';\nexport default T;`,
);
const timing = write('project/scenes/a.timing.ts', `export const T = 1;`);
const meta = write('project/scenes/a.meta', `{"version": 0}`);
// Stand-ins for the browser and ffmpeg binaries: only their stamps count.
const chrome = write('bin/chrome', 'chrome 1');
const ffmpeg = write('bin/ffmpeg', 'ffmpeg 1');
const env = {CHROME_PATH: chrome, FFMPEG_PATH: ffmpeg};
const out = path.join(dir, 'out');
mkdirSync(out);

const options = (...argv: string[]) =>
  parseArgs(['--project', project, '--out', out, ...argv]);
const info = {
  name: 'project',
  width: 1920,
  height: 1080,
  scenes: [{name: 'a', firstFrame: 0, frames: 60}],
};

describe('run key', () => {
  it('is made of the import graph, the .meta files and the settings', () => {
    expect(projectInputs(project).map(f => path.relative(dir, f))).toEqual([
      'project/project.ts',
      'project/scenes/a.meta',
      'project/scenes/a.timing.ts',
      'project/scenes/a.tsx',
    ]);
    const key = runKey(options(), project, [], env);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(runKey(options(), project, [], env)).toBe(key);
    // A changed duration, a pause dragged in the editor, another preset,
    // another browser or ffmpeg binary: another key.
    writeFileSync(timing, `export const T = 2;`);
    const retimed = runKey(options(), project, [], env);
    expect(retimed).not.toBe(key);
    writeFileSync(meta, `{"version": 0, "timeEvents": []}`);
    const paused = runKey(options(), project, [], env);
    expect(paused).not.toBe(retimed);
    expect(runKey(options('--preset', 'preview'), project, [], env)).not.toBe(
      paused,
    );
    writeFileSync(chrome, 'chrome 2, another build');
    expect(runKey(options(), project, [], env)).not.toBe(paused);
    utimesSync(ffmpeg, new Date(2020, 1, 1), new Date(2020, 1, 1));
    const key2 = runKey(options(), project, [], env);
    expect(runKey(options(), project, [], env)).toBe(key2);
    // Extra inputs (recorded takes) count too.
    const take = write('takes/a.wav', 'RIFF');
    expect(runKey(options(), project, [take], env)).not.toBe(key2);
  });

  it('is unknown (null) when a browser or an import cannot be found', () => {
    expect(
      runKey(options(), project, [], {...env, CHROME_PATH: '/no/chrome'}),
    ).toBeNull();
    writeFileSync(scene, `import {T} from './missing';`);
    expect(runKey(options(), project, [], env)).toBeNull();
    writeFileSync(scene, `import {T} from './a.timing';\nexport default T;`);
  });
});

describe('run record', () => {
  it('answers for unchanged outputs only, and only under the same key', async () => {
    const video = write('out/a.mp4', 'video bytes');
    const key = runKey(options(), project, [], env)!;
    await recordRun(
      out,
      options(),
      project,
      key,
      info,
      [{scene: 'a', file: video, frames: 60}],
      [video],
    );
    const hit = await checkRun(out, options(), project, key);
    expect(hit?.results).toEqual([{scene: 'a', name: 'a.mp4', frames: 60}]);
    expect(hit?.info).toEqual(info);
    // Another command (a preset) has its own record.
    expect(
      await checkRun(out, options('--preset', 'preview'), project, key),
    ).toBeNull();
    expect(await checkRun(out, options(), project, 'other key')).toBeNull();
    // Same size, other bytes: the file is not the one the render wrote.
    writeFileSync(video, 'video BYTES');
    expect(await checkRun(out, options(), project, key)).toBeNull();
    rmSync(video);
    expect(await checkRun(out, options(), project, key)).toBeNull();
  });

  it('treats a broken record as no record', async () => {
    const key = runKey(options('--fps', '24'), project, [], env)!;
    const video = write('out/b.mp4', 'b');
    await recordRun(
      out,
      options('--fps', '24'),
      project,
      key,
      info,
      [{scene: 'a', file: video, frames: 24}],
      [video],
    );
    writeFileSync(recordPath(out, options('--fps', '24'), project), '{"form');
    expect(
      await checkRun(out, options('--fps', '24'), project, key),
    ).toBeNull();
  });
});

describe('project audio in the key', () => {
  it("names the file a project's audio path points at, and none for a narrated project", () => {
    const withAudio = write(
      'audio-project/project.ts',
      `// audio: './commented.wav'\nexport default {scenes: [], audio: './sound.wav'};`,
    );
    const sound = write('audio-project/sound.wav', 'RIFF');
    expect(projectAudioInputs(withAudio)).toEqual([sound]);
    const key = runKey(
      options(),
      withAudio,
      projectAudioInputs(withAudio),
      env,
    );
    writeFileSync(sound, 'RIFF, another take');
    expect(
      runKey(options(), withAudio, projectAudioInputs(withAudio), env),
    ).not.toBe(key);
    // With narration scripts beside it, `audio` is the editor's mix: unused.
    write('audio-project/a.narration.ts', 'export default {};');
    expect(projectAudioInputs(withAudio)).toEqual([]);
  });
});
