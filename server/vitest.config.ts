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
  },
});
