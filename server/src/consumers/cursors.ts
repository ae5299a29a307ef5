import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkspaceMetadata } from '../metadata/index.js';
import { queryRows } from '../platform/index.js';
import { readChangeLogPosition } from '../records/index.js';

/** Past any id a log will draw: a position read with it never takes a transaction id. */
export const noReaderXid = 2n ** 62n;

/** The consumer's cursor in the workspace, locked to the caller's transaction when `forUpdate`. */
export async function readCursor(
  em: EntityManager,
  workspaceId: string,
  consumer: string,
  forUpdate = false,
): Promise<bigint | null> {
  const [row] = await queryRows<{ change_id: string }>(
    em,
    `select change_id::text from change_consumer_cursor where workspace_id = ? and consumer = ?${forUpdate ? ' for update' : ''}`,
    [workspaceId, consumer],
  );
  return row ? BigInt(row.change_id) : null;
}

export async function writeCursor(
  em: EntityManager,
  workspaceId: string,
  consumer: string,
  changeId: bigint,
): Promise<void> {
  await queryRows(
    em,
    `update change_consumer_cursor set change_id = ?::bigint, updated_at = now()
     where workspace_id = ? and consumer = ?`,
    [changeId.toString(), workspaceId, consumer],
  );
}

/**
 * Gives the consumer a cursor in the workspace at the log's current end, unless it has one:
 * a consumer sees the changes after it started wanting the workspace, not its history.
 * Call it in the transaction that makes the workspace wanted (the first rule saved…).
 * Returns the log's end it read: where what the caller turns on starts (a rule, a webhook).
 */
export async function startCursor(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  consumer: string,
  options: { restart?: boolean } = {},
): Promise<bigint> {
  const { lastId } = await readChangeLogPosition(em, metadata.schema, noReaderXid);
  // `restart`: the workspace was not wanted until now, so what the cursor lags behind is history.
  await queryRows(
    em,
    `insert into change_consumer_cursor (workspace_id, consumer, change_id) values (?, ?, ?::bigint)
     on conflict (workspace_id, consumer) do ${
       options.restart
         ? 'update set change_id = greatest(change_consumer_cursor.change_id, excluded.change_id), updated_at = now()'
         : 'nothing'
     }`,
    [metadata.workspaceId, consumer, lastId.toString()],
  );
  return lastId;
}

/** The log's last drawn id, without taking a transaction id. */
export async function lastChangeId(em: EntityManager, schema: string): Promise<bigint> {
  return (await readChangeLogPosition(em, schema, noReaderXid)).lastId;
}

export interface CursorRow {
  workspaceId: string;
  consumer: string;
  changeId: bigint;
}

export async function listCursors(em: EntityManager): Promise<CursorRow[]> {
  const rows = await queryRows<{ workspace_id: string; consumer: string; change_id: string }>(
    em,
    'select workspace_id, consumer, change_id::text from change_consumer_cursor',
  );
  return rows.map((r) => ({
    workspaceId: r.workspace_id,
    consumer: r.consumer,
    changeId: BigInt(r.change_id),
  }));
}
