import { clear, createStore, delMany, get, set, update, type UseStore } from 'idb-keyval';

/** How many record pages stay readable offline: the most recently opened ones. */
export const savedRecordLimit = 50;

export interface SavedCopy<T> {
  data: T;
  /** When the copy was read from the server (ISO 8601). */
  savedAt: string;
}

/**
 * The last opened records, kept in IndexedDB so their pages open without a connection
 * (docs/client.md, Offline reading). A plain store of our own rather than a persisted Apollo
 * cache: record pages read with `network-only` (pushes keep them current), and a whole-cache
 * snapshot would grow with every list and board visited, where this one holds exactly the
 * last 50 records and the session that shows them.
 */
export function createSavedCopies(store: UseStore = createStore('crm-offline', 'copies')) {
  return { saveRecord, readRecord, saveSession, readSession, forget };

  /** Keeps `data` as the copy of the record; the oldest one past the limit is dropped. */
  async function saveRecord<T>(key: string, data: T, savedAt = new Date()): Promise<void> {
    await set(`record:${key}`, { data, savedAt: savedAt.toISOString() } satisfies SavedCopy<T>, store);
    let dropped: string[] = [];
    await update<string[]>(
      'order',
      (order = []) => {
        const next = openedFirst(order, key);
        dropped = next.dropped;
        return next.kept;
      },
      store,
    );
    if (dropped.length)
      await delMany(
        dropped.map((k) => `record:${k}`),
        store,
      );
  }

  async function readRecord<T>(key: string): Promise<SavedCopy<T> | null> {
    return (await get<SavedCopy<T>>(`record:${key}`, store)) ?? null;
  }

  /** What the shell needs to open offline (the signed-in user, the workspace's objects). */
  async function saveSession<T>(data: T, savedAt = new Date()): Promise<void> {
    await set('session', { data, savedAt: savedAt.toISOString() } satisfies SavedCopy<T>, store);
  }

  async function readSession<T>(): Promise<SavedCopy<T> | null> {
    return (await get<SavedCopy<T>>('session', store)) ?? null;
  }

  /** Signing out leaves nothing of the account's data on the device. */
  async function forget(): Promise<void> {
    await clear(store);
  }
}

export type SavedCopies = ReturnType<typeof createSavedCopies>;

/** The saved records' keys, newest first, after `key` is opened: those kept and those dropped. */
export function openedFirst(order: string[], key: string, limit = savedRecordLimit) {
  const next = [key, ...order.filter((k) => k !== key)];
  return { kept: next.slice(0, limit), dropped: next.slice(limit) };
}
