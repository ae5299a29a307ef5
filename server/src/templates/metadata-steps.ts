import {
  addField,
  addObject,
  type FieldDef,
  FieldDefRow,
  type MetadataTx,
  type NewField,
  type ObjectDef,
  parsePipelines,
  parseStage,
  patchField,
  patchObject,
  type PipelineDef,
  type PipelineInput,
  type SelectOption,
  setFieldArchived,
  setObjectArchived,
  type StageDef,
  type OptionsInput,
  type TextFormat,
  type VinFills,
} from '../metadata/index.js';
import { savePipelines } from '../pipelines/index.js';
import { BadInput } from '../platform/index.js';
import type { Template, TemplateField, TemplateObject, TemplatePipeline, TemplateStage } from './format.js';

/** The metadata engine's operations, fed from template definitions, inside one MetadataTx. */

export function objectIn(tx: MetadataTx, key: string): ObjectDef {
  const object = tx.metadata.objects.find((o) => o.key === key);
  if (!object) throw new BadInput(['key'], `The workspace has no object “${key}”.`);
  return object;
}

export function fieldIn(object: ObjectDef, key: string): FieldDef | undefined {
  return object.fields.find((f) => f.key === key && !f.system);
}

export function pipelineInput(pipeline: TemplatePipeline): PipelineInput {
  return { key: pipeline.key, label: pipeline.label, stages: pipeline.stages };
}

/** The pipelines a template puts on one stage field. */
export function pipelinesOf(template: Template, objectKey: string, fieldKey: string): TemplatePipeline[] {
  return (template.pipelines ?? []).filter(
    (p) => p.object === objectKey && (p.field ?? 'stage') === fieldKey,
  );
}

export function toNewField(template: Template, objectKey: string, field: TemplateField): NewField {
  return {
    key: field.key,
    label: field.label,
    type: field.type,
    required: field.required,
    unique: field.unique,
    defaultValue: field.defaultValue,
    helpText: field.helpText,
    filterable: field.filterable,
    sortable: field.sortable,
    options:
      field.type === 'STAGE'
        ? { pipelines: pipelinesOf(template, objectKey, field.key).map(pipelineInput) }
        : field.options,
    relation: field.relation,
  };
}

export async function createObject(
  tx: MetadataTx,
  template: Template,
  object: TemplateObject,
  fields: TemplateField[],
): Promise<void> {
  const created = await addObject(
    tx,
    {
      key: object.key,
      pluralKey: object.pluralKey,
      labelSingular: object.labelSingular!,
      labelPlural: object.labelPlural,
      description: object.description,
      icon: object.icon,
      fields: fields.map((f) => toNewField(template, object.key, f)),
    },
    ['objects', object.key],
  );
  if (object.labelField) await patchObject(tx, created, { labelFieldKey: object.labelField });
}

export async function createField(
  tx: MetadataTx,
  template: Template,
  objectKey: string,
  field: TemplateField,
): Promise<void> {
  const object = objectIn(tx, objectKey);
  await addField(tx, object, toNewField(template, objectKey, field), [
    'objects',
    objectKey,
    'fields',
    field.key,
  ]);
}

export async function updateObject(
  tx: MetadataTx,
  key: string,
  patch: Partial<Pick<TemplateObject, 'labelSingular' | 'labelPlural' | 'description' | 'icon'>>,
): Promise<void> {
  await patchObject(tx, objectIn(tx, key), patch);
}

export interface FieldUpdate {
  label?: string;
  helpText?: string | null;
  choices?: SelectOption[];
  grouping?: boolean;
  format?: TextFormat | null;
  fills?: VinFills | null;
}

/** The options a field update sets; undefined when it sets none. */
function optionsPatch(field: FieldDef, patch: FieldUpdate): OptionsInput | undefined {
  const options: OptionsInput = {};
  if (patch.choices) options.choices = patch.choices;
  if (patch.grouping !== undefined) options.grouping = patch.grouping;
  // TEXT reads fills only beside its format: a change of either sends the format.
  if (patch.format !== undefined || patch.fills !== undefined) {
    options.format = patch.format !== undefined ? patch.format : (field.options.format ?? null);
    if (patch.fills !== undefined) options.fills = patch.fills;
  }
  return Object.keys(options).length ? options : undefined;
}

