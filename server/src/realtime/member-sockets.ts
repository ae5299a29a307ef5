import { onEachEvent, type EventBus, type Logger } from '../platform/index.js';

/**
 * Sockets opened as a member of a workspace, closed when that membership is removed (on
 * any process: the member events come over the bus). Closing the socket ends every
 * subscription on it at once, whatever its type — record changes, metadata, views,
 * members — and the client's reconnection is refused at its first message.
 */
export class MemberSockets {
  private readonly workspaces = new Map<
    string,
    { members: Map<string, Set<() => void>>; stop: () => void }
  >();

  constructor(
    private readonly bus: EventBus,
    private readonly logger: Logger,
  ) {}

  /** Calls `close` when the user leaves or is removed from the workspace; returns the way to forget it. */
  track(workspaceId: string, userId: string, close: () => void): () => void {
    let workspace = this.workspaces.get(workspaceId);
    if (!workspace) {
      workspace = { members: new Map(), stop: this.watch(workspaceId) };
      this.workspaces.set(workspaceId, workspace);
    }
    const closers = workspace.members.get(userId) ?? new Set();
    closers.add(close);
    workspace.members.set(userId, closers);
    const entry = workspace;
    return () => {
      closers.delete(close);
      if (closers.size === 0 && entry.members.get(userId) === closers) entry.members.delete(userId);
      if (entry.members.size === 0 && this.workspaces.get(workspaceId) === entry) {
        entry.stop();
        this.workspaces.delete(workspaceId);
      }
    };
  }

  /** Workspaces being watched (each holds one bus subscription). */
  get watchedWorkspaces(): number {
    return this.workspaces.size;
  }

  close(): void {
    for (const workspace of this.workspaces.values()) workspace.stop();
    this.workspaces.clear();
  }

  private watch(workspaceId: string): () => void {
    const stop = onEachEvent(
      this.bus.subscribe('workspace.members', workspaceId),
      (change) => {
        if (change.kind !== 'REMOVED') return;
        const closers = this.workspaces.get(workspaceId)?.members.get(change.userId);
        for (const close of [...(closers ?? [])]) close();
      },
      (error) => this.logger.error({ err: error, workspaceId }, 'member socket watch failed'),
    );
    return () => void stop();
  }
}
