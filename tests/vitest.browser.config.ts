import { defineConfig } from 'vitest/config';
import { singleGraphql } from './vitest.shared.js';

/** Client features in real Chromium against a real server serving the built client. */
export default defineConfig({
  resolve: singleGraphql,
  test: {
    name: 'browser',
    include: ['browser/**/*.test.ts'],
    globalSetup: ['./support/global-setup.ts', './support/browser-setup.ts'],
    setupFiles: ['reflect-metadata'],
    testTimeout: 60_000,
    // A real browser on a shared 2-core machine: a socket's first sync or a build-heavy moment
    // can take seconds. Conditions still fail, only later.
    expect: { poll: { timeout: 20_000 } },
    hookTimeout: 120_000,
    // In the end-to-end files' group and pool (vitest runs projects of one group together, and they
    // must share maxWorkers): Chromium runs beside the end-to-end files, which mostly wait on
    // sockets and jobs. tests/support/sequencer.ts spreads the browser files through the run, so
    // mostly one Chromium runs at a time.
    sequence: { groupOrder: 1 },
    maxWorkers: 3,
    // As in e2e: files share the worker's module cache, each still starts its own server and browser.
    isolate: false,
  },
});
