import type { WorkspaceMetadata } from './model.js';

/**
 * Something derived from a workspace's metadata (its rating models, its match definitions), computed
 * once per metadata version: saving what it derives from bumps the version, so an entry never goes
 * stale. A failed computation is forgotten, so the next call tries again.
 */
export class PerMetadataVersion<T> {
  private readonly entries = new Map<string, { version: number; value: Promise<T> }>();
  constructor(private readonly compute: (metadata: WorkspaceMetadata) => Promise<T>) {}

  of(metadata: WorkspaceMetadata): Promise<T> {
    const cached = this.entries.get(metadata.workspaceId);
    if (cached?.version === metadata.version) return cached.value;
    const value = this.compute(metadata);
    this.entries.set(metadata.workspaceId, { version: metadata.version, value });
    value.catch(() => this.entries.delete(metadata.workspaceId));
    return value;
  }
}
