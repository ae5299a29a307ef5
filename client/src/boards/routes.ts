import type { RouteRecordRaw } from 'vue-router';

// The board loads on demand, like the record pages.
const BoardPage = () => import('./BoardPage.vue');

/** Board routes, children of the workspace shell (`board/:object`, `?pipeline=<key>`). */
export const boardRoutes: RouteRecordRaw[] = [{ path: 'board/:object', name: 'board', component: BoardPage }];
