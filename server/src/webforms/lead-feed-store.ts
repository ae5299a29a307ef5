import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { queryRows } from '../platform/index.js';

/** The `lead_feed` and `lead_feed_message` tables: this file is their only reader and writer. */

export interface LeadFeed {
  workspaceId: string;
  secret: string;
  enabled: boolean;
  createdAt: Date;
}

export type FeedOutcome = 'CREATED' | 'UPDATED' | 'REJECTED';

export interface FeedMessage {
  id: string;
  outcome: FeedOutcome;
  reason: string | null;
  recordId: string | null;
  personId: string | null;
  body: string;
  createdAt: Date;
}

interface FeedRow {
  workspace_id: string;
  secret: string;
  enabled: boolean;
  created_at: Date | string;
}

const toFeed = (r: FeedRow): LeadFeed => ({
  workspaceId: r.workspace_id,
  secret: r.secret,
  enabled: r.enabled,
  createdAt: new Date(r.created_at),
});

export async function findFeedBySecret(em: EntityManager, secret: string): Promise<LeadFeed | null> {
  const [row] = await queryRows<FeedRow>(em, 'select * from lead_feed where secret = ?', [secret]);
  return row ? toFeed(row) : null;
}

export async function findFeed(em: EntityManager, workspaceId: string): Promise<LeadFeed | null> {
  const [row] = await queryRows<FeedRow>(em, 'select * from lead_feed where workspace_id = ?::uuid', [
    workspaceId,
  ]);
  return row ? toFeed(row) : null;
}

/** A new secret (the old URL stops at once), the feed enabled. */
export async function rotateFeedSecret(em: EntityManager, workspaceId: string): Promise<LeadFeed> {
  const secret = `adf_${randomBytes(24).toString('base64url')}`;
  const [row] = await queryRows<FeedRow>(
    em,
    `insert into lead_feed (workspace_id, secret) values (?::uuid, ?)
     on conflict (workspace_id) do update set secret = excluded.secret, enabled = true returning *`,
    [workspaceId, secret],
  );
  return toFeed(row!);
}

export async function setFeedEnabled(
  em: EntityManager,
  workspaceId: string,
  enabled: boolean,
): Promise<LeadFeed | null> {
  const [row] = await queryRows<FeedRow>(
    em,
    'update lead_feed set enabled = ? where workspace_id = ?::uuid returning *',
    [enabled, workspaceId],
  );
  return row ? toFeed(row) : null;
}

export async function logFeedMessage(
  em: EntityManager,
  workspaceId: string,
  entry: Omit<FeedMessage, 'id' | 'createdAt'>,
): Promise<void> {
  await queryRows(
    em,
    `insert into lead_feed_message (id, workspace_id, outcome, reason, record_id, person_id, body)
     values (?::uuid, ?::uuid, ?, ?, ?::uuid, ?::uuid, ?)`,
    [randomUUID(), workspaceId, entry.outcome, entry.reason, entry.recordId, entry.personId, entry.body],
  );
}

export async function listFeedMessages(
  em: EntityManager,
  workspaceId: string,
  first: number,
  after: { at: string; id: string } | null,
): Promise<FeedMessage[]> {
  const rows = await queryRows<{
    id: string;
    outcome: FeedOutcome;
    reason: string | null;
    record_id: string | null;
    person_id: string | null;
    body: string;
    created_at: Date | string;
  }>(
    em,
    `select * from lead_feed_message where workspace_id = ?::uuid
       and (?::timestamptz is null or (created_at, id) < (?::timestamptz, ?::uuid))
     order by created_at desc, id desc limit ?`,
    [workspaceId, after?.at ?? null, after?.at ?? null, after?.id ?? null, first + 1],
  );
  return rows.map((r) => ({
    id: r.id,
    outcome: r.outcome,
    reason: r.reason,
    recordId: r.record_id,
    personId: r.person_id,
    body: r.body,
    createdAt: new Date(r.created_at),
  }));
}
