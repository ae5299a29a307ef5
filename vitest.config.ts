import { defineConfig } from 'vitest/config';
import InterleavingSequencer from './tests/support/sequencer.js';

/**
 * Every package's tests as separate projects, for targeted runs (`--project e2e`, `--project browser`…).
 * The whole run (`pnpm test:all`) uses vitest.run.config.ts, with the e2e and browser files in one project.
 */
export default defineConfig({
  test: {
    projects: ['server', 'client', 'tests/vitest.config.ts', 'tests/vitest.browser.config.ts'],
    reporters: ['default', './scripts/summary-reporter.ts'],
    // Spreads the browser files through the end-to-end files they share a pool with.
    sequence: { sequencer: InterleavingSequencer },
  },
});
