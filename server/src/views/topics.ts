// Saved views' event topic, merged into the bus's EventTopics.

/** A saved view changed; `shared` if it was shared before or after, else only `ownerId` may hear it. */
export interface ViewEvent {
  viewId: string;
  kind: 'CREATED' | 'UPDATED' | 'DELETED';
  ownerId: string;
  shared: boolean;
}

declare module '../platform/index.js' {
  interface EventTopics {
    'workspace.views': [workspaceId: string, payload: ViewEvent];
  }
}
