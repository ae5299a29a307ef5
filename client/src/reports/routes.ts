import type { RouteRecordRaw } from 'vue-router';

// Reports, dashboards and analytics load on demand: ECharts stays out of the first page.
const ForecastPage = () => import('./forecast/ForecastPage.vue');
const ReportsPage = () => import('./list/ReportsPage.vue');
const ReportBuilderPage = () => import('./builder/ReportBuilderPage.vue');
const DashboardsPage = () => import('./dashboards/DashboardsPage.vue');
const DashboardPage = () => import('./dashboards/DashboardPage.vue');
const AnalyticsPage = () => import('./analytics/AnalyticsPage.vue');

/** Analytics routes, children of the workspace shell. */
export const reportRoutes: RouteRecordRaw[] = [
  { path: 'forecast/:object?', name: 'forecast', component: ForecastPage },
  { path: 'analytics/:object?', name: 'analytics', component: AnalyticsPage },
  { path: 'reports', name: 'reports', component: ReportsPage },
  { path: 'reports/new', name: 'new-report', component: ReportBuilderPage },
  { path: 'reports/:id', name: 'report', component: ReportBuilderPage },
  { path: 'dashboards', name: 'dashboards', component: DashboardsPage },
  { path: 'dashboards/:id', name: 'dashboard', component: DashboardPage },
];
