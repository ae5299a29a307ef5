import { qualified, quote, type FieldDef, type ObjectDef, type PipelineDef } from '../metadata/index.js';
import { activeObject, stageFields } from '../pipelines/index.js';
import { BadInput } from '../platform/index.js';
import { andSql, compileFilter, joinSql, sql, type RecordFilter, type Sql } from '../records/index.js';
import type { DashboardFilters } from './model.js';
import { numericTypes } from './resolve.js';
import { runReport, type ReportReader, type ReportResult } from './run.js';

/**
 * Pipeline analytics from the stage history and the typed tables, one statement each: the
 * conversion funnel with win rate, time in stage, sales-cycle length, lead-source performance;
 * and activity per member as a report over tasks.
 */

export interface AnalyticsArgs {
  object: string;
  pipeline?: string | null;
  filter?: RecordFilter | null;
}

interface Scope {
  object: ObjectDef;
  field: FieldDef;
  pipeline: PipelineDef;
  table: string;
  history: string;
  where: Sql;
}

function scopeOf(reader: ReportReader, args: AnalyticsArgs): Scope {
  const object = activeObject(reader.metadata, args.object, ['object']);
  const fields = stageFields(object);
  const found = fields
    .flatMap((field) => (field.options.pipelines ?? []).map((pipeline) => ({ field, pipeline })))
    .find((p) => !args.pipeline || p.pipeline.key === args.pipeline);
  if (!found)
    throw new BadInput(
      ['pipeline'],
      args.pipeline
        ? `${object.labelSingular} has no pipeline “${args.pipeline}”.`
        : `${object.labelSingular} has no pipeline.`,
    );
  const filter = compileFilter(
    {
      metadata: reader.metadata,
      object,
      alias: 't',
      limits: reader.filterLimits,
      reader: { userId: reader.userId, timeZone: 'UTC', now: new Date() },
      rowScope: reader.scope && ((target, alias) => reader.scope!.rows(target, 'read', alias)),
    },
    args.filter,
  );
  return {
    object,
    ...found,
    table: `${qualified(reader.metadata.schema, object.table)} t`,
    history: qualified(reader.metadata.schema, 'stage_history'),
    where: andSql(
      [sql('t.deleted_at is null'), filter, reader.scope?.rows(object, 'read', 't') ?? null].filter(
        (p): p is Sql => p !== null,
      ),
    ),
  };
}

const keysOf = (pipeline: PipelineDef, kinds: string[]) =>
  pipeline.stages.filter((s) => kinds.includes(s.kind)).map((s) => s.key);

export interface FunnelStage {
  stage: string;
  label: string;
  /** Records that reached this stage or a later open/won one. */
  reached: number;
  /** reached(next) / reached(this), in percent; null for the last. */
  conversion: number | null;
}

export interface Funnel {
  stages: FunnelStage[];
  won: number;
  lost: number;
  /** won / (won + lost), in percent; null when none closed. */
  winRate: number | null;
}

/** How far records got: per open/won stage (in order) the records that reached it or beyond, and the win rate. */
export async function stageFunnel(reader: ReportReader, args: AnalyticsArgs): Promise<Funnel> {
  const s = scopeOf(reader, args);
  const path = keysOf(s.pipeline, ['OPEN', 'WON']);
  const stage = `t.${quote(s.field.column!)}`;
  const statement = joinSql(
    [
      sql(
        `with reach as (
           select t.id, greatest(
             coalesce(max(array_position(?::text[], h.stage)), 0),
             coalesce(array_position(?::text[], ${stage}), 0)) as reached,
             ${stage} = any(?::text[]) as won, ${stage} = any(?::text[]) as lost
           from ${s.table} left join ${s.history} h on h.record_id = t.id and h.field_id = ?::uuid
           where `,
        path,
        path,
        keysOf(s.pipeline, ['WON']),
        keysOf(s.pipeline, ['LOST']),
        s.field.id,
      ),
      s.where,
      sql(
        ` group by t.id, ${stage})
         select (select json_agg(n order by i) from (
                   select i, (select count(*) from reach where reached >= i) as n
                   from generate_series(1, ?) i) c) as reached,
                (select count(*) from reach where won) as won,
                (select count(*) from reach where lost) as lost`,
        path.length,
      ),
    ],
    '',
  );
  const [row] = await reader.em.execute<{ reached: number[] | null; won: string; lost: string }[]>(
    statement.sql,
    statement.params,
  );
  const reached = (row?.reached ?? []).map(Number);
  const won = Number(row?.won ?? 0);
  const lost = Number(row?.lost ?? 0);
  return {
    stages: path.map((key, i) => ({
      stage: key,
      label: s.pipeline.stages.find((st) => st.key === key)!.label,
      reached: reached[i] ?? 0,
      conversion:
        i + 1 < path.length && reached[i]
          ? Math.round(((reached[i + 1] ?? 0) / reached[i]!) * 1000) / 10
          : null,
    })),
    won,
    lost,
    winRate: won + lost ? Math.round((won / (won + lost)) * 1000) / 10 : null,
  };
}

export interface StageDuration {
  stage: string;
  label: string;
  visits: number;
  averageSeconds: number;
  medianSeconds: number;
}

