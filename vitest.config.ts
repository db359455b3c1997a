import {defineConfig} from 'vitest/config';

// Tests run in plain Node. Rendering tests drive headless Chromium themselves
// (through src/render), so they get long timeouts and run one file at a time:
// the machine has two cores and each render already uses both.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
