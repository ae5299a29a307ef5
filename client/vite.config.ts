import vue from '@vitejs/plugin-vue';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { appManifest, serverPaths } from './pwa.config';

const apiServer = 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [
    vue(),
    // The installable app (docs/client.md, Installable app): the manifest, and a Workbox service
    // worker that precaches the built shell and answers every navigation outside the server's
    // own paths with index.html, so the app opens without a connection.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: appManifest,
      includeAssets: ['icons/apple-touch-icon-180.png', 'icons/icon.svg'],
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [serverPaths],
        // The first install takes the open page at once (so it works offline without a reload);
        // a later version waits until every tab is closed, so nobody's edit is cut by a reload.
        clientsClaim: true,
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  // vue-i18n: the Composition API only (the legacy API is left out of the bundle), no devtools.
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
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
    // Components are mounted with the app's vue-i18n instance (English), as main.ts installs it.
    setupFiles: ['./src/i18n/test-setup.ts'],
    // In the one pool of the whole run (see tests/vitest.config.ts): on its own, a project without
    // maxWorkers gets (cores − 1) workers, one here, and its 50 files would run one by one first.
    sequence: { groupOrder: 1 },
    maxWorkers: 3,
    // Files share the worker's module cache (no mocks or fake timers here): evaluating the module
    // graph once per worker instead of once per file took this project's CPU time to a fifth.
    isolate: false,
  },
});
