import type { EntityManager } from '@mikro-orm/postgresql';
import type { PipelineContext } from './services.js';
import {
  addField,
  changeMetadata,
  writeFieldTranslations,
  type FieldDef,
  FieldDefRow,
  type MetadataTx,
  type ObjectDef,
  parsePipelines,
  parseStage,
  type PipelineDef,
  type PipelineInput,
  qualified,
  quote,
  stageChoices,
  type StageConditionInput,
  type StageDef,
  type StageInput,
  type WorkspaceMetadata,
} from '../metadata/index.js';
import { BadInput, Conflict } from '../platform/index.js';
import type { LoggedChangeInput } from '../records/index.js';
import { assertStageConditions } from './conditions.js';
import { activeObject, findPipeline, findStage, stageFields } from './find.js';

export interface StagePatch {
  label?: string | null;
  color?: string | null;
  probability?: number | null;
  kind?: StageDef['kind'] | null;
  requiredFields?: string[] | null;
  requires?: StageConditionInput[] | null;
  wipLimit?: number | null;
}

/** A stage's rules name the object's fields: its required fields and its entry conditions. */
function assertStageRules(
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  stages: StageDef[],
  path: string[],
): void {
  assertRequiredFields(object, stages, path);
  assertStageConditions(metadata, object, stages, path);
}

function assertRequiredFields(object: ObjectDef, stages: StageDef[], path: string[]): void {
  const keys = new Set(object.fields.filter((f) => !f.archivedAt && !f.system).map((f) => f.key));
  stages.forEach((stage, s) =>
    stage.requiredFields.forEach((key, i) => {
      if (!keys.has(key)) {
        throw new BadInput(
          [...path, String(s), 'requiredFields', String(i)],
          `${object.labelSingular} has no field “${key}”.`,
        );
      }
    }),
  );
}

/** Writes a stage field's pipelines (and the choices derived from them) in the metadata transaction. */
export async function savePipelines(
  tx: MetadataTx,
  field: FieldDef,
  pipelines: PipelineDef[],
): Promise<void> {
  const all = pipelines.flatMap((p) => p.stages.map((s) => s.key));
  if (new Set(all).size !== all.length)
    throw new BadInput(['input'], 'Stage keys must be unique across the pipelines of a field.');
  // Templates save here too: conditions are checked against the object whoever saves them.
  const object = tx.metadata.objects.find((o) => o.id === field.objectId);
  pipelines.forEach((p, i) => {
    if (object)
      assertStageConditions(tx.metadata, object, p.stages, ['input', 'pipelines', String(i), 'stages']);
  });
  const row = await tx.em.findOneOrFail(FieldDefRow, { id: field.id });
  row.options = { ...row.options, pipelines, choices: stageChoices(pipelines) };
  field.options = row.options;
}

/** Creates a pipeline on a stage field of the object, creating the field when it does not exist. */
export function createPipeline(
  ctx: PipelineContext,
  input: { object: string; field?: string | null; pipeline: PipelineInput },
): Promise<PipelineDef> {
  return changeMetadata(ctx, async (tx) => {
    const object = activeObject(tx.metadata, input.object, ['input', 'object']);
    const [parsed] = parsePipelines([input.pipeline], ['input', 'pipeline']).map((p) => p);
    assertStageRules(tx.metadata, object, parsed!.stages, ['input', 'pipeline', 'stages']);
    for (const field of stageFields(object)) {
      if (field.options.pipelines?.some((p) => p.key === parsed!.key)) {
        throw new BadInput(
          ['input', 'pipeline', 'key'],
          `${object.labelSingular} already has a pipeline “${parsed!.key}”.`,
        );
      }
    }
    const fieldKey = input.field ?? stageFields(object)[0]?.key ?? 'stage';
    const existing = object.fields.find((f) => f.key === fieldKey && !f.system);
    if (existing && existing.type !== 'STAGE')
      throw new BadInput(['input', 'field'], `“${fieldKey}” is not a stage field.`);
    if (!existing) {
      await addField(
        tx,
        object,
        { key: fieldKey, label: 'Stage', type: 'STAGE', options: { pipelines: [input.pipeline] } },
        ['input'],
      );
      return parsed!;
    }
    await savePipelines(tx, existing, [...(existing.options.pipelines ?? []), parsed!]);
    return parsed!;
  });
}

