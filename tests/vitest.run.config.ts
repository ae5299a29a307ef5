import { defineConfig } from 'vitest/config';
import { singleGraphql } from './vitest.shared.js';

/**
 * The end-to-end and browser files as one project, for the whole run (`pnpm test:all`,
 * vitest.run.config.ts); targeted runs keep the `e2e` and `browser` projects (vitest.config.ts).
 * Why one: Vitest keeps a worker (and the module cache `isolate: false` shares) only while the
 * next file in the queue is of the worker's own project. With the browser files spread through
 * the end-to-end files (tests/support/sequencer.ts), nearly every browser file stopped the worker
 * before it and the one after it, and each new worker evaluated the server's module graph again:
 * about 70 of those per run. A browser file's own settings (longer hooks and polls) are set by
 * `useBrowserSuite` for that file.
 */
export default defineConfig({
  resolve: singleGraphql,
  test: {
    name: 'e2e+browser',
    include: ['e2e/**/*.test.ts', 'browser/**/*.test.ts'],
    globalSetup: ['./support/global-setup.ts', './support/browser-setup.ts'],
    setupFiles: ['reflect-metadata'],
    // As in vitest.config.ts (e2e); vitest.browser.config.ts's longer hooks and polls come from
    // useBrowserSuite in the browser files.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    sequence: { groupOrder: 1 },
    maxWorkers: 3,
    isolate: false,
  },
});
