import { reservedKeyReason, systemFields } from '../metadata/index.js';
import { checkAutomations } from './check-automations.js';
import { checkDocuments } from './check-documents.js';
import { checkForms } from './check-forms.js';
import { checkMigrations, checkSampleFiles } from './check-photos.js';
import { checkCreateRelated } from './check-related.js';
import type { Template } from './format.js';
import { knownFields, standardObjectKeys, type KnownFields } from './known-fields.js';
import { sampleOrder } from './sample-order.js';

/** A problem at a path inside the template document. */
export interface TemplateIssue {
  path: (string | number)[];
  message: string;
}

/**
 * The rules the JSON Schema cannot say: every reference (relation targets, stage
 * fields, required fields, view fields, sample refs, what automations and documents name) names
 * something that exists.
 */
export function checkTemplate(template: Template, folder?: string): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const known = knownFields(template);
  checkObjects(template, known, issues);
  checkVinFills(template, known, issues);
  checkPipelines(template, known, issues);
  checkViews(template, known, issues);
  checkReminders(template, known, issues);
  checkSampleData(template, known, issues);
  checkAutomations(template, known, issues);
  checkForms(template, known, issues);
  checkDocuments(template, known, issues);
  checkMigrations(template, known, issues);
  checkCreateRelated(template, known, issues);
  checkSampleFiles(template, known, issues, folder);
  return issues;
}

function checkObjects(template: Template, known: KnownFields, issues: TemplateIssue[]): void {
  const seen = new Set<string>();
  const objectKeys = new Set([...standardObjectKeys, ...template.objects.map((o) => o.key)]);
  template.objects.forEach((object, o) => {
    const at = ['objects', o];
    if (seen.has(object.key))
      issues.push({ path: [...at, 'key'], message: `object “${object.key}” appears twice` });
    const objectKeyReserved = reservedKeyReason(object.key);
    if (objectKeyReserved) issues.push({ path: [...at, 'key'], message: objectKeyReserved });
    seen.add(object.key);
    if (!object.extends) {
      if (standardObjectKeys.has(object.key))
        issues.push({
          path: [...at, 'key'],
          message: `“${object.key}” is a standard object: add \`extends: true\``,
        });
      if (!object.labelSingular) issues.push({ path: at, message: 'a new object needs labelSingular' });
      if (!object.fields?.some((f) => f.type === 'TEXT'))
        issues.push({
          path: [...at, 'fields'],
          message: 'a new object needs a TEXT field to name its records',
        });
    }
    if (object.labelField && object.fields?.find((f) => f.key === object.labelField)?.type !== 'TEXT')
      issues.push({
        path: [...at, 'labelField'],
        message: `“${object.labelField}” is not a TEXT field of this object`,
      });
    const keys = new Set<string>();
    object.fields?.forEach((field, f) => {
      const fat = [...at, 'fields', f];
      const reserved = reservedKeyReason(field.key);
      if (reserved) issues.push({ path: [...fat, 'key'], message: reserved });
      else if (keys.has(field.key))
        issues.push({ path: [...fat, 'key'], message: `field key “${field.key}” is taken` });
      const inverseReserved = field.relation && reservedKeyReason(field.relation.inverseKey);
      if (inverseReserved)
        issues.push({ path: [...fat, 'relation', 'inverseKey'], message: inverseReserved });
      keys.add(field.key);
      const choices = field.options?.choices;
      if ((field.type === 'SELECT' || field.type === 'MULTI_SELECT') && !choices)
        issues.push({ path: fat, message: `a ${field.type} field needs options.choices` });
      if (choices && new Set(choices.map((c) => c.key)).size !== choices.length)
        issues.push({ path: [...fat, 'options', 'choices'], message: 'option keys must be unique' });
      if (field.type === 'RELATION') {
        if (!field.relation) issues.push({ path: fat, message: 'a RELATION field needs relation' });
        else if (!objectKeys.has(field.relation.target))
          issues.push({
            path: [...fat, 'relation', 'target'],
            message: `no object “${field.relation.target}” in this template or the standard objects`,
          });
      } else if (field.relation) {
        issues.push({ path: [...fat, 'relation'], message: 'only RELATION fields have a relation' });
      }
      if (
        field.type === 'STAGE' &&
        !template.pipelines?.some((p) => p.object === object.key && (p.field ?? 'stage') === field.key)
      )
        issues.push({ path: fat, message: `stage field “${field.key}” needs a pipeline in \`pipelines\`` });
    });
  });
}

