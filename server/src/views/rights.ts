import { can, type WorkspaceAccess } from '../identity/index.js';
import type { ViewRow } from './entity.js';

/**
 * Who may do what with views, in terms of the workspace's permissions:
 * - everyone in the workspace (viewers too) reads the shared views and their own private ones,
 *   and may keep private views of their own;
 * - sharing a view with the workspace takes `records.write` (members and above);
 * - a shared view is changed or deleted by its owner (while they may share) or an admin
 *   (`metadata.write`); a private view only by its owner, and nobody else ever sees it.
 */

/** Reads a view at all: unseen views are answered as not found. */
export function canSee(view: Pick<ViewRow, 'shared' | 'owner'>, access: WorkspaceAccess): boolean {
  return view.shared || view.owner.id === access.caller.user.id;
}

export function canShare(access: WorkspaceAccess): boolean {
  return can(access.role, 'records.write');
}

export function canEdit(view: Pick<ViewRow, 'shared' | 'owner'>, access: WorkspaceAccess): boolean {
  const mine = view.owner.id === access.caller.user.id;
  if (!view.shared) return mine;
  return canShare(access) && (mine || can(access.role, 'metadata.write'));
}
