import { JSONResolver } from 'graphql-scalars';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { IdentityContext } from '../context.js';
import {
  addPasskey,
  myPasskeys,
  passkeyRegistrationOptions,
  passkeySignInOptions,
  removePasskey,
  renamePasskey,
  signInWithPasskey,
} from '../passkeys/index.js';
import { AuthPayloadType, PasskeyType } from './types.js';

/**
 * Passkeys: each ceremony is an options mutation (its challenge is kept server-side, once, for
 * five minutes), the browser's WebAuthn call, and a mutation taking the browser's JSON answer.
 */
@Resolver()
export class PasskeyResolver {
  @Query(() => [PasskeyType], { description: 'Your passkeys, the newest first.' })
  myPasskeys(@Ctx() ctx: IdentityContext): Promise<PasskeyType[]> {
    return myPasskeys(ctx);
  }

  @Mutation(() => JSONResolver, {
    description:
      'Options for navigator.credentials.create (PublicKeyCredentialCreationOptionsJSON) to add a passkey; pass them to @simplewebauthn/browser startRegistration.',
  })
  passkeyRegistrationOptions(@Ctx() ctx: IdentityContext): Promise<unknown> {
    return passkeyRegistrationOptions(ctx);
  }

  @Mutation(() => PasskeyType, {
    description:
      'Keeps the passkey the browser created for the options just issued (RegistrationResponseJSON).',
  })
  addPasskey(
    @Arg('response', () => JSONResolver) response: unknown,
    @Arg('name', () => String) name: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<PasskeyType> {
    return addPasskey(ctx, response, name.slice(0, 400));
  }

  @Mutation(() => PasskeyType)
  renamePasskey(
    @Arg('id', () => ID) id: string,
    @Arg('name', () => String) name: string,
    @Ctx() ctx: IdentityContext,
  ): Promise<PasskeyType> {
    return renamePasskey(ctx, id, name.slice(0, 400));
  }

  @Mutation(() => Boolean, { description: 'Removes one of your passkeys: it signs in no more.' })
  removePasskey(@Arg('id', () => ID) id: string, @Ctx() ctx: IdentityContext): Promise<boolean> {
    return removePasskey(ctx, id);
  }

  @Mutation(() => JSONResolver, {
    description:
      'Options for navigator.credentials.get (PublicKeyCredentialRequestOptionsJSON), naming no account: any passkey of this site may answer.',
  })
  passkeySignInOptions(@Ctx() ctx: IdentityContext): Promise<unknown> {
    return passkeySignInOptions(ctx);
  }

  @Mutation(() => AuthPayloadType, {
    description:
      'Signs in with the browser’s answer (AuthenticationResponseJSON) and sets the session cookie; it meets a workspace’s two-factor demand.',
  })
  signInWithPasskey(
    @Arg('response', () => JSONResolver) response: unknown,
    @Ctx() ctx: IdentityContext,
  ): Promise<AuthPayloadType> {
    const credentialId = (response as { id?: unknown } | null)?.id;
    const account = {
      passkeyCredentialId: typeof credentialId === 'string' ? credentialId.slice(0, 1400) : '',
    };
    return ctx.services.audit.signIn(ctx, account, () => signInWithPasskey(ctx, response));
  }
}
