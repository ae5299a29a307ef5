import { translationSteps } from './translation-steps.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { TimeTriggers } from '../automation/index.js';
import {
  type FieldDef,
  groupsDigits,
  type MetadataTx,
  type ObjectDef,
  parseStage,
  qualified,
  quote,
  type SelectOption,
  type StageDef,
  type TextFormat,
  type VinFills,
  type WorkspaceMetadata,
} from '../metadata/index.js';
import { BadInput, Conflict } from '../platform/index.js';
import { pgArrayLiteral } from '../records/index.js';
import type { Template, TemplateField, TemplateObject, TemplatePipeline } from './format.js';
import * as meta from './metadata-steps.js';
import { fieldIn } from './metadata-steps.js';
import { threeWay } from './three-way.js';
import { automationSteps } from './automation-steps.js';
import { ratingSteps } from './rating-steps.js';
import { matchingSteps } from './matching-steps.js';
import { formSteps } from './form-steps.js';
import { reminderSteps } from './reminder-steps.js';
import { reportSteps } from './report-steps.js';
import { documentSteps } from './document-steps.js';
import { viewSteps } from './view-steps.js';
import { sampleDataStep, type SampleRun } from './sample-data.js';
import { photoImportSteps } from './photo-import-steps.js';
import { createRelatedSteps } from './related-steps.js';
import type { TemplatePhotoSettings } from './photo-settings.js';

/** One change an install makes, shown by the dry run and applied by the install. */
export interface PlanStep {
  action: string;
  target: string;
  description: string;
}

export interface TemplatePlan {
  key: string;
  fromVersion: number | null;
  toVersion: number;
  upToDate: boolean;
  steps: PlanStep[];
}

export interface StepRun extends SampleRun {
  tx: MetadataTx;
  /** Told of the automation rules the install writes. */
  timeTriggers: TimeTriggers;
  /** Reloads tx.metadata after metadata steps, for views and records. */
  refresh(): Promise<WorkspaceMetadata>;
  viewIds: Record<string, string>;
  /** Tells open view lists about a view the install wrote, once it commits. */
  announceView(viewId: string, kind: 'CREATED' | 'UPDATED'): void;
  photos: TemplatePhotoSettings;
  /** The templates' folder: a template's sample files are in `<templatesDir>/<key>/`. */
  templatesDir: string;
  /** Files the install stored (sample photos), whose bytes go if it fails. */
  storedFiles: string[];
}

export interface Step extends PlanStep {
  /** Steps apply by phase: objects, fields, relations, pipelines, updates, views, records, reminders, automations. */
  phase: number;
  apply(run: StepRun): Promise<void>;
}

export interface PlanInput {
  em: EntityManager;
  metadata: WorkspaceMetadata;
  template: Template;
  /** The installed version's definition, or null on a first install. */
  base: Template | null;
  /** The installed version, or null on a first install. */
  baseVersion: number | null;
  viewIds: Record<string, string>;
  sampleLoaded: boolean;
  withSampleData: boolean;
}

/** The difference between the template and the workspace, as ordered steps. */
export async function planSteps(input: PlanInput): Promise<Step[]> {
  const steps: Step[] = [];
  const builder = new PlanBuilder(input, steps);
  for (const object of input.template.objects) builder.object(object);
  for (const object of input.base?.objects ?? []) builder.removedObject(object);
  await builder.pipelines();
  steps.push(...(await viewSteps(input)));
  steps.push(...(await reportSteps(input)));
  steps.push(...(await documentSteps(input)));
  const sample = sampleDataStep(input);
  if (sample) steps.push(sample);
  // After the sample records (same phase, kept in order): new sample listings come linked.
  steps.push(...(await createRelatedSteps(input)));
  steps.push(...(await reminderSteps(input)));
  // Forms before the automations (same phase, kept in order): a rule names its form.
  steps.push(...(await formSteps(input)));
  steps.push(...(await automationSteps(input)));
  steps.push(...(await ratingSteps(input)));
  steps.push(...(await matchingSteps(input)));
  steps.push(...(await photoImportSteps(input)));
  steps.push(...(await translationSteps(input)));
  return steps.sort((a, b) => a.phase - b.phase);
}

const isScalar = (f: TemplateField) => f.type !== 'RELATION' && f.type !== 'STAGE';
const fieldPhase = (f: TemplateField) => (f.type === 'RELATION' ? 3 : f.type === 'STAGE' ? 4 : 2);
/** Stages with entry conditions go with the updates: a condition may name a choice a field update adds. */
const stagePhase = (stages: readonly { requires?: readonly unknown[] | undefined }[]) =>
  stages.some((s) => s.requires?.length) ? 5 : 4;

