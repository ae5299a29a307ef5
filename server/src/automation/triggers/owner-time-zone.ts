import type { EntityManager } from '@mikro-orm/postgresql';
import { loadMetadata, qualified, quote } from '../../metadata/index.js';
import { dateTarget, followDateRecords, maybeAheadSql } from './date-jobs.js';
import { storedRules } from './rule-reader.js';

const batchSize = 500;

/**
 * A record owner's time zone places the DATE triggers of rules without their own zone (and
 * yearly DATETIME ones): when it changes, their records ahead are scheduled again, in the
 * same transaction. Called beside the reminders' hook of the same name.
 */
export async function ownerTimeZoneChanged(em: EntityManager, userId: string): Promise<void> {
  const memberships = await em.execute<{ workspace_id: string }[]>(
    'select workspace_id from membership where user_id = ?',
    [userId],
  );
  for (const { workspace_id: workspaceId } of memberships) {
    const rules = (await storedRules.enabled(em, workspaceId, ['DATE_RELATIVE'])).filter(
      (r) => !r.trigger.timeZone,
    );
    if (!rules.length) continue;
    const metadata = await loadMetadata(em, workspaceId);
    for (const rule of rules) {
      const target = dateTarget(metadata, rule);
      if (!target || (target.field.type === 'DATETIME' && !target.timing.yearly)) continue;
      const owner = target.object.fields.find((f) => f.key === 'owner')?.column ?? 'owner_id';
      const ahead = maybeAheadSql(target);
      const rows = await em.execute<{ id: string }[]>(
        `select t.id from ${qualified(metadata.schema, target.object.table)} t
         where t.deleted_at is null and t.${quote(owner)} = ? and ${ahead.sql}`,
        [userId, ...ahead.params],
      );
      const now = new Date();
      for (let start = 0; start < rows.length; start += batchSize) {
        const ids = rows.slice(start, start + batchSize).map((row) => row.id);
        await followDateRecords(em, metadata, rule, target, ids, now);
      }
    }
  }
}
