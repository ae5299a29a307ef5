import { ref, type Ref } from 'vue';

export interface RecentRecord {
  object: string;
  id: string;
  label: string;
}

type RecentStorage = Pick<Storage, 'getItem' | 'setItem'>;

const keep = 8;

export function recentStorageKey(workspaceId: string): string {
  return `crm.recent.${workspaceId}`;
}

/** Records opened lately in one workspace, newest first, kept in storage across reloads. */
export function createRecentRecords(storage: RecentStorage) {
  const lists = new Map<string, Ref<RecentRecord[]>>();
  return { listFor, remember };

  function listFor(workspaceId: string): Ref<RecentRecord[]> {
    let list = lists.get(workspaceId);
    if (!list) {
      list = ref(read(workspaceId));
      lists.set(workspaceId, list);
    }
    return list;
  }

  function remember(workspaceId: string, record: RecentRecord): void {
    const list = listFor(workspaceId);
    const others = list.value.filter((r) => !(r.object === record.object && r.id === record.id));
    list.value = [record, ...others].slice(0, keep);
    storage.setItem(recentStorageKey(workspaceId), JSON.stringify(list.value));
  }

  function read(workspaceId: string): RecentRecord[] {
    try {
      const parsed: unknown = JSON.parse(storage.getItem(recentStorageKey(workspaceId)) ?? '[]');
      return Array.isArray(parsed)
        ? (parsed as RecentRecord[]).filter((r) => r?.id && r?.object).slice(0, keep)
        : [];
    } catch {
      return [];
    }
  }
}

export const recentRecords = createRecentRecords(localStorage);
