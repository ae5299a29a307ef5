import { qualified, type FieldDef, type ObjectDef, type WorkspaceMetadata } from '../metadata/index.js';
import { BadInput } from '../platform/index.js';
import {
  compileGetMany,
  decodeRow,
  type RecordHooks,
  type RecordRow,
  type RecordWritePayload,
  type WriteSql,
} from '../records/index.js';
import { describeUnmet, unmetConditions } from './conditions.js';
import { stageFields, stageIn } from './find.js';

type Change = RecordWritePayload['changes'][number];

function isEmpty(value: unknown): boolean {
  return (
    value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

async function currentRow(
  db: WriteSql,
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  id: string,
): Promise<RecordRow | undefined> {
  const query = compileGetMany(metadata, object, [id]);
  const [raw] = await db.execute<Record<string, unknown>[]>(query.sql, query.params);
  return raw ? decodeRow(object, raw) : undefined;
}

/**
 * Refuses entering a stage while fields its rule requires are empty, naming them, or
 * while the record misses one of its entry conditions, listing them with their deadlines.
 */
async function assertStageRules(
  db: WriteSql,
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  change: Change,
  entered: { field: FieldDef; key: string }[],
): Promise<void> {
  const rules = entered
    .map(({ field, key }) => ({ field, found: stageIn(field, key) }))
    .filter(
      (r): r is { field: FieldDef; found: NonNullable<typeof r.found> } =>
        !!r.found && (r.found.stage.requiredFields.length > 0 || r.found.stage.requires.length > 0),
    );
  if (!rules.length) return;
  const row = await currentRow(db, metadata, object, change.recordId);
  for (const { field, found } of rules) {
    const { stage } = found;
    const missing = stage.requiredFields.filter((key) => isEmpty(row?.[key]));
    if (missing.length) {
      const labels = missing.map((key) => object.fields.find((f) => f.key === key)?.label ?? key);
      throw new BadInput(
        ['input', field.key],
        `To move to “${stage.label}”, first fill in: ${labels.join(', ')}.`,
        { stage: stage.key, missingFields: missing },
      );
    }
    const reader = { userId: change.actorId, timeZone: 'UTC', now: new Date() };
    const unmet = await unmetConditions(db, metadata, object, row, change.recordId, stage, reader);
    if (!unmet.length) continue;
    throw new BadInput(
      ['input', field.key],
      `To move to “${stage.label}”, first: ${unmet.map(describeUnmet).join('; ')}.`,
      { stage: stage.key, unmetConditions: unmet },
    );
  }
}

async function recordHistory(
  db: WriteSql,
  schema: string,
  object: ObjectDef,
  change: Change,
  entered: { field: FieldDef; key: string | null }[],
): Promise<void> {
  const table = qualified(schema, 'stage_history');
  for (const { field, key } of entered) {
    await db.execute(
      `update ${table} set left_at = now() where record_id = ?::uuid and field_id = ?::uuid and left_at is null`,
      [change.recordId, field.id],
    );
    if (key === null) continue;
    await db.execute(
      `insert into ${table} (object_id, record_id, field_id, stage, actor_id) values (?::uuid, ?::uuid, ?::uuid, ?, ?::uuid)`,
      [object.id, change.recordId, field.id, key, change.actorId],
    );
  }
}

/**
 * Stage rules and stage history, inside each write's transaction: a refused rule
 * rolls the write back; every stage entered or left is recorded with its time.
 */
export const stageHooks: RecordHooks = {
  actsOnUpdate: ({ metadata, objectId, fieldKeys }) => {
    const object = metadata.objects.find((o) => o.id === objectId);
    return !!object && stageFields(object).some((field) => fieldKeys.includes(field.key));
  },
  async afterWrite({ db, metadata, changes }) {
    for (const change of changes) {
      const object = metadata.objects.find((o) => o.id === change.objectId);
      if (!object) continue;
      const fields = stageFields(object);
      const moved = fields
        .map((field) => ({ field, change: change.changes[field.key] }))
        .filter(({ change: values }) => values && values[0] !== values[1])
        .map(({ field, change: values }) => ({ field, key: (values![1] as string | null) ?? null }));
      const deleted = change.kind === 'delete';
      if (!moved.length && !deleted && change.kind !== 'restore') continue;
      if (deleted) {
        await recordHistory(
          db,
          metadata.schema,
          object,
          change,
          fields.map((field) => ({ field, key: null })),
        );
        continue;
      }
      const entered = moved.filter((m): m is { field: FieldDef; key: string } => m.key !== null);
      if (change.kind !== 'restore') await assertStageRules(db, metadata, object, change, entered);
      await recordHistory(db, metadata.schema, object, change, moved);
    }
  },
};
