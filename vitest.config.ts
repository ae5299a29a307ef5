import { defineConfig } from 'vitest/config';
import InterleavingSequencer from './tests/support/sequencer.js';

/** One run over every package's tests, so the summary line counts them all. */
export default defineConfig({
  test: {
    projects: ['server', 'client', 'tests/vitest.config.ts', 'tests/vitest.browser.config.ts'],
    reporters: ['default', './scripts/summary-reporter.ts'],
    // Spreads the browser files through the end-to-end files they share a pool with.
    sequence: { sequencer: InterleavingSequencer },
  },
});
