import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import {
  requestEmailVerification,
  requestPasswordReset,
  resetPassword,
  verifyEmail,
} from '../account-links.js';
import { setLanguage, setTimeZone, signIn, signOut, signUp } from '../accounts.js';
import type { IdentityContext } from '../context.js';
import { User, Workspace } from '../entities/index.js';
import { twoFactorEnabled as twoFactorOn } from '../two-factor.js';
import { myMemberships } from '../workspaces.js';
import { SignInInput, SignUpInput } from './inputs.js';
import { toMembership } from './mappers.js';
import { AuthPayloadType, MeType } from './types.js';

@Resolver()
export class AuthResolver {
  @Query(() => MeType, { nullable: true, description: 'The caller, or null when signed out.' })
  async me(@Ctx() ctx: IdentityContext): Promise<MeType | null> {
    if (!ctx.caller) return null;
    const memberships = await myMemberships(ctx);
    const current = ctx.caller.workspace;
    const twoFactorEnabled = await twoFactorOn(ctx.em, ctx.caller.user.id);
    return {
      twoFactorEnabled,
      twoFactorRequired: Boolean(current?.twoFactorMissing) && !twoFactorEnabled,
      user: ctx.caller.user,
      memberships: memberships.map(toMembership),
      currentWorkspace: current ? await ctx.em.findOne(Workspace, { id: current.id }) : null,
      role: current?.role ?? null,
      authenticatedBy: ctx.caller.via,
      timeZone: ctx.caller.user.timeZone ?? null,
      language: ctx.caller.user.language ?? null,
      // Read fresh: cached callers do not carry it.
      emailVerified: Boolean(
        (
          await ctx.em.findOne(
            User,
            { id: ctx.caller.user.id },
            { fields: ['emailVerifiedAt'], disableIdentityMap: true },
          )
        )?.emailVerifiedAt,
      ),
    };
  }

  @Mutation(() => String, {
    description:
      'Sets the caller’s time zone (an IANA name such as Europe/Paris); returns its canonical name.',
  })
  setTimeZone(@Arg('timeZone', () => String) timeZone: string, @Ctx() ctx: IdentityContext): Promise<string> {
    return setTimeZone(ctx, timeZone);
  }

  @Mutation(() => String, {
    description:
      'Sets the caller’s interface language (en, de, it or zh); metadata labels are answered in it. Returns the language.',
  })
  setLanguage(@Arg('language', () => String) language: string, @Ctx() ctx: IdentityContext): Promise<string> {
    return setLanguage(ctx, language);
  }

  @Mutation(() => AuthPayloadType, {
    description: 'Creates an account and its first workspace (or joins by invitation) and signs in.',
  })
  async signUp(
    @Arg('input', () => SignUpInput) input: SignUpInput,
    @Arg('template', () => String, { nullable: true, description: 'The same as input.template.' })
    template: string | null,
    @Ctx() ctx: IdentityContext,
  ): Promise<AuthPayloadType> {
    return signUp(ctx, { ...input, template: input.template ?? template ?? undefined });
  }

  @Mutation(() => AuthPayloadType, { description: 'Signs in and sets the session cookie.' })
  async signIn(
    @Arg('input', () => SignInInput) input: SignInInput,
    @Ctx() ctx: IdentityContext,
  ): Promise<AuthPayloadType> {
    return ctx.services.audit.signIn(ctx, { email: input.email }, () =>
      signIn(ctx, input.email, input.password),
    );
  }

  @Mutation(() => Boolean, { description: 'Ends this browser session; true if there was one.' })
  async signOut(@Ctx() ctx: IdentityContext): Promise<boolean> {
    return signOut(ctx);
  }

  @Mutation(() => Boolean, {
    description:
      'Mails a password reset link if the address has an account; answers true either way (it never tells).',
  })
  requestPasswordReset(
    @Arg('email', () => String) email: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<boolean> {
    return requestPasswordReset(ctx, email.slice(0, 320));
  }

  @Mutation(() => Boolean, {
    description: 'Sets a new password with a reset link’s token (once) and signs out every session.',
  })
  resetPassword(
    @Arg('token', () => String) token: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<boolean> {
    return resetPassword(ctx, token.slice(0, 200), password.slice(0, 200));
  }

  @Mutation(() => Boolean, { description: 'Mails you a link that confirms your address.' })
  requestEmailVerification(@Ctx() ctx: IdentityContext): Promise<boolean> {
    return requestEmailVerification(ctx);
  }

  @Mutation(() => Boolean, { description: 'Confirms an address with a verification link’s token (once).' })
  verifyEmail(@Arg('token', () => String) token: string, @Ctx() ctx: IdentityContext): Promise<boolean> {
    return verifyEmail(ctx, token.slice(0, 200));
  }
}
