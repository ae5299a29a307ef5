import type { RouteRecordRaw } from 'vue-router';

// The import wizard loads on demand, like the record pages.
const ImportPage = () => import('./ImportPage.vue');

/** Import routes, children of the workspace shell (`objects/:object/import`). */
export const importRoutes: RouteRecordRaw[] = [
  { path: 'objects/:object/import', name: 'import', component: ImportPage },
];
