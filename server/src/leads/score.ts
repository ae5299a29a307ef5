import type { EntityManager } from '@mikro-orm/postgresql';
import { activeObjects, qualified, quote, type WorkspaceMetadata } from '../metadata/index.js';
import { queryRows } from '../platform/index.js';
import type { RecordRow } from '../records/index.js';
import type { FieldOperator, RatingModel, RatingRule } from './model.js';

/** Scores of records under a model: field rules in JS, activity counted per record in one statement per rule. */

const dayMs = 86_400_000;

/**
 * Counts per record of replies received (since `since`, or ever) to mail we sent to or about
 * it: inbound mail's, wired by the app (leads does not read mail's tables).
 */
export type EmailsAnswered = (
  em: EntityManager,
  workspaceId: string,
  recordIds: readonly string[],
  since: Date | null,
) => Promise<Map<string, number>>;
export const noEmailsLogged: EmailsAnswered = async () => new Map();

const sinceDays = (now: Date, days: number | undefined): Date | null =>
  days ? new Date(now.getTime() - days * dayMs) : null;

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length);

/** A value as a comparable number or text: a CURRENCY's amount, a date's ISO text. */
function comparable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null && 'amount' in value)
    return Number((value as { amount: unknown }).amount);
  return value;
}

export function fieldMatches(operator: FieldOperator, value: unknown, operand: unknown): boolean {
  if (operator === 'isNotEmpty') return !isEmpty(value);
  if (isEmpty(value)) return false;
  const left = comparable(value);
  const values = Array.isArray(left) ? left : [left];
  switch (operator) {
    case 'eq':
      return values.some((v) => v === operand);
    case 'in':
      return values.some((v) => (operand as unknown[]).includes(v));
    case 'gte':
      return typeof operand === typeof left && (left as number) >= (operand as number);
    case 'lte':
      return typeof operand === typeof left && (left as number) <= (operand as number);
  }
}

interface Activity {
  count: number;
  last: Date | null;
}

type ActivityRule = Extract<RatingRule, { kind: 'ACTIVITY' }>;

async function countActivity(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  rule: ActivityRule,
  ids: readonly string[],
  now: Date,
): Promise<Map<string, Activity>> {
  const other = activeObjects(metadata).find((o) => o.key === rule.object);
  const via = other?.fields.find((f) => f.key === rule.via && !f.archivedAt);
  if (!other || !via?.column) return new Map();
  const column = quote(via.column);
  const since = sinceDays(now, rule.withinDays)?.toISOString() ?? null;
  const rows = await queryRows<{ id: string; n: string; last: Date | null }>(
    em,
    `select ${column} as id, count(*) as n, max(created_at) as last from ${qualified(metadata.schema, other.table)}
     where ${column} = any(?::uuid[]) and deleted_at is null and (?::timestamptz is null or created_at >= ?::timestamptz)
     group by ${column}`,
    [`{${ids.join(',')}}`, since, since],
  );
  return new Map(rows.map((r) => [r.id, { count: Number(r.n), last: r.last ? new Date(r.last) : null }]));
}

/** Each row's score under `model` at `now`, rounded to a whole number. */
export async function scoreRows(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  model: RatingModel,
  rows: readonly RecordRow[],
  now: Date,
  emailsAnswered: EmailsAnswered = noEmailsLogged,
): Promise<Map<string, number>> {
  const ids = rows.map((r) => r.id);
  // One statement at a time: the connection may be a transaction's.
  const activity: (Map<string, Activity> | null)[] = [];
  const emails: (Map<string, number> | null)[] = [];
  for (const rule of model.rules) {
    activity.push(rule.kind === 'ACTIVITY' ? await countActivity(em, metadata, rule, ids, now) : null);
    emails.push(
      rule.kind === 'EMAILS_ANSWERED'
        ? await emailsAnswered(em, metadata.workspaceId, ids, sinceDays(now, rule.withinDays))
        : null,
    );
  }
  const capped = (points: number, n: number, max?: number) => {
    const total = points * n;
    return max === undefined ? total : Math.sign(total) * Math.min(Math.abs(total), max);
  };
  const scores = new Map<string, number>();
  for (const row of rows) {
    let score = 0;
    const lastActivity = Math.max(0, ...activity.map((counts) => counts?.get(row.id)?.last?.getTime() ?? 0));
    model.rules.forEach((rule, i) => {
      if (rule.kind === 'FIELD')
        score += fieldMatches(rule.operator, row[rule.field], rule.value) ? rule.points : 0;
      else if (rule.kind === 'ACTIVITY')
        score += capped(rule.points, activity[i]?.get(row.id)?.count ?? 0, rule.max);
      else if (rule.kind === 'EMAILS_ANSWERED')
        score += capped(rule.points, emails[i]?.get(row.id) ?? 0, rule.max);
      else {
        const own = row[rule.field ?? 'createdAt'];
        const at = Math.max(own ? new Date(own as string).getTime() : 0, lastActivity);
        if (at) score += rule.points * 0.5 ** (Math.max(0, now.getTime() - at) / dayMs / rule.halfLifeDays);
      }
    });
    scores.set(row.id, Math.round(score));
  }
  return scores;
}

/** The objects whose changes can move `object`'s scores: itself and its activity rules' objects. */
export function activityObjects(model: RatingModel): string[] {
  return model.rules.flatMap((r) => (r.kind === 'ACTIVITY' ? [r.object] : []));
}
