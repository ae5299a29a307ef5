// Reports and dashboards: report definitions computed as one SQL statement over an object's
// typed table, dashboards of report widgets refreshed live, pipeline analytics, exports.
export { reportEntities, ReportRow, DashboardRow } from './entity.js';
export { ReportResolver } from './graphql/resolver.js';
export { AnalyticsResolver } from './graphql/analytics-resolver.js';
export { ReportWatch } from './live.js';
export { WidgetPush } from './push.js';
export { ReportRollups } from './rollup.js';
export { RollupWarmer } from './warm.js';
export type { ReportServices } from './services.js';
export { reportMigrations } from './migrations/index.js';
export { reportExportHandler } from './http.js';
export { reportTasks } from './schedule.js';
export {
  addTemplateDashboard,
  addTemplateReport,
  installedDashboardKeys,
  installedReportIds,
} from './template-install.js';
export { chartTypes, dateBuckets, measureKinds, type ReportDefinition } from './model.js';
