import type { ApolloClient } from '@apollo/client/core';
import { useApolloClient, useSubscription } from '@vue/apollo-composable';
import { reactive, type Ref } from 'vue';
import { DASHBOARD_REFRESH, REPORT_RESULT, type DashboardRefresh } from '../operations';

/**
 * A dashboard kept live by the server's pushes: each refresh event carries the new results of its
 * widgets, written where each widget's REPORT_RESULT query reads them, so the widget redraws
 * without asking. Only a widget the event names without a result is read again (`reread`);
 * `pushed` counts the results applied, for what a widget reads beside its result (a single
 * number's previous period). An EDITED event also has the dashboard read again (`onEdited`).
 * It subscribes from `cursor`, read with the dashboard before its widgets: the widgets whose
 * records changed since are refreshed first.
 */
export function useDashboardRefresh(
  dashboardId: Ref<string>,
  cursor: Ref<string | null>,
  onEdited: () => void,
) {
  const client = useApolloClient().resolveClient();
  const reread = reactive(new Map<string, number>());
  const pushed = reactive(new Map<string, number>());
  useSubscription(
    DASHBOARD_REFRESH,
    () => ({ id: dashboardId.value, after: cursor.value }),
    () => ({ enabled: cursor.value !== null }),
  ).onResult(({ data }) => {
    const event = data?.dashboardRefresh;
    if (!event) return;
    if (event.reason === 'EDITED') onEdited();
    const carried = applyRefresh(client, event);
    for (const widgetId of event.widgetIds) {
      const counts = carried.has(widgetId) ? pushed : reread;
      counts.set(widgetId, (counts.get(widgetId) ?? 0) + 1);
    }
  });
  return { reread, pushed };
}

/** Writes an event's results into the cache; the widget ids it carried a result for. */
export function applyRefresh(client: Pick<ApolloClient<unknown>, 'writeQuery'>, event: DashboardRefresh) {
  for (const { reportId, result } of event.results)
    client.writeQuery({
      query: REPORT_RESULT,
      variables: { id: reportId, dashboard: event.dashboardId },
      data: { reportResult: result },
    });
  return new Set(event.results.map((r) => r.widgetId));
}
