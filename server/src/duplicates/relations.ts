import type { EntityManager } from '@mikro-orm/postgresql';
import {
  activeFields,
  activeObjects,
  qualified,
  quote,
  type FieldDef,
  type ObjectDef,
} from '../metadata/index.js';
import { queryRows } from '../platform/index.js';
import type { RecordContext, RecordStore, RecordUpdate } from '../records/index.js';

/**
 * Re-pointing every relation at merged records to the survivor, through the record store
 * (so each moved record's change is logged and pushed), and back again on undo.
 */

/** A many-to-one pointer that was moved: `recordId`'s `field` pointed at `from`. */
export interface MovedPointer {
  objectId: string;
  field: string;
  recordId: string;
  from: string;
}

/** A many-to-many list that was rewritten: `before` is the list as it was. */
export interface RewrittenList {
  objectId: string;
  field: string;
  recordId: string;
  before: string[];
}

interface Pointing {
  owner: ObjectDef;
  field: FieldDef;
}

/** Every relation field of every object whose target is `object`, by kind. */
function relationsTo(
  ctx: RecordContext,
  object: ObjectDef,
  kind: 'MANY_TO_ONE' | 'MANY_TO_MANY',
): Pointing[] {
  return activeObjects(ctx.metadata).flatMap((owner) =>
    activeFields(owner)
      .filter(
        (f) =>
          f.type === 'RELATION' &&
          f.options.relationKind === kind &&
          f.options.targetObjectId === object.id &&
          (kind === 'MANY_TO_MANY' ? Boolean(f.options.junctionTable) : Boolean(f.column)),
      )
      .map((field) => ({ owner, field })),
  );
}

const uuidList = (ids: readonly string[]) => `{${ids.join(',')}}`;

async function updateInChunks(
  store: RecordStore,
  ctx: RecordContext,
  owner: ObjectDef,
  updates: RecordUpdate[],
): Promise<void> {
  for (let i = 0; i < updates.length; i += 500) await store.updateMany(ctx, owner, updates.slice(i, i + 500));
}

export async function movePointers(
  store: RecordStore,
  ctx: RecordContext,
  object: ObjectDef,
  survivorId: string,
  mergedIds: readonly string[],
): Promise<MovedPointer[]> {
  const moved: MovedPointer[] = [];
  for (const { owner, field } of relationsTo(ctx, object, 'MANY_TO_ONE')) {
    const column = quote(field.column!);
    const rows = await queryRows<{ id: string; target: string }>(
      ctx.em,
      `select id, ${column} as target from ${qualified(ctx.metadata.schema, owner.table)}
       where ${column} = any(?::uuid[]) and deleted_at is null order by id for update`,
      [uuidList(mergedIds)],
    );
    if (!rows.length) continue;
    await updateInChunks(
      store,
      ctx,
      owner,
      rows.map((r) => ({ id: r.id, patch: { [field.key]: survivorId } })),
    );
    moved.push(
      ...rows.map((r) => ({ objectId: owner.id, field: field.key, recordId: r.id, from: r.target })),
    );
  }
  return moved;
}

/** The other side's column names of a many-to-many field's junction (this side is `a` or `b`). */
function junctionColumns(field: FieldDef): { own: string; other: string } {
  return field.options.junctionSide === 'b' ? { own: 'b_id', other: 'a_id' } : { own: 'a_id', other: 'b_id' };
}

async function listsOf(
  em: EntityManager,
  schema: string,
  field: FieldDef,
  where: string,
  ids: readonly string[],
): Promise<Map<string, string[]>> {
  const { own, other } = junctionColumns(field);
  const junction = qualified(schema, field.options.junctionTable!);
  const rows = await queryRows<{ id: string; targets: string[] }>(
    em,
    `select ${own} as id, array_agg(${other}::text order by ${other}) as targets from ${junction}
     where ${own} in (select ${own} from ${junction} where ${where} = any(?::uuid[])) group by ${own}`,
    [uuidList(ids)],
  );
  return new Map(rows.map((r) => [r.id, r.targets]));
}

export async function rewriteLists(
  store: RecordStore,
  ctx: RecordContext,
  object: ObjectDef,
  survivorId: string,
  mergedIds: readonly string[],
): Promise<RewrittenList[]> {
  const rewritten: RewrittenList[] = [];
  for (const { owner, field } of relationsTo(ctx, object, 'MANY_TO_MANY')) {
    const lists = await listsOf(ctx.em, ctx.metadata.schema, field, junctionColumns(field).other, mergedIds);
    if (!lists.size) continue;
    const merged = new Set(mergedIds);
    const updates = [...lists].map(([id, targets]) => ({
      id,
      patch: { [field.key]: [...new Set(targets.map((t) => (merged.has(t) ? survivorId : t)))] },
    }));
    await updateInChunks(store, ctx, owner, updates);
    rewritten.push(
      ...[...lists].map(([recordId, before]) => ({ objectId: owner.id, field: field.key, recordId, before })),
    );
  }
  return rewritten;
}

/** Undo: pointers still at the survivor go back; a pointer changed since stays as it is now. */
export async function restorePointers(
  store: RecordStore,
  ctx: RecordContext,
  survivorId: string,
  moved: readonly MovedPointer[],
): Promise<void> {
  for (const owner of activeObjects(ctx.metadata)) {
    const mine = moved.filter((m) => m.objectId === owner.id);
    for (const key of new Set(mine.map((m) => m.field))) {
      const field = activeFields(owner).find((f) => f.key === key);
      if (!field?.column) continue;
      const entries = mine.filter((m) => m.field === key);
      const still = await queryRows<{ id: string }>(
        ctx.em,
        `select id from ${qualified(ctx.metadata.schema, owner.table)}
         where id = any(?::uuid[]) and ${quote(field.column)} = ? order by id`,
        [uuidList(entries.map((e) => e.recordId)), survivorId],
      );
      const back = new Set(still.map((r) => r.id));
      await updateInChunks(
        store,
        ctx,
        owner,
        entries
          .filter((e) => back.has(e.recordId))
          .map((e) => ({ id: e.recordId, patch: { [key]: e.from } })),
      );
    }
  }
}

/** Undo: each rewritten list as it was before the merge. */
export async function restoreLists(
  store: RecordStore,
  ctx: RecordContext,
  rewritten: readonly RewrittenList[],
): Promise<void> {
  for (const owner of activeObjects(ctx.metadata)) {
    const mine = rewritten.filter((r) => r.objectId === owner.id);
    if (!mine.length) continue;
    await updateInChunks(
      store,
      ctx,
      owner,
      mine.map((r) => ({ id: r.recordId, patch: { [r.field]: r.before } })),
    );
  }
}
