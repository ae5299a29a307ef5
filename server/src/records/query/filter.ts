import {
  type FieldDef,
  type ObjectDef,
  type Path,
  qualified,
  quote,
  type WorkspaceMetadata,
} from '../../metadata/index.js';
import { BadInput } from '../../platform/index.js';
import type { Reader } from '@crm/contracts';
import type { RecordFilter } from '../api.js';
import {
  fieldForQuery,
  inverseForeignKey,
  isManyToMany,
  isManyToOne,
  isOneToMany,
  junctionSides,
  targetObject,
} from './fields.js';
import { checkFilterLimits, defaultFilterLimits, type FilterLimits } from './filter-limits.js';
import { compileOperator } from './operators.js';
import { andSql, orSql, sql, type Sql } from './sql.js';

/**
 * The filter language: `{price: {gte: 100}, or: [...], not: {...}}` on fields,
 * system fields included, with relation filters one level deep
 * (`seller: {is: {...}}`, `tags: {some: {...}}`, `tags: {none: {...}}`).
 */

export interface FilterScope {
  metadata: WorkspaceMetadata;
  object: ObjectDef;
  /** The SQL alias of `object`'s table in the query. */
  alias: string;
  /** True inside a relation filter, where another one is refused. */
  nested?: boolean;
  /** Hands out aliases for subqueries, unique within one statement. */
  nextAlias?: (prefix: string) => string;
  /** Bounds on the filter's depth and size; the defaults when not given. */
  limits?: FilterLimits;
  /** Who reads, where and when: what `isMe` and `within` mean. Without it they are refused. */
  reader?: Reader;
  /**
   * The reader's record scope per object (their permission profile): a relation filter
   * matches only related records they may read, so it cannot probe the others.
   */
  rowScope?: ((object: ObjectDef, alias: string) => Sql | null) | undefined;
}

type Scope = FilterScope & { nextAlias: (prefix: string) => string };