/** A field as the upgrade compares it: the template's or the workspace's. */
type NormalisedField = Parameters<typeof groupsDigits>[0] & {
  label: string;
  helpText?: string | null;
  options?: { format?: TextFormat; fills?: VinFills } | null;
};
class PlanBuilder {
  /** Stage fields this plan creates with their pipelines (object.field). */
  private createdStageFields = new Set<string>();

  constructor(
    private readonly input: PlanInput,
    private readonly steps: Step[],
  ) {}

  private get template(): Template {
    return this.input.template;
  }

  private current(key: string): ObjectDef | undefined {
    return this.input.metadata.objects.find((o) => o.key === key);
  }

  object(object: TemplateObject): void {
    const base = this.input.base?.objects.find((b) => b.key === object.key);
    const current = this.current(object.key);
    const fields = object.fields ?? [];
    if (!base && !object.extends) {
      if (current)
        throw new Conflict(
          `The workspace already has an object “${object.key}” (perhaps archived) that this template did not create.`,
        );
      const scalar = fields.filter(isScalar);
      this.steps.push({
        phase: 1,
        action: 'CREATE_OBJECT',
        target: object.key,
        description: `Create the object ${object.labelSingular} (${object.key}) with ${scalar.length} fields: ${scalar.map((f) => f.key).join(', ')}`,
        apply: ({ tx }) => meta.createObject(tx, this.template, object, scalar),
      });
      for (const field of fields.filter((f) => !isScalar(f))) this.addField(object.key, field);
      return;
    }
    if (!current || current.archivedAt) {
      if (!base)
        throw new BadInput(
          ['key'],
          `The workspace has no object “${object.key}” for this template to extend.`,
        );
      return; // archived or removed by an admin: left alone
    }
    if (!base) {
      this.steps.push({
        phase: 1,
        action: 'EXTEND_OBJECT',
        target: object.key,
        description: `Extend ${current.labelSingular} (${object.key}) with ${fields.length} fields`,
        apply: async () => {},
      });
    } else if (!object.extends) {
      this.objectUpdate(object, base, current);
    }
    for (const field of fields)
      this.field(
        object.key,
        current,
        field,
        base?.fields?.find((f) => f.key === field.key),
      );
    for (const old of base?.fields ?? []) {
      if (!fields.some((f) => f.key === old.key)) this.removedField(object.key, current, old);
    }
  }

  private objectUpdate(object: TemplateObject, base: TemplateObject, current: ObjectDef): void {
    const keys = ['labelSingular', 'labelPlural', 'description', 'icon'] as const;
    const norm = (o: TemplateObject) => ({
      labelSingular: o.labelSingular,
      labelPlural: o.labelPlural ?? o.labelSingular,
      description: o.description ?? null,
      icon: o.icon ?? null,
    });
    const patch = threeWay(norm(base), norm(object), current, keys);
    if (!Object.keys(patch).length) return;
    this.steps.push({
      phase: 5,
      action: 'UPDATE_OBJECT',
      target: object.key,
      description: `Update ${object.key}: ${describePatch(patch)}`,
      apply: ({ tx }) => meta.updateObject(tx, object.key, patch as never),
    });
  }

  private addField(objectKey: string, field: TemplateField): void {
    if (field.type === 'STAGE') this.createdStageFields.add(`${objectKey}.${field.key}`);
    const what =
      field.type === 'RELATION'
        ? `relation to ${field.relation?.target} (inverse ${field.relation?.target}.${field.relation?.inverseKey})`
        : field.type === 'STAGE'
          ? `STAGE with the pipelines ${meta
              .pipelinesOf(this.template, objectKey, field.key)
              .map((p) => p.key)
              .join(', ')}`
          : field.type;
    this.steps.push({
      phase: fieldPhase(field),
      action: 'ADD_FIELD',
      target: `${objectKey}.${field.key}`,
      description: `Add the field ${field.label} (${objectKey}.${field.key}, ${what})`,
      apply: ({ tx }) => meta.createField(tx, this.template, objectKey, field),
    });
  }

