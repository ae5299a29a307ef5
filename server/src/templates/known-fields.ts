import { type FieldType, type RelationKind, standardObjects } from '../metadata/index.js';
import type { Template } from './format.js';

/** What a template can rely on about a field: its own definitions and the standard objects'. */
export interface KnownField {
  type: FieldType;
  /** RELATION: the related object's key and this side's kind. */
  target?: string;
  kind?: RelationKind;
  choices?: string[];
}

export type KnownFields = Map<string, Map<string, KnownField>>;

export const standardObjectKeys = new Set(standardObjects.map((o) => o.key));

const inverseKind: Record<RelationKind, RelationKind> = {
  MANY_TO_ONE: 'ONE_TO_MANY',
  ONE_TO_MANY: 'MANY_TO_ONE',
  MANY_TO_MANY: 'MANY_TO_MANY',
};

interface FieldLike {
  key: string;
  type: FieldType;
  options?: { choices?: { key: string }[] | null } | null;
  relation?: { target: string; kind: RelationKind; inverseKey?: string | null } | null;
}

function addFields(known: KnownFields, objectKey: string, fields: readonly FieldLike[]): void {
  const own = known.get(objectKey) ?? new Map<string, KnownField>();
  known.set(objectKey, own);
  for (const field of fields) {
    own.set(field.key, {
      type: field.type,
      target: field.relation?.target,
      kind: field.relation?.kind,
      choices: field.options?.choices?.map((c) => c.key),
    });
    const relation = field.relation;
    // Only objects that exist get inverse fields: an unknown target stays unknown.
    const there = relation?.inverseKey ? known.get(relation.target) : undefined;
    if (field.type === 'RELATION' && relation?.inverseKey && there) {
      there.set(relation.inverseKey, {
        type: 'RELATION',
        target: objectKey,
        kind: inverseKind[relation.kind],
      });
    }
  }
}

/** Fields by object key: the standard objects' (for extended ones) and the template's. */
export function knownFields(template: Template): KnownFields {
  const known: KnownFields = new Map();
  for (const object of [...standardObjects, ...template.objects]) known.set(object.key, new Map());
  for (const object of standardObjects) addFields(known, object.key, object.fields ?? []);
  for (const object of template.objects) addFields(known, object.key, object.fields ?? []);
  return known;
}
