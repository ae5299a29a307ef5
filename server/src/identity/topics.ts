// Identity's event topics, merged into the bus's EventTopics.

/** A member was added, had their role changed, or was removed. */
export interface MemberEvent {
  kind: 'ADDED' | 'UPDATED' | 'REMOVED';
  userId: string;
}

/**
 * What a caller authenticated before may no longer have: a session ended (sign-out), an API
 * token was revoked, a member's role changed or their membership ended (`workspaceId` and
 * `userId`), or a workspace's metadata version moved (`workspaceId` alone). Sockets opened
 * with a revoked session or token close; every process drops the callers it cached.
 */
export interface CallerChange {
  sessionId?: string;
  tokenId?: string;
  workspaceId?: string;
  userId?: string;
}

/**
 * The processes that can announce caller changes (those with a caller cache) greet each
 * other: `hello` when one joins the bus, `here` from each that heard it, sent once it stopped
 * trusting that it is alone (see CallerPresence). `round` is the greeter's count of its links.
 */
export type PresenceMessage = { hello: string; round: number } | { here: string; to: string; round: number };

declare module '../platform/index.js' {
  interface EventTopics {
    'workspace.members': [workspaceId: string, payload: MemberEvent];
    /** One routing id for all, so a process hears every change with one subscription. */
    'identity.revoked': [scope: 'credentials', payload: CallerChange];
    'identity.presence': [scope: 'callers', payload: PresenceMessage];
    /** Never published: listening to it under its own id puts a process on the bus's list. */
    'identity.caller-process': [processId: string, payload: null];
  }
}
