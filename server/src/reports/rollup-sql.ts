import { qualified } from '../metadata/index.js';
import { joinSql, sql, type Sql } from '../records/index.js';
import { groupKeys, rowsOf } from './compile.js';
import type { ResolvedReport } from './resolve.js';

/** The SQL of a rollup's tables (see rollup.ts): what builds them and what brings them forward. */

export const extreme = (kind: string) => kind === 'MIN' || kind === 'MAX';
export const keepsExtremes = (report: ResolvedReport) => report.measures.some((m) => extreme(m.kind));

/** A rollup's three tables: `p` and `q`, its rows; `a`, its groups. */
export interface RollupTables {
  p: string;
  q: string;
  a: string;
}

/** One rollup a catch-up brings forward: its report, its filter and its tables. */
export interface CatchUpMember {
  report: ResolvedReport;
  where: readonly Sql[];
  tables: RollupTables;
}

/**
 * The records of an object changed since a snapshot, once each; `created`: created since, so in
 * neither `p` nor `q` (records are created once, under a new id, and never deleted for good),
 * and not looked up there: a form or an import costs the rollups no probes.
 */
export function changedSince(schema: string, objectId: string, snapshot: string): Sql {
  return sql(
    `select record_id as id, bool_or(kind = 'create') as created
     from ${qualified(schema, 'record_change')}
     where object_id = ? and xid >= pg_snapshot_xmin(?::pg_snapshot)
       and not pg_visible_in_snapshot(xid, ?::pg_snapshot)
     group by record_id`,
    objectId,
    snapshot,
    snapshot,
  );
}

/**
 * One statement bringing every member (rollups of one object, as of one snapshot) forward to the
 * transaction's: `c`, the changed ids, and `cur`, those records as they are now, are read once
 * for all of them. Per member, a changed record's old row leaves `p` or `q`, its row as it is now
 * (if it matches) goes into `q`, and `a` is adjusted by the difference. Its rows: `(i, emptied)`,
 * per member whether one of its groups lost its last record.
 */
export function catchUpStatement(table: string, changed: Sql, members: readonly CatchUpMember[]): Sql {
  // The changed records are looked up one by one through the id indexes (a lateral subquery
  // behind `offset 0` is run per id, never flattened into a join): with `id = any(…)` the
  // planner scanned all of `p`, or a whole field index of the object, for a few hundred ids
  // once the tables were small enough to make that look cheaper.
  const parts: Sql[] = [
    sql('with c as materialized ('),
    changed,
    sql(
      `), cur as materialized (select t.* from c cross join lateral (select * from ${table} t where t.id = c.id offset 0) t)`,
    ),
  ];
  for (const [i, member] of members.entries()) parts.push(sql(', '), memberCtes(i, member));
  parts.push(
    sql(
      ` ${members.map((_, i) => `select ${i} as i, coalesce(bool_or(c = 0), false) as emptied from u${i}`).join(' union all ')}`,
    ),
  );
  return joinSql(parts, '');
}

function memberCtes(i: number, { report, where, tables: { p, q, a } }: CatchUpMember): Sql {
  const keys = groupKeys(report);
  const values = report.measures.map((_, n) => `v${n}`);
  const columns = [...keys, ...values].join(', ');
  // Only a MIN or MAX needs the touched groups marked, to look their extreme up again after.
  const marks = keepsExtremes(report);
  // COUNT keeps no sum: its value column is an untyped null.
  const signed = (sign: string, from: string) =>
    `select ${[
      ...keys,
      `${sign}1 as c`,
      ...report.measures.flatMap((m, n) =>
        m.kind === 'COUNT'
          ? [`0::numeric as s${n}`, `0 as n${n}`]
          : extreme(m.kind)
            ? [`null::numeric as s${n}`, `${sign}(v${n} is not null)::int as n${n}`]
            : [`${sign}coalesce(v${n}, 0) as s${n}`, `${sign}(v${n} is not null)::int as n${n}`],
      ),
    ].join(', ')} from ${from}`;
  const leave = (rows: string) =>
    `delete from ${rows} where ctid = any(array(select r.ctid from c cross join lateral (select ctid from ${rows} r where r.id = c.id offset 0) r where not c.created)) returning ${columns}`;
  const set = [...keys, 'z'].join(', ');
  return joinSql(
    [
      sql(`old_p${i} as (${leave(p)}), old_q${i} as (${leave(q)}), `),
      sql(`new${i} as (insert into ${q} select x.*${groupColumn(report, 'x')} from (`),
      rowsOf(report, where, true, 'cur'),
      sql(`) x returning ${columns}), `),
      sql(
        `d${i} as (select ${[...keys, '0::smallint as z', 'sum(c) as c', ...values.flatMap((_, n) => [`sum(s${n}) as s${n}`, `sum(n${n}) as n${n}`]), `${marks} as dirty`].join(', ')}
         from (${signed('-', `old_p${i}`)} union all ${signed('-', `old_q${i}`)} union all ${signed('', `new${i}`)}) x group by ${set}), `,
      ),
      sql(
        `u${i} as (insert into ${a} as r select * from d${i} on conflict (${set}) do update set ${[
          'c = r.c + excluded.c',
          ...report.measures.flatMap((m, n) => [
            extreme(m.kind) ? `s${n} = r.s${n}` : `s${n} = r.s${n} + excluded.s${n}`,
            `n${n} = r.n${n} + excluded.n${n}`,
          ]),
          `dirty = ${marks}`,
        ].join(', ')} returning r.c)`,
      ),
    ],
    '',
  );
}

/** For a report with a MIN or MAX: the groups a catch-up touched look their extreme up again in `p` and `q`. */
export function extremesUpdate(report: ResolvedReport, { p, q, a }: RollupTables): string | null {
  if (!keepsExtremes(report)) return null;
  const keys = groupKeys(report);
  const extremes = report.measures.flatMap((m, i) => {
    if (!extreme(m.kind)) return [];
    const of = (rows: string) =>
      `(select ${m.kind.toLowerCase()}(x.v${i}) from ${rows} x where x.k = ${groupText(keys, 'r')})`;
    // greatest and least pass over nulls: a group with rows in one table only.
    return [`s${i} = ${m.kind === 'MIN' ? 'least' : 'greatest'}(${of(p)}, ${of(q)})`];
  });
  return `update ${a} r set ${[...extremes, 'dirty = false'].join(', ')} where dirty`;
}

/**
 * `p.k`, the row's group as one text, for a report with a MIN or MAX only: it is how a touched
 * group's rows are found again. Without one, `p` does without it (a third of its width).
 */
export function groupColumn(report: ResolvedReport, alias: string): string {
  return keepsExtremes(report) ? `, ${groupText(groupKeys(report), alias)} as k` : '';
}

/** A row's group as one indexable text (its keys may be null): `p.k`, and `a`'s groups found in it. */
function groupText(keys: string[], alias: string): string {
  return `jsonb_build_array(${keys.map((k) => `${alias}.${k}`).join(', ')})::text`;
}
