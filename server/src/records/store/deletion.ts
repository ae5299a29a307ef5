import {
  type FieldDef,
  type ObjectDef,
  qualified,
  quote,
  type WorkspaceMetadata,
} from '../../metadata/index.js';
import { Conflict, NotFound } from '../../platform/index.js';
import type { RecordRow } from '../api.js';
import { isManyToOne, targetObject, visibleFields } from '../query/fields.js';
import { parseTimestamp } from '../query/rows.js';
import { sql } from '../query/sql.js';
import { namingFields } from './db-errors.js';
import { lockRecords, readBack } from './rows.js';
import { execute, type WriteTx } from './transaction.js';

/**
 * Soft delete and restore. Rows stay in their tables, so PostgreSQL's ON DELETE never
 * fires; the relations' rules are applied here instead, in the same transaction:
 * RESTRICT refuses, SET_NULL empties the pointing field, CASCADE deletes the pointing
 * records (and restore brings back what was deleted with the record).
 */

interface Incoming {
  owner: ObjectDef;
  field: FieldDef;
}

/** The MANY_TO_ONE fields, on any object, that point at `object`. */
function incomingRelations(metadata: WorkspaceMetadata, object: ObjectDef): Incoming[] {
  return metadata.objects
    .filter((o) => !o.archivedAt)
    .flatMap((owner) =>
      visibleFields(owner)
        .filter((f) => isManyToOne(f) && f.column && f.options.targetObjectId === object.id)
        .map((field) => ({ owner, field })),
    );
}

const ruleOf = (field: FieldDef) => field.options.onDelete ?? 'SET_NULL';

export async function softDelete(tx: WriteTx, object: ObjectDef, id: string): Promise<RecordRow> {
  const record = (await lockRecords(tx, object, [id], 'delete')).get(id);
  if (!record) throw new NotFound(`${object.labelSingular} ${id}`);
  if (record.row.deletedAt) return record.row;
  await deleteWithRules(tx, object, [id]);
  return (await readBack(tx, object, [id]))[0]!;
}

/** Soft-deletes many records at once (the relations' rules applied once for all); missing ids are skipped. */
export async function softDeleteMany(
  tx: WriteTx,
  object: ObjectDef,
  ids: readonly string[],
): Promise<number> {
  const locked = await lockRecords(tx, object, ids, 'delete');
  const live = [...locked.values()].filter((r) => !r.row.deletedAt).map((r) => r.row.id);
  if (live.length) await deleteWithRules(tx, object, live);
  return live.length;
}

async function deleteWithRules(tx: WriteTx, object: ObjectDef, ids: readonly string[]): Promise<void> {
  const incoming = incomingRelations(tx.metadata, object);
  for (const relation of incoming.filter((r) => ruleOf(r.field) === 'RESTRICT'))
    await refuseIfPointedAt(tx, object, ids, relation);
  const deleted = await execute<{ id: string; version: number; deleted_at: string }>(
    tx.db,
    sql(
      `update ${qualified(tx.metadata.schema, object.table)} t set deleted_at = now(), version = t.version + 1, updated_at = now(), updated_by = ?::uuid
       where t.id = any(?::uuid[]) and t.deleted_at is null returning t.id, t.version, t.deleted_at`,
      tx.actorId,
      ids,
    ),
  );
  for (const row of deleted) {
    tx.pending.push({
      objectId: object.id,
      recordId: row.id,
      kind: 'delete',
      actorId: tx.actorId,
      changes: { deletedAt: [null, parseTimestamp(row.deleted_at)] },
      version: row.version,
    });
  }
  for (const { owner, field } of incoming.filter((r) => ruleOf(r.field) === 'SET_NULL')) {
    await emptyPointers(tx, owner, field, sql(`= any(?::uuid[])`, ids));
  }
  for (const { owner, field } of incoming.filter((r) => ruleOf(r.field) === 'CASCADE')) {
    const children = await execute<{ id: string }>(
      tx.db,
      sql(
        `select id from ${qualified(tx.metadata.schema, owner.table)} where ${quote(field.column!)} = any(?::uuid[]) and deleted_at is null`,
        ids,
      ),
    );
    if (children.length)
      await deleteWithRules(
        tx,
        owner,
        children.map((c) => c.id),
      );
  }
}

async function refuseIfPointedAt(
  tx: WriteTx,
  object: ObjectDef,
  ids: readonly string[],
  { owner, field }: Incoming,
): Promise<void> {
  const [row] = await execute<{ n: string }>(
    tx.db,
    sql(
      `select count(*) as n from ${qualified(tx.metadata.schema, owner.table)} where ${quote(field.column!)} = any(?::uuid[]) and deleted_at is null`,
      ids,
    ),
  );
  const n = Number(row?.n ?? 0);
  if (n === 0) return;
  throw new Conflict(
    `This ${object.labelSingular.toLowerCase()} cannot be deleted: ${n} ${n === 1 ? owner.labelSingular.toLowerCase() : owner.labelPlural.toLowerCase()} still ${n === 1 ? 'points' : 'point'} to it through “${field.label}”. Change or delete ${n === 1 ? 'it' : 'them'} first.`,
    { object: owner.key, field: field.key, count: n },
  );
}

