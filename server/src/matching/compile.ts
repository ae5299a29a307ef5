import { qualified, quote, type FieldDef, type WorkspaceMetadata } from '../metadata/index.js';
import { andSql, joinSql, sql, type Sql } from '../records/index.js';
import type { ResolvedDefinition } from './check.js';
import type { MatchCriterion } from './definition.js';

/**
 * A definition's matches as one SQL statement over the two objects' typed tables (aliases `s` and
 * `c`): each criterion a predicate on their columns, the score the matched weights' share. The
 * sides' filters and the caller's read scopes are plain predicates, so the columns' indexes serve.
 */

/** Which pairs: one seeker's, one candidate's, or those of many records of either side. */
export interface MatchSelection {
  seekerIds?: readonly string[];
  candidateIds?: readonly string[];
  /** Extra predicates on `s` and `c` (the reader's record scope). */
  scope?: readonly Sql[];
  limit?: number;
}

export interface MatchRow {
  seeker_id: string;
  candidate_id: string;
  score: number;
  matched: string[];
}

const col = (alias: string, field: FieldDef) => `${alias}.${quote(field.column!)}`;

/** Whether the seeker holds no value: a criterion it states nothing about matches. */
function seekerEmpty(field: FieldDef): string {
  const s = col('s', field);
  if (field.type === 'MULTI_SELECT') return `coalesce(cardinality(${s}), 0) = 0`;
  if (field.type === 'TEXT') return `nullif(btrim(${s}), '') is null`;
  return `${s} is null`;
}

/** The criterion's predicate, never null. */
export function criterionSql(criterion: MatchCriterion, seeker: FieldDef, candidate: FieldDef): Sql {
  const s = col('s', seeker);
  const c = col('c', candidate);
  let test: Sql;
  switch (criterion.kind) {
    case 'AT_MOST':
      test = sql(`${c} <= ${s} * (1 + ?::numeric / 100)`, criterion.tolerancePercent ?? 0);
      break;
    case 'AT_LEAST':
      test = sql(`${c} >= ${s}`);
      break;
    case 'EQUALS':
      test = sql(`${c} = ${s}`);
      break;
    case 'ONE_OF':
      // A TEXT list ("Riverside, Old Town") is compared item by item, trimmed, case aside.
      test =
        seeker.type === 'MULTI_SELECT'
          ? sql(`${c} = any(${s})`)
          : sql(
              `lower(btrim(${c})) = any(string_to_array(lower(btrim(regexp_replace(${s}, '\\s*,\\s*', ',', 'g'))), ','))`,
            );
      break;
    case 'ALL_OF':
      test = sql(`${c} @> ${s}`);
      break;
  }
  return { sql: `(${seekerEmpty(seeker)} or coalesce(${test.sql}, false))`, params: test.params };
}

export function compileMatches(
  metadata: WorkspaceMetadata,
  resolved: ResolvedDefinition,
  selection: MatchSelection,
): Sql {
  const predicates = resolved.criteria.map((c) => criterionSql(c.criterion, c.seeker, c.candidate));
  const total = resolved.criteria.reduce((sum, c) => sum + c.criterion.weight, 0);
  const weighted = joinSql(
    predicates.map((p, i) => ({
      sql: `(case when ${p.sql} then ${Number(resolved.criteria[i]!.criterion.weight)} else 0 end)`,
      params: p.params,
    })),
    ' + ',
  );
  const matched = joinSql(
    predicates.map((p, i) => ({
      sql: `case when ${p.sql} then ${literal(resolved.criteria[i]!.criterion.key)} end`,
      params: p.params,
    })),
    ', ',
  );
  // A required criterion a pair fails rules the pair out, whatever the other weights add up to.
  const required = predicates.filter((_, i) => resolved.criteria[i]!.criterion.required);
  const where = andSql([
    sql('s.deleted_at is null and c.deleted_at is null'),
    ...required,
    ...(resolved.seekerFilter ? [resolved.seekerFilter] : []),
    ...(resolved.candidateFilter ? [resolved.candidateFilter] : []),
    ...(selection.seekerIds ? [sql('s.id = any(?::uuid[])', selection.seekerIds)] : []),
    ...(selection.candidateIds ? [sql('c.id = any(?::uuid[])', selection.candidateIds)] : []),
    ...(selection.scope ?? []),
  ]);
  const inner = `select s.id as seeker_id, c.id as candidate_id,
      round((${weighted.sql})::numeric * 100 / ${total})::int as score,
      array_remove(array[${matched.sql}]::text[], null) as matched
    from ${qualified(metadata.schema, resolved.seeker.table)} s
    cross join ${qualified(metadata.schema, resolved.candidate.table)} c
    where ${where.sql}`;
  return {
    sql: `select * from (${inner}) m where m.score >= ? order by m.score desc, m.seeker_id, m.candidate_id${
      selection.limit ? ' limit ?' : ''
    }`,
    params: [
      ...weighted.params,
      ...matched.params,
      ...where.params,
      resolved.definition.minScore,
      ...(selection.limit ? [selection.limit] : []),
    ],
  };
}

/** A criterion key as an SQL string literal (keys are lowerCamelCase, checked by the format). */
function literal(key: string): string {
  return `'${key.replace(/'/g, "''")}'`;
}
