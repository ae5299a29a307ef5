import { qualified } from '../metadata/index.js';
import { andSql, joinSql, sql, type Sql } from '../records/index.js';
import { currencyColumn, rowAlias, type ResolvedGroup, type ResolvedReport } from './resolve.js';

/**
 * One statement per report: an inner select reads each row's group keys and measured values
 * (the filter applied), the middle one aggregates them by grouping sets (the rows, and the
 * totals per currency), the outer one ranks the rows in the report's order and keeps `limit`.
 */
export function compileReport(report: ResolvedReport, where: readonly Sql[]): Sql {
  const rows = rowsOf(report, where, false);
  if (report.measures.some((m) => m.kind === 'DISTINCT')) {
    // Distinct values do not add up across groups: the grouping sets read the rows themselves.
    const aggregates = report.measures.map((m, i) => `${aggregate(m.kind, `s.v${i}`)}::float8 as m${i}`);
    return rankAndLimit(report, joinSql([sql('('), rows, sql(') s')], ''), aggregates);
  }
  // Grouping sets over the table's rows run in one process; a plain group by runs in parallel
  // workers, and the totals are then added up from its few rows.
  const keys = groupKeys(report);
  const grouped = joinSql(
    [
      sql(`(select ${[...keys, 'count(*)::bigint as c', ...partials(report)].join(', ')} from (`),
      rows,
      sql(`) s${keys.length ? ` group by ${keys.join(', ')}` : ''}) s`),
    ],
    '',
  );
  return rankAndLimit(report, grouped, combined(report));
}

const extreme = (kind: string) => kind === 'MIN' || kind === 'MAX';

/**
 * Per group of rows, what each measure combines from: `s<i>` (the sum of its non-null values, or
 * their minimum/maximum) and `n<i>` (how many there are). COUNT needs neither.
 */
export function partials(report: ResolvedReport): string[] {
  return report.measures.flatMap((m, i) =>
    m.kind === 'COUNT'
      ? [`0::numeric as s${i}`, `0::bigint as n${i}`]
      : extreme(m.kind)
        ? [`${m.kind.toLowerCase()}(v${i})::numeric as s${i}`, `count(v${i})::bigint as n${i}`]
        : [`coalesce(sum(v${i}), 0)::numeric as s${i}`, `count(v${i})::bigint as n${i}`],
  );
}

/**
 * The measures from groups' partials (aliased `s`): the same values as aggregating the rows,
 * averages included (`avg` of numeric is this same numeric division).
 */
export function combined(report: ResolvedReport): string[] {
  return report.measures.map((m, i) => {
    const value =
      m.kind === 'COUNT'
        ? 'coalesce(sum(s.c), 0)'
        : extreme(m.kind)
          ? `${m.kind.toLowerCase()}(s.s${i})`
          : m.kind === 'AVG' || m.kind === 'AVG_DAYS' || m.kind === 'AVG_MINUTES'
            ? `sum(s.s${i}) / nullif(sum(s.n${i}), 0)`
            : `case when sum(s.n${i}) > 0 then sum(s.s${i}) end`;
    return `(${value})::float8 as m${i}`;
  });
}

/**
 * The inner select: each matching row's group keys (`g0`, `g1`), currency (`cur`) and measured
 * values (`v0`…); with `withId`, its id first (what a rollup keeps per record). `from`: another
 * relation with the table's columns to read instead (a rollup's catch-up reads the changed rows).
 */
export function rowsOf(
  report: ResolvedReport,
  where: readonly Sql[],
  withId: boolean,
  from = qualified(report.metadata.schema, report.object.table),
): Sql {
  const { groups, measures, currency } = report;
  return joinSql(
    [
      sql('select '),
      joinSql(
        [
          ...(withId ? [sql(`${rowAlias}.id`)] : []),
          ...groups.map((group, i) => sql(`${group.expr} as g${i}`, ...group.exprParams)),
          ...(currency ? [sql(`${currencyColumn(currency)} as cur`)] : []),
          ...measures.map((m, i) => sql(`${m.value ?? 'null'} as v${i}`, ...m.valueParams)),
        ],
        ', ',
      ),
      sql(` from ${from} ${rowAlias} ${report.joins.join(' ')}`),
      sql(' where '),
      andSql([sql(`${rowAlias}.deleted_at is null`), ...where]),
    ],
    '',
  );
}