export function renamePipeline(
  ctx: PipelineContext,
  objectKey: string,
  key: string,
  label: string,
): Promise<PipelineDef> {
  return changeMetadata(ctx, async (tx) => {
    const object = activeObject(tx.metadata, objectKey, ['object']);
    const { field, pipeline } = findPipeline(object, key, ['pipeline']);
    if (!label.trim() || label.length > 100)
      throw new BadInput(['label'], 'A pipeline label is 1 to 100 characters.');
    // Someone who sees this pipeline's label translated renames the translation.
    const own = field.translations?.[ctx.language];
    if (own?.pipelines?.[key]) {
      const pipelines = { ...own.pipelines, [key]: label.trim() };
      await writeFieldTranslations(tx, field, {
        ...field.translations,
        [ctx.language]: { ...own, pipelines },
      });
      return { ...pipeline, label: label.trim() };
    }
    const updated = { ...pipeline, label: label.trim() };
    await savePipelines(
      tx,
      field,
      field.options.pipelines!.map((p) => (p.key === key ? updated : p)),
    );
    return updated;
  });
}

export function addStage(
  ctx: PipelineContext,
  objectKey: string,
  pipelineKey: string,
  input: StageInput,
  beforeKey?: string | null,
): Promise<PipelineDef> {
  return changeMetadata(ctx, async (tx) => {
    const object = activeObject(tx.metadata, objectKey, ['object']);
    const { field, pipeline } = findPipeline(object, pipelineKey, ['pipeline']);
    const stage = parseStage(input, pipeline.stages.length, ['input']);
    assertStageRules(tx.metadata, object, [stage], ['input']);
    const at = beforeKey ? pipeline.stages.findIndex((s) => s.key === beforeKey) : pipeline.stages.length;
    if (at < 0) throw new BadInput(['before'], `No stage “${beforeKey}” in this pipeline.`);
    const updated = {
      ...pipeline,
      stages: [...pipeline.stages.slice(0, at), stage, ...pipeline.stages.slice(at)],
    };
    await savePipelines(
      tx,
      field,
      field.options.pipelines!.map((p) => (p.key === pipelineKey ? updated : p)),
    );
    return updated;
  });
}

export function updateStage(
  ctx: PipelineContext,
  objectKey: string,
  stageKey: string,
  patch: StagePatch,
): Promise<PipelineDef> {
  return changeMetadata(ctx, async (tx) => {
    const object = activeObject(tx.metadata, objectKey, ['object']);
    const { field, pipeline, stage } = findStage(object, stageKey, ['stage']);
    const definedPatch = Object.fromEntries(
      Object.entries(patch).filter(([, v]) => v !== undefined && v !== null),
    );
    // Someone who sees this stage's label translated renames the translation, not the default.
    const own = field.translations?.[ctx.language];
    if (typeof definedPatch.label === 'string' && own?.stages?.[stageKey]) {
      const stages = { ...own.stages, [stageKey]: definedPatch.label.trim() };
      await writeFieldTranslations(tx, field, { ...field.translations, [ctx.language]: { ...own, stages } });
      delete definedPatch.label;
    }
    const merged = parseStage({ ...stage, ...definedPatch, key: stage.key }, 0, ['input']);
    if (patch.color === undefined || patch.color === null) merged.color = stage.color;
    if (patch.wipLimit === null) merged.wipLimit = null;
    assertStageRules(tx.metadata, object, [merged], ['input']);
    const updated = { ...pipeline, stages: pipeline.stages.map((s) => (s.key === stageKey ? merged : s)) };
    await savePipelines(
      tx,
      field,
      field.options.pipelines!.map((p) => (p.key === pipeline.key ? updated : p)),
    );
    return updated;
  });
}

