import { LockMode } from '@mikro-orm/core';
import type { TemplateContext } from './install.js';
import { requirePermission } from '../identity/index.js';
import { loadMetadata } from '../metadata/index.js';
import { AppError, NotFound } from '../platform/index.js';
import { ratedFields } from '../leads/index.js';
import { readRecordHistory, type RecordStore } from '../records/index.js';
import { TemplateInstallRow } from './entity.js';

/**
 * Deletes (softly, through the record store, so it is logged and restorable) the
 * template's sample records that nobody has changed since: version 1, or changed only in
 * the fields lead rating derives (score and band), and not deleted.
 * Edited ones stay and are the workspace's own from then on; records still needed by a
 * kept record's RESTRICT relation stay sample data. Returns how many were deleted.
 */
export async function removeSampleData(
  ctx: TemplateContext,
  records: RecordStore,
  key: string,
): Promise<number> {
  const access = requirePermission(ctx, 'templates.install');
  const removed = await ctx.em.transactional(async (em) => {
    const install = await em.findOne(
      TemplateInstallRow,
      { workspace: access.workspaceId, key },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!install) throw new NotFound(`The installed template “${key.slice(0, 70)}”`);
    const metadata = await loadMetadata(em, access.workspaceId);
    const context = { em, metadata, actorId: access.caller.user.id };
    const untouched = new Set<string>();
    const derived = await ratedFields(em, metadata);
    for (const ref of install.sampleRecords) {
      const object = metadata.objects.find((o) => o.key === ref.object && !o.archivedAt);
      const [row] = object ? await records.getMany(context, object, [ref.id]) : [null];
      if (!row || row.deletedAt) continue;
      const rated = derived.get(ref.object);
      const changedByPeople = async () =>
        (await readRecordHistory(em, metadata.schema, object!.id, ref.id, 100)).some(
          (c) => c.kind !== 'create' && Object.keys(c.changes).some((key) => !rated?.has(key)),
        );
      if (row.version === 1 || (rated && !(await changedByPeople()))) untouched.add(ref.id);
    }
    let count = 0;
    const kept = [];
    // Newest first: records that refer to others go before what they refer to.
    for (const ref of [...install.sampleRecords].reverse()) {
      // Edited or deleted since: the workspace's own record now, no longer sample data.
      if (!untouched.has(ref.id)) continue;
      const object = metadata.objects.find((o) => o.key === ref.object)!;
      try {
        await records.delete(context, object, ref.id);
        count += 1;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        kept.unshift(ref); // still referenced with RESTRICT: it stays
      }
    }
    install.sampleRecords = kept;
    await em.flush();
    return count;
  });
  if (removed)
    await ctx.services.events.publish('workspace.changes', access.workspaceId, { lastChangeId: '0' });
  return removed;
}