/** A VIN field fills fields of its own object: a make that is text, a year that is a number or text. */
function checkVinFills(template: Template, known: KnownFields, issues: TemplateIssue[]): void {
  const fit = { make: ['TEXT'], modelYear: ['NUMBER', 'TEXT'] } as const;
  template.objects.forEach((object, o) => {
    object.fields?.forEach((field, f) => {
      for (const [name, key] of Object.entries(field.options?.fills ?? {}) as [keyof typeof fit, string][]) {
        const target = known.get(object.key)?.get(key);
        const path = ['objects', o, 'fields', f, 'options', 'fills', name];
        if (!target) issues.push({ path, message: `${object.key} has no field “${key}”` });
        else if (!(fit[name] as readonly string[]).includes(target.type))
          issues.push({
            path,
            message: `“${key}” is ${target.type}; ${name} fills ${fit[name].join(' or ')}`,
          });
      }
    });
  });
}

function checkPipelines(template: Template, known: KnownFields, issues: TemplateIssue[]): void {
  const pipelineKeys = new Set<string>();
  const stageKeys = new Map<string, Set<string>>();
  template.pipelines?.forEach((pipeline, p) => {
    const at = ['pipelines', p];
    const fields = known.get(pipeline.object);
    if (!fields) {
      issues.push({ path: [...at, 'object'], message: `no object “${pipeline.object}”` });
      return;
    }
    const fieldKey = pipeline.field ?? 'stage';
    if (fields.get(fieldKey)?.type !== 'STAGE')
      issues.push({ path: at, message: `${pipeline.object} has no STAGE field “${fieldKey}”` });
    const id = `${pipeline.object}.${pipeline.key}`;
    if (pipelineKeys.has(id))
      issues.push({ path: [...at, 'key'], message: `pipeline “${pipeline.key}” appears twice` });
    pipelineKeys.add(id);
    const used = stageKeys.get(`${pipeline.object}.${fieldKey}`) ?? new Set<string>();
    stageKeys.set(`${pipeline.object}.${fieldKey}`, used);
    pipeline.stages.forEach((stage, s) => {
      if (used.has(stage.key))
        issues.push({
          path: [...at, 'stages', s, 'key'],
          message: `stage key “${stage.key}” is used twice on ${pipeline.object}.${fieldKey}`,
        });
      used.add(stage.key);
      stage.requiredFields?.forEach((key, i) => {
        if (!fields.has(key))
          issues.push({
            path: [...at, 'stages', s, 'requiredFields', i],
            message: `${pipeline.object} has no field “${key}”`,
          });
      });
      stage.requires?.forEach((condition, i) => {
        if (!condition.deadlineField) return;
        const deadline = fields.get(condition.deadlineField);
        if (deadline?.type !== 'DATE' && deadline?.type !== 'DATETIME')
          issues.push({
            path: [...at, 'stages', s, 'requires', i, 'deadlineField'],
            message: `${pipeline.object} has no date field “${condition.deadlineField}”`,
          });
      });
    });
  });
}

