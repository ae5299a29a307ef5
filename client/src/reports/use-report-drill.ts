import { useApolloClient } from '@vue/apollo-composable';
import { ref } from 'vue';
import { useRouter } from 'vue-router';
import { describeError } from '../forms';
import type { ReportRow } from './charts/report-data';
import { drillRoute } from './drill';
import { REPORT_DRILL_DOWN, type ReportDefinitionInput } from './operations';

/**
 * A click on a bar, slice or cell: the server turns the bucket's keys into the records
 * filter (dates bucketed in the report's zone, the dashboard's filters included), and the
 * records table opens with it.
 */
export function useReportDrill() {
  const client = useApolloClient().resolveClient();
  const router = useRouter();
  const error = ref<string | null>(null);
  return { drill, error };

  async function drill(
    row: ReportRow,
    source: { id?: string; definition?: ReportDefinitionInput; dashboard?: string | null; title: string },
  ) {
    error.value = null;
    if (!Array.isArray(row.drill)) return;
    try {
      const { data } = await client.query({
        query: REPORT_DRILL_DOWN,
        variables: {
          keys: row.drill as (string | null)[],
          id: source.id ?? null,
          definition: source.definition ?? null,
          dashboard: source.dashboard ?? null,
          currency: row.drillCurrency ?? null,
        },
        fetchPolicy: 'network-only',
      });
      const { object, filter } = data.reportDrillDown;
      await router.push(drillRoute(object, filter, source.title));
    } catch (caught) {
      error.value = describeError(caught).message;
    }
  }
}
