import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { recordAudit, actorOf } from '../audit/index.js';
import { requirePermission, type WorkspaceAccess } from '../identity/index.js';
import {
  dropHolderIndexSql,
  holderIndexSql,
  loadMetadata,
  type FieldDef,
  type ObjectDef,
  type WorkspaceMetadata,
} from '../metadata/index.js';
import { BadInput, NotFound, parseId } from '../platform/index.js';
import { type BuiltinProfile, type Profile } from './model.js';
import type { AccessContext } from './services.js';
import { loadAccessSnapshot, type AccessSnapshot } from './snapshot.js';
import { profileFromInput, refuse, type ProfileInput } from './validate.js';

/**
 * The admins' side of access: profiles, member assignments, teams and granting fields. Each
 * change is audited in its transaction and bumps the metadata version, so every process
 * rebuilds the workspace's schemas and scopes on the next request (no restart).
 */

interface Change {
  em: EntityManager;
  access: WorkspaceAccess;
  metadata: WorkspaceMetadata;
  snapshot: AccessSnapshot;
  /** Work that cannot run in a transaction (CREATE INDEX CONCURRENTLY), run after commit. */
  afterCommit(task: () => Promise<unknown>): void;
}

export async function changeAccess<T>(
  ctx: AccessContext,
  what: string,
  change: (
    c: Change,
  ) => Promise<{ result: T; targetIds?: string[]; targetNames?: string[]; details?: object }>,
): Promise<T> {
  const access = requirePermission(ctx, 'members.manage');
  const tasks: (() => Promise<unknown>)[] = [];
  const result = await ctx.em.transactional(async (em) => {
    // Serialises access changes of one workspace and moves every process to a new version.
    await em.execute('select id from workspace where id = ? for update', [access.workspaceId]);
    const metadata = await loadMetadata(em, access.workspaceId);
    const snapshot = await loadAccessSnapshot(em, metadata);
    const afterCommit = (task: () => Promise<unknown>) => void tasks.push(task);
    const done = await change({ em, access, metadata, snapshot, afterCommit });
    await em.execute('update workspace set metadata_version = metadata_version + 1 where id = ?', [
      access.workspaceId,
    ]);
    await recordAudit(em, {
      workspaceId: access.workspaceId,
      action: 'permissions.changed',
      by: actorOf(ctx),
      objectKey: 'permissions',
      targetIds: done.targetIds ?? [],
      targetNames: done.targetNames ?? [],
      details: { change: what, ...done.details },
    });
    return done.result;
  });
  for (const task of tasks) await task();
  await ctx.services.callers.forget({ workspaceId: access.workspaceId });
  await ctx.services.events.publish('workspace.metadata', access.workspaceId, {
    workspaceId: access.workspaceId,
  });
  return result;
}

/** A built-in profile's key or a custom profile's id, as the API names profiles. */
export function profileApiId(profile: Profile): string {
  return profile.builtin ?? profile.id!;
}

function findProfile(snapshot: AccessSnapshot, id: string, path: string[]): Profile {
  if (id === 'member' || id === 'viewer') return snapshot.builtin(id);
  const profile = snapshot.profiles.find((p) => p.id === id);
  if (!profile) throw new NotFound(`Permission profile ${id}`);
  void path;
  return profile;
}

export function saveProfile(ctx: AccessContext, id: string | null, input: ProfileInput): Promise<Profile> {
  return changeAccess(
    ctx,
    id ? 'profile.updated' : 'profile.created',
    async ({ em, access, metadata, snapshot }) => {
      const existing = id ? findProfile(snapshot, id, ['id']) : null;
      const builtin: BuiltinProfile | null = existing?.builtin ?? null;
      const profile = profileFromInput(metadata, input, { id: existing?.id ?? randomUUID(), builtin });
      const clash = snapshot.profiles.find(
        (p) => p.name.toLowerCase() === profile.name.toLowerCase() && p.id !== profile.id,
      );
      if (clash || ['owner', 'admin'].includes(profile.name.toLowerCase()))
        refuse([{ path: ['input', 'name'], message: `A profile named “${profile.name}” already exists.` }]);
      await em.execute(
        `insert into permission_profile (id, workspace_id, builtin, name, objects, default_object, fields)
       values (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb)
       on conflict (id) do update set name = excluded.name, objects = excluded.objects,
         default_object = excluded.default_object, fields = excluded.fields, updated_at = now()`,
        [
          profile.id,
          access.workspaceId,
          builtin,
          profile.name,
          JSON.stringify(profile.objects),
          JSON.stringify(profile.defaultObject),
          JSON.stringify(profile.fields),
        ],
      );
      return {
        result: profile,
        targetIds: [profileApiId(profile)],
        targetNames: [profile.name],
        details: { before: existing, after: profile },
      };
    },
  );
}

