import { requirePermission, type RequestContext } from '../identity/index.js';
import { loadMetadata, qualified, quote, type FieldDef, type ObjectDef } from '../metadata/index.js';
import { BadInput } from '../platform/index.js';
import type { RecordAccessViews } from '../records/index.js';
import { activeObject, findPipeline, stageFields } from './find.js';

export interface ForecastRow {
  stage: string;
  /** YYYY-MM of the expected close date; null when none is set. */
  month: string | null;
  ownerId: string | null;
  count: number;
  amount: number;
  /** amount × the stage's win probability. */
  weighted: number;
}

function fieldOf(object: ObjectDef, key: string | null | undefined, types: string[], what: string): FieldDef {
  const field = key
    ? object.fields.find((f) => f.key === key && !f.archivedAt)
    : object.fields.find((f) => !f.archivedAt && !f.system && types.includes(f.type));
  if (!field || !types.includes(field.type)) {
    throw new BadInput(
      [what],
      `${object.labelSingular} needs a ${types.join(' or ')} field for ${what}${key ? ` (“${key}” is not one)` : ''}.`,
    );
  }
  return field;
}

/**
 * The weighted pipeline of a deal-like object: per stage, expected close month and
 * owner, the count, amount and amount weighted by the stage's win probability.
 * Won and lost stages are left out unless asked for.
 */
export async function forecast(
  ctx: RequestContext,
  args: {
    object: string;
    pipeline?: string | null;
    amountField?: string | null;
    closeDateField?: string | null;
    includeClosed?: boolean | null;
  },
  recordAccess?: RecordAccessViews,
): Promise<ForecastRow[]> {
  const access = requirePermission(ctx, 'records.read');
  const full = await loadMetadata(ctx.em, access.workspaceId);
  // The caller's profile: hidden fields cannot be the amount, and only their records count.
  const { metadata, scope } = recordAccess
    ? await recordAccess.forCaller(access.workspaceId, access.caller.user.id, access.role, full)
    : { metadata: full, scope: undefined };
  const object = activeObject(metadata, args.object, ['object']);
  if (!stageFields(object).length) throw new BadInput(['object'], `${object.labelSingular} has no pipeline.`);
  const { field, pipeline } = args.pipeline
    ? findPipeline(object, args.pipeline, ['pipeline'])
    : { field: stageFields(object)[0]!, pipeline: stageFields(object)[0]!.options.pipelines![0]! };
  const amount = fieldOf(object, args.amountField, ['CURRENCY', 'NUMBER'], 'amountField');
  const close = fieldOf(object, args.closeDateField, ['DATE', 'DATETIME'], 'closeDateField');
  const stages = pipeline.stages.filter((s) => args.includeClosed || s.kind === 'OPEN');
  const stage = quote(field.column!);
  const scoped = scope?.rows(object, 'read', 't');
  const rows = await ctx.em.execute<
    { stage: string; month: string | null; owner_id: string | null; n: string; amount: string | null }[]
  >(
    `select ${stage} as stage, to_char(${quote(close.column!)}, 'YYYY-MM') as month, owner_id, count(*) as n,
            coalesce(sum(${quote(amount.column!)}), 0) as amount
     from ${qualified(metadata.schema, object.table)} t
     where deleted_at is null and ${stage} = any(?::text[])${scoped ? ` and (${scoped.sql})` : ''}
     group by 1, 2, 3 order by 2 nulls last, 1, 3`,
    [`{${stages.map((s) => `"${s.key}"`).join(',')}}`, ...(scoped?.params ?? [])],
  );
  return rows.map((row) => {
    const probability = stages.find((s) => s.key === row.stage)?.probability ?? 0;
    const value = Number(row.amount ?? 0);
    return {
      stage: row.stage,
      month: row.month,
      ownerId: row.owner_id,
      count: Number(row.n),
      amount: value,
      weighted: Math.round(value * probability) / 100,
    };
  });
}