export async function updateField(tx: MetadataTx, objectKey: string, fieldKey: string, patch: FieldUpdate) {
  const object = objectIn(tx, objectKey);
  const field = fieldIn(object, fieldKey)!;
  await patchField(tx, object, field, {
    label: patch.label,
    helpText: patch.helpText,
    options: optionsPatch(field, patch),
  });
}

export async function archiveField(tx: MetadataTx, objectKey: string, fieldKey: string): Promise<void> {
  await setFieldArchived(tx, fieldIn(objectIn(tx, objectKey), fieldKey)!, true);
}

export async function archiveObject(tx: MetadataTx, key: string): Promise<void> {
  await setObjectArchived(tx, objectIn(tx, key), true);
}

/**
 * Saves a stage field's pipelines; when its default stage left with a removed
 * pipeline, the first stage of the first pipeline becomes the default.
 */
async function writePipelines(tx: MetadataTx, field: FieldDef, pipelines: PipelineDef[]): Promise<void> {
  await savePipelines(tx, field, pipelines);
  const stages = pipelines.flatMap((p) => p.stages.map((s) => s.key));
  if (field.defaultValue !== null && !stages.includes(field.defaultValue as string)) {
    const row = await tx.em.findOneOrFail(FieldDefRow, { id: field.id });
    row.defaultValue = stages[0] ?? null;
    field.defaultValue = row.defaultValue;
  }
}

function stageField(tx: MetadataTx, objectKey: string, fieldKey: string): FieldDef {
  const field = fieldIn(objectIn(tx, objectKey), fieldKey);
  if (!field || field.type !== 'STAGE')
    throw new BadInput(['key'], `${objectKey} has no stage field “${fieldKey}”.`);
  return field;
}

export async function addPipeline(tx: MetadataTx, pipeline: TemplatePipeline): Promise<void> {
  const field = stageField(tx, pipeline.object, pipeline.field ?? 'stage');
  const [parsed] = parsePipelines([pipelineInput(pipeline)], ['pipelines', pipeline.key]);
  await writePipelines(tx, field, [...(field.options.pipelines ?? []), parsed!]);
}

export async function removePipeline(tx: MetadataTx, objectKey: string, fieldKey: string, key: string) {
  const field = stageField(tx, objectKey, fieldKey);
  await writePipelines(
    tx,
    field,
    (field.options.pipelines ?? []).filter((p) => p.key !== key),
  );
}

async function changePipeline(
  tx: MetadataTx,
  pipeline: TemplatePipeline,
  change: (current: PipelineDef) => PipelineDef,
): Promise<void> {
  const field = stageField(tx, pipeline.object, pipeline.field ?? 'stage');
  await writePipelines(
    tx,
    field,
    (field.options.pipelines ?? []).map((p) => (p.key === pipeline.key ? change(p) : p)),
  );
}

export function renamePipeline(tx: MetadataTx, pipeline: TemplatePipeline): Promise<void> {
  return changePipeline(tx, pipeline, (p) => ({ ...p, label: pipeline.label }));
}

/** Inserts the stage after the nearest stage that precedes it in the template and exists. */
export function addStage(tx: MetadataTx, pipeline: TemplatePipeline, stage: TemplateStage): Promise<void> {
  return changePipeline(tx, pipeline, (current) => {
    const index = pipeline.stages.findIndex((s) => s.key === stage.key);
    const before = pipeline.stages.slice(0, index).map((s) => s.key);
    let at = 0;
    current.stages.forEach((s, i) => {
      if (before.includes(s.key)) at = i + 1;
    });
    const parsed = parseStage(stage, index, ['pipelines', pipeline.key, 'stages', stage.key]);
    return { ...current, stages: [...current.stages.slice(0, at), parsed, ...current.stages.slice(at)] };
  });
}

export function updateStage(
  tx: MetadataTx,
  pipeline: TemplatePipeline,
  key: string,
  patch: Partial<StageDef>,
): Promise<void> {
  return changePipeline(tx, pipeline, (current) => ({
    ...current,
    stages: current.stages.map((s) => (s.key === key ? { ...s, ...patch } : s)),
  }));
}

export function archiveStage(tx: MetadataTx, pipeline: TemplatePipeline, key: string): Promise<void> {
  return changePipeline(tx, pipeline, (current) => ({
    ...current,
    stages: current.stages.filter((s) => s.key !== key),
  }));
}
