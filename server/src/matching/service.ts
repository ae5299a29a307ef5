import { requirePermission, type WorkspaceAccess } from '../identity/index.js';
import { readLabels } from '../activities/index.js';
import { queueMail } from '../mail/index.js';
import {
  activeObjects,
  qualified,
  quote,
  type ObjectDef,
  type WorkspaceMetadata,
} from '../metadata/index.js';
import { BadInput, NotFound, parseId, queryRows } from '../platform/index.js';
import { callerView, type Sql } from '../records/index.js';
import { compileMatches, type MatchRow } from './compile.js';
import type { MatchingContext } from './services.js';
import { definitionsOf } from './store.js';

/** Matches of one record, either side, as its reader may see them (both records in their scope). */

export type MatchSide = 'seeker' | 'candidate';

export interface MatchResult {
  definitionKey: string;
  definitionName: string;
  /** The other record's object key and id. */
  object: string;
  recordId: string;
  label: string;
  score: number;
  matched: { key: string; label: string }[];
}

interface Subject {
  access: WorkspaceAccess;
  metadata: WorkspaceMetadata;
  object: ObjectDef;
  recordId: string;
  scope: { rows(object: ObjectDef, action: 'read', alias: string): Sql | null } | null;
}

async function metadataFor(ctx: MatchingContext, workspaceId: string): Promise<WorkspaceMetadata> {
  return ctx.services.metadataCache.require(ctx.em, workspaceId);
}

/** The record the caller asks about, readable by them (NOT_FOUND otherwise: its existence is not told). */
export async function subjectOf(ctx: MatchingContext, objectKey: string, idText: string): Promise<Subject> {
  const access = requirePermission(ctx, 'records.read');
  const metadata = await metadataFor(ctx, access.workspaceId);
  const object = activeObjects(metadata).find((o) => o.key === objectKey);
  if (!object) throw new BadInput(['object'], `No object "${objectKey}".`);
  const recordId = parseId(['id'], idText);
  const view = await callerView(ctx.services.recordAccess, access, metadata);
  const scope = view.scope ?? null;
  const readable = scope?.rows(object, 'read', 't') ?? { sql: 'true', params: [] };
  const rows = await queryRows(
    ctx.em,
    `select 1 from ${qualified(metadata.schema, object.table)} t where t.id = ? and t.deleted_at is null and (${readable.sql})`,
    [recordId, ...readable.params],
  );
  if (!rows.length) throw new NotFound(`A ${object.labelSingular.toLowerCase()} with this id`);
  return { access, metadata, object, recordId, scope };
}

export async function matchesFor(
  ctx: MatchingContext,
  side: MatchSide,
  objectKey: string,
  idText: string,
  limit = 50,
): Promise<MatchResult[]> {
  if (!Number.isInteger(limit) || limit < 1 || limit > 200)
    throw new BadInput(['first'], 'first: from 1 to 200.');
  const subject = await subjectOf(ctx, objectKey, idText);
  const { metadata, scope } = subject;
  const results: MatchResult[] = [];
  for (const resolved of await definitionsOf(ctx.em, metadata)) {
    if (resolved[side].id !== subject.object.id) continue;
    const other = side === 'seeker' ? resolved.candidate : resolved.seeker;
    const compiled = compileMatches(metadata, resolved, {
      ...(side === 'seeker' ? { seekerIds: [subject.recordId] } : { candidateIds: [subject.recordId] }),
      scope: [scope?.rows(resolved.seeker, 'read', 's'), scope?.rows(resolved.candidate, 'read', 'c')].filter(
        (s): s is Sql => !!s,
      ),
      limit,
    });
    const rows = await queryRows<MatchRow>(ctx.em, compiled.sql, compiled.params);
    const otherId = (r: MatchRow) => (side === 'seeker' ? r.candidate_id : r.seeker_id);
    const labels = await readLabels(ctx.em, metadata, other, rows.map(otherId));
    const criteria = new Map(resolved.definition.criteria.map((c) => [c.key, c.label ?? c.key]));
    for (const row of rows)
      results.push({
        definitionKey: resolved.definition.key,
        definitionName: resolved.definition.name,
        object: other.key,
        recordId: otherId(row),
        label: labels.get(otherId(row)) ?? '',
        score: row.score,
        matched: row.matched.map((key) => ({ key, label: criteria.get(key) ?? key })),
      });
  }
  return results.sort((a, b) => b.score - a.score || a.label.localeCompare(b.label)).slice(0, limit);
}

export interface DefinitionInfo {
  key: string;
  name: string;
  seekerObject: string;
  candidateObject: string;
  minScore: number;
  criteria: { key: string; label: string }[];
}

export async function definitionInfos(ctx: MatchingContext): Promise<DefinitionInfo[]> {
  const access = requirePermission(ctx, 'records.read');
  const metadata = await metadataFor(ctx, access.workspaceId);
  return (await definitionsOf(ctx.em, metadata)).map(({ definition, seeker, candidate }) => ({
    key: definition.key,
    name: definition.name,
    seekerObject: seeker.key,
    candidateObject: candidate.key,
    minScore: definition.minScore,
    criteria: definition.criteria.map((c) => ({ key: c.key, label: c.label ?? c.key })),
  }));
}

/**
 * E-mails a seeker the candidates that match them (as the caller sees them): one message to the
 * seeker's first EMAIL field, queued in the outbox and shown on the seeker's timeline.
 */
export async function emailMatches(ctx: MatchingContext, objectKey: string, idText: string): Promise<number> {
  requirePermission(ctx, 'records.write');
  const subject = await subjectOf(ctx, objectKey, idText);
  const matches = await matchesFor(ctx, 'seeker', objectKey, idText, 20);
  if (!matches.length) throw new BadInput(['id'], 'This record has no matches to send.');
  const emailField = subject.object.fields.find((f) => f.type === 'EMAIL' && f.column && !f.archivedAt);
  const [row] = emailField
    ? await queryRows<{ email: string | null }>(
        ctx.em,
        `select ${quote(emailField.column!)} as email from ${qualified(subject.metadata.schema, subject.object.table)} where id = ?`,
        [subject.recordId],
      )
    : [];
  if (!row?.email) throw new BadInput(['id'], 'This record has no e-mail address.');
  const name = (await readLabels(ctx.em, subject.metadata, subject.object, [subject.recordId])).get(
    subject.recordId,
  );
  const lines = matches.map(
    (m) => `- ${m.label} (${m.score}% match: ${m.matched.map((c) => c.label).join(', ')})`,
  );
  await queueMail(ctx.em, {
    workspaceId: subject.access.workspaceId,
    to: row.email,
    subject: `${matches.length === 1 ? 'A match' : `${matches.length} matches`} for what you are looking for`,
    text: [
      `Dear ${name ?? 'customer'},`,
      '',
      'These match what you told us you are looking for:',
      '',
      ...lines,
    ].join('\n'),
    fromRecord: {
      recordId: subject.recordId,
      senderUserId: subject.access.caller.user.id,
      templateId: null,
      timelineRecordIds: [subject.recordId],
    },
  });
  return matches.length;
}
