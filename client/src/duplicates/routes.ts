import type { RouteRecordRaw } from 'vue-router';

const DuplicatesPage = () => import('./DuplicatesPage.vue');

/** `duplicates/:object`: the object's likely duplicate groups, a child of the workspace shell. */
export const duplicateRoutes: RouteRecordRaw[] = [
  { path: 'duplicates/:object', name: 'duplicates', component: DuplicatesPage },
];
