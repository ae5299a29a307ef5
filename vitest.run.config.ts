import { defineConfig } from 'vitest/config';
import InterleavingSequencer from './tests/support/sequencer.js';

/**
 * The whole run (`pnpm test:all`, in `pnpm test`): as vitest.config.ts, with the end-to-end and
 * browser files in one project so workers carry on from one to the other
 * (see tests/vitest.run.config.ts). vitest.config.ts keeps them apart for `--project e2e` and
 * `--project browser`.
 */
export default defineConfig({
  test: {
    projects: ['server', 'client', 'tests/vitest.run.config.ts'],
    reporters: ['default', './scripts/summary-reporter.ts'],
    sequence: { sequencer: InterleavingSequencer },
  },
});