/** Sets `field` to null on the live records of `owner` whose value matches `pointing`, logging each. */
async function emptyPointers(
  tx: WriteTx,
  owner: ObjectDef,
  field: FieldDef,
  pointing: { sql: string; params: unknown[] },
  extra: { sql: string; params: unknown[] } = sql('t.deleted_at is null'),
): Promise<void> {
  const table = qualified(tx.metadata.schema, owner.table);
  const column = quote(field.column!);
  const rows = await execute<{ id: string; version: number; old: string }>(tx.db, {
    sql: `with old as (select t.id, t.${column} as old from ${table} t where t.${column} ${pointing.sql} and ${extra.sql} for update)
      update ${table} t set ${column} = null, version = t.version + 1, updated_at = now(), updated_by = ?::uuid
      from old where t.id = old.id returning t.id, t.version, old.old`,
    params: [...pointing.params, ...extra.params, tx.actorId],
  });
  for (const row of rows) {
    tx.pending.push({
      objectId: owner.id,
      recordId: row.id,
      kind: 'update',
      actorId: tx.actorId,
      changes: { [field.key]: [row.old, null] },
      version: row.version,
    });
  }
}

export async function restoreRecord(tx: WriteTx, object: ObjectDef, id: string): Promise<RecordRow> {
  const record = (await lockRecords(tx, object, [id], 'delete')).get(id);
  if (!record) throw new NotFound(`${object.labelSingular} ${id}`);
  if (!record.row.deletedAt) return record.row;
  await restoreWithRules(tx, object, [id], String(record.raw.deleted_at));
  return (await readBack(tx, object, [id]))[0]!;
}

/**
 * Restores the records and, through CASCADE relations, the records deleted with them
 * (same deletion time, exactly). A record cannot come back pointing at a deleted one:
 * a SET_NULL pointer is emptied, any other refuses the restore.
 */
async function restoreWithRules(
  tx: WriteTx,
  object: ObjectDef,
  ids: readonly string[],
  deletedAt: string,
): Promise<void> {
  for (const field of visibleFields(object).filter((f) => isManyToOne(f) && f.column)) {
    await settlePointersToDeleted(tx, object, ids, field);
  }
  const restored = await namingFields(
    object,
    [],
    () =>
      execute<{ id: string; version: number }>(
        tx.db,
        sql(
          `update ${qualified(tx.metadata.schema, object.table)} t set deleted_at = null, version = t.version + 1, updated_at = now(), updated_by = ?::uuid
           where t.id = any(?::uuid[]) and t.deleted_at is not null returning t.id, t.version`,
          tx.actorId,
          ids,
        ),
      ),
    { restoring: true },
  );
  for (const row of restored) {
    tx.pending.push({
      objectId: object.id,
      recordId: row.id,
      kind: 'restore',
      actorId: tx.actorId,
      changes: { deletedAt: [parseTimestamp(deletedAt), null] },
      version: row.version,
    });
  }
  for (const { owner, field } of incomingRelations(tx.metadata, object).filter(
    (r) => ruleOf(r.field) === 'CASCADE',
  )) {
    const children = await execute<{ id: string }>(
      tx.db,
      sql(
        `select id from ${qualified(tx.metadata.schema, owner.table)} where ${quote(field.column!)} = any(?::uuid[]) and deleted_at = ?::timestamptz`,
        ids,
        deletedAt,
      ),
    );
    if (children.length)
      await restoreWithRules(
        tx,
        owner,
        children.map((c) => c.id),
        deletedAt,
      );
  }
}

async function settlePointersToDeleted(
  tx: WriteTx,
  object: ObjectDef,
  ids: readonly string[],
  field: FieldDef,
): Promise<void> {
  const target = targetObject(tx.metadata, field, [field.key]);
  const column = quote(field.column!);
  const dead = sql(
    `t.id = any(?::uuid[]) and not exists (select 1 from ${qualified(tx.metadata.schema, target.table)} x where x.id = t.${column} and x.deleted_at is null)`,
    ids,
  );
  if (ruleOf(field) === 'SET_NULL') return emptyPointers(tx, object, field, sql('is not null'), dead);
  const [row] = await execute<{ n: string }>(tx.db, {
    sql: `select count(*) as n from ${qualified(tx.metadata.schema, object.table)} t where t.${column} is not null and ${dead.sql}`,
    params: dead.params,
  });
  if (Number(row?.n ?? 0) > 0) {
    throw new Conflict(
      `This ${object.labelSingular.toLowerCase()} points through “${field.label}” to a deleted ${target.labelSingular.toLowerCase()}; restore that first.`,
      { field: field.key },
    );
  }
}
