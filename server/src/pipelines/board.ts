import {
  qualified,
  quote,
  type FieldDef,
  type ObjectDef,
  type PipelineDef,
  type StageDef,
} from '../metadata/index.js';
import { BadInput, parseId } from '../platform/index.js';
import {
  andSql,
  compileFilter,
  compileSearch,
  searchOver,
  readerOf,
  readScopeOf,
  decodeRow,
  type RecordContext,
  type RecordFilter,
  type RecordRow,
  selectList,
  sql,
  type Sql,
} from '../records/index.js';
import { findPipeline, stageFields } from './find.js';

export interface BoardArgs {
  pipeline?: string | null;
  filter?: RecordFilter | null;
  search?: string | null;
  /** Cards per column, 1–200 (default 50). */
  first?: number | null;
  /** The CURRENCY or NUMBER field summed per column; default the object's first currency field. */
  sumField?: string | null;
}

export interface BoardColumn {
  stage: StageDef;
  count: number;
  sum: number | null;
  /** The sum weighted by the stage's win probability. */
  weightedSum: number | null;
  overLimit: boolean;
  records: RecordRow[];
  hasMore: boolean;
}

/** Records with no stage yet (say, from before the pipeline existed): on no column until moved. */
export interface Unstaged {
  count: number;
  records: RecordRow[];
  hasMore: boolean;
}

export interface Board {
  field: FieldDef;
  pipeline: PipelineDef;
  sumField: FieldDef | null;
  columns: BoardColumn[];
  unstaged: Unstaged;
}

const alias = 't';

function sumFieldOf(object: ObjectDef, key: string | null | undefined): FieldDef | null {
  const numeric = (f: FieldDef) =>
    !f.archivedAt && !f.system && ['CURRENCY', 'NUMBER', 'PERCENT'].includes(f.type);
  if (key) {
    const field = object.fields.find((f) => f.key === key && numeric(f));
    if (!field)
      throw new BadInput(
        ['sumField'],
        `“${key}” is not a number or currency field of ${object.labelSingular}.`,
      );
    return field;
  }
  return object.fields.find((f) => numeric(f) && f.type === 'CURRENCY') ?? null;
}

interface BoardScope {
  first: number;
  field: FieldDef;
  pipeline: PipelineDef;
  stageColumn: string;
  where: Sql;
  table: string;
}

/** What a board and each of its columns read from: the pipeline, its stage column and the filter. */
function boardScope(ctx: RecordContext, object: ObjectDef, args: BoardArgs): BoardScope {
  const first = args.first ?? 50;
  if (!Number.isInteger(first) || first < 1 || first > 200)
    throw new BadInput(['first'], 'first: 1 to 200 cards per column.');
  const fields = stageFields(object);
  if (!fields.length) throw new BadInput(['object'], `${object.labelSingular} has no pipeline.`);
  const { field, pipeline } = args.pipeline
    ? findPipeline(object, args.pipeline, ['pipeline'])
    : { field: fields[0]!, pipeline: fields[0]!.options.pipelines![0]! };
  const conditions: Sql[] = [sql(`${alias}.deleted_at is null`)];
  const scope = ctx.scope?.rows(object, 'read', alias);
  if (scope) conditions.push(scope);
  const filter = compileFilter(
    {
      metadata: ctx.metadata,
      object,
      alias,
      limits: ctx.filterLimits,
      reader: readerOf(ctx),
      rowScope: readScopeOf(ctx),
    },
    args.filter,
  );
  if (filter) conditions.push(filter);
  const search = compileSearch(alias, args.search, searchOver(object, ctx.scope));
  if (search) conditions.push(search);
  return {
    first,
    field,
    pipeline,
    stageColumn: `${alias}.${quote(field.column!)}`,
    where: andSql(conditions),
    table: `${qualified(ctx.metadata.schema, object.table)} ${alias}`,
  };
}

// Board order: ranked cards first, then the never-moved ones in creation order.
const boardOrder = `${alias}.rank nulls last, ${alias}.created_at, ${alias}.id`;
const boardKey = (from: string) =>
  `${from}.rank is null, coalesce(${from}.rank, ''), ${from}.created_at, ${from}.id`;

/**
 * A board: every column of a pipeline with its count, sums and first cards (in rank
 * order), in two statements whatever the number of columns, and a third for the records
 * without a stage when there are any.
 */
