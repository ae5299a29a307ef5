import type { EntityManager } from '@mikro-orm/postgresql';
import { stringify } from 'yaml';
import { fieldReminders } from '../activities/index.js';
import { Workspace } from '../identity/index.js';
import {
  activeFields,
  fieldTypeSpecs,
  loadMetadata,
  type FieldDef,
  type ObjectDef,
  type WorkspaceMetadata,
} from '../metadata/index.js';
import type { RecordStore } from '../records/index.js';
import { specOf, viewProblems, ViewRow } from '../views/index.js';
import type {
  SampleRecord,
  Template,
  TemplateField,
  TemplateObject,
  TemplatePipeline,
  TemplateReminder,
  TemplateView,
} from './format.js';
import { toAutomations } from './export-automations.js';
import { toForms, toRatingModels } from './export-leads.js';
import { storedDefinitions } from '../matching/index.js';
import { keyFromName } from './format-keys.js';
import { knownFields, standardObjectKeys } from './known-fields.js';
import { parseTemplate } from './parse.js';
import { sampleOrder } from './sample-order.js';

export interface ExportOptions {
  withData: boolean;
  key?: string | null;
  name?: string | null;
  records: RecordStore;
  actorId: string;
}

/** At most this many records per object become sample data. */
const maxSampleRecords = 200;

const byId = (metadata: WorkspaceMetadata, id: string | undefined) =>
  metadata.objects.find((o) => o.id === id);

/** Fields an export writes: the side of a relation that defines it, and no standard field. */
function exportedFields(object: ObjectDef): FieldDef[] {
  return activeFields(object).filter(
    (f) =>
      !f.system &&
      !(object.standard && f.standard) &&
      !(f.type === 'RELATION' && f.options.relationKind === 'ONE_TO_MANY') &&
      !(f.type === 'RELATION' && f.options.junctionSide === 'b'),
  );
}

function toTemplateField(metadata: WorkspaceMetadata, field: FieldDef): TemplateField | undefined {
  const out: TemplateField = { key: field.key, label: field.label, type: field.type };
  if (field.helpText) out.helpText = field.helpText;
  if (field.required) out.required = true;
  if (field.unique) out.unique = true;
  if (field.defaultValue !== null && field.type !== 'STAGE') out.defaultValue = field.defaultValue;
  const o = field.options;
  const options: NonNullable<TemplateField['options']> = fieldTypeSpecs[field.type].exportOptions?.(o) ?? {};
  if (Object.keys(options).length) out.options = options;
  if (field.type === 'RELATION') {
    const target = byId(metadata, o.targetObjectId);
    const inverse = target?.fields.find((f) => f.id === o.inverseFieldId);
    if (!target || target.archivedAt || !inverse || inverse.archivedAt) return undefined;
    out.relation = {
      target: target.key,
      kind: o.relationKind!,
      ...(o.relationKind === 'MANY_TO_ONE' ? { onDelete: o.onDelete ?? 'SET_NULL' } : {}),
      inverseKey: inverse.key,
      inverseLabel: inverse.label,
    };
  }
  return out;
}

function toTemplateObject(metadata: WorkspaceMetadata, object: ObjectDef): TemplateObject | undefined {
  const fields = exportedFields(object)
    .map((f) => toTemplateField(metadata, f))
    .filter((f): f is TemplateField => Boolean(f));
  if (object.standard) return fields.length ? { key: object.key, extends: true, fields } : undefined;
  const labelField = object.fields.find((f) => f.id === object.labelFieldId);
  return {
    key: object.key,
    pluralKey: object.pluralKey,
    labelSingular: object.labelSingular,
    labelPlural: object.labelPlural,
    ...(object.description ? { description: object.description } : {}),
    ...(object.icon ? { icon: object.icon } : {}),
    ...(labelField ? { labelField: labelField.key } : {}),
    fields,
  };
}

function toPipelines(objects: ObjectDef[]): TemplatePipeline[] {
  return objects.flatMap((object) =>
    activeFields(object)
      .filter((f) => f.type === 'STAGE')
      .flatMap((field) => {
        const pipelines = field.options.pipelines ?? [];
        // The standard deal pipeline gone here: the export replaces it where it is installed.
        const replaces =
          object.key === 'deal' && field.key === 'stage' && !pipelines.some((p) => p.key === 'sales');
        return pipelines.map((p, i) => ({
          object: object.key,
          ...(field.key !== 'stage' ? { field: field.key } : {}),
          key: p.key,
          label: p.label,
          ...(replaces && i === 0 ? { replaces: ['sales'] } : {}),
          stages: p.stages.map((s) => ({
            key: s.key,
            label: s.label,
            color: s.color,
            probability: s.probability,
            kind: s.kind,
            ...(s.requiredFields.length ? { requiredFields: s.requiredFields } : {}),
            ...(s.requires.length
              ? {
                  requires: s.requires.map((c) => ({
                    label: c.label,
                    filter: c.filter,
                    ...(c.deadlineField ? { deadlineField: c.deadlineField } : {}),
                  })),
                }
              : {}),
            ...(s.wipLimit ? { wipLimit: s.wipLimit } : {}),
          })),
        }));
      }),
  );
}

