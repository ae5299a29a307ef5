import {
  Kind,
  type FieldNode,
  type SelectionSetNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLResolveInfo,
  type OperationDefinitionNode,
} from 'graphql';
import { activeFields, type ObjectDef } from '../../metadata/index.js';
import { idAliasOf } from './names.js';

/**
 * The field keys an operation reads of `object`'s records anywhere in it (this list, nested
 * relations back to the same object, other root fields), so the store selects and decodes only
 * those columns and the rows it remembers for the request still answer every later load of
 * that object; null when a name is not a plain record field (the whole row is read then).
 * Worked out once per operation: Apollo keeps parsed documents in its document cache.
 */
export function selectedFields(
  info: GraphQLResolveInfo,
  object: ObjectDef,
  typeName: string,
): ReadonlySet<string> | null {
  const byType = operationFields(info);
  const cached = byType.fields.get(typeName);
  if (cached && cached.object === object) return cached.fields;
  const fields = keysFor(object, byType.names.get(typeName));
  byType.fields.set(typeName, { object, fields });
  return fields;
}

/** The names of the fields the operation selects on `typeName` anywhere in it. */
export function selectedNames(info: GraphQLResolveInfo, typeName: string): ReadonlySet<string> {
  return operationFields(info).names.get(typeName) ?? none;
}

const none: ReadonlySet<string> = new Set();

function operationFields(info: GraphQLResolveInfo): OperationFields {
  let byType = byOperation.get(info.operation);
  if (!byType || byType.schema !== info.schema) {
    byType = { schema: info.schema, names: namesByType(info), fields: new Map() };
    byOperation.set(info.operation, byType);
  }
  return byType;
}

interface OperationFields {
  schema: GraphQLResolveInfo['schema'];
  /** Type name → the names of the fields selected on it. */
  names: Map<string, Set<string>>;
  fields: Map<string, { object: ObjectDef; fields: ReadonlySet<string> | null }>;
}

const byOperation = new WeakMap<OperationDefinitionNode, OperationFields>();

/** Every field selected in the operation and its fragments, by the type it is selected on. */
function namesByType(info: GraphQLResolveInfo): Map<string, Set<string>> {
  const names = new Map<string, Set<string>>();
  const typeInfo = new TypeInfo(info.schema);
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [info.operation, ...Object.values(info.fragments)],
  };
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (!parent) return;
        let set = names.get(parent.name);
        if (!set) names.set(parent.name, (set = new Set()));
        set.add(node.name.value);
      },
    }),
  );
  return names;
}

function keysFor(object: ObjectDef, names: ReadonlySet<string> | undefined): ReadonlySet<string> | null {
  const keys = keysOf(object);
  const fields = new Set<string>(['id']);
  for (const name of names ?? []) {
    if (name === '__typename') continue;
    const key = keys.get(name);
    if (key === undefined) return null;
    fields.add(key);
  }
  return fields;
}

/** GraphQL field name → the field key its resolver reads (`sellerId` reads `seller`). */
function keysOf(object: ObjectDef): Map<string, string> {
  const keys = new Map([
    ['id', 'id'],
    ['version', 'version'],
    ['deletedAt', 'deletedAt'],
  ]);
  for (const field of activeFields(object)) {
    keys.set(field.key, field.key);
    const alias = idAliasOf(field);
    if (alias) keys.set(alias, field.key);
  }
  return keys;
}

/**
 * Whether a list query reads its page (nodes, edges or pageInfo), or only its totalCount: then
 * the page's statement is not sent. Kept per field node, like the fields.
 */
export function readsPage(info: GraphQLResolveInfo): boolean {
  const [node, ...others] = info.fieldNodes;
  if (!node || others.length) return pageAsked(info);
  let asked = pageByNode.get(node);
  if (asked === undefined) {
    asked = pageAsked(info);
    pageByNode.set(node, asked);
  }
  return asked;
}

const pageByNode = new WeakMap<FieldNode, boolean>();

function pageAsked(info: GraphQLResolveInfo): boolean {
  let asked = false;
  for (const node of info.fieldNodes)
    eachField(info, node.selectionSet, (field) => {
      const name = field.name.value;
      if (name !== 'totalCount' && name !== '__typename') asked = true;
    });
  return asked;
}

/** Every field of a selection set, through inline fragments and fragment spreads. */
function eachField(
  info: GraphQLResolveInfo,
  set: SelectionSetNode | undefined,
  visit: (field: FieldNode) => void,
): void {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === Kind.FIELD) visit(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) eachField(info, selection.selectionSet, visit);
    else eachField(info, info.fragments[selection.name.value]?.selectionSet, visit);
  }
}
