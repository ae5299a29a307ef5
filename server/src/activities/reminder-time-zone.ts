import type { EntityManager } from '@mikro-orm/postgresql';
import { loadMetadata, qualified } from '../metadata/index.js';
import type { RuleCache } from './reminder-rules.js';
import { followRecords } from './reminder-schedule.js';
import { maybeAheadSql, recipientIdsSql, ruleTarget } from './reminder-state.js';

const batchSize = 500;

/**
 * A user's DATE reminders fall at a time of day in their time zone: when it changes, the
 * records they are a recipient of, dated ahead, are scheduled again in the same transaction
 * (the other recipients' jobs are replaced unchanged). DATETIME reminders do not move.
 */
export function rescheduleOnTimeZoneChange(cache: RuleCache) {
  return async (em: EntityManager, userId: string): Promise<void> => {
    const memberships = await em.execute<{ workspace_id: string }[]>(
      'select workspace_id from membership where user_id = ?',
      [userId],
    );
    for (const { workspace_id: workspaceId } of memberships) {
      const metadata = await loadMetadata(em, workspaceId);
      for (const rule of await cache.rulesOf(em, metadata)) {
        const target = ruleTarget(metadata, rule);
        const recipients = target && recipientIdsSql(rule, target.object);
        // Only rules read in the recipient's zone move: a DATE's, or a DATETIME's with a time of day.
        if (!target || (target.field.type !== 'DATE' && rule.timeOfDay === null) || !recipients) continue;
        const rows = await em.execute<{ id: string }[]>(
          `select t.id from ${qualified(metadata.schema, target.object.table)} t
           where t.deleted_at is null and ${maybeAheadSql(target)} and ?::uuid = any(${recipients})`,
          [userId],
        );
        for (let start = 0; start < rows.length; start += batchSize) {
          const batch = rows.slice(start, start + batchSize);
          await followRecords(em, metadata, rule, new Map(batch.map((row) => [row.id, new Set<string>()])));
        }
      }
    }
  };
}
