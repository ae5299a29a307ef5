// Metadata's event topic, merged into the bus's EventTopics.

/** A workspace's metadata changed: its version was bumped. */
export interface MetadataEvent {
  workspaceId: string;
}

declare module '../platform/index.js' {
  interface EventTopics {
    'workspace.metadata': [workspaceId: string, payload: MetadataEvent];
  }
}
