import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { actorOf, recordAudit } from '../audit/index.js';
import { requirePermission } from '../identity/index.js';
import { loadMetadata, qualified, type ObjectDef } from '../metadata/index.js';
import { BadInput, NotFound, parseId } from '../platform/index.js';
import { recordScopeOf } from './record-scope.js';
import type { AccessContext } from './services.js';
import { loadAccessSnapshot } from './snapshot.js';

/**
 * One record shared with a member or a team, to read or to edit. Shares are read by the scope's
 * SQL itself, so they count at once without a new metadata version. Admins share anything; a
 * member shares what they may update.
 */

export interface ShareRow {
  id: string;
  object_id: string;
  record_id: string;
  user_id: string | null;
  team_id: string | null;
  level: 'read' | 'edit';
}

export interface ShareInput {
  objectKey: string;
  recordId: string;
  userId?: string | null;
  teamId?: string | null;
  level: 'read' | 'edit';
}

async function reachableRecord(ctx: AccessContext, objectKey: string, recordId: string) {
  const access = requirePermission(ctx, 'records.write');
  const metadata = await loadMetadata(ctx.em, access.workspaceId);
  const object = metadata.objects.find((o) => o.key === objectKey && !o.archivedAt);
  if (!object) throw new BadInput(['input', 'objectKey'], `There is no active object “${objectKey}”.`);
  const id = parseId(['input', 'recordId'], recordId);
  const snapshot = await loadAccessSnapshot(ctx.em, metadata);
  const scope = recordScopeOf(snapshot, access.caller.user.id, access.role)?.rows(object, 'update', 't');
  const [row] = await ctx.em.execute<{ id: string }[]>(
    `select t.id from ${qualified(metadata.schema, object.table)} t where t.id = ? and (${scope?.sql ?? 'true'})`,
    [id, ...(scope?.params ?? [])],
  );
  if (!row) throw new NotFound(`${object.labelSingular} ${recordId}`);
  return { access, snapshot, object, id, schema: metadata.schema };
}

/**
 * Share-locks the record: a share change waits for a write of it in flight, and a write waits
 * for the share change, whose check then reads it (the store checks scope on the locked rows).
 */
async function waitForWrites(
  em: EntityManager,
  schema: string,
  object: ObjectDef,
  id: string,
): Promise<void> {
  await em.execute(`select 1 from ${qualified(schema, object.table)} where id = ? for share`, [id]);
}

export async function shareRecord(ctx: AccessContext, input: ShareInput): Promise<ShareRow> {
  const { access, snapshot, object, id, schema } = await reachableRecord(
    ctx,
    input.objectKey,
    input.recordId,
  );
  if (!input.userId === !input.teamId)
    throw new BadInput(['input', 'userId'], 'Share with one member (userId) or one team (teamId).');
  const userId = input.userId ? parseId(['input', 'userId'], input.userId) : null;
  const teamId = input.teamId ? parseId(['input', 'teamId'], input.teamId) : null;
  if (teamId && !snapshot.teams.has(teamId))
    throw new BadInput(['input', 'teamId'], `There is no team ${teamId}.`);
  if (userId) {
    const [member] = await ctx.em.execute('select 1 from membership where workspace_id = ? and user_id = ?', [
      access.workspaceId,
      userId,
    ]);
    if (!member) throw new BadInput(['input', 'userId'], `${userId} is not a member of this workspace.`);
  }
  return ctx.em.transactional(async (em) => {
    await waitForWrites(em, schema, object, id);
    const [row] = await em.execute<ShareRow[]>(
      `insert into record_share (id, workspace_id, object_id, record_id, user_id, team_id, level, created_by)
       values (?, ?, ?, ?, ?, ?, ?, ?)
       on conflict (record_id, coalesce(user_id, team_id)) do update set level = excluded.level
       returning id, object_id, record_id, user_id, team_id, level`,
      [randomUUID(), access.workspaceId, object.id, id, userId, teamId, input.level, access.caller.user.id],
    );
    await audit(ctx, em, object, id, { shared: { userId, teamId, level: input.level } });
    return row!;
  });
}

export async function unshareRecord(ctx: AccessContext, shareId: string): Promise<boolean> {
  const access = requirePermission(ctx, 'records.write');
  const [share] = await ctx.em.execute<ShareRow[]>(
    'select id, object_id, record_id, user_id, team_id, level from record_share where id = ? and workspace_id = ?',
    [parseId(['shareId'], shareId), access.workspaceId],
  );
  if (!share) throw new NotFound(`Share ${shareId}`);
  const metadata = await loadMetadata(ctx.em, access.workspaceId);
  const object = metadata.objects.find((o) => o.id === share.object_id);
  if (!object) throw new NotFound(`Share ${shareId}`);
  await reachableRecord(ctx, object.key, share.record_id);
  await ctx.em.transactional(async (em) => {
    await waitForWrites(em, metadata.schema, object, share.record_id);
    await em.execute('delete from record_share where id = ?', [share.id]);
    await audit(ctx, em, object, share.record_id, { unshared: share });
  });
  return true;
}

export async function recordShares(
  ctx: AccessContext,
  objectKey: string,
  recordId: string,
): Promise<ShareRow[]> {
  const { object, id } = await reachableRecord(ctx, objectKey, recordId);
  return ctx.em.execute<ShareRow[]>(
    'select id, object_id, record_id, user_id, team_id, level from record_share where object_id = ? and record_id = ? order by created_at',
    [object.id, id],
  );
}

function audit(
  ctx: AccessContext,
  em: AccessContext['em'],
  object: ObjectDef,
  recordId: string,
  details: object,
) {
  return recordAudit(em, {
    workspaceId: ctx.caller!.workspace!.id,
    action: 'record.shared',
    by: actorOf(ctx),
    objectKey: object.key,
    targetIds: [recordId],
    details: details as Record<string, unknown>,
  });
}
