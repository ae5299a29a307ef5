import type { beforeHandleMessagePayload, Document, Extension } from '@hocuspocus/server';
import { applyAwarenessUpdate } from 'y-protocols/awareness';
import type { WebSocket } from 'ws';
import type { CollabContext } from './access.js';
import { decodeAwarenessUpdate, encodeAwarenessUpdate, type AwarenessEntry } from './awareness-update.js';
import { dropMessage } from './drop-message.js';
import { readIncomingAwareness } from './sync-message.js';

/** A presence state is a cursor, a field key, a card id: a few hundred bytes. */
const maxStateBytes = 16 * 1024;

/**
 * Presence (Yjs awareness) as the server vouches for it: every state a connection sends
 * carries that connection's authenticated user as `user.id` and `user.name` (the client
 * keeps its other fields, such as a colour), and a connection may only set the states
 * of its own client ids, never one another connection on the document already holds.
 * The client's awareness message is replaced by the stamped one.
 */
export class PresenceStamp implements Extension {
  extensionName = 'crm-presence-stamp';

  async beforeHandleMessage({ connection, update: message, document, context }: beforeHandleMessagePayload) {
    let entries: AwarenessEntry[];
    try {
      const update = readIncomingAwareness(message);
      if (!update) return;
      entries = decodeAwarenessUpdate(update);
    } catch {
      return dropMessage(); // malformed: nothing of it is applied
    }
    const { userId, userName } = context as CollabContext;
    const accepted = entries
      .filter((entry) => this.mayWrite(document, connection.webSocket, entry))
      .map((entry) => stamp(entry, userId, userName));
    if (accepted.length) {
      applyAwarenessUpdate(document.awareness, encodeAwarenessUpdate(accepted), connection.webSocket);
    }
    return dropMessage();
  }

  private mayWrite(document: Document, socket: WebSocket, entry: AwarenessEntry): boolean {
    if (entry.clientId === document.awareness.clientID) return false;
    if (JSON.stringify(entry.state).length > maxStateBytes) return false;
    for (const [other, { clients }] of document.connections) {
      if (other !== socket && clients.has(entry.clientId)) return false;
    }
    return true;
  }
}

function stamp(entry: AwarenessEntry, userId: string, userName: string): AwarenessEntry {
  if (!entry.state) return entry;
  const claimed = entry.state.user;
  const user = typeof claimed === 'object' && claimed !== null && !Array.isArray(claimed) ? claimed : {};
  return { ...entry, state: { ...entry.state, user: { ...user, id: userId, name: userName } } };
}