async function toViews(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  objects: ObjectDef[],
): Promise<TemplateView[]> {
  const rows = await em.find(
    ViewRow,
    { workspace: metadata.workspaceId, shared: true, objectId: { $in: objects.map((o) => o.id) } },
    { orderBy: [{ position: 'asc' }, { createdAt: 'asc' }] },
  );
  const taken = new Set<string>();
  return rows.flatMap((row) => {
    const object = byId(metadata, row.objectId)!;
    const spec = specOf(row);
    if (viewProblems(metadata, object, spec).length) return [];
    const live = new Set(activeFields(object).map((f) => f.key));
    return [
      {
        key: keyFromName(spec.name, taken, 'view'),
        object: object.key,
        name: spec.name,
        type: spec.type,
        ...(spec.filter ? { filter: spec.filter as Record<string, unknown> } : {}),
        ...(spec.sort ? { sort: spec.sort } : {}),
        fields: spec.fields
          .filter((c) => live.has(c.key))
          .map((c) => (c.width ? { key: c.key, width: c.width } : c.key)),
        ...(spec.groupByField ? { groupByField: spec.groupByField } : {}),
        ...(spec.calendarField ? { calendarField: spec.calendarField } : {}),
        pageSize: spec.pageSize,
      },
    ];
  });
}

function jsonValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

async function toSampleData(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  objects: ObjectDef[],
  options: ExportOptions,
): Promise<Record<string, SampleRecord[]>> {
  const context = { em, metadata, actorId: options.actorId };
  const rows = new Map<ObjectDef, Record<string, unknown>[]>();
  const refs = new Map<string, string>();
  for (const object of objects) {
    const page = await options.records.list(context, object, {
      first: maxSampleRecords,
      sort: [{ field: 'createdAt', direction: 'ASC' }],
    });
    rows.set(object, page.nodes);
    page.nodes.forEach((row, i) => refs.set(row.id, `${object.key}${i + 1}`));
  }
  const data: Record<string, SampleRecord[]> = {};
  for (const [object, list] of rows) {
    const fields = activeFields(object).filter(
      (f) =>
        !f.system &&
        f.type !== 'USER' &&
        // A file's bytes do not travel in the text (a template ships its own under `file:`).
        f.type !== 'FILE' &&
        f.type !== 'IMAGE' &&
        !(
          f.type === 'RELATION' &&
          (f.options.relationKind === 'ONE_TO_MANY' || f.options.junctionSide === 'b')
        ),
    );
    if (!list.length) continue;
    data[object.key] = list.map((row) => {
      const values: Record<string, unknown> = {};
      for (const field of fields) {
        let value = jsonValue(row[field.key]);
        if (field.type === 'RELATION')
          value = Array.isArray(value)
            ? value.map((id) => refs.get(id as string)).filter(Boolean)
            : refs.get(value as string);
        if (value === null || value === undefined || (Array.isArray(value) && !value.length)) continue;
        values[field.key] = value;
      }
      return { ref: refs.get(row.id as string), values };
    });
  }
  return data;
}

/** Each date field's reminders whose fields are all still active, as the template format writes them. */
async function toReminders(em: EntityManager, metadata: WorkspaceMetadata): Promise<TemplateReminder[]> {
  const active = (objectKey: string, key: string | null) =>
    key === null ||
    metadata.objects.find((o) => o.key === objectKey)?.fields.some((f) => f.key === key && !f.archivedAt);
  return (await fieldReminders(em, metadata))
    .filter((r) => active(r.object, r.field))
    .map(({ object, field, rules }) => ({
      object,
      field,
      rules: rules
        .filter((rule) => active(object, rule.doneField) && rule.recipients.every((k) => active(object, k)))
        .map(({ minutesBefore, timeOfDay, recipients, doneField, doneValues }) => ({
          ...(minutesBefore ? { minutesBefore } : {}),
          ...(timeOfDay ? { timeOfDay } : {}),
          recipients,
          ...(doneField ? { doneField, doneValues } : {}),
        })),
    }))
    .filter((r) => r.rules.length);
}

/** Drops relation values that close a cycle between sample records, so they can be created in order. */
function breakCycles(template: Template): void {
  for (let guard = 0; guard < 10_000; guard++) {
    const { cycle } = sampleOrder(template, knownFields(template));
    if (!cycle) return;
    const record = template.sampleData![cycle.object]![cycle.index]!;
    const known = knownFields(template).get(cycle.object);
    const relation = Object.keys(record.values).find((k) => known?.get(k)?.type === 'RELATION');
    if (!relation) return;
    delete record.values[relation];
  }
}

/** The workspace's metadata (and optionally its records) as the YAML text of a template. */
export async function exportWorkspace(
  em: EntityManager,
  workspaceId: string,
  options: ExportOptions,
): Promise<string> {
  const metadata = await loadMetadata(em, workspaceId);
  const workspace = await em.findOneOrFail(Workspace, { id: workspaceId });
  const active = metadata.objects.filter((o) => !o.archivedAt);
  const template: Template = {
    key: options.key ?? 'workspace-export',
    name: options.name ?? workspace.name,
    version: 1,
    description: `Exported from “${workspace.name}” on ${new Date().toISOString().slice(0, 10)}.`,
    objects: active.map((o) => toTemplateObject(metadata, o)).filter((o): o is TemplateObject => Boolean(o)),
    pipelines: toPipelines(active),
    views: await toViews(em, metadata, active),
    reminders: await toReminders(em, metadata),
    ratingModels: await toRatingModels(em, metadata),
    matching: await storedDefinitions(em, workspaceId),
  };
  const { forms, formKeys } = await toForms(em, metadata);
  template.forms = forms;
  const { automations, leftOut } = await toAutomations(em, metadata, template, formKeys);
  template.automations = automations;
  if (options.withData) {
    const exported = active.filter((o) => !o.standard || standardObjectKeys.has(o.key));
    template.sampleData = await toSampleData(em, metadata, exported, options);
    breakCycles(template);
  }
  const notes = leftOut.map((note) => `# Automation left out: ${note}\n`).join('');
  const text = `# CRM template exported from the workspace “${workspace.name}”.\n${notes}${stringify(template, { lineWidth: 0 })}`;
  parseTemplate(text, `${template.key}/template.yaml`);
  return text;
}
