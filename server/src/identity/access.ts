import { AppError, Forbidden, Unauthenticated } from '../platform/index.js';
import type { Caller, RequestContext } from './context.js';
import { can, roleAtLeast, type Permission, type Role } from './roles.js';

export interface WorkspaceAccess {
  caller: Caller;
  workspaceId: string;
  /** The member's role, lowered to the API token's cap when the caller came with a token. */
  role: Role;
}

/** The workspace demands two-factor sign-in and the caller has not set it up. */
export class TwoFactorRequired extends AppError {
  constructor() {
    super(
      'TWO_FACTOR_REQUIRED',
      'This workspace requires two-factor sign-in: set it up on your account’s security page first.',
    );
  }
}

/** The one check every resolver goes through: signed in at all. */
export function requireCaller(ctx: RequestContext): Caller {
  if (!ctx.caller) throw new Unauthenticated();
  return ctx.caller;
}

/** Signed in, a member of the selected workspace, and allowed `permission` there. */
export function requirePermission(ctx: RequestContext, permission: Permission): WorkspaceAccess {
  const caller = requireCaller(ctx);
  if (!caller.workspace) {
    throw new Forbidden(caller.workspaceRefusal ?? 'Select a workspace you are a member of.');
  }
  if (caller.workspace.twoFactorMissing) throw new TwoFactorRequired();
  if (!can(caller.workspace.role, permission)) {
    throw new Forbidden(`Your role (${caller.workspace.role}) does not allow ${permission}.`);
  }
  return { caller, workspaceId: caller.workspace.id, role: caller.workspace.role };
}

/**
 * Account actions that reach beyond one workspace. An API token is bound to one workspace
 * and must not reach beyond it, whatever its cap, so these need the person's session.
 */
const sessionOnly = {
  'workspace.create': 'API tokens cannot create workspaces; sign in to create one.',
  'invitation.accept': 'API tokens cannot join workspaces; sign in to accept the invitation.',
  'token.create': 'API tokens cannot create API tokens; sign in to create one.',
  'account.security': 'API tokens cannot change sign-in security or sessions; sign in to do this.',
} as const;

export type SessionOnlyAction = keyof typeof sessionOnly;

export function requireSessionCaller(ctx: RequestContext, action: SessionOnlyAction): Caller {
  const caller = requireCaller(ctx);
  if (caller.via === 'token') throw new Forbidden(sessionOnly[action]);
  // A workspace's provider vouches for the user in that workspace only: acts on the whole
  // account (its two-factor, its other sessions, other workspaces) need the account's own sign-in.
  if (caller.ssoWorkspaceId && action !== 'token.create') {
    throw new Forbidden(
      'This session came from single sign-on and acts only in its workspace; sign in with your password to do this.',
    );
  }
  return caller;
}

/**
 * The rule for every account-level act inside a workspace (a membership, a role, an
 * invitation, a token): the caller's effective role — the member's role capped by the
 * token — must be at least the role of what it acts on. So a VIEWER-capped token cannot
 * leave for an admin, revoke its owner's OWNER token or grant ADMIN, and only owners
 * touch owners. `subject` completes "… cannot <subject>" in the refusal.
 */
export function requireRankOver(access: WorkspaceAccess, target: Role, subject: string): void {
  if (roleAtLeast(access.role, target)) return;
  const role = access.role.toUpperCase();
  const who = access.caller.via === 'token' ? `A token capped at ${role}` : `Your role (${role})`;
  throw new Forbidden(`${who} cannot ${subject} (${target.toUpperCase()}).`);
}
