// The imports' event topic, merged into the bus's EventTopics.

/**
 * A run moved on (a batch committed, finished, failed, undone). Only its id travels: a run
 * with its errors is too large for NOTIFY, so each watcher reads it once per event.
 */
export interface ImportProgress {
  runId: string;
}

declare module '../platform/index.js' {
  interface EventTopics {
    'imports.progress': [route: string, payload: ImportProgress];
  }
}

/** Watchers of one run: `<workspaceId>:<runId>`. */
export const runRoute = (workspaceId: string, runId: string) => `${workspaceId}:${runId}`;
