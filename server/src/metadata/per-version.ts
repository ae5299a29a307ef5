import { setBounded } from '../platform/index.js';
import type { ObjectDef, WorkspaceMetadata } from './model.js';

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

/** Metadata as the caches hold a version of it: shared, so never changed (changes edit copies of their own). */
const shared = new WeakSet<WorkspaceMetadata>();

/** Marks `metadata` as a cache's shared copy of its version: what derives from it may be kept. */
export function markShared(metadata: WorkspaceMetadata): WorkspaceMetadata {
  shared.add(metadata);
  return metadata;
}

/**
 * Text derived from one object of a metadata version (a statement, a select list), kept by a key
 * for shared metadata (`markShared`), where it cannot go stale; worked out every time for a copy
 * being changed (a metadata transaction's, a template install's), whose objects change in place.
 */
export class PerObject<V> {
  private readonly entries = new WeakMap<WorkspaceMetadata, WeakMap<ObjectDef, Map<string, V>>>();
  constructor(private readonly capacity: number) {}

  get(metadata: WorkspaceMetadata, object: ObjectDef, key: string, make: () => V): V {
    if (!shared.has(metadata)) return make();
    let byObject = this.entries.get(metadata);
    if (!byObject) this.entries.set(metadata, (byObject = new WeakMap()));
    let values = byObject.get(object);
    if (!values) byObject.set(object, (values = new Map()));
    let value = values.get(key);
    if (value === undefined) {
      value = make();
      setBounded(values, key, value, this.capacity);
    }
    return value;
  }
}
