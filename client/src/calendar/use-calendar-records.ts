import { useApolloClient } from '@vue/apollo-composable';
import { computed, onBeforeUnmount, ref, shallowRef, watch, type Ref } from 'vue';
import { describeError } from '../forms';
import type { FieldDef, ObjectDef } from '../metadata';
import type { RecordData } from '../records/field-values';
import {
  absoluteFilter,
  hasMissing,
  LabelBook,
  missingLabels,
  planListChange,
  resolveLabels,
  signedInReader,
  useLiveChanges,
  type ListView,
} from '../records/live';
import type { RecordChangeEvent } from '@crm/contracts';
import { recordDocuments } from '../records/record-documents';
import { currentLanguage, weekStart } from '../i18n';
import { gridRange, type Month } from './month';

/** At most this many records are placed on one month; more are counted and left off. */
export const monthLimit = 500;

/**
 * The records of `object` whose date `field` falls in the days shown for `month` (and match
 * a saved view's filter), sorted by that date, kept current by the values `recordChanged`
 * pushes (see records/live). The month is read again only for a change the view cannot
 * place from the event (its filter needs the server, or a record outside the month moved in).
 */
export function useCalendarRecords(
  object: Ref<ObjectDef | null>,
  objects: Ref<ObjectDef[]>,
  field: Ref<FieldDef | null>,
  viewFilter: Ref<unknown>,
  month: Ref<Month>,
) {
  const client = useApolloClient().resolveClient();
  const records = shallowRef<RecordData[]>([]);
  const totalCount = ref(0);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const documents = computed(() => (object.value ? recordDocuments(object.value, objects.value) : null));
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  // The language decides the week's first day, so the days shown (and asked for) with it.
  watch(
    [documents, field, () => JSON.stringify(viewFilter.value), month, currentLanguage],
    () => void load(),
    {
      immediate: true,
    },
  );
  const labels = new LabelBook();
  let applying: Promise<void> = Promise.resolve();
  const live = useLiveChanges(
    () => (object.value ? { object: object.value.key } : null),
    (change) => (applying = applying.then(() => applyChange(change))),
    () => scheduleLoad(),
  );
  onBeforeUnmount(() => clearTimeout(timer));
  return { records, totalCount, loading, error, reload: load };

  function monthFilter(): unknown {
    const dateField = field.value!;
    const inMonth = {
      [dateField.key]: gridRange(month.value, dateField.type as 'DATE' | 'DATETIME', weekStart()),
    };
    return viewFilter.value ? { and: [viewFilter.value, inMonth] } : inMonth;
  }

  function scheduleLoad() {
    clearTimeout(timer);
    timer = setTimeout(() => void load(), 150);
  }

  async function applyChange(change: RecordChangeEvent) {
    const dateField = field.value;
    if (!object.value || !dateField || (dateField.type !== 'DATE' && dateField.type !== 'DATETIME')) return;
    // A month being read may predate the change: read it again once it is in.
    if (loading.value) return scheduleLoad();
    const mine = generation;
    const view: ListView = {
      context: { object: object.value, objects: objects.value, shape: 'api', labels },
      filter: absoluteFilter(object.value, monthFilter(), signedInReader(client)),
      searching: false,
      sort: [{ field: dateField.key, direction: 'ASC' }],
      complete: totalCount.value <= monthLimit,
    };
    const missing = missingLabels(change, view.context);
    // Names only for what will be shown: a held row or a new one, not a row on a page not loaded.
    const shown = change.kind === 'create' || records.value.some((r) => r.id === change.recordId);
    if (shown && hasMissing(missing)) await resolveLabels(client, missing, labels).catch(() => undefined);
    if (mine !== generation) return;
    const step = planListChange(records.value, change, view);
    if (step.do === 'ask' || step.do === 'reload') return scheduleLoad();
    if (step.do === 'set') {
      records.value = step.rows;
      totalCount.value += step.countDelta;
    }
  }

  async function load() {
    const mine = ++generation;
    const docs = documents.value;
    const dateField = field.value;
    if (!docs || !dateField || (dateField.type !== 'DATE' && dateField.type !== 'DATETIME')) {
      records.value = [];
      totalCount.value = 0;
      return;
    }
    const filter = monthFilter();
    loading.value = true;
    try {
      const { data } = await client.query<
        { changeCursor: string } & Record<string, { totalCount: number; nodes: RecordData[] } | string>
      >({
        query: docs.livePage,
        variables: { filter, sort: [{ field: dateField.key, direction: 'ASC' }], first: monthLimit },
        fetchPolicy: 'network-only',
      });
      if (mine !== generation) return;
      const page = data[docs.names.many] as { totalCount: number; nodes: RecordData[] };
      live.resumeFrom(data.changeCursor);
      labels.learnFrom(object.value!, objects.value, page.nodes);
      records.value = page.nodes;
      totalCount.value = page.totalCount;
      error.value = null;
    } catch (caught) {
      if (mine === generation) error.value = describeError(caught).message;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }
}
