import { requirePermission } from '../identity/index.js';
import type { LostValueChange, MetadataContext } from './services.js';
import { AppError, BadInput, NotFound } from '../platform/index.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createFieldIndexSql, qualified, quote } from './ddl.js';
import { FieldDefRow } from './entities.js';
import {
  convertValue,
  fieldTypeSpecs,
  isConvertible,
  parseFieldOptions,
  valueToSql,
  type OptionsInput,
} from './field-types.js';
import { loadMetadata } from './load.js';
import { isSearched, reindexSearch } from './search-index.js';
import type { FieldDef, FieldType, ObjectDef, WorkspaceMetadata } from './model.js';
import { changeMetadata } from './transaction.js';

export interface TypeChangeReport {
  field: FieldDef;
  converted: number;
  failed: number;
  failedExamples: string[];
  applied: boolean;
}

const batchSize = 2_000;

interface Plan {
  metadata: WorkspaceMetadata;
  object: ObjectDef;
  from: FieldDef;
  to: FieldDef;
}

async function plan(
  ctx: MetadataContext,
  fieldId: string,
  type: FieldType,
  options: OptionsInput | null | undefined,
): Promise<Plan> {
  const access = requirePermission(ctx, 'metadata.write');
  const metadata = await loadMetadata(ctx.em, access.workspaceId);
  const object = metadata.objects.find((o) => o.fields.some((f) => f.id === fieldId && !f.system));
  const from = object?.fields.find((f) => f.id === fieldId);
  if (!object || !from) throw new NotFound('That field');
  if (!isConvertible(from.type) || !isConvertible(type)) {
    throw new BadInput(['type'], 'Relation and user fields cannot change type; add a new field instead.');
  }
  if (from.type === type) throw new BadInput(['type'], `The field is already ${type}.`);
  const to: FieldDef = {
    ...from,
    type,
    options: parseFieldOptions(type, options, ['settings']),
    column: `${from.column}_${Date.now().toString(36)}`,
    unique: from.unique && fieldTypeSpecs[type].indexable,
    sortable: from.sortable && fieldTypeSpecs[type].indexable,
  };
  return { metadata, object, from, to };
}

/** Reads the field's values in id order, a batch at a time, and converts each. */
async function* convertedBatches(em: EntityManager, p: Plan, since?: Date) {
  const fromColumns = fieldTypeSpecs[p.from.type].columns(p.from);
  const select = fromColumns.map((c, i) => `${quote(c.name)} as c${i}`).join(', ');
  const table = qualified(p.metadata.schema, p.object.table);
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await em.execute<Record<string, unknown>[]>(
      `select id, ${select} from ${table} where id > ? and ${quote(fromColumns[0]!.name)} is not null
       ${since ? 'and updated_at >= ?' : ''} order by id limit ${batchSize}`,
      since ? [after, since] : [after],
    );
    if (!rows.length) return;
    after = rows[rows.length - 1]!.id as string;
    yield rows.map((row) => {
      const old = fieldTypeSpecs[p.from.type].fromSql(
        fromColumns.map((_, i) => row[`c${i}`]),
        p.from,
      );
      try {
        return {
          id: row.id as string,
          old,
          values: valueToSql(p.to, convertValue(old, p.from, p.to), [p.to.key]),
        };
      } catch (error) {
        if (error instanceof AppError) return { id: row.id as string, old, values: null };
        throw error;
      }
    });
  }
}

/** A dry run: how many values convert and which would not. */
export async function planTypeChange(
  ctx: MetadataContext,
  fieldId: string,
  type: FieldType,
  options?: OptionsInput | null,
): Promise<TypeChangeReport> {
  const p = await plan(ctx, fieldId, type, options);
  const report: TypeChangeReport = {
    field: p.to,
    converted: 0,
    failed: 0,
    failedExamples: [],
    applied: false,
  };
  for await (const batch of convertedBatches(ctx.em, p)) {
    for (const item of batch) {
      if (item.values) report.converted += 1;
      else {
        report.failed += 1;
        if (report.failedExamples.length < 20)
          report.failedExamples.push(String(JSON.stringify(item.old)).slice(0, 200));
      }
    }
  }
  return report;
}

