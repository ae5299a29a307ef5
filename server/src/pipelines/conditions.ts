import type { Reader } from '@crm/contracts';
import type { ObjectDef, StageCondition, StageDef, WorkspaceMetadata } from '../metadata/index.js';
import { qualified } from '../metadata/index.js';
import { BadInput } from '../platform/index.js';
import { compileFilter, type RecordFilter, type RecordRow, type WriteSql } from '../records/index.js';

/** A stage's entry condition the record does not meet, as a refusal lists it. */
export interface UnmetCondition {
  label: string;
  filter: Record<string, unknown>;
  deadlineField: string | null;
  /** The deadline's value on the record (ISO date or date-time), or null. */
  deadline: string | null;
}

/** Saved conditions keep `isMe` and relative dates as written; checking them needs some reader. */
const anyReader = (): Reader => ({ userId: null, timeZone: 'UTC', now: new Date() });

/** Each stage's conditions must compile against the object's fields, and deadlines be date fields. */
export function assertStageConditions(
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  stages: StageDef[],
  path: string[],
): void {
  stages.forEach((stage, s) =>
    stage.requires.forEach((condition, i) => {
      const at = [...path, String(s), 'requires', String(i)];
      compileFilter({ metadata, object, alias: 't', reader: anyReader() }, condition.filter as RecordFilter, [
        ...at,
        'filter',
      ]);
      if (condition.deadlineField === null) return;
      const field = object.fields.find((f) => f.key === condition.deadlineField && !f.archivedAt);
      if (field?.type !== 'DATE' && field?.type !== 'DATETIME') {
        throw new BadInput(
          [...at, 'deadlineField'],
          `${object.labelSingular} has no date field “${condition.deadlineField}”.`,
        );
      }
    }),
  );
}

function deadlineOf(row: RecordRow | undefined, condition: StageCondition): string | null {
  const value = condition.deadlineField ? row?.[condition.deadlineField] : null;
  if (value === null || value === undefined || value === '') return null;
  return value instanceof Date ? value.toISOString() : String(value);
}

/**
 * The conditions of `stage` the record does not meet, read in the write's transaction
 * (so values written with the move count), one boolean column per condition.
 */
export async function unmetConditions(
  db: WriteSql,
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  row: RecordRow | undefined,
  recordId: string,
  stage: StageDef,
  reader: Reader,
): Promise<UnmetCondition[]> {
  if (!stage.requires.length) return [];
  const predicates = stage.requires.map((condition, i) =>
    compileFilter({ metadata, object, alias: 't', reader }, condition.filter as RecordFilter, [
      'requires',
      String(i),
    ]),
  );
  const columns = predicates.map((p, n) => `coalesce((${p?.sql ?? 'true'}), false) as c${n}`).join(', ');
  const [met] = await db.execute<Record<string, boolean>[]>(
    `select ${columns} from ${qualified(metadata.schema, object.table)} t where t.id = ?::uuid`,
    [...predicates.flatMap((p) => p?.params ?? []), recordId],
  );
  return stage.requires
    .filter((_, n) => met?.[`c${n}`] !== true)
    .map((condition) => ({ ...condition, deadline: deadlineOf(row, condition) }));
}

/** “Sea trial passed or waived (deadline 2026-12-09)”: a condition as a refusal names it. */
export function describeUnmet(condition: UnmetCondition): string {
  return condition.deadline ? `${condition.label} (deadline ${condition.deadline})` : condition.label;
}
