import { readonly, ref, type Ref } from 'vue';
import type { Membership } from './operations';

export const workspaceStorageKey = 'crm.workspaceId';

type SelectionStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface WorkspaceSelection {
  /** The workspace id sent with every request; null lets the server pick the first one. */
  selectedId: Readonly<Ref<string | null>>;
  select(workspaceId: string | null): void;
  /** Replaces a selection the user no longer belongs to by the first membership; true if it changed. */
  keepValid(memberships: readonly Membership[]): boolean;
}

/** The selection survives reloads in storage; it holds an id, never a credential. */
export function createWorkspaceSelection(storage: SelectionStorage): WorkspaceSelection {
  const selectedId = ref<string | null>(storage.getItem(workspaceStorageKey));
  return { selectedId: readonly(selectedId), select, keepValid };

  function select(workspaceId: string | null) {
    selectedId.value = workspaceId;
    if (workspaceId) storage.setItem(workspaceStorageKey, workspaceId);
    else storage.removeItem(workspaceStorageKey);
  }

  function keepValid(memberships: readonly Membership[]): boolean {
    const validId = currentMembership(memberships, selectedId.value)?.workspace.id ?? null;
    if (validId === selectedId.value) return false;
    select(validId);
    return true;
  }
}

/** The selected membership, or the first one when the selection is missing or stale. */
export function currentMembership(
  memberships: readonly Membership[],
  selectedId: string | null,
): Membership | null {
  return memberships.find((m) => m.workspace.id === selectedId) ?? memberships[0] ?? null;
}

export const workspaceSelection = createWorkspaceSelection(localStorage);
