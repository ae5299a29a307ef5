import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../identity/index.js';
import type { FieldDef, ObjectDef, WorkspaceMetadata } from '../metadata/index.js';
import { actorOf, recordAudit } from './record.js';

export interface MetadataChange {
  kind: 'object' | 'field';
  id: string;
  key: string;
  label: string;
  change: 'added' | 'removed' | 'changed';
  /** For a change: the properties that differ (pipelines and stages are a STAGE field's options). */
  properties?: string[];
}

/**
 * An admin's metadata change as one audit entry: the objects and fields added, removed or
 * changed (with which properties), in the change's transaction. Nothing changed, no entry.
 */
export async function describeMetadataChange(
  em: EntityManager,
  ctx: Pick<RequestContext, 'caller' | 'clientAddress' | 'userAgent'>,
  before: WorkspaceMetadata,
  after: WorkspaceMetadata,
): Promise<void> {
  const changes = metadataChanges(before, after);
  if (!changes.length) return;
  await recordAudit(em, {
    workspaceId: after.workspaceId,
    action: 'metadata.changed',
    by: actorOf(ctx),
    objectKey: 'metadata',
    targetIds: changes.map((c) => c.id),
    targetNames: changes.map((c) => c.label),
    details: { version: before.version + 1, changes },
  });
}

/** The objects, then the fields, added, removed or changed between two versions of the metadata. */
export function metadataChanges(before: WorkspaceMetadata, after: WorkspaceMetadata): MetadataChange[] {
  return [
    ...diff(before.objects, after.objects, 'object', (o) => o.labelSingular, withoutFields),
    ...fieldChanges(before, after),
  ];
}

function fieldChanges(before: WorkspaceMetadata, after: WorkspaceMetadata): MetadataChange[] {
  const fields = (m: WorkspaceMetadata) => m.objects.flatMap((o) => o.fields.filter((f) => !f.system));
  return diff(
    fields(before),
    fields(after),
    'field',
    (f) => f.label,
    (f: FieldDef) => f,
  );
}

function diff<T extends { id: string; key: string }>(
  before: readonly T[],
  after: readonly T[],
  kind: MetadataChange['kind'],
  label: (item: T) => string,
  comparable: (item: T) => object,
): MetadataChange[] {
  const old = new Map(before.map((item) => [item.id, item]));
  const out: MetadataChange[] = [];
  for (const item of after) {
    const was = old.get(item.id);
    old.delete(item.id);
    const base = { kind, id: item.id, key: item.key, label: label(item) };
    if (!was) {
      out.push({ ...base, change: 'added' });
      continue;
    }
    const a = comparable(was) as Record<string, unknown>;
    const b = comparable(item) as Record<string, unknown>;
    const properties = Object.keys({ ...a, ...b }).filter(
      (k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]),
    );
    if (properties.length) out.push({ ...base, change: 'changed', properties });
  }
  for (const item of old.values())
    out.push({ kind, id: item.id, key: item.key, label: label(item), change: 'removed' });
  return out;
}

function withoutFields(object: ObjectDef): object {
  const { fields: _fields, ...rest } = object;
  return rest;
}
