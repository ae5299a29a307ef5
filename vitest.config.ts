import { defineConfig } from 'vitest/config';

/** One run over every package's tests, so the summary line counts them all. */
export default defineConfig({
  test: {
    projects: ['server', 'client', 'tests/vitest.config.ts', 'tests/vitest.browser.config.ts'],
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