/** Members on a deleted profile fall back to their role's profile; built-ins reset to their defaults. */
export function deleteProfile(ctx: AccessContext, id: string): Promise<boolean> {
  return changeAccess(ctx, 'profile.deleted', async ({ em, access, snapshot }) => {
    const profile = findProfile(snapshot, id, ['id']);
    if (profile.id)
      await em.execute('delete from permission_profile where id = ? and workspace_id = ?', [
        profile.id,
        access.workspaceId,
      ]);
    return { result: true, targetIds: [id], targetNames: [profile.name], details: { before: profile } };
  });
}

/** `profileId` null: the member follows their role's built-in profile again. */
export function assignProfile(
  ctx: AccessContext,
  userId: string,
  profileId: string | null,
): Promise<boolean> {
  return changeAccess(ctx, 'member.profile_assigned', async ({ em, access, snapshot }) => {
    const user = parseId(['userId'], userId);
    const [member] = await em.execute<{ role: string }[]>(
      'select role from membership where workspace_id = ? and user_id = ?',
      [access.workspaceId, user],
    );
    if (!member) throw new NotFound(`Member ${userId}`);
    let profile: Profile | null = profileId ? findProfile(snapshot, profileId, ['profileId']) : null;
    if (profile && !profile.id) {
      // A built-in profile nobody edited yet gets its row now, so a member can point at it.
      profile = { ...profile, id: randomUUID() };
      await em.execute(
        `insert into permission_profile (id, workspace_id, builtin, name, objects, default_object, fields)
         values (?, ?, ?, ?, '{}', ?::jsonb, '{}')`,
        [
          profile.id,
          access.workspaceId,
          profile.builtin,
          profile.name,
          JSON.stringify(profile.defaultObject),
        ],
      );
    }
    await em.execute('delete from member_profile where workspace_id = ? and user_id = ?', [
      access.workspaceId,
      user,
    ]);
    if (profile)
      await em.execute('insert into member_profile (workspace_id, user_id, profile_id) values (?, ?, ?)', [
        access.workspaceId,
        user,
        profile.id,
      ]);
    return {
      result: true,
      targetIds: [user],
      details: { before: snapshot.assignedProfileId(user), after: profile?.id ?? null, role: member.role },
    };
  });
}

export interface TeamInput {
  name: string;
  parentId?: string | null;
  memberIds?: string[] | null;
}

/** A team whose parent chain comes back to itself is refused, naming the chain. */
function checkParent(snapshot: AccessSnapshot, teamId: string, parentId: string | null): void {
  if (!parentId) return;
  if (!snapshot.teams.has(parentId))
    throw new BadInput(['input', 'parentId'], `There is no team ${parentId}.`);
  const chain = [snapshot.teams.get(teamId)?.name ?? 'this team'];
  for (let id: string | null = parentId; id; id = snapshot.teams.get(id)?.parentId ?? null) {
    chain.push(snapshot.teams.get(id)!.name);
    if (id === teamId)
      refuse([{ path: ['input', 'parentId'], message: `That makes a loop of teams: ${chain.join(' → ')}.` }]);
  }
}

