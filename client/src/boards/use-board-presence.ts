import type { HocuspocusProvider } from '@hocuspocus/provider';
import { onBeforeUnmount, ref } from 'vue';
import { colorFor, openCollabSocket, openDocument } from '../collab/collab-socket';
import type { PresenceUser } from '../collab/y-text-binding';

export interface BoardPresent {
  clientId: number;
  user: PresenceUser;
  /** The card they are dragging, if any. */
  dragging: string | null;
}

/** The presence room of a board: `<workspaceId>/presence/board/<objectKey>:<pipelineKey>`. */
export function boardRoomName(workspaceId: string, objectKey: string, pipelineKey: string | null): string {
  return `${workspaceId.toLowerCase()}/presence/board/${objectKey}${pipelineKey ? `:${pipelineKey}` : ''}`;
}

/** One entry per person (their tabs merged), the one dragging a card first. */
export function peopleOnBoard(
  states: ReadonlyMap<number, Record<string, unknown>>,
  myClientId: number,
  myUserId: string,
): BoardPresent[] {
  const seen = new Map<string, BoardPresent>();
  states.forEach((state, clientId) => {
    const user = state.user as PresenceUser | undefined;
    if (clientId === myClientId || !user || user.id === myUserId) return;
    const present = { clientId, user, dragging: (state.dragging as string | null) ?? null };
    if (!seen.has(user.id) || present.dragging) seen.set(user.id, present);
  });
  return [...seen.values()];
}

/**
 * Who else is on this board and which card each drags, through Yjs awareness in the
 * board's presence room (docs/api.md "WS /collab").
 */
export function useBoardPresence(roomName: string, me: { id: string; name: string }) {
  const socket = openCollabSocket();
  const provider: HocuspocusProvider = openDocument(socket, roomName);
  const others = ref<BoardPresent[]>([]);
  const error = ref<string | null>(null);
  provider.setAwarenessField('user', { id: me.id, name: me.name, color: colorFor(me.id) });
  provider.setAwarenessField('dragging', null);
  const read = () => {
    const awareness = provider.awareness;
    if (!awareness) return;
    others.value = peopleOnBoard(
      awareness.getStates() as Map<number, Record<string, unknown>>,
      awareness.clientID,
      me.id,
    );
  };
  provider.awareness?.on('change', read);
  provider.on('authenticationFailed', ({ reason }: { reason: string }) => (error.value = reason));
  onBeforeUnmount(() => {
    provider.destroy();
    socket.destroy();
  });
  return { others, error, setDragging };

  function setDragging(cardId: string | null) {
    provider.setAwarenessField('dragging', cardId);
  }
}
