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
  },
});
