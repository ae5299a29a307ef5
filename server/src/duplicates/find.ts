import type { EntityManager } from '@mikro-orm/postgresql';
import {
  qualified,
  quote,
  type FieldDef,
  type ObjectDef,
  type WorkspaceMetadata,
} from '../metadata/index.js';
import { queryRows } from '../platform/index.js';
import type { Sql } from '../records/index.js';
import { normaliseEmail, normaliseEmailSql, normalisePhone, normalisePhoneSql } from './normalise.js';
import { defaultThreshold, type DuplicateRule } from './rules.js';

/** Finding likely duplicates in SQL: one condition per rule, over the object's live records. */

export interface RuleField {
  rule: DuplicateRule;
  field: FieldDef;
}

/** The caller's read scope as a predicate over a table alias (null: every record). */
export type ReadableRows = (alias: string) => Sql | null;

const everyRow: Sql = { sql: 'true', params: [] };

/** A candidate record and the fields whose rules matched it. */
export interface DuplicateMatch {
  recordId: string;
  fields: string[];
  /** Rules matched, plus the best name similarity: higher is likelier. */
  score: number;
}

export interface DuplicatePair {
  a: string;
  b: string;
  field: string;
}

let trigramsChecked: Promise<boolean> | undefined;

/** Whether pg_trgm is installed (the migration creates it when the server has it); asked once per process. */
export function hasTrigrams(em: EntityManager): Promise<boolean> {
  trigramsChecked ??= queryRows<{ ok: boolean }>(
    em,
    "select exists (select 1 from pg_extension where extname = 'pg_trgm') as ok",
  ).then(([row]) => Boolean(row?.ok));
  trigramsChecked.catch(() => (trigramsChecked = undefined));
  return trigramsChecked;
}

/** A field's value as the rule compares it, in JS (the input) and in SQL (the column). */
export function normalised(field: FieldDef, value: unknown): string | null {
  if (field.type === 'EMAIL') return normaliseEmail(value);
  if (field.type === 'PHONE') return normalisePhone(value);
  return typeof value === 'string' && value.trim() ? value.trim().toLowerCase() : null;
}

function normalisedSql(field: FieldDef, column: string): string {
  if (field.type === 'EMAIL') return normaliseEmailSql(column);
  if (field.type === 'PHONE') return normalisePhoneSql(column);
  return `nullif(lower(btrim(${column})), '')`;
}

/** The SQL similarity of two name expressions (0–1), or exact equality without pg_trgm. */
function similaritySql(trigrams: boolean, left: string, right: string): string {
  return trigrams
    ? `public.similarity(lower(${left}), lower(${right}))`
    : `(lower(btrim(${left})) = lower(btrim(${right})))::int`;
}

/** Live records of `object` that match `values` by any rule, best first (at most `limit`). */
export async function findLikelyDuplicates(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  rules: readonly RuleField[],
  values: Record<string, unknown>,
  options: { excludeIds?: readonly string[]; limit?: number; readable?: ReadableRows } = {},
): Promise<DuplicateMatch[]> {
  const trigrams = await hasTrigrams(em);
  const scores: string[] = [];
  const params: unknown[] = [];
  const used: string[] = [];
  for (const { rule, field } of rules) {
    const value = normalised(field, values[field.key]);
    if (!value) continue;
    const column = `t.${quote(field.column!)}`;
    if (rule.match === 'EXACT') {
      scores.push(`(${normalisedSql(field, column)} = ?)::int`);
      params.push(value);
    } else {
      const threshold = rule.threshold ?? defaultThreshold;
      const similarity = similaritySql(trigrams, column, '?');
      scores.push(`case when ${similarity} >= ${Number(threshold)} then 1 + ${similarity} else 0 end`);
      params.push(value, value);
    }
    used.push(field.key);
  }
  if (!scores.length) return [];
  // Only candidates the caller may read: the others are never counted nor returned.
  const readable = options.readable?.('t') ?? everyRow;
  const rows = await queryRows<Record<string, unknown> & { id: string }>(
    em,
    `select * from (select t.id, ${scores.map((s, i) => `coalesce(${s}, 0) as m${i}`).join(', ')}
       from ${qualified(metadata.schema, object.table)} t
       where t.deleted_at is null and not (t.id = any(?::uuid[])) and (${readable.sql})) s
     where ${scores.map((_, i) => `m${i} > 0`).join(' or ')}
     order by ${scores.map((_, i) => `m${i}`).join(' + ')} desc, id limit ?`,
    [...params, `{${(options.excludeIds ?? []).join(',')}}`, ...readable.params, options.limit ?? 10],
  );
  return rows.map((row) => {
    const marks = used.map((_, i) => Number(row[`m${i}`]));
    return {
      recordId: row.id,
      fields: used.filter((_, i) => marks[i]! > 0),
      score: marks.reduce((a, b) => a + b, 0),
    };
  });
}

/**
 * Pairs of live records matching by each rule (a self-join per rule, at most `limit`
 * pairs in all). Fuzzy pairs compare every name with every other: fine for the tens of
 * thousands of contacts a team has; past that, a trigram index on the column would help.
 */
export async function findDuplicatePairs(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  rules: readonly RuleField[],
  limit: number,
  readable?: ReadableRows,
): Promise<DuplicatePair[]> {
  const trigrams = await hasTrigrams(em);
  const table = qualified(metadata.schema, object.table);
  const pairs: DuplicatePair[] = [];
  for (const { rule, field } of rules) {
    if (pairs.length >= limit) break;
    const [a, b] = [`a.${quote(field.column!)}`, `b.${quote(field.column!)}`];
    const match =
      rule.match === 'EXACT'
        ? `${normalisedSql(field, a)} = ${normalisedSql(field, b)}`
        : `${similaritySql(trigrams, a, b)} >= ${Number(rule.threshold ?? defaultThreshold)}`;
    // Both records of a pair in the caller's read scope: a group never reveals another's record.
    const [inA, inB] = [readable?.('a') ?? everyRow, readable?.('b') ?? everyRow];
    const rows = await queryRows<{ a: string; b: string }>(
      em,
      `select a.id as a, b.id as b from ${table} a join ${table} b on a.id < b.id and ${match}
       where a.deleted_at is null and b.deleted_at is null and (${inA.sql}) and (${inB.sql}) limit ?`,
      [...inA.params, ...inB.params, limit - pairs.length],
    );
    pairs.push(...rows.map((r) => ({ a: r.a, b: r.b, field: field.key })));
  }
  return pairs;
}

/** Pairs joined into groups (connected components): A~B and B~C make one group of three. */
export function groupPairs(pairs: readonly DuplicatePair[]): { ids: string[]; fields: string[] }[] {
  const parent = new Map<string, string>();
  const root = (id: string): string => {
    const up = parent.get(id) ?? id;
    if (up === id) return id;
    const top = root(up);
    parent.set(id, top);
    return top;
  };
  for (const { a, b } of pairs) parent.set(root(a), root(b));
  const groups = new Map<string, { ids: Set<string>; fields: Set<string> }>();
  for (const { a, b, field } of pairs) {
    const key = root(a);
    const group = groups.get(key) ?? { ids: new Set(), fields: new Set() };
    group.ids.add(a).add(b);
    group.fields.add(field);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => ({ ids: [...g.ids], fields: [...g.fields] }));
}
