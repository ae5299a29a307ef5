import type { WorkspaceAccess } from '../identity/index.js';
import type { WorkspaceMetadata } from '../metadata/index.js';
import type { RecordAccessViews, RecordView } from './api.js';

/** The records as a request's caller may see them: `full` with their hidden fields archived, and their scope. */
export function callerView(
  views: RecordAccessViews,
  access: WorkspaceAccess,
  full: WorkspaceMetadata,
): Promise<RecordView> {
  return views.forCaller(access.workspaceId, access.caller.user.id, access.role, full);
}
