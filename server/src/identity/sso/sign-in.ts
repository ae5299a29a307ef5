import type { EntityManager } from '@mikro-orm/postgresql';
import { queryRows } from '../../platform/index.js';
import { normaliseEmail, startSession } from '../accounts.js';
import type { IdentityContext } from '../context.js';
import { Membership, User, Workspace } from '../entities/index.js';
import { noPassword } from '../password.js';
import { hashSecret, newSecret } from '../secret-token.js';
import { loadProvider, workspaceForEmail } from './connection.js';
import { authorizationRequest, discover, redeemCallback } from './provider.js';

/** Between the redirect to the provider and its callback: long enough to type a password and a code. */
export const flowMinutes = 10;

/**
 * Why a single sign-on did not sign anyone in. The code travels in the redirect back to the
 * sign-in page (`?ssoError=<code>`), which says it in words.
 */
export type SsoRefusalCode =
  | 'no-workspace'
  | 'domain-not-allowed'
  | 'email-not-verified'
  | 'expired'
  | 'provider-error'
  | 'rate-limited';

export class SsoRefusal extends Error {
  constructor(
    readonly code: SsoRefusalCode,
    readonly detail?: string,
  ) {
    super(`single sign-on refused: ${code}${detail ? ` (${detail})` : ''}`);
  }
}

export interface StartedSso {
  /** Where to send the browser: the provider's authorization endpoint. */
  url: string;
  /** The secret of this sign-in in flight, kept in the browser's short-lived cookie. */
  flowSecret: string;
}

/**
 * Begins a sign-in with the provider of the workspace `email`'s domain belongs to (or of the
 * workspace named). PKCE verifier, state and nonce stay on the server, under the hash of a
 * secret only the starting browser holds, so a callback completes only in that browser.
 */
export async function startSso(
  ctx: IdentityContext,
  request: { email?: string; workspaceId?: string },
): Promise<StartedSso> {
  const email = request.email ? normaliseEmail(request.email).slice(0, 320) : undefined;
  try {
    await ctx.services.authLimiter.consume(
      ctx.clientAddress,
      email ?? `workspace:${request.workspaceId ?? ''}`,
    );
  } catch {
    throw new SsoRefusal('rate-limited');
  }
  const workspaceId =
    (email && (await workspaceForEmail(ctx.em, email))) ||
    (request.workspaceId && /^[0-9a-f-]{36}$/i.test(request.workspaceId) ? request.workspaceId : null);
  const provider = workspaceId ? await loadProvider(ctx.em, ctx.services.sso, workspaceId) : null;
  if (!workspaceId || !provider) throw new SsoRefusal('no-workspace');
  const config = await discover(ctx.services.sso, provider).catch((error: unknown) => {
    throw new SsoRefusal('provider-error', String(error));
  });
  const authorization = await authorizationRequest(config, ctx.services.sso, email);
  const flowSecret = newSecret('session');
  await ctx.em.execute('delete from sso_flow where expires_at < now()');
  await ctx.em.execute(
    `insert into sso_flow (id_hash, workspace_id, state, nonce, code_verifier, expires_at)
     values (?, ?, ?, ?, ?, now() + make_interval(mins => ?))`,
    [
      hashSecret(flowSecret),
      workspaceId,
      authorization.state,
      authorization.nonce,
      authorization.codeVerifier,
      flowMinutes,
    ],
  );
  return { url: authorization.url.href, flowSecret };
}

interface FlowRow {
  workspace_id: string;
  state: string;
  nonce: string;
  code_verifier: string;
}

export interface FinishedSso {
  user: User;
  workspaceId: string;
  joined: boolean;
  sessionSecret: string;
}

/**
 * Completes the sign-in from the provider's callback: the flow is used up whatever happens,
 * the code exchanged and the ID token checked, then the person is found by e-mail (or created
 * without a password) and, when not a member yet, joins if the e-mail's domain is one the
 * workspace lets join. The session it starts reaches that workspace only. Refusals after the
 * workspace is known are written to its audit log.
 */