const systemViewKeys = new Set(['id', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy', 'owner', 'rank']);

function checkViews(template: Template, known: KnownFields, issues: TemplateIssue[]): void {
  const keys = new Set<string>();
  template.views?.forEach((view, v) => {
    const at = ['views', v];
    if (keys.has(view.key))
      issues.push({ path: [...at, 'key'], message: `view key “${view.key}” appears twice` });
    keys.add(view.key);
    const fields = known.get(view.object);
    if (!fields) {
      issues.push({ path: [...at, 'object'], message: `no object “${view.object}”` });
      return;
    }
    const has = (key: string) => fields.has(key) || systemViewKeys.has(key);
    view.fields?.forEach((column, i) => {
      const key = typeof column === 'string' ? column : column.key;
      if (!has(key))
        issues.push({ path: [...at, 'fields', i], message: `${view.object} has no field “${key}”` });
    });
    view.sort?.forEach((sort, i) => {
      if (!has(sort.field))
        issues.push({
          path: [...at, 'sort', i, 'field'],
          message: `${view.object} has no field “${sort.field}”`,
        });
    });
    const group = view.groupByField ? fields.get(view.groupByField)?.type : undefined;
    if (view.type === 'BOARD' && group !== 'SELECT' && group !== 'STAGE')
      issues.push({ path: at, message: 'a BOARD view needs groupByField naming a SELECT or STAGE field' });
    const calendar = view.calendarField ? fields.get(view.calendarField)?.type : undefined;
    if (view.type === 'CALENDAR' && calendar !== 'DATE' && calendar !== 'DATETIME')
      issues.push({
        path: at,
        message: 'a CALENDAR view needs calendarField naming a DATE or DATETIME field',
      });
  });
}

const systemUserFields = new Set(systemFields('').flatMap((f) => (f.type === 'USER' ? [f.key] : [])));

/** What setReminderRules would refuse, said before any change (the install checks again). */
function checkReminders(template: Template, known: KnownFields, issues: TemplateIssue[]): void {
  const seen = new Set<string>();
  template.reminders?.forEach((reminder, r) => {
    const at = ['reminders', r];
    const fields = known.get(reminder.object);
    if (!fields) {
      issues.push({ path: [...at, 'object'], message: `no object “${reminder.object}”` });
      return;
    }
    const id = `${reminder.object}.${reminder.field}`;
    if (seen.has(id)) issues.push({ path: [...at, 'field'], message: `${id} appears twice` });
    seen.add(id);
    const type = fields.get(reminder.field)?.type;
    if (type !== 'DATE' && type !== 'DATETIME') {
      issues.push({
        path: [...at, 'field'],
        message: `${reminder.object} has no DATE or DATETIME field “${reminder.field}”`,
      });
      return;
    }
    reminder.rules.forEach((rule, i) => {
      const rat = [...at, 'rules', i];
      if (type === 'DATE' && !rule.timeOfDay)
        issues.push({
          path: [...rat, 'timeOfDay'],
          message: 'a DATE field needs timeOfDay (HH:MM, in the recipient’s time zone)',
        });
      rule.recipients.forEach((key, j) => {
        if (fields.get(key)?.type !== 'USER' && !systemUserFields.has(key))
          issues.push({
            path: [...rat, 'recipients', j],
            message: `${reminder.object} has no USER field “${key}”`,
          });
      });
      const done = rule.doneField ? fields.get(rule.doneField) : undefined;
      if (rule.doneField && done?.type !== 'SELECT' && done?.type !== 'STAGE')
        issues.push({
          path: [...rat, 'doneField'],
          message: `${reminder.object} has no SELECT or STAGE field “${rule.doneField}”`,
        });
      if (!rule.doneField !== !rule.doneValues?.length)
        issues.push({ path: rat, message: 'doneField and doneValues go together' });
      rule.doneValues?.forEach((value, j) => {
        if (done?.type === 'SELECT' && !done.choices?.includes(value))
          issues.push({
            path: [...rat, 'doneValues', j],
            message: `“${value}” is no option of ${reminder.object}.${rule.doneField}`,
          });
      });
    });
  });
}

function checkSampleData(template: Template, known: KnownFields, issues: TemplateIssue[]): void {
  const refs = new Map<string, string>();
  for (const [objectKey, records] of Object.entries(template.sampleData ?? {})) {
    records.forEach((record, r) => {
      if (!record.ref) return;
      if (refs.has(record.ref))
        issues.push({
          path: ['sampleData', objectKey, r, 'ref'],
          message: `ref “${record.ref}” is used twice`,
        });
      refs.set(record.ref, objectKey);
    });
  }
  for (const [objectKey, records] of Object.entries(template.sampleData ?? {})) {
    const fields = known.get(objectKey);
    if (!fields) {
      issues.push({ path: ['sampleData', objectKey], message: `no object “${objectKey}”` });
      continue;
    }
    records.forEach((record, r) => {
      for (const [key, value] of Object.entries(record.values)) {
        const at = ['sampleData', objectKey, r, 'values', key];
        const field = fields.get(key);
        if (!field || field.kind === 'ONE_TO_MANY') {
          issues.push({ path: at, message: `${objectKey} has no writable field “${key}”` });
          continue;
        }
        if (field.type !== 'RELATION' || value === null) continue;
        const list = field.kind === 'MANY_TO_MANY' ? value : [value];
        if (!Array.isArray(list) || list.some((ref) => typeof ref !== 'string')) {
          issues.push({
            path: at,
            message: 'a relation holds the ref of a sample record (a list for many-to-many)',
          });
          continue;
        }
        for (const ref of list as string[]) {
          if (refs.get(ref) !== field.target)
            issues.push({ path: at, message: `no sample ${field.target} with ref “${ref}”` });
        }
      }
    });
  }
  if (!issues.length) {
    const cycle = sampleOrder(template, known).cycle;
    if (cycle)
      issues.push({
        path: ['sampleData', cycle.object, cycle.index],
        message: 'sample records refer to each other in a cycle',
      });
  }
}
