import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { scheduleJobs, type JobTasks } from '../jobs/index.js';
import type { EventBus } from '../platform/index.js';
import { publishQuoteChange } from './topics.js';

/** The hourly expiry of sent quotes past their validity date; one pending job for the server. */
export const quoteExpiryTask = 'quotes.expire';
export const quoteExpiryJobKey = 'quotes-expire';
const expireEveryMs = 3_600_000;
/** Quotes expired per transaction. */
const expiryBatch = 500;

type Db = Pick<EntityManager, 'execute'>;

interface ExpiredQuote {
  id: string;
  workspaceId: string;
  dealId: string;
}

/**
 * Moves up to `limit` SENT quotes whose validity date (UTC day) has passed to EXPIRED and
 * answers them. Safe to run twice or in two processes at once: the row lock and the
 * `status = 'SENT'` test make each quote expire once, and SKIP LOCKED leaves a quote a user is
 * writing (accepting it, say) to that user's transaction and the next run.
 */
export async function expireDueQuotes(db: Db, limit = expiryBatch): Promise<ExpiredQuote[]> {
  const rows = await db.execute<{ id: string; workspace_id: string; deal_id: string }[]>(
    `update quote set status = 'EXPIRED', version = version + 1, updated_at = now()
     where id in (
       select id from quote
       where status = 'SENT' and valid_until < (now() at time zone 'utc')::date
       limit ? for update skip locked)
     returning id, workspace_id, deal_id`,
    [limit],
  );
  return rows.map((r) => ({ id: r.id, workspaceId: r.workspace_id, dealId: r.deal_id }));
}

/** Plans the expiry: now if none is pending (a pending one keeps its time), so every start keeps it going. */
export async function scheduleQuoteExpiry(db: Db, runAt = new Date()): Promise<void> {
  await scheduleJobs(db, [jobAt(runAt)], { preserveRunAt: true });
}

function jobAt(runAt: Date) {
  return { task: quoteExpiryTask, payload: {}, runAt, key: quoteExpiryJobKey, maxAttempts: 5 };
}

/**
 * The expiry job: expires what is due, pushes each quote to its `quoteChanged` and its deal's
 * `dealQuotesChanged` subscribers (after commit; actor null: the server), then plans its next
 * run an hour later.
 */
export function quoteTasks(deps: { orm: MikroORM; events: EventBus }): JobTasks {
  return {
    [quoteExpiryTask]: async (_payload, helpers) => {
      let expired = 0;
      // A transaction per batch, pushed once committed: a first run over many never holds one long one.
      for (;;) {
        const batch = await deps.orm.em.fork().transactional((em) => expireDueQuotes(em));
        for (const quote of batch)
          await publishQuoteChange(deps.events, quote, {
            kind: 'QUOTE_UPDATED',
            quoteId: quote.id,
            lineId: null,
            actorId: null,
          });
        expired += batch.length;
        if (batch.length < expiryBatch) break;
      }
      if (expired) helpers.logger.info(`quotes: ${expired} expired`);
      await scheduleJobs(deps.orm.em.fork(), [jobAt(new Date(Date.now() + expireEveryMs))]);
    },
  };
}
