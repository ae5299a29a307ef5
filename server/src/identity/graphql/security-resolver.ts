import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { IdentityContext } from '../context.js';
import { signInWithCode } from '../accounts.js';
import { mySessions, signOutOtherSessions, signOutSession } from '../sessions.js';
import {
  confirmTwoFactor,
  disableTwoFactor,
  startTwoFactorSetup,
  unusedRecoveryCodes,
} from '../two-factor.js';
import { requireSessionCaller } from '../access.js';
import { setRequireTwoFactor } from '../workspaces.js';
import { AuthPayloadType, SessionType, TwoFactorSetupType, WorkspaceType } from './types.js';

/** Sign-in security: two-factor sign-in, its enforcement per workspace, and the session list. */
@Resolver()
export class SecurityResolver {
  @Mutation(() => AuthPayloadType, {
    description: 'The second step of a two-factor sign-in: a code from the app, or a recovery code (once).',
  })
  signInWithCode(
    @Arg('token', () => String) token: string,
    @Arg('code', () => String) code: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<AuthPayloadType> {
    const pendingToken = token.slice(0, 200);
    return ctx.services.audit.signIn(ctx, { pendingToken }, () =>
      signInWithCode(ctx, pendingToken, code.slice(0, 40)),
    );
  }

  @Mutation(() => TwoFactorSetupType, {
    description:
      'Issues a new authenticator secret; two-factor is on only once confirmTwoFactor accepts a code.',
  })
  startTwoFactorSetup(@Ctx() ctx: IdentityContext): Promise<TwoFactorSetupType> {
    return startTwoFactorSetup(ctx);
  }

  @Mutation(() => [String], {
    description:
      'Switches two-factor on with a code from the new secret; answers 10 recovery codes, shown this once.',
  })
  confirmTwoFactor(@Arg('code', () => String) code: string, @Ctx() ctx: IdentityContext): Promise<string[]> {
    return confirmTwoFactor(ctx, code.slice(0, 40));
  }

  @Mutation(() => Boolean, { description: 'Turns two-factor off, with a current code or your password.' })
  disableTwoFactor(
    @Arg('code', () => String, { nullable: true }) code: string | null,
    @Arg('password', () => String, { nullable: true }) password: string | null,
    @Ctx() ctx: IdentityContext,
  ): Promise<boolean> {
    return disableTwoFactor(ctx, { code: code?.slice(0, 40), password: password?.slice(0, 200) });
  }

  @Query(() => Int, { description: 'How many of your recovery codes are still unused.' })
  recoveryCodesLeft(@Ctx() ctx: IdentityContext): Promise<number> {
    const caller = requireSessionCaller(ctx, 'account.security');
    return unusedRecoveryCodes(ctx.em, caller.user.id);
  }

  @Query(() => [SessionType], { description: 'Your signed-in sessions, the most recently used first.' })
  mySessions(@Ctx() ctx: IdentityContext): Promise<SessionType[]> {
    return mySessions(ctx);
  }

  @Mutation(() => Boolean, { description: 'Signs one of your sessions out; its open connections close.' })
  signOutSession(@Arg('id', () => ID) id: string, @Ctx() ctx: IdentityContext): Promise<boolean> {
    return signOutSession(ctx, id);
  }

  @Mutation(() => Int, { description: 'Signs out every session but this one; answers how many ended.' })
  signOutOtherSessions(@Ctx() ctx: IdentityContext): Promise<number> {
    return signOutOtherSessions(ctx);
  }

  @Mutation(() => WorkspaceType, {
    description: 'Requires two-factor sign-in of every member of the current workspace, or stops (admins).',
  })
  setRequireTwoFactor(
    @Arg('required', () => Boolean) required: boolean,
    @Ctx() ctx: IdentityContext,
  ): Promise<WorkspaceType> {
    return setRequireTwoFactor(ctx, required);
  }
}
