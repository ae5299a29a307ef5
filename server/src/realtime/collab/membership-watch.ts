import { CloseCode } from '@crm/contracts';
import type { connectedPayload, Extension, Hocuspocus, onDisconnectPayload } from '@hocuspocus/server';
import type { LiveCredentials } from '../../identity/index.js';
import { onEachEvent, type EventBus, type Logger } from '../../platform/index.js';
import type { CollabContext } from './access.js';

/**
 * Rights are checked when a document is opened; a socket whose session is signed out or
 * whose token is revoked is closed (LiveCredentials), and a member whose role changes or who
 * is removed must not keep editing through a socket opened before. While a workspace has
 * open connections in this process, its member events (from any process, over the bus)
 * close that user's sockets: the provider reconnects and is authorised afresh —
 * read-only as a viewer, refused once removed.
 */
export class MembershipWatch implements Extension {
  private readonly open = new Map<string, { sockets: number; stop: () => void }>();
  /** Per connection (socket and document): forgets its credentials when it goes. */
  private readonly forgetters = new Map<string, () => void>();

  constructor(
    private readonly bus: EventBus,
    private readonly liveCredentials: LiveCredentials,
    private readonly hocuspocus: () => Hocuspocus,
    private readonly logger: Logger,
  ) {}

  async connected({ context, connection, socketId, documentName }: connectedPayload): Promise<void> {
    const { workspaceId } = (context as CollabContext).document;
    const { caller } = context as CollabContext;
    if (caller) {
      const forget = this.liveCredentials.track(caller, () =>
        connection.webSocket.close(
          CloseCode.Unauthenticated,
          'Your session ended or your token was revoked.',
        ),
      );
      this.forgetters.set(`${socketId}/${documentName}`, forget);
    }
    const entry = this.open.get(workspaceId);
    if (entry) entry.sockets += 1;
    else this.open.set(workspaceId, { sockets: 1, stop: this.watch(workspaceId) });
  }

  async onDisconnect({ context, socketId, documentName }: onDisconnectPayload): Promise<void> {
    this.forgetters.get(`${socketId}/${documentName}`)?.();
    this.forgetters.delete(`${socketId}/${documentName}`);
    const workspaceId = (context as CollabContext | undefined)?.document.workspaceId;
    const entry = workspaceId ? this.open.get(workspaceId) : undefined;
    if (!entry || --entry.sockets > 0) return;
    entry.stop();
    this.open.delete(workspaceId!);
  }

  async onDestroy(): Promise<void> {
    for (const entry of this.open.values()) entry.stop();
    this.open.clear();
    for (const forget of this.forgetters.values()) forget();
    this.forgetters.clear();
  }

  private watch(workspaceId: string): () => void {
    const stop = onEachEvent(
      this.bus.subscribe('workspace.members', workspaceId),
      (change) => {
        if (change.kind !== 'ADDED') this.closeConnectionsOf(workspaceId, change.userId);
      },
      (error) => this.logger.error({ err: error, workspaceId }, 'membership watch failed'),
    );
    return () => void stop();
  }

  private closeConnectionsOf(workspaceId: string, userId: string): void {
    for (const [name, document] of this.hocuspocus().documents) {
      if (!name.startsWith(`${workspaceId}/`)) continue;
      for (const connection of document.getConnections()) {
        if ((connection.context as CollabContext).userId !== userId) continue;
        // The whole socket: a document-level close leaves the provider unauthenticated on a
        // live socket, whereas a closed socket makes it reconnect and authenticate again.
        // The provider reconnects on this code, and its rights are checked again then.
        connection.webSocket.close(CloseCode.Forbidden, 'Your access in this workspace changed.');
      }
    }
  }
}
