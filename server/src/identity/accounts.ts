import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Conflict, Unauthenticated } from '../platform/errors.js';
import type { RequestContext } from './context.js';
import { Membership, Session, User, Workspace } from './entities/index.js';
import { acceptInvitationIn } from './invitations.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password.js';
import { Role } from './roles.js';
import { newSecret, hashSecret } from './secret-token.js';
import { clearedSessionCookie, sessionCookie } from './session-cookie.js';

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
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Creates the user and either their first workspace (as owner) or the membership an
 * invitation grants, plus a session, in one transaction.
 */
export async function signUp(ctx: RequestContext, request: SignUpRequest): Promise<SignedIn> {
  const email = normaliseEmail(request.email);
  await ctx.services.authLimiter.consume(ctx.clientAddress, email);
  const passwordHash = await hashPassword(request.password);
  try {
    const result = await ctx.em.transactional(async (em) => {
      if (await em.count(User, { email })) {
        throw new Conflict('An account with this e-mail already exists; sign in instead.', {
          field: 'email',
        });
      }
      const user = em.create(User, { email, name: request.name.trim(), passwordHash, createdAt: new Date() });
      const workspace = request.invitationToken
        ? await acceptInvitationIn(em, user, request.invitationToken, ['input', 'invitationToken'])
        : await createOwnedWorkspace(
            ctx,
            em,
            user,
            request.workspaceName ?? defaultWorkspaceName(user.name),
            request.template ? { key: request.template, path: ['input', 'template'] } : undefined,
          );
      const secret = await startSession(em, user, ctx);
      return { user, workspace, secret };
    });
    ctx.responseCookies.push(sessionCookie(result.secret, ctx.services.identity));
    if (request.invitationToken) {
      await ctx.services.events.publish('workspace.members', result.workspace.id, {
        kind: 'ADDED',
        userId: result.user.id,
      });
    }
    return { user: result.user, workspace: result.workspace };
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw new Conflict('An account with this e-mail already exists; sign in instead.', { field: 'email' });
    }
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

export async function signIn(ctx: RequestContext, emailInput: string, password: string): Promise<SignedIn> {
  const email = normaliseEmail(emailInput);
  await ctx.services.authLimiter.consume(ctx.clientAddress, email);
  const user = await ctx.em.findOne(User, { email }, { populate: ['passwordHash'] });
  // Hash even for an unknown e-mail so the answer takes as long either way.
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash));
  if (!user || !valid) throw new Unauthenticated('Wrong e-mail or password.');
  await ctx.services.authLimiter.reset(ctx.clientAddress, email);
  const secret = await ctx.em.transactional((em) => startSession(em, user, ctx));
  ctx.responseCookies.push(sessionCookie(secret, ctx.services.identity));
  const first = await ctx.em.findOne(
    Membership,
    { user },
    { orderBy: { createdAt: 'asc', id: 'asc' }, populate: ['workspace'] },
  );
  return { user, workspace: first?.workspace ?? null };
}

/** Ends the browser session, if any; always clears the cookie. */
export async function signOut(ctx: RequestContext): Promise<boolean> {
  const sessionId = ctx.caller?.sessionId;
  if (sessionId) {
    await ctx.em.nativeDelete(Session, { id: sessionId });
    await ctx.services.events.publish('identity.revoked', 'credentials', { sessionId });
  }
  ctx.responseCookies.push(clearedSessionCookie(ctx.services.identity));
  return Boolean(sessionId);
}

/** Call inside a transaction: the workspace, its owner and its provisioned schema commit together. */
export async function createOwnedWorkspace(
  ctx: RequestContext,
  em: EntityManager,
  owner: User,
  name: string,
  template?: { key: string; path: string[] },
): Promise<Workspace> {
  const workspace = em.create(Workspace, { name: name.trim(), createdAt: new Date() });
  em.create(Membership, { workspace, user: owner, role: Role.OWNER, createdAt: new Date() });
  await em.flush();
  await ctx.services.provisionWorkspace(em, workspace.id);
  if (template) await ctx.services.installTemplate(em, workspace.id, owner.id, template.key, template.path);
  return workspace;
}

async function startSession(em: EntityManager, user: User, ctx: RequestContext): Promise<string> {
  const secret = newSecret('session');
  const expiresAt = new Date(Date.now() + ctx.services.identity.sessionTtlDays * 86_400_000);
  em.create(Session, {
    tokenHash: hashSecret(secret),
    user,
    expiresAt,
    createdAt: new Date(),
    userAgent: ctx.userAgent?.slice(0, 300) ?? null,
  });
  await em.flush();
  return secret;
}
