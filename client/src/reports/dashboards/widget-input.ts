import type { DashboardWidget, DashboardWidgetInput } from '../operations';

/** A widget as `updateDashboard` takes it back (the whole grid is sent, ids kept). */
export function widgetInput({
  id,
  reportId,
  chart,
  title,
  x,
  y,
  w,
  h,
}: DashboardWidget): DashboardWidgetInput {
  return { id, reportId, chart, title, x, y, w, h };
}