/** Average and median time a visit to each stage lasts (a current visit counts until now). */
export async function stageDurations(reader: ReportReader, args: AnalyticsArgs): Promise<StageDuration[]> {
  const s = scopeOf(reader, args);
  const statement = joinSql(
    [
      sql(
        `select h.stage, count(*) as visits,
                avg(extract(epoch from coalesce(h.left_at, now()) - h.entered_at)) as avg,
                percentile_cont(0.5) within group (order by extract(epoch from coalesce(h.left_at, now()) - h.entered_at)) as median
         from ${s.history} h join ${s.table} on t.id = h.record_id
         where h.field_id = ?::uuid and `,
        s.field.id,
      ),
      s.where,
      sql(' group by h.stage'),
    ],
    '',
  );
  const rows = await reader.em.execute<{ stage: string; visits: string; avg: string; median: string }[]>(
    statement.sql,
    statement.params,
  );
  return s.pipeline.stages.flatMap((stage) => {
    const row = rows.find((r) => r.stage === stage.key);
    return row
      ? [
          {
            stage: stage.key,
            label: stage.label,
            visits: Number(row.visits),
            averageSeconds: Math.round(Number(row.avg)),
            medianSeconds: Math.round(Number(row.median)),
          },
        ]
      : [];
  });
}

export interface SalesCycle {
  outcome: 'WON' | 'LOST';
  count: number;
  averageDays: number | null;
  medianDays: number | null;
}

/** From creation to entering a won (or lost) stage, for the records now in one. */
export async function salesCycle(reader: ReportReader, args: AnalyticsArgs): Promise<SalesCycle[]> {
  const s = scopeOf(reader, args);
  const stage = `t.${quote(s.field.column!)}`;
  const statement = joinSql(
    [
      sql(
        `select case when ${stage} = any(?::text[]) then 'WON' else 'LOST' end as outcome, count(*) as n,
                avg(extract(epoch from h.entered_at - t.created_at)) / 86400 as avg,
                percentile_cont(0.5) within group (order by extract(epoch from h.entered_at - t.created_at)) / 86400 as median
         from ${s.table} join ${s.history} h on h.record_id = t.id and h.field_id = ?::uuid and h.stage = ${stage} and h.left_at is null
         where ${stage} = any(?::text[]) and `,
        keysOf(s.pipeline, ['WON']),
        s.field.id,
        keysOf(s.pipeline, ['WON', 'LOST']),
      ),
      s.where,
      sql(' group by 1'),
    ],
    '',
  );
  const rows = await reader.em.execute<{ outcome: 'WON' | 'LOST'; n: string; avg: string; median: string }[]>(
    statement.sql,
    statement.params,
  );
  return (['WON', 'LOST'] as const).map((outcome) => {
    const row = rows.find((r) => r.outcome === outcome);
    const round = (v: string | undefined) =>
      v === undefined || v === null ? null : Math.round(Number(v) * 10) / 10;
    return {
      outcome,
      count: Number(row?.n ?? 0),
      averageDays: round(row?.avg),
      medianDays: round(row?.median),
    };
  });
}

export interface SourcePerformance {
  source: string | null;
  count: number;
  won: number;
  /** won / count, in percent. */
  conversion: number;
  wonAmount: number | null;
}

/** Per value of a source field: records, how many were won, and the won amount. */
export async function sourcePerformance(
  reader: ReportReader,
  args: AnalyticsArgs & { sourceField: string; amountField?: string | null },
): Promise<SourcePerformance[]> {
  const s = scopeOf(reader, args);
  const source = s.object.fields.find((f) => f.key === args.sourceField && !f.archivedAt && f.column);
  if (!source)
    throw new BadInput(['sourceField'], `${s.object.labelSingular} has no field “${args.sourceField}”.`);
  const amount = args.amountField
    ? s.object.fields.find((f) => f.key === args.amountField && !f.archivedAt)
    : null;
  if (args.amountField && (!amount || !numericTypes.includes(amount.type)))
    throw new BadInput(['amountField'], `“${args.amountField}” is not a number or currency field.`);
  const won = `t.${quote(s.field.column!)} = any(?::text[])`;
  const statement = joinSql(
    [
      sql(
        `select t.${quote(source.column!)}::text as source, count(*) as n, count(*) filter (where ${won}) as won,
                ${amount ? `sum(t.${quote(amount.column!)}) filter (where ${won})` : 'null'} as amount
         from ${s.table} where `,
        keysOf(s.pipeline, ['WON']),
        ...(amount ? [keysOf(s.pipeline, ['WON'])] : []),
      ),
      s.where,
      sql(' group by 1 order by 2 desc, 1'),
    ],
    '',
  );
  const rows = await reader.em.execute<
    { source: string | null; n: string; won: string; amount: string | null }[]
  >(statement.sql, statement.params);
  return rows.map((r) => ({
    source: r.source,
    count: Number(r.n),
    won: Number(r.won),
    conversion: Math.round((Number(r.won) / Number(r.n)) * 1000) / 10,
    wonAmount: r.amount === null ? null : Number(r.amount),
  }));
}

/**
 * Activity per member: tasks done per assignee and type (calls and meetings are task types),
 * a report over the task object so it filters, buckets and exports like any other.
 */
export function memberActivity(
  reader: ReportReader,
  range: DashboardFilters['dateRange'],
): Promise<ReportResult> {
  const task = reader.metadata.objects.find((o) => o.key === 'task' && !o.archivedAt);
  if (!task) throw new BadInput(['object'], 'This workspace has no task object.');
  return runReport(
    reader,
    {
      object: 'task',
      filter: { status: { eq: 'done' } },
      groupBy: [{ field: 'assignee' }, { field: 'type' }],
      measures: [{ kind: 'COUNT', label: 'Done' }],
      sort: [],
      limit: null,
      timeZone: null,
      dateField: 'updatedAt',
    },
    range ? { dateRange: range, members: null, memberField: null } : null,
    ['memberActivity'],
  );
}
