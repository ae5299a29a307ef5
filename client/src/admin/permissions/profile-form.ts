import { ApolloError } from '@apollo/client/core';
import type { GraphQLFormattedError } from 'graphql';
import { describeError } from '../../forms';
import type { FieldAccessLevel, ObjectRule, PermissionProfile, PermissionProfileInput } from './operations';

/** The profile editor's state: every object's rule and every field's access, named by key. */
export interface ProfileDraft {
  name: string;
  defaultObject: ObjectRule;
  /** Object key → its rule; an object equal to the default is saved as following it. */
  objects: Record<string, ObjectRule>;
  /** `objectKey.fieldKey` → access; absent: editable. */
  fields: Record<string, FieldAccessLevel>;
}

/** What a new profile starts as: the server's default (read all, nothing else). */
export const readAllRule: ObjectRule = { read: 'ALL', create: false, update: 'NONE', delete: 'NONE' };

export function draftOf(profile: PermissionProfile | null, objectKeys: readonly string[]): ProfileDraft {
  const defaultObject = { ...(profile ? ruleOf(profile.defaultObject) : readAllRule) };
  const objects = Object.fromEntries(
    objectKeys.map((key) => {
      const own = profile?.objects.find((o) => o.objectKey === key);
      return [key, own ? ruleOf(own) : { ...defaultObject }];
    }),
  );
  const fields = Object.fromEntries(
    (profile?.fields ?? []).map((f) => [`${f.objectKey}.${f.fieldKey}`, f.access] as const),
  );
  return { name: profile?.name ?? '', defaultObject, objects, fields };
}

/** The input savePermissionProfile takes, and the control each listed entry came from. */
export function inputOf(draft: ProfileDraft): { input: PermissionProfileInput; places: Places } {
  const objects = Object.entries(draft.objects)
    .filter(([, rule]) => !sameRule(rule, draft.defaultObject))
    .map(([objectKey, rule]) => ({ objectKey, ...ruleOf(rule) }));
  const fields = Object.entries(draft.fields)
    .filter(([, access]) => access !== 'EDITABLE')
    .map(([key, access]) => {
      const [objectKey, fieldKey] = key.split('.') as [string, string];
      return { objectKey, fieldKey, access };
    });
  return {
    input: { name: draft.name, defaultObject: ruleOf(draft.defaultObject), objects, fields },
    places: {
      objects: objects.map((o) => `object:${o.objectKey}`),
      fields: fields.map((f) => `field:${f.objectKey}.${f.fieldKey}`),
    },
  };
}

/** Per entry of the input's lists, the editor control it came from. */
export interface Places {
  objects: string[];
  fields: string[];
}

/**
 * Where each of the server's reasons belongs: `name`, `defaultObject`, `object:<key>` or
 * `field:<object>.<field>` (by the reason's path into the input); '' is the form's own.
 */
export function placeErrors(error: unknown, places: Places): Record<string, string> {
  const reasons = reasonsOf(error);
  const placed: Record<string, string> = {};
  for (const { path, message } of reasons) {
    const place = placeOf(path, places);
    placed[place] = placed[place] ? `${placed[place]} ${message}` : message;
  }
  return placed;
}

function placeOf(path: readonly string[], places: Places): string {
  const [root, index] = path[0] === 'input' ? path.slice(1) : path;
  if (root === 'name' || root === 'defaultObject') return root;
  if (root === 'objects' || root === 'fields') return places[root][Number(index)] ?? '';
  return '';
}

function reasonsOf(error: unknown): { path: string[]; message: string }[] {
  const described = describeError(error);
  const first: GraphQLFormattedError | undefined =
    error instanceof ApolloError ? error.graphQLErrors[0] : undefined;
  const reasons = first?.extensions?.reasons;
  if (Array.isArray(reasons)) {
    return reasons.map((r: { path?: unknown; message?: unknown }) => ({
      path: Array.isArray(r.path) ? r.path.map(String) : [],
      message: String(r.message ?? described.message),
    }));
  }
  return [{ path: described.argumentPath ?? [], message: described.message }];
}

function ruleOf(rule: ObjectRule): ObjectRule {
  return { read: rule.read, create: rule.create, update: rule.update, delete: rule.delete };
}

function sameRule(a: ObjectRule, b: ObjectRule): boolean {
  return a.read === b.read && a.create === b.create && a.update === b.update && a.delete === b.delete;
}
