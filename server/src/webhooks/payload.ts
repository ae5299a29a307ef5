import type { EntityManager } from '@mikro-orm/postgresql';
import { qualified, type WorkspaceMetadata } from '../metadata/index.js';
import { queryRows } from '../platform/index.js';
import type { ChangeLogRow, RecordRow, SqlRecordStore } from '../records/index.js';
import { eventOfChange, eventHeader, type WebhookEvent } from './model.js';

/** What a receiver gets for one change (docs/automation.md "Webhooks"). */
export interface WebhookBody {
  /** The delivery's id, as in `X-CRM-Delivery`. */
  id: string;
  event: string;
  changeId: string;
  object: string;
  recordId: string;
  occurredAt: string;
  /** The user (or rule) whose write it was; null for the system. */
  actor: string | null;
  /** The record's API values right after the change; null when it deleted the record. */
  values: Record<string, unknown> | null;
  /** Field key → [old, new]. */
  changes: Record<string, [unknown, unknown]>;
}

export interface ChangeBody {
  change: ChangeLogRow;
  event: WebhookEvent;
  /** The body without its delivery id, which each webhook's delivery adds. */
  body: (deliveryId: string) => string;
}

/**
 * The bodies of these changes (of one workspace, in id order). A change read later than
 * it happened (a replay, a consumer behind) gets the values as they stood right after it:
 * the record now, with the later changes' old values put back.
 */
export async function changeBodies(
  em: EntityManager,
  store: SqlRecordStore,
  metadata: WorkspaceMetadata,
  changes: readonly ChangeLogRow[],
): Promise<ChangeBody[]> {
  const rows = await currentRows(em, store, metadata, changes);
  const later = await laterChanges(em, metadata.schema, changes);
  return changes.map((change) => {
    const event = eventOfChange(change.kind);
    const values = event === 'DELETE' ? null : valuesAfter(change, rows.get(change.record_id), later);
    const occurredAt = new Date(change.created_at).toISOString();
    return {
      change,
      event,
      body: (deliveryId) =>
        JSON.stringify({
          id: deliveryId,
          event: eventHeader[event],
          changeId: String(change.id),
          object: change.object_key,
          recordId: change.record_id,
          occurredAt,
          actor: change.actor_id,
          values,
          changes: change.changes,
        } satisfies WebhookBody),
    };
  });
}

async function currentRows(
  em: EntityManager,
  store: SqlRecordStore,
  metadata: WorkspaceMetadata,
  changes: readonly ChangeLogRow[],
): Promise<Map<string, RecordRow>> {
  const byObject = new Map<string, Set<string>>();
  for (const c of changes)
    byObject.set(c.object_id, (byObject.get(c.object_id) ?? new Set()).add(c.record_id));
  const rows = new Map<string, RecordRow>();
  for (const [objectId, ids] of byObject) {
    const object = metadata.objects.find((o) => o.id === objectId);
    if (!object) continue;
    const found = await store.getMany({ em, metadata, actorId: '' }, object, [...ids], {
      includeDeleted: true,
    });
    for (const row of found) if (row) rows.set(row.id, row);
  }
  return rows;
}

type Later = { id: string; record_id: string; changes: Record<string, [unknown, unknown]> };

async function laterChanges(
  em: EntityManager,
  schema: string,
  changes: readonly ChangeLogRow[],
): Promise<Later[]> {
  if (!changes.length) return [];
  const first = changes.reduce((min, c) => (BigInt(c.id) < min ? BigInt(c.id) : min), BigInt(changes[0]!.id));
  return queryRows<Later>(
    em,
    `select id::text, record_id::text, changes from ${qualified(schema, 'record_change')}
     where record_id = any(?::uuid[]) and id > ?::bigint order by id desc`,
    [[...new Set(changes.map((c) => c.record_id))], first.toString()],
  );
}

function valuesAfter(
  change: ChangeLogRow,
  now: RecordRow | undefined,
  later: readonly Later[],
): Record<string, unknown> | null {
  if (!now) return null;
  const values: Record<string, unknown> = { ...now, version: change.version };
  for (const l of later) {
    if (l.record_id !== change.record_id || BigInt(l.id) <= BigInt(change.id)) continue;
    for (const [key, [old]] of Object.entries(l.changes)) values[key] = old;
  }
  return values;
}
