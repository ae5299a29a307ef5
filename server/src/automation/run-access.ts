import { Role, type WorkspaceAccess } from '../identity/index.js';
import { activeFields, qualified } from '../metadata/index.js';
import { queryRows } from '../platform/index.js';
import { callerView } from '../records/index.js';
import type { RunWithSteps } from './history.js';
import type { AutomationContext } from './services.js';

/**
 * A member's view of the runs on a record, as their permission profile allows: null for a run on
 * a record they cannot read (existence is not revealed); steps without their input and output
 * when the profile hides fields of the object, since a NOTIFY message or an update's values may
 * hold them. Owners and admins see runs as they are.
 */
export async function recordRunGate(
  ctx: AutomationContext,
  access: WorkspaceAccess,
): Promise<((run: RunWithSteps) => Promise<RunWithSteps | null>) | null> {
  if (access.role === Role.OWNER || access.role === Role.ADMIN) return null;
  const full = await ctx.services.metadataCache.require(ctx.em, access.workspaceId);
  const view = await callerView(ctx.services.recordAccess, access, full);
  if (view.metadata === full && !view.scope) return null;
  const readable = new Map<string, Promise<boolean>>();
  return async (run) => {
    const object = view.metadata.objects.find((o) => o.key === run.object_key && !o.archivedAt);
    const fullObject = full.objects.find((o) => o.key === run.object_key);
    if (!object || !fullObject || !run.record_id) return null;
    const predicate = view.scope?.rows(object, 'read', 't');
    const key = `${object.id}:${run.record_id}`;
    if (predicate && !readable.has(key)) {
      readable.set(
        key,
        queryRows(
          ctx.em.fork(),
          `select 1 from ${qualified(full.schema, object.table)} t where t.id = ? and (${predicate.sql})`,
          [run.record_id, ...predicate.params],
        ).then((rows) => rows.length > 0),
      );
    }
    if (predicate && !(await readable.get(key))) return null;
    if (activeFields(object).length === activeFields(fullObject).length) return run;
    return { ...run, steps: run.steps.map((step) => ({ ...step, input: null, output: null })) };
  };
}
