import { Forbidden, Unauthenticated } from '../platform/errors.js';
import type { Caller, RequestContext } from './context.js';
import { can, type Permission, type Role } from './roles.js';

export interface WorkspaceAccess {
  caller: Caller;
  workspaceId: string;
  role: Role;
}

/** The one check every resolver goes through: signed in at all. */
export function requireCaller(ctx: RequestContext): Caller {
  if (!ctx.caller) throw new Unauthenticated();
  return ctx.caller;
}

/**
 * Account-wide actions (a new workspace, joining one, a new token) need the person's
 * session: an API token is bound to one workspace and must not reach beyond it.
 */
export function requireSessionCaller(ctx: RequestContext, refusal: string): Caller {
  const caller = requireCaller(ctx);
  if (caller.via === 'token') throw new Forbidden(refusal);
  return caller;
}

/** Signed in, a member of the selected workspace, and allowed `permission` there. */
export function requirePermission(ctx: RequestContext, permission: Permission): WorkspaceAccess {
  const caller = requireCaller(ctx);
  if (!caller.workspace) {
    throw new Forbidden(caller.workspaceRefusal ?? 'Select a workspace you are a member of.');
  }
  if (!can(caller.workspace.role, permission)) {
    throw new Forbidden(`Your role (${caller.workspace.role}) does not allow ${permission}.`);
  }
  return { caller, workspaceId: caller.workspace.id, role: caller.workspace.role };
}