  private field(objectKey: string, object: ObjectDef, field: TemplateField, base?: TemplateField): void {
    const current = fieldIn(object, field.key);
    if (!base) {
      if (!current) return this.addField(objectKey, field);
      if (current.type !== field.type)
        throw new Conflict(
          `${objectKey}.${field.key} exists as ${current.type}; the template defines it as ${field.type}.`,
        );
      return; // the same field already there: adopted as it is
    }
    if (base.type !== field.type)
      throw new BadInput(
        ['key'],
        `${objectKey}.${field.key}: a template upgrade cannot change a field’s type.`,
      );
    if (!current || current.archivedAt) return;
    // Options as they take effect: a template saying nothing about grouping means grouped.
    const norm = (f: NormalisedField) => ({
      label: f.label,
      helpText: f.helpText ?? null,
      grouping: groupsDigits(f),
      format: f.options?.format ?? null,
      fills: f.options?.fills ?? null,
    });
    const patch: meta.FieldUpdate = threeWay(norm(base), norm(field), norm(current), [
      'label',
      'helpText',
      'grouping',
      'format',
      'fills',
    ]);
    const choices = mergeChoices(base, field, current);
    if (choices) patch.choices = choices;
    if (!Object.keys(patch).length) return;
    this.steps.push({
      phase: 5,
      action: 'UPDATE_FIELD',
      target: `${objectKey}.${field.key}`,
      description: `Update ${objectKey}.${field.key}: ${describePatch({ ...patch, choices: choices?.map((c) => c.key) })}`,
      apply: ({ tx }) => meta.updateField(tx, objectKey, field.key, patch),
    });
  }

  private removedField(objectKey: string, object: ObjectDef, old: TemplateField): void {
    const current = fieldIn(object, old.key);
    if (!current || current.archivedAt) return;
    this.steps.push({
      phase: 5,
      action: 'ARCHIVE_FIELD',
      target: `${objectKey}.${old.key}`,
      description: `Archive the field ${current.label} (${objectKey}.${old.key}); its values are kept`,
      apply: ({ tx }) => meta.archiveField(tx, objectKey, old.key),
    });
  }

  removedObject(old: TemplateObject): void {
    if (this.template.objects.some((o) => o.key === old.key)) return;
    const current = this.current(old.key);
    if (!current || current.archivedAt) return;
    if (old.extends) {
      for (const field of old.fields ?? []) this.removedField(old.key, current, field);
      return;
    }
    this.steps.push({
      phase: 5,
      action: 'ARCHIVE_OBJECT',
      target: old.key,
      description: `Archive the object ${current.labelSingular} (${old.key}); its records are kept`,
      apply: ({ tx }) => meta.archiveObject(tx, old.key),
    });
  }

  /** A pipeline the template no longer has stays as it is (its stages may hold records). */
  async pipelines(): Promise<void> {
    for (const pipeline of this.template.pipelines ?? []) await this.pipeline(pipeline);
  }

  private async pipeline(pipeline: TemplatePipeline): Promise<void> {
    const fieldKey = pipeline.field ?? 'stage';
    if (this.createdStageFields.has(`${pipeline.object}.${fieldKey}`)) return;
    const object = this.current(pipeline.object);
    const field = object && !object.archivedAt ? fieldIn(object, fieldKey) : undefined;
    if (!object || !field || field.archivedAt) return;
    const base = this.input.base?.pipelines?.find(
      (p) => p.object === pipeline.object && p.key === pipeline.key,
    );
    const pipelines = field.options.pipelines ?? [];
    const current = pipelines.find((p) => p.key === pipeline.key);
    const taken = new Set(pipelines.flatMap((p) => p.stages.map((s) => s.key)));
    if (!base) await this.replacements(object, field, pipeline, taken);
    if (!current) {
      if (base) return; // removed by an admin
      for (const stage of pipeline.stages) this.assertFree(taken, object, stage.key);
      this.steps.push({
        phase: stagePhase(pipeline.stages),
        action: 'ADD_PIPELINE',
        target: `${pipeline.object}.${pipeline.key}`,
        description: `Add the pipeline ${pipeline.label} (${pipeline.key}) to ${pipeline.object}.${fieldKey}: ${pipeline.stages.map((s) => s.label).join(' → ')}`,
        apply: ({ tx }) => meta.addPipeline(tx, pipeline),
      });
      return;
    }
    if (base && base.label !== pipeline.label && current.label === base.label) {
      this.steps.push({
        phase: 4,
        action: 'UPDATE_PIPELINE',
        target: `${pipeline.object}.${pipeline.key}`,
        description: `Rename the pipeline ${pipeline.key} to “${pipeline.label}”`,
        apply: ({ tx }) => meta.renamePipeline(tx, pipeline),
      });
    }
    await this.stages(object, field, pipeline, base, current.stages, taken);
  }

  private assertFree(taken: Set<string>, object: ObjectDef, key: string): void {
    if (taken.has(key))
      throw new Conflict(
        `${object.labelSingular} already has a stage “${key}” in another pipeline of the same field.`,
      );
    taken.add(key);
  }

