import type { ObjectDef, WorkspaceMetadata } from '../metadata/index.js';
import { BadInput } from '../platform/index.js';
import { scopes, type FieldAccess, type ObjectRule, type Profile } from './model.js';

export interface ObjectRuleInput extends ObjectRule {
  objectKey: string;
}

export interface FieldAccessInput {
  objectKey: string;
  fieldKey: string;
  access: FieldAccess;
}

export interface ProfileInput {
  name: string;
  objects: ObjectRuleInput[];
  defaultObject?: ObjectRule | null;
  fields: FieldAccessInput[];
}

export interface Reason {
  path: string[];
  message: string;
}

/** Every reason at once: an admin fixes a profile in one go. */
export function refuse(reasons: Reason[]): void {
  if (!reasons.length) return;
  throw new BadInput(reasons[0]!.path, reasons.map((r) => r.message).join(' '), { reasons });
}

const viewerRule: ObjectRule = { read: 'ALL', create: false, update: 'NONE', delete: 'NONE' };

function objectByKey(metadata: WorkspaceMetadata, key: string): ObjectDef | undefined {
  return metadata.objects.find((o) => o.key === key && !o.archivedAt);
}

function checkRule(rule: ObjectRule, path: string[], reasons: Reason[]): void {
  for (const action of ['read', 'update', 'delete'] as const)
    if (!scopes.includes(rule[action]))
      reasons.push({ path: [...path, action], message: `${action}: one of ${scopes.join(', ')}.` });
}

/**
 * The profile the input describes, or BAD_USER_INPUT with every reason: unknown or archived
 * objects and fields, and a required field hidden from (or read-only for) a profile that may
 * create those records, whose members could then never create one.
 */
export function profileFromInput(
  metadata: WorkspaceMetadata,
  input: ProfileInput,
  base: Pick<Profile, 'id' | 'builtin'>,
): Profile {
  const reasons: Reason[] = [];
  const name = input.name.trim();
  if (!name || name.length > 80)
    reasons.push({ path: ['input', 'name'], message: 'name: 1 to 80 characters.' });
  const defaultObject = input.defaultObject ?? viewerRule;
  checkRule(defaultObject, ['input', 'defaultObject'], reasons);
  const objects: Profile['objects'] = {};
  input.objects.forEach((rule, i) => {
    const path = ['input', 'objects', String(i)];
    const object = objectByKey(metadata, rule.objectKey);
    if (!object) {
      reasons.push({
        path: [...path, 'objectKey'],
        message: `There is no active object “${rule.objectKey}”.`,
      });
      return;
    }
    checkRule(rule, path, reasons);
    objects[object.id] = { read: rule.read, create: rule.create, update: rule.update, delete: rule.delete };
  });
  const fields: Profile['fields'] = {};
  input.fields.forEach((entry, i) => {
    const path = ['input', 'fields', String(i)];
    const object = objectByKey(metadata, entry.objectKey);
    if (!object) {
      reasons.push({
        path: [...path, 'objectKey'],
        message: `There is no active object “${entry.objectKey}”.`,
      });
      return;
    }
    const field = object.fields.find((f) => f.key === entry.fieldKey);
    if (!field || field.system) {
      reasons.push({
        path: [...path, 'fieldKey'],
        message: `${object.labelSingular} has no field “${entry.fieldKey}” a profile can restrict.`,
      });
      return;
    }
    if (field.archivedAt) {
      reasons.push({
        path: [...path, 'fieldKey'],
        message: `“${field.label}” is archived; restore it first.`,
      });
      return;
    }
    if (entry.access !== 'EDITABLE') fields[field.id] = entry.access;
  });
  const profile: Profile = { ...base, name, objects, defaultObject, fields };
  for (const object of metadata.objects.filter((o) => !o.archivedAt)) {
    const rule = objects[object.id] ?? defaultObject;
    if (!rule.create || rule.read === 'NONE') continue;
    for (const field of object.fields) {
      const access = fields[field.id];
      if (!access || !field.required || field.archivedAt || field.defaultValue != null) continue;
      const i = input.fields.findIndex((f) => f.objectKey === object.key && f.fieldKey === field.key);
      reasons.push({
        path: ['input', 'fields', String(i), 'access'],
        message: `“${field.label}” is required to create a ${object.labelSingular}, which this profile may do: it cannot be ${access === 'HIDDEN' ? 'hidden' : 'read-only'} (or take away creating).`,
      });
    }
  }
  refuse(reasons);
  return profile;
}
