import { useApolloClient } from '@vue/apollo-composable';
import { ApolloError } from '@apollo/client/core';
import { computed, onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue';
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
import { connectivity, keepRecordCopy, readRecordCopy } from '../../offline';
import { recordDocuments } from '../record-documents';

/**
 * One record, kept current by the values `recordChanged` pushes for that record, merged into
 * it (its timeline follows on its own: use-timeline.ts). The record is read again only when
 * the event cannot be merged (a change missed, a restore, a conversion).
 *
 * Each value read or pushed is also kept on the device (offline/), and without a connection the
 * page shows that copy (`savedAt` says when it was read) until it can read the record again.
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
  /** When the saved copy on screen was read; null while the record is the server's. */
  const savedAt = ref<string | null>(null);
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
  void load();
  watch(record, (value) => {
    if (value && savedAt.value === null)
      void keepRecordCopy(client, workspaceId, object.value.key, id, value);
  });
  // Back online: read it again (the socket's own reconnect may still be backing off).
  watch(connectivity.online, (online) => {
    if (online) void load();
  });
  watch(savedAt, (at) => connectivity.showingCopy(at));
  onScopeDispose(() => {
    if (savedAt.value) connectivity.showingCopy(null);
  });
  // A new field (metadata change) changes the documents: read the record again with it.
  let lastDocuments = documents.value;
  const reloadIfChanged = () => {
    if (documents.value !== lastDocuments) {
      lastDocuments = documents.value;
      void load();
      watch(record, (value) => {
        if (value && savedAt.value === null)
          void keepRecordCopy(client, workspaceId, object.value.key, id, value);
      });
      // Back online: read it again (the socket's own reconnect may still be backing off).
      watch(connectivity.online, (online) => {
        if (online) void load();
      });
      watch(savedAt, (at) => connectivity.showingCopy(at));
      onScopeDispose(() => {
        if (savedAt.value) connectivity.showingCopy(null);
      });
    }
  };
  return {
    record,
    loading,
    error,
    savedAt,
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
      savedAt.value = null;
      record.value = fresh;
      error.value = null;
    } catch (caught) {
      if (!unreachable(caught) || !(await showSavedCopy())) error.value = describeError(caught).message;
    } finally {
      loading.value = false;
    }
  }

  /** The copy kept on this device, if the record was opened here before. */
  async function showSavedCopy(): Promise<boolean> {
    const copy = await readRecordCopy<RecordData>(workspaceId, object.value.key, id);
    if (!copy) return false;
    savedAt.value = copy.savedAt;
    record.value = copy.data;
    error.value = null;
    return true;
  }
}

/** No connection, or no answer from the server (as opposed to an answer that refuses). */
function unreachable(caught: unknown): boolean {
  if (!connectivity.online.value) return true;
  const network = caught instanceof ApolloError ? caught.networkError : null;
  return !!network && !('statusCode' in network);
}
