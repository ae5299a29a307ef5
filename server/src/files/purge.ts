import { requirePermission } from '../identity/index.js';
import { takePurgeable } from './rows.js';
import type { FilesContext } from './services.js';

/**
 * Removes for good the workspace's files deleted more than `olderThanDays` ago (with their
 * record, or taken out of a field) and uploads never put in a field: rows first, then bytes.
 */
export async function purgeDeletedFiles(ctx: FilesContext, olderThanDays: number): Promise<number> {
  const { workspaceId } = requirePermission(ctx, 'workspace.update');
  const before = new Date(Date.now() - olderThanDays * 86_400_000);
  const taken = await ctx.em.transactional((em) => takePurgeable(em, workspaceId, before));
  for (const file of taken) await ctx.services.files.store.removeFile(file.workspace_id, file.id);
  return taken.length;
}