/** The columns a report's rows are grouped by: `g0`, `g1`, then `cur` for money. */
export function groupKeys(report: ResolvedReport): string[] {
  return [...report.groups.map((_, i) => `g${i}`), ...(report.currency ? ['cur'] : [])];
}

/**
 * Aggregates `source` (aliased `s`) by grouping sets (the rows, and the totals per currency),
 * ranks the rows in the report's order and keeps `limit` (+1, telling `truncated`).
 */
export function rankAndLimit(report: ResolvedReport, source: Sql, aggregates: string[]): Sql {
  const { groups, measures, currency } = report;
  const g = groups.map((_, i) => `g${i}`);
  const keys = groupKeys(report);
  const sets = groups.length
    ? `group by grouping sets ((${keys.join(', ')}), (${currency ? 'cur' : ''}))`
    : currency
      ? 'group by cur'
      : '';
  const total = groups.length ? `grouping(${g[0]}) as total` : '1 as total';
  const middle = joinSql(
    [sql(`select ${[...keys, total, ...aggregates].join(', ')} from `), source, sql(` ${sets}`)],
    '',
  );
  const order = orderOf(report);
  const ranked = joinSql(
    [
      sql('select a.*, row_number() over (partition by a.total order by '),
      order,
      sql(') as rn from ('),
      middle,
      sql(') a'),
    ],
    '',
  );
  const columns = [
    ...g.map((k) => `r.${k}::text as ${k}`),
    ...(currency ? ['r.cur'] : []),
    'r.total',
    ...measures.map((_, i) => `r.m${i}`),
  ];
  return joinSql(
    [
      sql(`select ${columns.join(', ')} from (`),
      ranked,
      sql(`) r where r.total = 1 or r.rn <= ? order by r.total desc, r.rn`, report.limit),
    ],
    '',
  );
}

function aggregate(kind: string, value: string): string {
  switch (kind) {
    case 'COUNT':
      return 'count(*)';
    case 'DISTINCT':
      return `count(distinct ${value})`;
    case 'AVG':
    case 'AVG_DAYS':
    case 'AVG_MINUTES':
      return `avg(${value})`;
    case 'MIN':
      return `min(${value})`;
    case 'MAX':
      return `max(${value})`;
    default:
      return `sum(${value})`;
  }
}

/** The report's sort, then the group keys in their natural order (stages and choices as defined). */
function orderOf(report: ResolvedReport): Sql {
  const parts: Sql[] = report.definition.sort.map((s) =>
    sql(`a.${s.key} ${s.direction === 'DESC' ? 'desc' : 'asc'} nulls last`),
  );
  report.groups.forEach((group, i) => {
    const order = choiceOrder(group);
    if (order.length) parts.push(sql(`array_position(?::text[], a.g${i}::text) nulls last`, order));
    parts.push(sql(`a.g${i} nulls last`));
  });
  if (report.currency) parts.push(sql('a.cur'));
  return parts.length ? joinSql(parts, ', ') : sql('1');
}

/** Stage keys in pipeline order, choice keys in option order: the order people read them in. */
export function choiceOrder(group: Pick<ResolvedGroup, 'field'>): string[] {
  const { field } = group;
  if (field.type === 'STAGE')
    return (field.options.pipelines ?? []).flatMap((p) => p.stages.map((s) => s.key));
  if (field.type === 'SELECT')
    return [...(field.options.choices ?? [])].sort((a, b) => a.position - b.position).map((c) => c.key);
  return [];
}
