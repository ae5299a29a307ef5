import type { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { onBeforeUnmount, ref } from 'vue';
import { openDocument } from './collab-socket';
import type { Awareness, PresenceUser } from './y-text-binding';

export interface Present {
  clientId: number;
  user: PresenceUser;
  /** The field they are editing, if any. */
  field: string | null;
}

/**
 * Who else is on this record, through the awareness of its presence room
 * (`<workspaceId>/presence/record/<recordId>`); `setField` tells them what I edit.
 */
export function usePresence(
  socket: HocuspocusProviderWebsocket,
  workspaceId: string,
  recordId: string,
  me: PresenceUser,
) {
  const provider: HocuspocusProvider = openDocument(
    socket,
    `${workspaceId.toLowerCase()}/presence/record/${recordId.toLowerCase()}`,
  );
  const others = ref<Present[]>([]);
  const error = ref<string | null>(null);
  provider.setAwarenessField('user', me);
  provider.setAwarenessField('field', null);
  const read = () => {
    others.value = othersIn(provider.awareness, me);
  };
  provider.awareness?.on('change', read);
  provider.on('authenticationFailed', ({ reason }: { reason: string }) => (error.value = reason));
  onBeforeUnmount(() => provider.destroy());
  return { others, error, setField };

  function setField(field: string | null) {
    provider.setAwarenessField('field', field);
  }
}

/** The other people in an awareness, once each (the entry saying what they edit, if any). */
export function othersIn(awareness: Awareness | null, me: PresenceUser): Present[] {
  const seen = new Map<string, Present>();
  awareness?.getStates().forEach((state, clientId) => {
    const user = state.user as PresenceUser | undefined;
    if (clientId === awareness.clientID || !user || user.id === me.id) return;
    const present = { clientId, user, field: (state.field as string | null) ?? null };
    if (!seen.has(user.id) || present.field) seen.set(user.id, present);
  });
  return [...seen.values()];
}
