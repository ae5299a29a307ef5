// The record store: validated, transactional writes of records to their typed tables,
// each logged in record_change, and the reads behind lists, lookups and relations.
import type { FieldDef, ObjectDef, Path } from '../../metadata/index.js';
import { BadInput, parseId } from '../../platform/index.js';
import type {
  ListArgs,
  RecordConnection,
  RecordContext,
  RecordRow,
  RecordStore,
  RecordUpdate,
} from '../api.js';
import { softDelete, softDeleteMany, restoreRecord } from './deletion.js';
import type { RecordHooks } from './hooks.js';
import { allFields } from '../query/fields.js';
import { prepareInput } from './input.js';
import { getRecords, listRecords, relatedRecords } from './reads.js';
import { now, runLoggedWork, runQueuedWrite, runWrite } from './transaction.js';
import { updateInOneStatement } from './update-statement.js';
import { insertRecords, updateRecords, type PreparedUpdate } from './writes.js';

export type { RecordCommitPayload, RecordHooks, RecordWritePayload, UpdateShape, WriteSql } from './hooks.js';

/** At most this many records per bulk call, all written or none. */
export const maxBulkRecords = 500;

/** The RecordStore contract; `getMany` also takes options (deleted records are left out by default). */
export interface SqlRecordStore extends RecordStore {
  getMany(
    ctx: RecordContext,
    object: ObjectDef,
    ids: readonly string[],
    options?: { includeDeleted?: boolean; fields?: ReadonlySet<string> | null },
  ): Promise<(RecordRow | null)[]>;
}

function bulk<T>(items: readonly T[], name: string): void {
  if (!Array.isArray(items)) throw new BadInput([name], `${name}: must be a list.`);
  if (items.length > maxBulkRecords)
    throw new BadInput([name], `${name}: at most ${maxBulkRecords} records per call.`);
}

function expectedVersionOf(value: unknown, path: Path): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || (value as number) < 1)
    throw new BadInput(path, 'expectedVersion: must be a record version (1 or more).');
  return value as number;
}

function prepareUpdate(
  object: ObjectDef,
  update: RecordUpdate,
  at: { id: Path; patch: Path; version: Path },
): PreparedUpdate {
  if (typeof update?.id !== 'string') throw new BadInput(at.id, 'id: must be a record id.');
  const record = prepareInput(object, update.patch, at.patch, 'update');
  if (update.rank !== undefined) {
    const rank = allFields(object).find((f) => f.system && f.key === 'rank')!;
    record.values.set(rank, [update.rank]);
  }
  return {
    id: parseId([...at.id], update.id),
    expectedVersion: expectedVersionOf(update.expectedVersion, at.version),
    record,
  };
}

/**
 * A record store over the workspace schemas. Every write is one transaction that also
 * appends to record_change; `hooks` (change feed, automation…) run in it and after commit.
 * Error paths follow the generated mutations' arguments: `create`/`update` name
 * ['input', key] (the id ['id']), `createMany` ['inputs', index, key], `updateMany`
 * ['updates', index, 'input', key].
 */
export function createRecordStore(hooks: RecordHooks | readonly RecordHooks[] = []): SqlRecordStore {
  const extensions: readonly RecordHooks[] = Array.isArray(hooks) ? hooks : [hooks as RecordHooks];
  return {
    list: (ctx: RecordContext, object: ObjectDef, args: ListArgs): Promise<RecordConnection> =>
      listRecords(ctx, object, args),
    getMany: (ctx, object, ids, options) => getRecords(ctx, object, ids, options),
    related: (ctx: RecordContext, object: ObjectDef, field: FieldDef, parentIds: readonly string[]) =>
      relatedRecords(ctx, object, field, parentIds),

    async create(ctx, object, input, options) {
      const record = prepareInput(object, input, ['input'], 'create');
      const [row] = await runQueuedWrite(ctx, extensions, (tx) =>
        insertRecords(tx, object, [record], options?.fields),
      );
      return row!;
    },

    async createMany(ctx, object, inputs) {
      bulk(inputs, 'inputs');
      if (!inputs.length) return [];
      const records = inputs.map((input, i) => prepareInput(object, input, ['inputs', String(i)], 'create'));
      return runQueuedWrite(ctx, extensions, (tx) => insertRecords(tx, object, records));
    },

    async update(ctx, object, update, options) {
      const prepared = prepareUpdate(object, update, {
        id: ['id'],
        patch: ['input'],
        version: ['expectedVersion'],
      });
      // Most edits: one round trip that locks, writes and logs. Anything else, the usual way.
      const written = await updateInOneStatement(ctx, extensions, object, prepared, options?.fields);
      if (written) return written;
      const [row] = await runQueuedWrite(ctx, extensions, (tx) => updateRecords(tx, object, [prepared]));
      return row!;
    },

    async updateMany(ctx, object, updates) {
      bulk(updates, 'updates');
      if (!updates.length) return [];
      const prepared = updates.map((update, i) => {
        const at = ['updates', String(i)];
        return prepareUpdate(object, update, {
          id: [...at, 'id'],
          patch: [...at, 'input'],
          version: [...at, 'expectedVersion'],
        });
      });
      return runQueuedWrite(ctx, extensions, (tx) => updateRecords(tx, object, prepared));
    },

    async writeMany(ctx, object, batch) {
      const records = batch.creates.map((input, i) =>
        prepareInput(object, input, ['creates', String(i)], 'create'),
      );
      const prepared = batch.updates.map((update, i) => {
        const at = ['updates', String(i)];
        return prepareUpdate(object, update, {
          id: [...at, 'id'],
          patch: [...at, 'input'],
          version: [...at, 'expectedVersion'],
        });
      });
      if (!records.length && !prepared.length) return { created: [], updated: [] };
      return runQueuedWrite(ctx, extensions, async (tx) => {
        // Sent before the updates, not queued with them: a failed batch could not tell whose value broke a rule.
        const inserting = prepared.length ? { ...tx, queue: undefined } : tx;
        const created = records.length ? await insertRecords(inserting, object, records) : now([]);
        const updated = prepared.length ? await updateRecords(tx, object, prepared) : now([]);
        return async () => ({ created: await created(), updated: await updated() });
      });
    },

    async delete(ctx, object, id) {
      const recordId = parseId(['id'], String(id));
      return runWrite(ctx, extensions, (tx) => softDelete(tx, object, recordId));
    },

    async deleteMany(ctx, object, ids) {
      if (!ids.length) return 0;
      const recordIds = ids.map((id, i) => parseId(['ids', String(i)], id));
      return runWrite(ctx, extensions, (tx) => softDeleteMany(tx, object, recordIds));
    },

    async restore(ctx, object, id) {
      const recordId = parseId(['id'], String(id));
      return runWrite(ctx, extensions, (tx) => restoreRecord(tx, object, recordId));
    },

    async writeLogged(ctx, work) {
      return runLoggedWork(ctx, extensions, work);
    },
  };
}
