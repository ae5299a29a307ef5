import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type FieldDef,
  type ObjectDef,
  qualified,
  quote,
  type WorkspaceMetadata,
} from '../metadata/index.js';
import type { CreateRelatedStep } from './format.js';
import type { PlanInput, Step, StepRun } from './plan.js';

/** Records written per statement: the store's bulk write takes a batch at a time. */
const batchSize = 500;

type Sql = Pick<EntityManager, 'execute'>;

/** The relation's column when the workspace has it (not on a first upgrade that adds it). */
function relationOf(object: ObjectDef, key: string): FieldDef | undefined {
  const field = object.fields.find((f) => f.key === key && !f.system);
  return field?.type === 'RELATION' && field.column ? field : undefined;
}

/** Live records whose relation is empty: all of them before the relation exists. */
async function countUnlinked(em: Sql, metadata: WorkspaceMetadata, object: ObjectDef, relation?: FieldDef) {
  const unlinked = relation ? ` and ${quote(relation.column!)} is null` : '';
  const [row] = await em.execute<{ n: string }[]>(
    `select count(*) as n from ${qualified(metadata.schema, object.table)} where deleted_at is null${unlinked}`,
  );
  return Number(row?.n ?? 0);
}

/**
 * `migrations` with `createRelated` on an upgrade from a version before theirs (listing → property):
 * one step each, run in the upgrade's transaction after the new fields exist. Only records whose
 * relation is still empty get a new related record, so running it again (or after an admin linked
 * some by hand) creates nothing twice; the copied fields keep their values on the record too.
 */
export async function createRelatedSteps(input: PlanInput): Promise<Step[]> {
  const from = input.baseVersion;
  if (from === null) return [];
  const steps: Step[] = [];
  for (const migration of input.template.migrations ?? []) {
    const step = migration.createRelated;
    if (migration.version <= from || !step) continue;
    const object = input.metadata.objects.find((o) => o.key === step.object && !o.archivedAt);
    if (!object) continue; // archived by an admin: left alone
    const relation = relationOf(object, step.relation);
    if (relation?.archivedAt) continue;
    const count = await countUnlinked(input.em, input.metadata, object, relation);
    if (!count) continue;
    const targetKey = input.template.objects
      .find((o) => o.key === step.object)
      ?.fields?.find((f) => f.key === step.relation)?.relation?.target;
    const target = input.template.objects.find((o) => o.key === targetKey);
    steps.push({
      phase: 7,
      action: 'CREATE_RELATED_RECORDS',
      target: `${step.object}.${step.relation}`,
      description: `Create a ${target?.labelSingular ?? 'related record'} for each of the ${count} ${object.labelPlural} without one (${step.object}.${step.relation}), with their ${step.fields.join(', ')}`,
      apply: (run) => createRelated(run, step),
    });
  }
  return steps;
}

async function createRelated(run: StepRun, step: CreateRelatedStep): Promise<void> {
  const metadata = await run.refresh();
  const object = metadata.objects.find((o) => o.key === step.object && !o.archivedAt);
  const relation = object && relationOf(object, step.relation);
  const target = metadata.objects.find((o) => o.id === relation?.options.targetObjectId && !o.archivedAt);
  // The admin archived one of them: nothing to link.
  if (!object || !relation || relation.archivedAt || !target) return;
  // Fields the admin archived on either side are left out; their values stay where they are.
  const copied = step.fields.filter((key) =>
    [object, target].every((o) => o.fields.some((f) => f.key === key && !f.archivedAt && !f.system)),
  );
  const ctx = { em: run.tx.em, metadata, actorId: run.actorId };
  const table = qualified(metadata.schema, object.table);
  for (;;) {
    const rows = await run.tx.em.execute<{ id: string }[]>(
      `select id from ${table} where deleted_at is null and ${quote(relation.column!)} is null
       order by created_at, id limit ${batchSize}`,
    );
    if (!rows.length) return;
    const records = await run.records.getMany(
      ctx,
      object,
      rows.map((r) => r.id),
    );
    const sources = records.filter((r) => r !== null);
    if (!sources.length) return;
    const { created } = await run.records.writeMany(ctx, target, {
      creates: sources.map((record) =>
        Object.fromEntries(copied.map((key) => [key, record[key] ?? null]).filter(([, v]) => v !== null)),
      ),
      updates: [],
    });
    await run.records.writeMany(ctx, object, {
      creates: [],
      updates: sources.map((record, i) => ({ id: record.id, patch: { [step.relation]: created[i]!.id } })),
    });
  }
}
