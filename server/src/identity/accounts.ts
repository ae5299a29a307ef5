import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { canonicalTimeZone, isLanguage, languages, type Language } from '@crm/contracts';
import { BadInput, Conflict, Unauthenticated } from '../platform/index.js';
import type { IdentityContext } from './context.js';
import { Membership, Session, User, Workspace } from './entities/index.js';
import { queueVerification } from './account-links.js';
import { acceptInvitationIn } from './invitations.js';
import { dummyPasswordHash, hashPassword, noPassword, verifyPassword } from './password.js';
import { assertStrongPassword } from './password-policy.js';
import { Role } from './roles.js';
import { newSecret, hashSecret } from './secret-token.js';
import { clearedSessionCookie, sessionCookie } from './session-cookie.js';
import { issuePendingSignIn, pendingSignInUser, usePendingSignIn } from './pending-sign-in.js';
import { twoFactorEnabled, useSecondFactor } from './two-factor.js';

export interface SignUpRequest {
  email: string;
  password: string;
  name: string;
  workspaceName?: string;
  invitationToken?: string;
  /** A template installed with its sample data into the new workspace (not with an invitation). */
  template?: string;
}

export interface SignedIn {
  user: User;
  workspace: Workspace | null;
  /** Set when the password was right and a second factor is due: no session exists yet. */
  twoFactorToken?: string;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Creates the user and either their first workspace (as owner) or the membership an
 * invitation grants, plus a session, in one transaction.
 *
 * Sign-up does not reveal which e-mails have accounts: for an e-mail already taken it does
 * the same work (the same checks, hashing, workspace and session) in a transaction that is
 * rolled back, and answers the same way, with ids and a cookie that exist nowhere. Nothing
 * is created and nobody is signed in; the person who owns the e-mail signs in instead.
 */
export async function signUp(ctx: IdentityContext, request: SignUpRequest): Promise<SignedIn> {
  const email = normaliseEmail(request.email);
  await ctx.services.authLimiter.consume(ctx.clientAddress, email);
  assertStrongPassword(request.password, [email, request.name], ['input', 'password']);
  if (!request.invitationToken) {
    await ctx.services.authLimiter.consumeWorkspace({ clientAddress: ctx.clientAddress });
  }
  const passwordHash = await hashPassword(request.password, ctx.services.identity.passwordHashCost);
  let attempt = await signUpAttempt(ctx, request, email, passwordHash);
  // Another sign-up of the same e-mail committed in between: answer as for a taken e-mail.
  if (attempt === 'taken') attempt = await signUpAttempt(ctx, request, email, passwordHash);
  if (attempt === 'taken') throw new Conflict('Try again.');
  ctx.responseCookies.push(sessionCookie(attempt.secret, ctx.services.identity));
  if (request.invitationToken && !attempt.decoy) {
    await ctx.services.events.publish('workspace.members', attempt.workspace.id, {
      kind: 'ADDED',
      userId: attempt.user.id,
    });
  }
  return { user: attempt.user, workspace: attempt.workspace };
}

interface SignUpOutcome extends SignedIn {
  workspace: Workspace;
  secret: string;
  /** True when the e-mail was taken: everything above was rolled back. */
  decoy: boolean;
}

/** Thrown to roll a decoy sign-up back, carrying the answer it would have given. */
class DecoyRollback extends Error {
  constructor(readonly outcome: SignUpOutcome) {
    super('decoy sign-up rolled back');
  }
}

async function signUpAttempt(
  ctx: IdentityContext,
  request: SignUpRequest,
  email: string,
  passwordHash: string,
): Promise<SignUpOutcome | 'taken'> {
  try {
    return await ctx.em.fork().transactional(async (em) => {
      const taken = (await em.count(User, { email })) > 0;
      // A taken e-mail gets a stand-in row that can never collide, and never commits.
      const rowEmail = taken ? `decoy-${randomUUID()}@invalid` : email;
      const user = em.create(User, {
        email: rowEmail,
        name: request.name.trim(),
        passwordHash,
        createdAt: new Date(),
      });
      const workspace = request.invitationToken
        ? await acceptInvitationIn(em, user, request.invitationToken, ['input', 'invitationToken'], email)
        : await createOwnedWorkspace(
            ctx,
            em,
            user,
            request.workspaceName ?? defaultWorkspaceName(user.name),
            request.template ? { key: request.template, path: ['input', 'template'] } : undefined,
          );
      const secret = await startSession(em, user, ctx);
      // An invitation was mailed to this address; otherwise a link proves it (rolled back with a decoy).
      if (request.invitationToken) user.emailVerifiedAt = new Date();
      else await queueVerification(ctx, em, { id: user.id, email });
      if (!taken) return { user, workspace, secret, decoy: false };
      user.email = email;
      throw new DecoyRollback({ user, workspace, secret, decoy: true });
    });
  } catch (error) {
    if (error instanceof DecoyRollback) return error.outcome;
    if (error instanceof UniqueConstraintViolationException) return 'taken';
    throw error;
  }
}

const workspaceNameLimit = 100;

/** “<name>’s workspace”, with the name shortened so the whole fits a workspace name's 100 characters. */
function defaultWorkspaceName(userName: string): string {
  const suffix = '’s workspace';
  // Cut by code points, as PostgreSQL counts them, never inside a surrogate pair.
  const name = Array.from(userName)
    .slice(0, workspaceNameLimit - suffix.length)
    .join('')
    .trimEnd();
  return `${name}${suffix}`;
}

export async function signIn(ctx: IdentityContext, emailInput: string, password: string): Promise<SignedIn> {
  const email = normaliseEmail(emailInput);
  await ctx.services.authLimiter.consume(ctx.clientAddress, email);
  const user = await ctx.em.findOne(User, { email }, { populate: ['passwordHash'] });
  // Hash even for an unknown e-mail, or an account without a password (single sign-on), so the
  // answer takes as long either way.
  const stored = user && user.passwordHash !== noPassword ? user.passwordHash : undefined;
  const valid = await verifyPassword(
    password,
    stored ?? (await dummyPasswordHash(ctx.services.identity.passwordHashCost)),
  );
  if (!user || !stored || !valid) throw new Unauthenticated('Wrong e-mail or password.');
  await ctx.services.authLimiter.reset(email);
  if (await twoFactorEnabled(ctx.em, user.id)) {
    return { user, workspace: null, twoFactorToken: await issuePendingSignIn(ctx.em, user.id) };
  }
  return finishSignIn(ctx, user);
}

/**
 * The second step of a sign-in with two-factor: the token `signIn` gave after the password,
 * and a code from the authenticator or a recovery code. Only then is a session started.
 */
export async function signInWithCode(ctx: IdentityContext, token: string, code: string): Promise<SignedIn> {
  const userId = await pendingSignInUser(ctx.em, token);
  await ctx.services.authLimiter.consumeCode(ctx.clientAddress, userId);
  await ctx.em.transactional(async (em) => {
    if (!(await useSecondFactor(ctx, em, userId, code)))
      throw new BadInput(['code'], 'This code is wrong, already used or expired.');
    await usePendingSignIn(em, token);
  });
  await ctx.services.authLimiter.resetCodes(userId);
  return finishSignIn(ctx, await ctx.em.findOneOrFail(User, { id: userId }));
}

/** Starts the session of a sign-in that passed; `multiFactor` when it was a verified passkey. */
export async function finishSignIn(
  ctx: IdentityContext,
  user: User,
  how: { multiFactor?: boolean } = {},
): Promise<SignedIn> {
  const secret = await ctx.em.transactional((em) =>
    startSession(em, user, ctx, { multiFactor: how.multiFactor }),
  );
  ctx.responseCookies.push(sessionCookie(secret, ctx.services.identity));
  const first = await ctx.em.findOne(
    Membership,
    { user },
    { orderBy: { createdAt: 'asc', id: 'asc' }, populate: ['workspace'] },
  );
  return { user, workspace: first?.workspace ?? null };
}

/** Ends the browser session, if any; always clears the cookie. */
export async function signOut(ctx: IdentityContext): Promise<boolean> {
  const sessionId = ctx.caller?.sessionId;
  if (sessionId) {
    await ctx.em.nativeDelete(Session, { id: sessionId });
    await ctx.services.callers.forget({ sessionId });
  }
  ctx.responseCookies.push(clearedSessionCookie(ctx.services.identity));
  return Boolean(sessionId);
}

/**
 * Sets the caller's time zone, validated by `Intl`, and answers its canonical name. What
 * follows the zone (reminders at a time of day) moves in the same transaction.
 */
export async function setTimeZone(ctx: IdentityContext, timeZone: string): Promise<string> {
  if (!ctx.caller) throw new Unauthenticated();
  const canonical = canonicalTimeZone(timeZone);
  if (!canonical)
    throw new BadInput(
      ['timeZone'],
      `timeZone: “${timeZone.slice(0, 64)}” is not an IANA time zone such as Europe/Paris.`,
    );
  const userId = ctx.caller.user.id;
  await ctx.em.transactional(async (em) => {
    await em.nativeUpdate(User, { id: userId }, { timeZone: canonical });
    await ctx.services.timeZoneChanged(em, userId);
  });
  ctx.caller.user.timeZone = canonical;
  // Cached callers carry the zone relative filters are read in.
  await ctx.services.callers.forget({ userId: ctx.caller.user.id });
  return canonical;
}

/** Sets the caller's interface language; the labels of metadata follow it from the next request. */
export async function setLanguage(ctx: IdentityContext, language: string): Promise<Language> {
  if (!ctx.caller) throw new Unauthenticated();
  if (!isLanguage(language))
    throw new BadInput(
      ['language'],
      `language: “${language.slice(0, 16)}” is not one of ${languages.join(', ')}.`,
      {
        reason: 'language.unsupported',
        params: { value: language.slice(0, 16), allowed: languages.join(', ') },
      },
    );
  await ctx.em.nativeUpdate(User, { id: ctx.caller.user.id }, { language });
  ctx.caller.user.language = language;
  await ctx.services.callers.forget({ userId: ctx.caller.user.id });
  return language;
}

/** Call inside a transaction: the workspace, its owner and its provisioned schema commit together. */
export async function createOwnedWorkspace(
  ctx: IdentityContext,
  em: EntityManager,
  owner: User,
  name: string,
  template?: { key: string; path: string[] },
): Promise<Workspace> {
  const workspace = em.create(Workspace, { name: name.trim(), createdAt: new Date() });
  em.create(Membership, { workspace, user: owner, role: Role.OWNER, createdAt: new Date() });
  await em.flush();
  await ctx.services.workspaceCreated(em, { id: workspace.id, ownerId: owner.id, template });
  return workspace;
}

/**
 * A new session of `user`, answering its secret: `multiFactor` when a verified passkey began it,
 * `ssoWorkspaceId` (the one workspace it reaches) when single sign-on opened it.
 */
export async function startSession(
  em: EntityManager,
  user: User,
  ctx: IdentityContext,
  how: { multiFactor?: boolean; ssoWorkspaceId?: string } = {},
): Promise<string> {
  const secret = newSecret('session');
  const expiresAt = new Date(Date.now() + ctx.services.identity.sessionTtlDays * 86_400_000);
  em.create(Session, {
    tokenHash: hashSecret(secret),
    user,
    expiresAt,
    createdAt: new Date(),
    lastUsedAt: new Date(),
    userAgent: ctx.userAgent?.slice(0, 300) ?? null,
    clientAddress: ctx.clientAddress || null,
    multiFactor: how.multiFactor ?? false,
    ssoWorkspaceId: how.ssoWorkspaceId ?? null,
  });
  await em.flush();
  return secret;
}
