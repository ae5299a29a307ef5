import { gql, type DocumentNode } from '@apollo/client/core';
import type { FieldDef, ObjectDef } from '../metadata';
import { fileRefSelection } from '../files';

/**
 * The records API is generated per workspace from metadata (docs/api.md "Records API"), so
 * its operations are written here from the same metadata: one source, no per-object code.
 * Names follow the server's `objectNames`: `Company`, `companies`, `createCompany`, …
 */
export interface RecordDocuments {
  list: DocumentNode;
  /** `list` with the `changeCursor` a live view subscribes from (useLiveChanges). */
  livePage: DocumentNode;
  one: DocumentNode;
  create: DocumentNode;
  update: DocumentNode;
  remove: DocumentNode;
  updateMany: DocumentNode;
  names: { many: string; one: string; create: string; update: string; remove: string; updateMany: string };
}

const labelTypes = new Set(['TEXT', 'EMAIL', 'PHONE', 'URL', 'NUMBER', 'DATE']);

export function pascalCase(key: string): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}

/** The field that names a record of `object`, when it can be shown as text. */
export function labelFieldOf(object: ObjectDef): FieldDef | null {
  const field = object.fields.find((f) => f.key === object.labelFieldKey);
  return field && labelTypes.has(field.type) ? field : null;
}

/** A relation whose target object is gone (archived) has no field in the API. */
export function targetOf(field: FieldDef, objects: readonly ObjectDef[]): ObjectDef | null {
  const key = field.settings.relation?.targetObjectKey;
  return objects.find((o) => o.key === key) ?? null;
}

/** Fields the API exposes for `object`, in the metadata's order. */
export function apiFields(object: ObjectDef, objects: readonly ObjectDef[]): FieldDef[] {
  return object.fields.filter((f) => f.type !== 'RELATION' || targetOf(f, objects) !== null);
}

/** System fields for machines, not people: a card's board position (`rank`) means nothing to read. */
const internalFields = new Set(['rank']);

/** The fields people see and pick (columns, the record page): the API's, less the internal ones. */
export function shownFields(object: ObjectDef, objects: readonly ObjectDef[]): FieldDef[] {
  return apiFields(object, objects).filter((f) => !(f.system && internalFields.has(f.key)));
}

function selectionOf(field: FieldDef, objects: readonly ObjectDef[]): string {
  switch (field.type) {
    case 'CURRENCY':
      return `${field.key} { amount currency }`;
    case 'USER':
      return `${field.key} { id name }`;
    case 'FILE':
    case 'IMAGE':
      return `${field.key} ${fileRefSelection}`;
    case 'RELATION': {
      const label = labelFieldOf(targetOf(field, objects)!)?.key;
      return `${field.key} { id${label ? ` ${label}` : ''} }`;
    }
    default:
      return field.key;
  }
}

/** `id version` and every field, related records by id and label. */
export function recordSelection(object: ObjectDef, objects: readonly ObjectDef[]): string {
  return ['id', 'version', ...apiFields(object, objects).map((f) => selectionOf(f, objects))].join(' ');
}

export function recordDocuments(object: ObjectDef, objects: readonly ObjectDef[]): RecordDocuments {
  const type = pascalCase(object.key);
  const plural = pascalCase(object.pluralKey);
  const names = {
    many: object.pluralKey,
    one: object.key,
    create: `create${type}`,
    update: `update${type}`,
    remove: `delete${type}`,
    updateMany: `update${plural}`,
  };
  const selection = recordSelection(object, objects);
  const listDocument = (name: string, extra: string) => gql`
    query ${name}($filter: ${type}Filter, $sort: [${type}Sort!], $first: Int, $after: String, $search: String) {
      ${extra}
      ${names.many}(filter: $filter, sort: $sort, first: $first, after: $after, search: $search) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { ${selection} }
      }
    }`;
  return {
    names,
    list: listDocument(`${type}List`, ''),
    // The first page of a live view, with where the change log stood before it was read.
    livePage: listDocument(`${type}LivePage`, 'changeCursor'),
    one: gql`query ${type}Record($id: ID!) { changeCursor ${names.one}(id: $id) { ${selection} } }`,
    create: gql`mutation Create${type}($input: ${type}CreateInput!) { ${names.create}(input: $input) { ${selection} } }`,
    update: gql`
      mutation Update${type}($id: ID!, $input: ${type}UpdateInput!) {
        ${names.update}(id: $id, input: $input) { ${selection} }
      }`,
    remove: gql`mutation Delete${type}($id: ID!) { ${names.remove}(id: $id) { id } }`,
    updateMany: gql`
      mutation Update${plural}($updates: [${type}BulkUpdate!]!) { ${names.updateMany}(updates: $updates) { id } }`,
  };
}

/** A page of records by id and name: what links and pickers show. */
function namesSelection(object: ObjectDef): string {
  const label = labelFieldOf(object)?.key;
  return `{ nodes { id${label ? ` ${label}` : ''} } }`;
}

/** A search query over many objects at once, each under an alias (`o0`, `o1`, …). */
export function searchDocument(objects: readonly ObjectDef[], first: number): DocumentNode {
  const parts = objects.map(
    (object, i) => `o${i}: ${object.pluralKey}(search: $search, first: ${first}) ${namesSelection(object)}`,
  );
  return gql`query GlobalSearch($search: String!) { ${parts.join('\n')} }`;
}

/** Counts of one object under several filters at once, each under an alias (`g0`, `g1`, …). */
export function countsDocument(object: ObjectDef, filters: number): DocumentNode {
  const type = pascalCase(object.key);
  const variables = Array.from({ length: filters }, (_, i) => `$f${i}: ${type}Filter`);
  const parts = Array.from(
    { length: filters },
    (_, i) => `g${i}: ${object.pluralKey}(filter: $f${i}, search: $search, first: 1) { totalCount }`,
  );
  return gql`query ${type}Counts(${[...variables, '$search: String'].join(', ')}) { ${parts.join('\n')} }`;
}

/** The names of given records of several objects at once (deleted ones too), aliased `o0`, `o1`, … */
export function labelsDocument(objects: readonly ObjectDef[]): DocumentNode {
  const variables = objects.map((_, i) => `$ids${i}: [ID!]!`);
  const parts = objects.map(
    (object, i) =>
      `o${i}: ${object.pluralKey}(filter: { id: { in: $ids${i} } }, first: 500, includeDeleted: true) ${namesSelection(object)}`,
  );
  return gql`query RecordLabels(${variables.join(', ')}) { ${parts.join('\n')} }`;
}
