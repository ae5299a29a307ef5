import { defineConfig } from 'vitest/config';
import { singleGraphql } from './vitest.shared.js';

export default defineConfig({
  resolve: singleGraphql,
  test: {
    name: 'e2e',
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['./support/global-setup.ts'],
    setupFiles: ['reflect-metadata'],
    // A cap for a hung test, not a speed check: a busy machine may take many times the usual.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file starts its own server on its own database. Three at a time: with two, a whole run
    // used 1.2 of the two cores (1,931 s of CPU in 1,623 s), the files spending much of their time
    // waiting on sockets, jobs and polls.
    // One group with the browser and unit files (the other projects' configs), sharing these workers;
    // tests/support/sequencer.ts orders them.
    sequence: { groupOrder: 1 },
    maxWorkers: 3,
    // Test files in a worker share its module cache: the server's module graph (type-graphql, Apollo,
    // MikroORM) is evaluated once per worker instead of once per file. Each file still starts its own
    // server on its own database, so files share code, not state.
    isolate: false,
  },
});