export async function finishSso(
  ctx: IdentityContext,
  flowSecret: string | undefined,
  callbackUrl: URL,
): Promise<FinishedSso> {
  const [flow] = flowSecret
    ? await queryRows<FlowRow>(
        ctx.em,
        `delete from sso_flow where id_hash = ? and expires_at > now()
         returning workspace_id, state, nonce, code_verifier`,
        [hashSecret(flowSecret)],
      )
    : [];
  if (!flow) throw new SsoRefusal('expired');
  const workspaceId = flow.workspace_id;
  let email: string | null = null;
  try {
    const provider = await loadProvider(ctx.em, ctx.services.sso, workspaceId);
    if (!provider) throw new SsoRefusal('no-workspace');
    const identity = await redeemCallback(await discover(ctx.services.sso, provider), callbackUrl, {
      state: flow.state,
      nonce: flow.nonce,
      codeVerifier: flow.code_verifier,
    }).catch((error: unknown) => {
      throw new SsoRefusal('provider-error', error instanceof Error ? error.message : String(error));
    });
    email = identity.email ? normaliseEmail(identity.email) : null;
    if (!email || !identity.emailVerified) throw new SsoRefusal('email-not-verified');
    const domain = email.slice(email.lastIndexOf('@') + 1);
    const joinable = provider.domains.includes(domain);
    const account = { email, name: identity.name, joinable, joinRole: provider.joinRole };
    const finished = await ctx.em.fork().transactional((em) => signInAccount(ctx, em, workspaceId, account));
    return finished;
  } catch (error) {
    if (error instanceof SsoRefusal) await auditRefusal(ctx, workspaceId, email, error);
    throw error;
  }
}

async function signInAccount(
  ctx: IdentityContext,
  em: EntityManager,
  workspaceId: string,
  account: { email: string; name: string | null; joinable: boolean; joinRole: Membership['role'] },
): Promise<FinishedSso> {
  let user = await em.findOne(User, { email: account.email });
  const member = user ? await em.findOne(Membership, { user, workspace: workspaceId }) : null;
  if (!member && !account.joinable) throw new SsoRefusal('domain-not-allowed');
  if (!user) {
    user = em.create(User, {
      email: account.email,
      name: (account.name?.trim() || account.email.slice(0, account.email.indexOf('@'))).slice(0, 200),
      passwordHash: noPassword,
      // The provider said the address is verified, and it is the one this workspace trusts.
      emailVerifiedAt: new Date(),
      createdAt: new Date(),
    });
  }
  if (!member) {
    em.create(Membership, {
      workspace: em.getReference(Workspace, workspaceId),
      user,
      role: account.joinRole,
      createdAt: new Date(),
    });
  }
  await em.flush();
  const sessionSecret = await startSession(em, user, ctx, { ssoWorkspaceId: workspaceId });
  if (!member) {
    await ctx.services.audit.record(em, ctx, {
      workspaceId,
      actorUserId: user.id,
      action: 'member.joined',
      objectKey: 'member',
      targetIds: [user.id],
      targetNames: [user.name],
      details: { method: 'sso', role: account.joinRole },
    });
  }
  await ctx.services.audit.record(em, ctx, {
    workspaceId,
    actorUserId: user.id,
    action: 'auth.sign_in',
    objectKey: 'member',
    targetIds: [user.id],
    targetNames: [user.name],
    details: { method: 'sso' },
  });
  return { user, workspaceId, joined: !member, sessionSecret };
}

async function auditRefusal(
  ctx: IdentityContext,
  workspaceId: string,
  email: string | null,
  refusal: SsoRefusal,
): Promise<void> {
  const [user] = email
    ? await queryRows<{ id: string }>(ctx.em, 'select id from app_user where email = ?', [email])
    : [];
  await ctx.services.audit.record(ctx.em.fork(), ctx, {
    workspaceId,
    actorUserId: user?.id ?? null,
    action: 'auth.sign_in_failed',
    ...(email ? { targetNames: [email] } : {}),
    details: { method: 'sso', reason: refusal.code, ...(email ? { email } : {}) },
  });
}
