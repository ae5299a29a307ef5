import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { requirePermission } from '../../identity/index.js';
import { loadMetadata, type WorkspaceMetadata } from '../../metadata/index.js';
import {
  assignProfile,
  deleteProfile,
  deleteTeam,
  profileApiId,
  saveProfile,
  saveTeam,
  setGrantingFields,
} from '../admin.js';
import type { Profile } from '../model.js';
import type { AccessContext } from '../services.js';
import { recordShares, shareRecord, unshareRecord, type ShareRow } from '../shares.js';
import { loadAccessSnapshot, type AccessSnapshot } from '../snapshot.js';
import {
  GrantingFieldsType,
  MemberProfileType,
  PermissionProfileInput,
  PermissionProfileType,
  RecordShareType,
  ShareRecordInput,
  TeamInput,
  TeamType,
} from './types.js';

async function readAccess(
  ctx: AccessContext,
): Promise<{ metadata: WorkspaceMetadata; snapshot: AccessSnapshot }> {
  const { workspaceId } = requirePermission(ctx, 'members.manage');
  const metadata = await loadMetadata(ctx.em, workspaceId);
  return { metadata, snapshot: await loadAccessSnapshot(ctx.em, metadata) };
}

function toProfile(metadata: WorkspaceMetadata, profile: Profile): PermissionProfileType {
  const objectKey = (id: string) => metadata.objects.find((o) => o.id === id)?.key;
  return {
    id: profileApiId(profile),
    builtin: profile.builtin,
    name: profile.name,
    defaultObject: profile.defaultObject,
    objects: Object.entries(profile.objects).flatMap(([id, rule]) => {
      const key = objectKey(id);
      return key ? [{ objectKey: key, ...rule }] : [];
    }),
    fields: Object.entries(profile.fields).flatMap(([id, access]) => {
      for (const object of metadata.objects) {
        const field = object.fields.find((f) => f.id === id);
        if (field) return [{ objectKey: object.key, fieldKey: field.key, access }];
      }
      return [];
    }),
  };
}

const toShare = (row: ShareRow): RecordShareType => ({
  id: row.id,
  recordId: row.record_id,
  userId: row.user_id,
  teamId: row.team_id,
  level: row.level,
});

@Resolver()
export class AccessResolver {
  @Query(() => [PermissionProfileType], {
    description: 'The workspace’s permission profiles, built-in ones first (admins).',
  })
  async permissionProfiles(@Ctx() ctx: AccessContext): Promise<PermissionProfileType[]> {
    const { metadata, snapshot } = await readAccess(ctx);
    const custom = snapshot.profiles.filter((p) => !p.builtin);
    return [snapshot.builtin('member'), snapshot.builtin('viewer'), ...custom].map((p) =>
      toProfile(metadata, p),
    );
  }

  @Query(() => [MemberProfileType], {
    description: 'Members with a profile other than their role’s (admins).',
  })
  async memberProfiles(@Ctx() ctx: AccessContext): Promise<MemberProfileType[]> {
    const { workspaceId } = requirePermission(ctx, 'members.manage');
    const rows = await ctx.em.execute<{ user_id: string; profile_id: string; builtin: string | null }[]>(
      `select mp.user_id, mp.profile_id, p.builtin from member_profile mp
       join permission_profile p on p.id = mp.profile_id where mp.workspace_id = ?`,
      [workspaceId],
    );
    return rows.map((r) => ({ userId: r.user_id, profileId: r.builtin ?? r.profile_id }));
  }

  @Query(() => [TeamType], { description: 'The workspace’s teams (admins).' })
  async teams(@Ctx() ctx: AccessContext): Promise<TeamType[]> {
    const { snapshot } = await readAccess(ctx);
    return [...snapshot.teams.values()];
  }

  @Query(() => [GrantingFieldsType], {
    description: 'USER fields that make a record “own” besides its owner (admins).',
  })
  async grantingFields(@Ctx() ctx: AccessContext): Promise<GrantingFieldsType[]> {
    const { metadata, snapshot } = await readAccess(ctx);
    return metadata.objects.flatMap((object) => {
      const fields = snapshot.grantingFieldsOf(object);
      return fields.length ? [{ objectKey: object.key, fieldKeys: fields.map((f) => f.key) }] : [];
    });
  }

  @Query(() => [RecordShareType], {
    description: 'Who a record is shared with (admins, or members who may edit it).',
  })
  async recordShares(
    @Arg('objectKey', () => String) objectKey: string,
    @Arg('recordId', () => ID) recordId: string,
    @Ctx() ctx: AccessContext,
  ): Promise<RecordShareType[]> {
    return (await recordShares(ctx, objectKey, recordId)).map(toShare);
  }

  @Mutation(() => PermissionProfileType, {
    description:
      'Creates a profile (no id) or replaces one ("member", "viewer" or a custom id); audited, live at once.',
  })
  async savePermissionProfile(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('input', () => PermissionProfileInput) input: PermissionProfileInput,
    @Ctx() ctx: AccessContext,
  ): Promise<PermissionProfileType> {
    const profile = await saveProfile(ctx, id, input);
    return toProfile(await loadMetadata(ctx.em, ctx.caller!.workspace!.id), profile);
  }

  @Mutation(() => Boolean, {
    description: 'Deletes a custom profile (its members fall back to their role’s) or resets a built-in one.',
  })
  deletePermissionProfile(@Arg('id', () => ID) id: string, @Ctx() ctx: AccessContext): Promise<boolean> {
    return deleteProfile(ctx, id);
  }

  @Mutation(() => Boolean, {
    description: 'Puts a member on a profile; null: back to their role’s built-in profile.',
  })
  assignMemberProfile(
    @Arg('userId', () => ID) userId: string,
    @Arg('profileId', () => ID, { nullable: true }) profileId: string | null,
    @Ctx() ctx: AccessContext,
  ): Promise<boolean> {
    return assignProfile(ctx, userId, profileId);
  }

  @Mutation(() => TeamType, {
    description: 'Creates (no id) or changes a team; a parent that makes a loop is refused.',
  })
  async saveTeam(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('input', () => TeamInput) input: TeamInput,
    @Ctx() ctx: AccessContext,
  ): Promise<TeamType> {
    const teamId = await saveTeam(ctx, id, input);
    const { snapshot } = await readAccess(ctx);
    return snapshot.teams.get(teamId)!;
  }

  @Mutation(() => Boolean)
  deleteTeam(@Arg('id', () => ID) id: string, @Ctx() ctx: AccessContext): Promise<boolean> {
    return deleteTeam(ctx, id);
  }

  @Mutation(() => Boolean, {
    description: 'Sets the USER fields of an object that grant access like its owner.',
  })
  setGrantingFields(
    @Arg('objectKey', () => String) objectKey: string,
    @Arg('fieldKeys', () => [String]) fieldKeys: string[],
    @Ctx() ctx: AccessContext,
  ): Promise<boolean> {
    return setGrantingFields(ctx, objectKey, fieldKeys);
  }

  @Mutation(() => RecordShareType, {
    description: 'Shares one record with a member or a team, to read or edit.',
  })
  async shareRecord(
    @Arg('input', () => ShareRecordInput) input: ShareRecordInput,
    @Ctx() ctx: AccessContext,
  ): Promise<RecordShareType> {
    return toShare(await shareRecord(ctx, input));
  }

  @Mutation(() => Boolean)
  unshareRecord(@Arg('id', () => ID) id: string, @Ctx() ctx: AccessContext): Promise<boolean> {
    return unshareRecord(ctx, id);
  }
}
