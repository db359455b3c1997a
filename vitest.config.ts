import {defineConfig} from 'vitest/config';

// Tests run in plain Node. Rendering tests drive headless Chromium themselves
// (through src/render), so they get long timeouts and run one file at a time:
// the machine has two cores and each render already uses both. Files share
// one worker and its modules (isolate: false), so the render sessions of
// tests/helpers/render.ts (a Vite server and a browser with the project
// booted, about 6 s to start) serve the whole run; tests/setup/sessions.ts
// ends them.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    isolate: false,
    globalSetup: ['tests/setup/sessions.ts'],
  },
});