/** Writes converted values; what failed to convert is logged, so nothing is silently lost. */
async function writeBatch(
  em: EntityManager,
  p: Plan,
  batch: { id: string; old: unknown; values: unknown[] | null }[],
): Promise<LostValueChange[]> {
  const toColumns = fieldTypeSpecs[p.to.type].columns(p.to);
  const table = qualified(p.metadata.schema, p.object.table);
  const lost: LostValueChange[] = [];
  for (const item of batch) {
    const values = item.values ?? toColumns.map(() => null);
    const [row] = await em.execute<{ version: number }[]>(
      `update ${table} set ${toColumns.map((c) => `${quote(c.name)} = ?::${c.sqlType}`).join(', ')} where id = ? returning version`,
      [...values, item.id],
    );
    if (!item.values && row) {
      lost.push({
        objectId: p.object.id,
        recordId: item.id,
        kind: 'convert',
        changes: { [p.from.key]: [item.old, null] },
        version: row.version,
      });
    }
  }
  return lost;
}

/**
 * Changes a field's type: a new column, a batched backfill (each batch its own short
 * transaction), then a brief lock to convert rows written meanwhile and swap columns.
 * Refused when values would fail, unless `force`.
 */
export async function changeFieldType(
  ctx: MetadataContext,
  fieldId: string,
  type: FieldType,
  options: OptionsInput | null | undefined,
  force: boolean,
): Promise<TypeChangeReport> {
  const dryRun = await planTypeChange(ctx, fieldId, type, options);
  if (dryRun.failed > 0 && !force) {
    throw new BadInput(
      ['force'],
      `${dryRun.failed} values of this field would not convert to ${type}; pass force: true to empty them (they stay in the change log).`,
    );
  }
  const p = await plan(ctx, fieldId, type, options);
  p.to.column = dryRun.field.column;
  const table = qualified(p.metadata.schema, p.object.table);
  const actorId = ctx.caller!.user.id;
  for (const column of fieldTypeSpecs[p.to.type].columns(p.to)) {
    await ctx.em.execute(
      `alter table ${table} add column if not exists ${quote(column.name)} ${column.sqlType}`,
    );
  }
  const started = new Date();
  const records = { em: ctx.em, metadata: p.metadata, actorId };
  for await (const batch of convertedBatches(ctx.em, p)) {
    await ctx.services.records.writeLogged(records, (em) => writeBatch(em, p, batch));
  }
  await changeMetadata(ctx, async (tx) => {
    await tx.em.execute(`lock table ${table} in exclusive mode`);
    const inTx = {
      ...records,
      em: tx.em,
      deferAfterCommit: (task: () => Promise<void>) => tx.afterCommit(task),
    };
    for await (const batch of convertedBatches(tx.em, p, started))
      await ctx.services.records.writeLogged(inTx, (em) => writeBatch(em, p, batch));
    const row = await tx.em.findOneOrFail(FieldDefRow, { id: fieldId });
    row.type = type;
    row.options = p.to.options;
    row.columnName = p.to.column;
    row.unique = p.to.unique;
    row.sortable = p.to.sortable;
    if (row.defaultValue !== null && row.defaultValue !== undefined) {
      try {
        valueToSql(p.to, convertValue(row.defaultValue, p.from, p.to), ['defaultValue']);
        row.defaultValue = convertValue(row.defaultValue, p.from, p.to);
      } catch {
        row.defaultValue = null;
      }
    }
    for (const column of fieldTypeSpecs[p.from.type].columns(p.from)) {
      await tx.em.execute(`alter table ${table} drop column ${quote(column.name)}`);
    }
    if (p.to.required) {
      await tx.em.execute(
        `alter table ${table} add constraint ${quote(`${p.to.column}_required`)} check (${quote(p.to.column!)} is not null or deleted_at is not null) not valid`,
      );
    }
    const connection = tx.em.getConnection();
    if (p.to.filterable || p.to.sortable)
      tx.afterCommit(() => connection.execute(createFieldIndexSql(p.metadata.schema, p.object, p.to, false)));
    if (p.to.unique)
      tx.afterCommit(() => connection.execute(createFieldIndexSql(p.metadata.schema, p.object, p.to, true)));
  });
  if (isSearched(p.from, p.from.type) || isSearched(p.to, p.to.type)) {
    await reindexSearch(ctx.em, p.metadata.workspaceId, p.object.id);
  }
  return { ...dryRun, field: p.to, applied: true };
}
