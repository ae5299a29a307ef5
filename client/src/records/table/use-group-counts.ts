import { useApolloClient } from '@vue/apollo-composable';
import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import type { FieldDef, ObjectDef } from '../../metadata';
import { choicesOf } from '../field-values';
import type { ApiFilter } from '../filters';
import type { RecordChangeEvent } from '@crm/contracts';
import { countsDocument } from '../record-documents';

/** The server's operation limit allows 20 aliases; one stays free. */
const countsPerRequest = 19;

/** The filter of one group: the table's filter and the group field's value (or its emptiness). */
export function groupFilter(field: FieldDef, key: string, base: ApiFilter | null): ApiFilter {
  const own = { [field.key]: key === '' ? { isEmpty: true } : { eq: key } };
  return base ? { and: [base, own] } : own;
}

/**
 * How many records of the whole table (not just the rows loaded so far) fall in each group,
 * keyed as `groupRows` keys the groups ('' for no value). Recounted shortly after a live
 * change of the list (`lastChange`) that can move a record between groups or in or out of
 * the table, a burst of them once; an edit of another field leaves the counts as they are.
 */
export function useGroupCounts(
  object: Ref<ObjectDef | null>,
  field: Ref<FieldDef | null>,
  filter: Ref<ApiFilter | null>,
  search: Ref<string>,
  lastChange: Ref<RecordChangeEvent | null>,
) {
  const client = useApolloClient().resolveClient();
  const counts = ref<Map<string, number> | null>(null);
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  watch([object, field, filter, search], () => void count(), { immediate: true });
  watch(lastChange, (change) => {
    const group = field.value;
    if (!change || !group) return;
    if (
      change.kind === 'update' &&
      !change.changedFields.includes(group.key) &&
      !filter.value &&
      !search.value.trim()
    )
      return;
    clearTimeout(timer);
    timer = setTimeout(() => void count(), 300);
  });
  onBeforeUnmount(() => clearTimeout(timer));
  return counts;

  async function count() {
    const mine = ++generation;
    const target = object.value;
    const group = field.value;
    if (!target || !group) {
      counts.value = null;
      return;
    }
    const keys = [...choicesOf(group).map((c) => c.key), ''];
    const found = new Map<string, number>();
    try {
      for (let start = 0; start < keys.length; start += countsPerRequest) {
        const chunk = keys.slice(start, start + countsPerRequest);
        const variables: Record<string, unknown> = { search: search.value.trim() || null };
        chunk.forEach((key, i) => (variables[`f${i}`] = groupFilter(group, key, filter.value)));
        const { data } = await client.query<Record<string, { totalCount: number }>>({
          query: countsDocument(target, chunk.length),
          variables,
          fetchPolicy: 'network-only',
        });
        chunk.forEach((key, i) => found.set(key, data[`g${i}`]?.totalCount ?? 0));
      }
      if (mine === generation) counts.value = found;
    } catch {
      // The headers fall back to the rows loaded; the table shows the list's own errors.
      if (mine === generation) counts.value = null;
    }
  }
}
