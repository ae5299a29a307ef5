import type { RouteRecordRaw } from 'vue-router';

// Reports, dashboards and analytics load on demand: ECharts stays out of the first page.
const ForecastPage = () => import('./forecast/ForecastPage.vue');

/** Analytics routes, children of the workspace shell. */
export const reportRoutes: RouteRecordRaw[] = [
  { path: 'forecast/:object?', name: 'forecast', component: ForecastPage },
];
