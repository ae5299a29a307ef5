import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Arg, Ctx, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { Conflict, parseId } from '../../platform/index.js';
import type { MemberEvent } from '../topics.js';
import { requireCaller, requirePermission, requireSessionCaller } from '../access.js';
import { acceptInvitationIn, inviteMember, pendingInvitations, revokeInvitation } from '../invitations.js';
import type { IdentityContext } from '../context.js';
import { findMember, listMembers, removeMember, setMemberAway, updateMemberRole } from '../members.js';
import { createWorkspace, currentWorkspace, deleteWorkspace, renameWorkspace } from '../workspaces.js';
import {
  CreateWorkspaceInput,
  InviteMemberInput,
  UpdateMemberRoleInput,
  UpdateWorkspaceInput,
} from './inputs.js';
import { toInvitation, toMember } from './mappers.js';
import {
  CreatedInvitationType,
  InvitationType,
  MemberEventType,
  MemberType,
  WorkspaceType,
} from './types.js';
import { Membership, User } from '../entities/index.js';

@Resolver()
export class WorkspaceResolver {
  @Query(() => WorkspaceType, { description: 'The workspace this request works in.' })
  async workspace(@Ctx() ctx: IdentityContext): Promise<WorkspaceType> {
    return currentWorkspace(ctx);
  }

  @Query(() => [MemberType])
  async members(@Ctx() ctx: IdentityContext): Promise<MemberType[]> {
    return (await listMembers(ctx)).map(toMember);
  }

  @Query(() => [InvitationType], { description: 'Pending invitations (admins).' })
  async invitations(@Ctx() ctx: IdentityContext): Promise<InvitationType[]> {
    return (await pendingInvitations(ctx)).map(toInvitation);
  }

  @Mutation(() => WorkspaceType, {
    description: 'Creates a workspace owned by the caller, optionally with a template and its sample data.',
  })
  async createWorkspace(
    @Arg('input', () => CreateWorkspaceInput) input: CreateWorkspaceInput,
    @Arg('template', () => String, { nullable: true, description: 'The same as input.template.' })
    template: string | null,
    @Ctx() ctx: IdentityContext,
  ): Promise<WorkspaceType> {
    const key = input.template ?? template;
    const path = input.template ? ['input', 'template'] : ['template'];
    return createWorkspace(ctx, input.name, key ? { key, path } : undefined);
  }

  @Mutation(() => WorkspaceType, { description: 'Renames the current workspace (admins).' })
  async updateWorkspace(
    @Arg('input', () => UpdateWorkspaceInput) input: UpdateWorkspaceInput,
    @Ctx() ctx: IdentityContext,
  ): Promise<WorkspaceType> {
    return renameWorkspace(ctx, input.name);
  }

  @Mutation(() => Boolean, { description: 'Deletes the current workspace and all its data (owners).' })
  async deleteWorkspace(
    @Arg('confirmName', () => String) confirmName: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<boolean> {
    return deleteWorkspace(ctx, confirmName);
  }

  @Mutation(() => CreatedInvitationType, {
    description: 'Invites an e-mail to the current workspace (admins).',
  })
  async inviteMember(
    @Arg('input', () => InviteMemberInput) input: InviteMemberInput,
    @Ctx() ctx: IdentityContext,
  ): Promise<CreatedInvitationType> {
    const { token, invitation } = await inviteMember(ctx, input);
    return { token, invitation: toInvitation(invitation) };
  }

  @Mutation(() => Boolean)
  async revokeInvitation(@Arg('id', () => ID) id: string, @Ctx() ctx: IdentityContext): Promise<boolean> {
    return revokeInvitation(ctx, parseId('id', id));
  }

  @Mutation(() => WorkspaceType, { description: 'Joins the workspace of an invitation sent to your e-mail.' })
  async acceptInvitation(
    @Arg('token', () => String) token: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<WorkspaceType> {
    const caller = requireSessionCaller(ctx, 'invitation.accept');
    const workspace = await ctx.em
      .transactional(async (em) => {
        const user = em.getReference(User, caller.user.id);
        const joined = await acceptInvitationIn(em, user, token, ['token'], caller.user.email);
        await ctx.services.audit.record(em, ctx, {
          workspaceId: joined.id,
          action: 'member.joined',
          objectKey: 'member',
          targetIds: [caller.user.id],
          targetNames: [caller.user.name],
        });
        return joined;
      })
      .catch((error: unknown) => {
        // Two invitations to one workspace accepted at once: the membership's unique key decides.
        if (error instanceof UniqueConstraintViolationException) {
          throw new Conflict('You are already a member of this workspace.');
        }
        throw error;
      });
    await ctx.services.events.publish('workspace.members', workspace.id, {
      kind: 'ADDED',
      userId: caller.user.id,
    });
    return workspace;
  }

  @Mutation(() => MemberType, {
    description:
      'Marks a member away or back (themselves, or anyone for admins): round-robin passes the away over.',
  })
  async setMemberAway(
    @Arg('userId', () => ID) userId: string,
    @Arg('away', () => Boolean) away: boolean,
    @Ctx() ctx: IdentityContext,
  ): Promise<MemberType> {
    return toMember(await setMemberAway(ctx, parseId('userId', userId), away));
  }

  @Mutation(() => MemberType, { description: 'Changes a member’s role (admins; owners for the owner role).' })
  async updateMemberRole(
    @Arg('input', () => UpdateMemberRoleInput) input: UpdateMemberRoleInput,
    @Ctx() ctx: IdentityContext,
  ): Promise<MemberType> {
    return toMember(await updateMemberRole(ctx, input.userId.toLowerCase(), input.role));
  }

  @Mutation(() => Boolean, { description: 'Removes a member (admins) and revokes their API tokens here.' })
  async removeMember(@Arg('userId', () => ID) userId: string, @Ctx() ctx: IdentityContext): Promise<boolean> {
    return removeMember(ctx, parseId('userId', userId));
  }

  @Mutation(() => Boolean, { description: 'Leaves the current workspace.' })
  async leaveWorkspace(@Ctx() ctx: IdentityContext): Promise<boolean> {
    return removeMember(ctx, requireCaller(ctx).user.id);
  }

  @Subscription(() => MemberEventType, {
    description: 'Members joining, changing role or leaving the current workspace.',
    subscribe: ({ context }) => {
      const ctx = context as IdentityContext;
      const access = requirePermission(ctx, 'members.read');
      return whileMember(
        ctx,
        access.workspaceId,
        ctx.services.events.subscribe('workspace.members', access.workspaceId),
      );
    },
  })
  async memberChanged(@Root() event: MemberEvent, @Ctx() ctx: IdentityContext): Promise<MemberEventType> {
    const member =
      event.kind === 'REMOVED'
        ? null
        : await findMember(
            { ...ctx, em: ctx.em.fork() },
            requirePermission(ctx, 'members.read').workspaceId,
            event.userId,
          );
    return { kind: event.kind, userId: event.userId, member: member ? toMember(member) : null };
  }
}

/** Ends a subscription as soon as its subscriber is no longer a member of the workspace. */
async function* whileMember<T>(
  ctx: IdentityContext,
  workspaceId: string,
  source: AsyncIterable<T>,
): AsyncGenerator<T> {
  const userId = requireCaller(ctx).user.id;
  for await (const event of source) {
    if (!(await ctx.em.fork().count(Membership, { workspace: workspaceId, user: userId }))) return;
    yield event;
  }
}