export function saveTeam(ctx: AccessContext, id: string | null, input: TeamInput): Promise<string> {
  return changeAccess(ctx, id ? 'team.updated' : 'team.created', async ({ em, access, snapshot }) => {
    const teamId = id ? parseId(['id'], id) : randomUUID();
    if (id && !snapshot.teams.has(teamId)) throw new NotFound(`Team ${id}`);
    const name = input.name.trim();
    if (!name || name.length > 80)
      refuse([{ path: ['input', 'name'], message: 'name: 1 to 80 characters.' }]);
    if (
      [...snapshot.teams.values()].some((t) => t.id !== teamId && t.name.toLowerCase() === name.toLowerCase())
    )
      refuse([{ path: ['input', 'name'], message: `A team named “${name}” already exists.` }]);
    const parentId = input.parentId ? parseId(['input', 'parentId'], input.parentId) : null;
    checkParent(snapshot, teamId, parentId);
    await em.execute(
      `insert into team (id, workspace_id, name, parent_id) values (?, ?, ?, ?)
       on conflict (id) do update set name = excluded.name, parent_id = excluded.parent_id`,
      [teamId, access.workspaceId, name, parentId],
    );
    if (input.memberIds) {
      const ids = input.memberIds.map((m, i) => parseId(['input', 'memberIds', String(i)], m));
      const members = await em.execute<{ user_id: string }[]>(
        'select user_id from membership where workspace_id = ? and user_id = any(?::uuid[])',
        [access.workspaceId, `{${ids.join(',')}}`],
      );
      const known = new Set(members.map((m) => m.user_id));
      refuse(
        ids.flatMap((m, i) =>
          known.has(m)
            ? []
            : [
                {
                  path: ['input', 'memberIds', String(i)],
                  message: `${m} is not a member of this workspace.`,
                },
              ],
        ),
      );
      await em.execute('delete from team_member where team_id = ?', [teamId]);
      for (const m of known)
        await em.execute('insert into team_member (team_id, user_id) values (?, ?)', [teamId, m]);
    }
    return {
      result: teamId,
      targetIds: [teamId],
      targetNames: [name],
      details: { parentId, memberIds: input.memberIds },
    };
  });
}

export function deleteTeam(ctx: AccessContext, id: string): Promise<boolean> {
  return changeAccess(ctx, 'team.deleted', async ({ em, access, snapshot }) => {
    const team = snapshot.teams.get(parseId(['id'], id));
    if (!team) throw new NotFound(`Team ${id}`);
    await em.execute('delete from team where id = ? and workspace_id = ?', [team.id, access.workspaceId]);
    return { result: true, targetIds: [team.id], targetNames: [team.name] };
  });
}

/**
 * Each granting field gets its holder index, as owner_id has, so a scoped read finds a member's
 * records by index. Built concurrently after commit: a plain CREATE INDEX in this transaction
 * would block every write to the object for the whole build (seconds on a million rows).
 */
function indexGrantingFields(
  em: EntityManager,
  schema: string,
  object: ObjectDef,
  before: readonly FieldDef[],
  after: readonly (FieldDef | undefined)[],
  afterCommit: Change['afterCommit'],
): void {
  const kept = new Set(after.map((f) => f?.column));
  const connection = em.getConnection();
  for (const field of after)
    if (field?.column) {
      const sql = holderIndexSql(schema, object.table, field.column, true);
      afterCommit(() => connection.execute(sql));
    }
  for (const field of before)
    if (field.column && !kept.has(field.column)) {
      const sql = dropHolderIndexSql(schema, object.table, field.column);
      afterCommit(() => connection.execute(sql));
    }
}

/** Which USER fields of an object make a record "own" for the member they name (besides owner). */
export function setGrantingFields(
  ctx: AccessContext,
  objectKey: string,
  fieldKeys: string[],
): Promise<boolean> {
  return changeAccess(ctx, 'granting_fields.set', async ({ em, access, metadata, snapshot, afterCommit }) => {
    const object = metadata.objects.find((o) => o.key === objectKey && !o.archivedAt);
    if (!object) throw new BadInput(['objectKey'], `There is no active object “${objectKey}”.`);
    const fields = fieldKeys.map((key) => object.fields.find((f) => f.key === key && !f.system));
    refuse(
      fieldKeys.flatMap((key, i) => {
        const field = fields[i];
        if (!field)
          return [
            { path: ['fieldKeys', String(i)], message: `${object.labelSingular} has no field “${key}”.` },
          ];
        if (field.archivedAt)
          return [{ path: ['fieldKeys', String(i)], message: `“${field.label}” is archived.` }];
        if (field.type !== 'USER')
          return [
            { path: ['fieldKeys', String(i)], message: `“${field.label}” is not a member (USER) field.` },
          ];
        return [];
      }),
    );
    await em.execute('delete from access_granting_field where workspace_id = ? and object_id = ?', [
      access.workspaceId,
      object.id,
    ]);
    for (const field of fields)
      await em.execute(
        'insert into access_granting_field (workspace_id, object_id, field_id) values (?, ?, ?)',
        [access.workspaceId, object.id, field!.id],
      );
    indexGrantingFields(em, metadata.schema, object, snapshot.grantingFieldsOf(object), fields, afterCommit);
    return {
      result: true,
      targetIds: [object.id],
      targetNames: [object.labelPlural],
      details: { fieldKeys },
    };
  });
}