export function reorderStages(
  ctx: PipelineContext,
  objectKey: string,
  pipelineKey: string,
  keys: string[],
): Promise<PipelineDef> {
  return changeMetadata(ctx, async (tx) => {
    const object = activeObject(tx.metadata, objectKey, ['object']);
    const { field, pipeline } = findPipeline(object, pipelineKey, ['pipeline']);
    const current = pipeline.stages
      .map((s) => s.key)
      .sort()
      .join();
    if ([...keys].sort().join() !== current) {
      throw new BadInput(
        ['stageKeys'],
        `List every stage of the pipeline exactly once: ${pipeline.stages.map((s) => s.key).join(', ')}.`,
      );
    }
    const updated = { ...pipeline, stages: keys.map((key) => pipeline.stages.find((s) => s.key === key)!) };
    await savePipelines(
      tx,
      field,
      field.options.pipelines!.map((p) => (p.key === pipelineKey ? updated : p)),
    );
    return updated;
  });
}

/**
 * Removes a stage. Records in it move to `moveRecordsTo` (required when there are
 * any), as ordinary logged updates, in the same transaction.
 */
export async function removeStage(
  ctx: PipelineContext,
  objectKey: string,
  stageKey: string,
  moveRecordsTo: string | null | undefined,
): Promise<{ pipeline: PipelineDef; moved: number }> {
  let moved = 0;
  const pipeline = await changeMetadata(ctx, async (tx) => {
    const object = activeObject(tx.metadata, objectKey, ['object']);
    const { field, pipeline: owner, stage } = findStage(object, stageKey, ['stage']);
    if (owner.stages.length === 1)
      throw new Conflict('A pipeline keeps at least one stage; remove the pipeline instead.');
    const table = qualified(tx.metadata.schema, object.table);
    const [count] = await tx.em.execute<{ n: string }[]>(
      `select count(*) as n from ${table} where ${quote(field.column!)} = ? and deleted_at is null`,
      [stageKey],
    );
    const inStage = Number(count?.n ?? 0);
    if (inStage > 0) {
      if (!moveRecordsTo) {
        throw new BadInput(
          ['moveRecordsTo'],
          `${inStage} records are in “${stage.label}”; say which stage they move to.`,
          { records: inStage },
        );
      }
      const target = findStage(object, moveRecordsTo, ['moveRecordsTo'], field);
      if (target.stage.key === stageKey)
        throw new BadInput(['moveRecordsTo'], 'Move the records to another stage.');
      const records = { em: tx.em, metadata: tx.metadata, actorId: ctx.caller!.user.id };
      const changes = await ctx.services.records.writeLogged(
        { ...records, deferAfterCommit: (task) => tx.afterCommit(task) },
        (em) =>
          moveAllRecords(em, tx.metadata.schema, object, field, stageKey, target.stage.key, records.actorId),
      );
      moved = changes.length;
    }
    const updated = { ...owner, stages: owner.stages.filter((s) => s.key !== stageKey) };
    await savePipelines(
      tx,
      field,
      field.options.pipelines!.map((p) => (p.key === owner.key ? updated : p)),
    );
    return updated;
  });
  return { pipeline, moved };
}

/**
 * One statement moves the rows; the store logs each move, and its hooks record the
 * stage history and check the target stage's rules, as for any move.
 */
async function moveAllRecords(
  em: EntityManager,
  schema: string,
  object: ObjectDef,
  field: FieldDef,
  from: string,
  to: string,
  actorId: string,
): Promise<LoggedChangeInput[]> {
  const column = quote(field.column!);
  const rows = await em.execute<{ id: string; version: number }[]>(
    `update ${qualified(schema, object.table)} set ${column} = ?, version = version + 1, updated_at = now(), updated_by = ?::uuid
     where ${column} = ? and deleted_at is null returning id, version`,
    [to, actorId, from],
  );
  return rows.map((row) => ({
    objectId: object.id,
    recordId: row.id,
    kind: 'update',
    changes: { [field.key]: [from, to] },
    version: row.version,
  }));
}