function aliasCounter(): (prefix: string) => string {
  let n = 0;
  return (prefix) => `${prefix}${++n}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * A predicate for `filter` on `scope.alias`, or null when the filter says nothing.
 * The filter's depth and size are checked first, so the recursion below is bounded.
 */
export function compileFilter(
  scope: FilterScope,
  filter: RecordFilter | null | undefined,
  path: Path = ['filter'],
): Sql | null {
  checkFilterLimits(filter, path, scope.limits ?? defaultFilterLimits);
  return compileLevel({ ...scope, nextAlias: scope.nextAlias ?? aliasCounter() }, filter, path);
}

function compileLevel(scope: Scope, filter: RecordFilter | null | undefined, path: Path): Sql | null {
  if (filter === null || filter === undefined) return null;
  if (!isPlainObject(filter)) throw new BadInput(path, `${path.at(-1)}: must be a filter object.`);
  const parts: Sql[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === null) continue;
    const at = [...path, key];
    if (key === 'and' || key === 'or') {
      const list = groupOf(scope, value, at);
      if (list.length) parts.push(key === 'and' ? andSql(list) : orSql(list));
    } else if (key === 'not') {
      const inner = compileLevel(scope, value as RecordFilter, at);
      // NULL is "not matching": `not {price: {gt: 5}}` keeps records without a price.
      if (inner) parts.push(sql(`not coalesce((${inner.sql}), false)`, ...inner.params));
    } else {
      parts.push(...compileField(scope, fieldForQuery(scope.object, key, at), value, at));
    }
  }
  return parts.length ? andSql(parts) : null;
}

/** `and`/`or` lists; an empty list (or one of empty filters) adds no condition. */
function groupOf(scope: Scope, value: unknown, path: Path): Sql[] {
  if (!Array.isArray(value)) throw new BadInput(path, `${path.at(-1)}: must be a list of filters.`);
  return value.flatMap((item, i) => compileLevel(scope, item as RecordFilter, [...path, String(i)]) ?? []);
}

function compileField(scope: Scope, field: FieldDef, value: unknown, path: Path): Sql[] {
  if (!field.filterable) throw new BadInput(path, `“${field.key}” cannot be filtered.`);
  if (!isPlainObject(value))
    throw new BadInput(path, `${field.key}: must be a filter object such as {eq: …}.`);
  const parts: Sql[] = [];
  for (const [op, operand] of Object.entries(value)) {
    if (operand === undefined) continue;
    const at = [...path, op];
    if (op === 'is' || op === 'some' || op === 'none') {
      if (operand !== null) parts.push(relationFilter(scope, field, op, operand, at));
    } else if (field.type === 'RELATION' && !isManyToOne(field)) {
      parts.push(toManyOperator(scope, field, op, operand, at));
    } else {
      parts.push(compileOperator(field, scope.alias, op, operand, at, scope.reader));
    }
  }
  return parts;
}

interface Related {
  /** `from … where …` of a subquery joining the related table (as `alias`) to the outer row. */
  from: string;
  link: string;
  alias: string;
  target: ObjectDef;
}

function related(scope: Scope, field: FieldDef, path: Path): Related {
  const { metadata } = scope;
  const target = targetObject(metadata, field, path);
  const alias = scope.nextAlias('r');
  const table = `${qualified(metadata.schema, target.table)} ${alias}`;
  const live = `${alias}.deleted_at is null`;
  if (isManyToOne(field)) {
    return {
      from: table,
      link: `${alias}.id = ${scope.alias}.${quote(field.column!)} and ${live}`,
      alias,
      target,
    };
  }
  if (isOneToMany(field)) {
    const fk = inverseForeignKey(target, field, path);
    return {
      from: table,
      link: `${alias}.${quote(fk.column!)} = ${scope.alias}.id and ${live}`,
      alias,
      target,
    };
  }
  if (!isManyToMany(field)) throw new BadInput(path, `“${field.key}” is not a relation.`);
  const { table: junction, own, other } = junctionSides(field);
  const j = scope.nextAlias('j');
  return {
    from: `${qualified(metadata.schema, junction)} ${j} join ${table} on ${alias}.id = ${j}.${other}`,
    link: `${j}.${own} = ${scope.alias}.id and ${live}`,
    alias,
    target,
  };
}

function relationFilter(
  scope: Scope,
  field: FieldDef,
  op: 'is' | 'some' | 'none',
  operand: unknown,
  path: Path,
): Sql {
  if (field.type !== 'RELATION')
    throw new BadInput(path, `“${field.key}” is not a relation; “${op}” applies to relations.`);
  if (scope.nested)
    throw new BadInput(path, 'Relation filters go one level deep: no relation filter inside another.');
  if (op === 'is' && !isManyToOne(field))
    throw new BadInput(path, `“${field.key}” relates to many records: use some or none.`);
  if (op !== 'is' && isManyToOne(field))
    throw new BadInput(path, `“${field.key}” relates to one record: use is.`);
  const rel = related(scope, field, path);
  const inner = compileLevel(
    { ...scope, object: rel.target, alias: rel.alias, nested: true },
    operand as RecordFilter,
    path,
  );
  const readable = scope.rowScope?.(rel.target, rel.alias) ?? null;
  const where = [rel.link, inner && `(${inner.sql})`, readable && `(${readable.sql})`]
    .filter(Boolean)
    .join(' and ');
  return sql(
    `${op === 'none' ? 'not ' : ''}exists (select 1 from ${rel.from} where ${where})`,
    ...(inner?.params ?? []),
    ...(readable?.params ?? []),
  );
}

/** eq/neq/in/notIn/isEmpty on a to-many relation: whether some related record is (one of) the ids. */
function toManyOperator(scope: Scope, field: FieldDef, op: string, operand: unknown, path: Path): Sql {
  const rel = related(scope, field, path);
  const asIdField: FieldDef = {
    ...field,
    options: { ...field.options, relationKind: 'MANY_TO_ONE' },
    column: 'id',
  };
  const exists = (condition: Sql | null, negate: boolean): Sql => {
    const where = condition ? `${rel.link} and ${condition.sql}` : rel.link;
    return sql(
      `${negate ? 'not ' : ''}exists (select 1 from ${rel.from} where ${where})`,
      ...(condition?.params ?? []),
    );
  };
  if (op === 'isEmpty') {
    if (typeof operand !== 'boolean') throw new BadInput(path, 'isEmpty: must be true or false.');
    return exists(null, operand);
  }
  if (operand === null && (op === 'eq' || op === 'neq')) return exists(null, op === 'eq');
  const positive = op === 'neq' ? 'eq' : op === 'notIn' ? 'in' : op;
  const condition = compileOperator(asIdField, rel.alias, positive, operand, path);
  return exists(condition, op === 'neq' || op === 'notIn');
}
