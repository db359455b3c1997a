import {defineConfig} from 'vitest/config';

// Tests run in plain Node. Rendering tests drive headless Chromium themselves
// (through src/render), so they get long timeouts and run one file at a
// time: a render already uses both cores.
//
// Files share one worker and its modules (isolate: false), so the render
// sessions of tests/helpers/render.ts (a Vite server and a browser with the
// project booted, about 6 s to start) serve the whole run;
// tests/setup/sessions.ts gives the run its own TMPDIR and ends the
// sessions.
//
// Two projects, which `npm test` runs as two vitest processes side by side
// (a file spends much of its time waiting on browsers, ffmpeg and child
// processes, so two lanes finish sooner than one):
// - "cli": the files that run the command line (`npm run render`) on
//   fixture projects of their own;
// - "pages": the rest, among them every test that looks into the chapter's
//   scenes (so the editor test, which may save their .meta files, never
//   runs beside them).
const CLI = [
  'tests/render/cli.test.ts',
  'tests/render/shard.test.ts',
  'tests/render/recovery.test.ts',
  'tests/render/offline.test.ts',
  'tests/narration/render.test.ts',
  'tests/render/heldFrames.test.ts',
];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    isolate: false,
    globalSetup: 'tests/setup/sessions.ts',
    projects: [
      {extends: true, test: {name: 'cli', include: CLI}},
      {
        extends: true,
        test: {name: 'pages', include: ['tests/**/*.test.ts'], exclude: CLI},
      },
    ],
  },
});
