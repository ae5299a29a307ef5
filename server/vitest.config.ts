import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // One copy of graphql, the CommonJS one that type-graphql and Apollo load (see tests/vitest.shared.ts).
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    name: 'server',
    include: ['src/**/*.test.ts'],
    setupFiles: ['reflect-metadata'],
    // In the one pool of the whole run (see tests/vitest.config.ts): on its own, a project without
    // maxWorkers gets (cores − 1) workers, one here, and its 63 files would run one by one first.
    sequence: { groupOrder: 1 },
    maxWorkers: 3,
    // Files share the worker's module cache (no mocks or fake timers here): evaluating the module
    // graph once per worker instead of once per file took this project's CPU time to a fifth.
    isolate: false,
  },
});
