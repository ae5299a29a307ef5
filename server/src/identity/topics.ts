// Identity's event topics, merged into the bus's EventTopics.

/** A member was added, had their role changed, or was removed. */
export interface MemberEvent {
  kind: 'ADDED' | 'UPDATED' | 'REMOVED';
  userId: string;
}

declare module '../platform/index.js' {
  interface EventTopics {
    'workspace.members': [workspaceId: string, payload: MemberEvent];
    /** A session ended (sign-out) or an API token was revoked: sockets opened with it close. */
    'identity.revoked': [scope: 'credentials', payload: { sessionId?: string; tokenId?: string }];
  }
}