  /** Pipelines the template replaces go while they hold no record; their stage keys free up. */
  private async replacements(
    object: ObjectDef,
    field: FieldDef,
    pipeline: TemplatePipeline,
    taken: Set<string>,
  ) {
    for (const key of pipeline.replaces ?? []) {
      const old = field.options.pipelines?.find((p) => p.key === key);
      if (!old || this.template.pipelines?.some((p) => p.object === object.key && p.key === key)) continue;
      const count = await this.recordsIn(
        object,
        field,
        old.stages.map((s) => s.key),
      );
      if (count > 0) continue;
      for (const stage of old.stages) taken.delete(stage.key);
      this.steps.push({
        phase: 4,
        action: 'REMOVE_PIPELINE',
        target: `${object.key}.${key}`,
        description: `Remove the empty pipeline ${old.label} (${key}) of ${object.key}.${field.key}, replaced by ${pipeline.key}`,
        apply: ({ tx }) => meta.removePipeline(tx, object.key, field.key, key),
      });
    }
  }

  private async stages(
    object: ObjectDef,
    field: FieldDef,
    pipeline: TemplatePipeline,
    base: TemplatePipeline | undefined,
    current: StageDef[],
    taken: Set<string>,
  ): Promise<void> {
    const target = (key: string) => `${pipeline.object}.${pipeline.key}.${key}`;
    for (const [index, stage] of pipeline.stages.entries()) {
      const baseIndex = base?.stages.findIndex((s) => s.key === stage.key) ?? -1;
      const now = current.find((s) => s.key === stage.key);
      if (!now) {
        if (baseIndex >= 0) continue; // removed by an admin
        this.assertFree(taken, object, stage.key);
        this.steps.push({
          phase: stagePhase([stage]),
          action: 'ADD_STAGE',
          target: target(stage.key),
          description: `Add the stage ${stage.label} (${stage.key}) to ${pipeline.key}`,
          apply: ({ tx }) => meta.addStage(tx, pipeline, stage),
        });
        continue;
      }
      if (baseIndex < 0) continue; // already there: adopted
      const effective = (s: typeof stage, i: number) => parseStage(s, i, ['stages']);
      const patch = threeWay(effective(base!.stages[baseIndex]!, baseIndex), effective(stage, index), now, [
        'label',
        'color',
        'probability',
        'kind',
        'requiredFields',
        'requires',
        'wipLimit',
      ]);
      if (base!.stages[baseIndex]!.color === stage.color) delete patch.color;
      if (!Object.keys(patch).length) continue;
      this.steps.push({
        phase: stagePhase([patch]),
        action: 'UPDATE_STAGE',
        target: target(stage.key),
        description: `Update the stage ${stage.key}: ${describePatch(patch)}`,
        apply: ({ tx }) => meta.updateStage(tx, pipeline, stage.key, patch),
      });
    }
    for (const old of base?.stages ?? []) {
      const now = current.find((s) => s.key === old.key);
      if (pipeline.stages.some((s) => s.key === old.key) || !now) continue;
      const count = await this.recordsIn(object, field, [old.key]);
      this.steps.push(
        count
          ? {
              phase: 4,
              action: 'KEEP_STAGE',
              target: target(old.key),
              description: `Keep the stage ${now.label} (${old.key}), no longer in the template: ${count} records are in it`,
              apply: async () => {},
            }
          : {
              phase: 4,
              action: 'ARCHIVE_STAGE',
              target: target(old.key),
              description: `Take the empty stage ${now.label} (${old.key}) off ${pipeline.key}; its stage history is kept`,
              apply: ({ tx }) => meta.archiveStage(tx, pipeline, old.key),
            },
      );
    }
  }

  private async recordsIn(object: ObjectDef, field: FieldDef, stages: string[]): Promise<number> {
    const table = qualified(this.input.metadata.schema, object.table);
    const [row] = await this.input.em.execute<{ n: string }[]>(
      `select count(*) as n from ${table} where ${quote(field.column!)} = any(?::text[]) and deleted_at is null`,
      [pgArrayLiteral(stages)],
    );
    return Number(row?.n ?? 0);
  }
}

/** Options the new version adds, and option labels it changes that the admin did not. */
function mergeChoices(
  base: TemplateField,
  next: TemplateField,
  current: FieldDef,
): SelectOption[] | undefined {
  const existing = current.options.choices;
  const wanted = next.options?.choices;
  if (!existing || !wanted || current.type === 'STAGE') return undefined;
  let changed = false;
  const merged = existing.map((choice) => {
    const was = base.options?.choices?.find((c) => c.key === choice.key);
    const now = wanted.find((c) => c.key === choice.key);
    if (was && now && was.label !== now.label && choice.label === was.label) {
      changed = true;
      return { ...choice, label: now.label };
    }
    return choice;
  });
  for (const choice of wanted) {
    if (existing.some((c) => c.key === choice.key)) continue;
    changed = true;
    merged.push({
      key: choice.key,
      label: choice.label,
      color: choice.color ?? '#64748b',
      position: merged.length,
    });
  }
  return changed ? merged : undefined;
}

function describePatch(patch: object): string {
  return Object.entries(patch)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k} → ${JSON.stringify(v)}`)
    .join(', ');
}