export async function loadBoard(ctx: RecordContext, object: ObjectDef, args: BoardArgs): Promise<Board> {
  const { first, field, pipeline, stageColumn, where, table } = boardScope(ctx, object, args);
  const sumField = sumFieldOf(object, args.sumField);
  const stages = pipeline.stages.map((s) => s.key);
  const stagesLiteral = `{${stages.map((s) => `"${s}"`).join(',')}}`;
  const sumSql = sumField ? `sum(${alias}.${quote(sumField.column!)})` : 'null';

  const totals = await ctx.em.execute<{ stage: string | null; n: string; total: string | null }[]>(
    // Two arms rather than `or … is null`, which would keep the planner off the stage index.
    `select ${stageColumn} as stage, count(*) as n, ${sumSql} as total from ${table}
     where ${where.sql} and ${stageColumn} = any(?::text[]) group by 1
     union all
     select null, count(*), ${sumSql} from ${table} where ${where.sql} and ${stageColumn} is null`,
    [...where.params, stagesLiteral, ...where.params],
  );
  const unstagedCount = Number(totals.find((t) => t.stage === null)?.n ?? 0);
  const unstaged = unstagedCount
    ? await ctx.em.execute<Record<string, unknown>[]>(
        `select ${selectList(ctx.metadata, object, alias)} from ${table}
         where ${where.sql} and ${stageColumn} is null order by ${alias}.created_at, ${alias}.id limit ?`,
        [...where.params, first + 1],
      )
    : [];
  const cards = await ctx.em.execute<Record<string, unknown>[]>(
    `select c.* from unnest(?::text[]) as s(stage) cross join lateral (
       select ${selectList(ctx.metadata, object, alias)} from ${table}
       where ${where.sql} and ${stageColumn} = s.stage
       order by ${boardOrder} limit ?
     ) c`,
    [stagesLiteral, ...where.params, first + 1],
  );
  const rows = cards.map((raw) => decodeRow(object, raw));
  return {
    field,
    pipeline,
    sumField,
    unstaged: {
      count: unstagedCount,
      records: unstaged.slice(0, first).map((raw) => decodeRow(object, raw)),
      hasMore: unstaged.length > first,
    },
    columns: pipeline.stages.map((stage) => {
      const total = totals.find((t) => t.stage === stage.key);
      const inColumn = rows.filter((r) => r[field.key] === stage.key);
      const count = Number(total?.n ?? 0);
      const sum = sumField ? Number(total?.total ?? 0) : null;
      return {
        stage,
        count,
        sum,
        weightedSum: sum === null ? null : Math.round(sum * stage.probability) / 100,
        overLimit: stage.wipLimit !== null && count > stage.wipLimit,
        records: inColumn.slice(0, first),
        hasMore: inColumn.length > first,
      };
    }),
  };
}

export interface BoardCardsArgs extends BoardArgs {
  stage: string;
  /** The last card already shown; the cards after it in board order come back. */
  after?: string | null;
}

/** More cards of one column, after a card already shown: a column's "show more". */
export async function loadBoardCards(
  ctx: RecordContext,
  object: ObjectDef,
  args: BoardCardsArgs,
): Promise<{ records: RecordRow[]; hasMore: boolean }> {
  const { first, pipeline, stageColumn, where, table } = boardScope(ctx, object, args);
  if (!pipeline.stages.some((s) => s.key === args.stage))
    throw new BadInput(['stage'], `“${args.stage}” is not a stage of ${pipeline.label}.`);
  const conditions = [where, sql(`${stageColumn} = ?`, args.stage)];
  if (args.after) {
    const after = parseId(['after'], args.after);
    const source = qualified(ctx.metadata.schema, object.table);
    // A card moved elsewhere since still marks the place; one that never existed does not.
    const [anchor] = await ctx.em.execute<{ id: string }[]>(`select id from ${source} where id = ?::uuid`, [
      after,
    ]);
    if (!anchor) throw new BadInput(['after'], 'There is no such card: reload the board.');
    conditions.push(
      sql(`(${boardKey(alias)}) > (select ${boardKey('a')} from ${source} a where a.id = ?::uuid)`, after),
    );
  }
  const page = andSql(conditions);
  const raw = await ctx.em.execute<Record<string, unknown>[]>(
    `select ${selectList(ctx.metadata, object, alias)} from ${table}
     where ${page.sql} order by ${boardOrder} limit ?`,
    [...page.params, first + 1],
  );
  const rows = raw.map((r) => decodeRow(object, r));
  return { records: rows.slice(0, first), hasMore: rows.length > first };
}
