import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

const apiServer = 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [vue()],
  server: {
    proxy: {
      '/graphql': { target: apiServer, ws: true },
      '/healthz': apiServer,
      '/export': apiServer,
      // Single sign-on's redirects (set PUBLIC_URL to the dev server's address so the provider returns here).
      '/auth/oidc': apiServer,
      '/collab': { target: apiServer, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    rollupOptions: {
      output: {
        // ECharts (tree-shaken in reports/charts/echarts.ts) in a chunk of its own, loaded by the analytics pages only.
        manualChunks: (id) =>
          /node_modules\/.*\/(echarts|zrender|vue-echarts)\//.test(id) ? 'echarts' : undefined,
      },
    },
  },
  test: {
    name: 'client',
    environment: 'happy-dom',
    include: ['src/**/*.test.ts'],
    // In the one pool of the whole run (see tests/vitest.config.ts): on its own, a project without
    // maxWorkers gets (cores − 1) workers, one here, and its 50 files would run one by one first.
    sequence: { groupOrder: 1 },
    maxWorkers: 3,
    // Files share the worker's module cache (no mocks or fake timers here): evaluating the module
    // graph once per worker instead of once per file took this project's CPU time to a fifth.
    isolate: false,
  },
});
