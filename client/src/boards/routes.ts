import type { RouteRecordRaw } from 'vue-router';

/** Board routes, children of the workspace shell (`board/:object`). */
export const boardRoutes: RouteRecordRaw[] = [];
