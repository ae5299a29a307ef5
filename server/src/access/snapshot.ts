import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../identity/index.js';
import type { FieldDef, ObjectDef, WorkspaceMetadata } from '../metadata/index.js';
import { readTogether } from '../platform/index.js';
import { defaultBuiltin, type BuiltinProfile, type ObjectRule, type Profile, type Team } from './model.js';

interface ProfileRow {
  id: string;
  builtin: BuiltinProfile | null;
  name: string;
  objects: Record<string, ObjectRule>;
  default_object: ObjectRule;
  fields: Profile['fields'];
}

/** The teams a member reaches: their own and every team below them, and those teams' members. */
export interface TeamReach {
  teamIds: string[];
  /** The member and everyone in `teamIds`. */
  memberIds: string[];
}

/**
 * A workspace's profiles, member assignments, teams and granting fields, read once per
 * metadata version: every change to them bumps the version, so the snapshot is never stale.
 */
export class AccessSnapshot {
  private readonly reach = new Map<string, TeamReach>();

  constructor(
    readonly workspaceId: string,
    readonly profiles: Profile[],
    private readonly assigned: Map<string, string>,
    readonly teams: Map<string, Team>,
    /** Object id → the USER fields that make a record the caller's own besides `owner`. */
    readonly grantingFields: Map<string, string[]>,
  ) {}

  builtin(which: BuiltinProfile): Profile {
    return this.profiles.find((p) => p.builtin === which) ?? defaultBuiltin(which);
  }

  /** The profile that applies to a member with `role`; null for owners and admins (everything). */
  profileOf(userId: string, role: Role): Profile | null {
    if (role === Role.OWNER || role === Role.ADMIN) return null;
    const id = this.assigned.get(userId);
    const profile = id ? this.profiles.find((p) => p.id === id) : undefined;
    return profile ?? this.builtin(role === Role.VIEWER ? 'viewer' : 'member');
  }

  assignedProfileId(userId: string): string | null {
    return this.assigned.get(userId) ?? null;
  }

  teamReach(userId: string): TeamReach {
    let reach = this.reach.get(userId);
    if (!reach) {
      const teamIds = new Set<string>();
      const visit = (id: string) => {
        if (teamIds.has(id)) return;
        teamIds.add(id);
        for (const team of this.teams.values()) if (team.parentId === id) visit(team.id);
      };
      for (const team of this.teams.values()) if (team.memberIds.includes(userId)) visit(team.id);
      const memberIds = new Set([userId]);
      for (const id of teamIds) for (const member of this.teams.get(id)!.memberIds) memberIds.add(member);
      reach = { teamIds: [...teamIds], memberIds: [...memberIds] };
      this.reach.set(userId, reach);
    }
    return reach;
  }

  /** The granting USER fields of `object` that are still active. */
  grantingFieldsOf(object: ObjectDef): FieldDef[] {
    const ids = this.grantingFields.get(object.id);
    if (!ids) return [];
    return object.fields.filter((f) => ids.includes(f.id) && !f.archivedAt && f.column);
  }
}

export async function loadAccessSnapshot(
  em: Pick<EntityManager, 'execute' | 'isInTransaction'>,
  metadata: WorkspaceMetadata,
): Promise<AccessSnapshot> {
  const workspaceId = metadata.workspaceId;
  const [profiles, assigned, teams, members, granting] = await readTogether(em, [
    () =>
      em.execute<ProfileRow[]>(
        'select id, builtin, name, objects, default_object, fields from permission_profile where workspace_id = ? order by name',
        [workspaceId],
      ),
    () =>
      em.execute<{ user_id: string; profile_id: string }[]>(
        'select user_id, profile_id from member_profile where workspace_id = ?',
        [workspaceId],
      ),
    () =>
      em.execute<{ id: string; name: string; parent_id: string | null }[]>(
        'select id, name, parent_id from team where workspace_id = ? order by name',
        [workspaceId],
      ),
    () =>
      em.execute<{ team_id: string; user_id: string }[]>(
        'select tm.team_id, tm.user_id from team_member tm join team t on t.id = tm.team_id where t.workspace_id = ?',
        [workspaceId],
      ),
    () =>
      em.execute<{ object_id: string; field_id: string }[]>(
        'select object_id, field_id from access_granting_field where workspace_id = ?',
        [workspaceId],
      ),
  ]);
  const teamMap = new Map<string, Team>(
    teams.map((t) => [t.id, { id: t.id, name: t.name, parentId: t.parent_id, memberIds: [] }]),
  );
  for (const m of members) teamMap.get(m.team_id)?.memberIds.push(m.user_id);
  const grantingFields = new Map<string, string[]>();
  for (const g of granting)
    grantingFields.set(g.object_id, [...(grantingFields.get(g.object_id) ?? []), g.field_id]);
  return new AccessSnapshot(
    workspaceId,
    profiles.map((p) => ({
      id: p.id,
      builtin: p.builtin,
      name: p.name,
      objects: p.objects,
      defaultObject: p.default_object,
      fields: p.fields,
    })),
    new Map(assigned.map((a) => [a.user_id, a.profile_id])),
    teamMap,
    grantingFields,
  );
}
