import { useApolloClient } from '@vue/apollo-composable';
import { computed, ref, shallowRef, type Ref } from 'vue';
import { describeError } from '../../forms';
import type { ObjectDef } from '../../metadata';
import type { RecordData } from '../field-values';
import {
  hasMissing,
  isApplied,
  canMerge,
  LabelBook,
  mergeChange,
  missingLabels,
  resolveLabels,
  useLiveChanges,
} from '../live';
import type { RecordChangeEvent } from '@crm/contracts';
import { useSavedCopy } from '../../offline';
import { recordDocuments } from '../record-documents';

/**
 * One record, kept current by the values `recordChanged` pushes for that record, merged into
 * it (its timeline follows on its own: use-timeline.ts). The record is read again only when
 * the event cannot be merged (a change missed, a restore, a conversion).
 *
 * Each value read or pushed is also kept on the device, and without a connection the page shows
 * that copy (`savedAt` says when it was read) until it can read the record again (offline/).
 */
export function useRecord(
  object: Ref<ObjectDef>,
  objects: Ref<ObjectDef[]>,
  id: string,
  workspaceId: string,
) {
  const client = useApolloClient().resolveClient();
  const record = shallowRef<RecordData | null>(null);
  const loading = ref(true);
  const error = ref<string | null>(null);
  const documents = computed(() => recordDocuments(object.value, objects.value));
  const labels = new LabelBook();
  let applying: Promise<void> = Promise.resolve();
  const live = useLiveChanges(
    () => ({ object: object.value.key, id }),
    (change) => {
      applying = applying.then(() => applyChange(change));
    },
    () => void load(),
  );
  const saved = useSavedCopy({ workspaceId, objectKey: () => object.value.key, id, record, reload: load });
  void load();
  // A new field (metadata change) changes the documents: read the record again with it.
  let lastDocuments = documents.value;
  const reloadIfChanged = () => {
    if (documents.value !== lastDocuments) {
      lastDocuments = documents.value;
      void load();
    }
  };
  return {
    record,
    loading,
    error,
    savedAt: saved.savedAt,
    reload: load,
    reloadIfChanged,
    setRecord,
  };

  /** The record as a mutation answered it; a newer version already pushed is kept. */
  function setRecord(value: RecordData) {
    if (record.value && record.value.id === value.id && record.value.version > value.version) return;
    labels.learnFrom(object.value, objects.value, [value]);
    record.value = value;
  }

  async function applyChange(change: RecordChangeEvent) {
    const held = record.value;
    // Not read yet (or a read under way that may predate the change): read it (again).
    if (!held) return load();
    if (isApplied(held, change)) return;
    if (!canMerge(held, change)) return load();
    const context = { object: object.value, objects: objects.value, shape: 'api' as const, labels };
    const missing = missingLabels(change, context);
    if (hasMissing(missing)) await resolveLabels(client, missing, labels).catch(() => undefined);
    // The record may have been read again meanwhile.
    if (record.value !== held) return void (record.value && !isApplied(record.value, change) && load());
    record.value = mergeChange(held, change, context);
  }

  async function load() {
    try {
      const docs = documents.value;
      const { data } = await client.query<
        { changeCursor: string } & Record<string, RecordData | null | string>
      >({
        query: docs.one,
        variables: { id },
        fetchPolicy: 'network-only',
      });
      const fresh = (data[docs.names.one] as RecordData | null) ?? null;
      live.resumeFrom(data.changeCursor);
      if (fresh) labels.learnFrom(object.value, objects.value, [fresh]);
      saved.served();
      record.value = fresh;
      error.value = null;
    } catch (caught) {
      if (await saved.showInstead(caught)) error.value = null;
      else error.value = describeError(caught).message;
    } finally {
      loading.value = false;
    }
  }
}
