import type { RouteRecordRaw } from 'vue-router';

/** Admin routes, children of the workspace shell (`admin/...`). */
export const adminRoutes: RouteRecordRaw[] = [];
