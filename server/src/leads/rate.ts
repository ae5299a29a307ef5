import type { EntityManager } from '@mikro-orm/postgresql';
import { qualified, type WorkspaceMetadata } from '../metadata/index.js';
import { queryRows } from '../platform/index.js';
import type { RecordRow, SqlRecordStore } from '../records/index.js';
import { bandOf } from './model.js';
import type { StoredModel } from './models.js';
import { scoreRows, type EmailsAnswered } from './score.js';

export interface RateOptions {
  now?: Date;
  emailsAnswered?: EmailsAnswered;
}

/**
 * Writes scores and bands through the record store (so views, boards and automation see an
 * ordinary change), only where they moved. The writer is the model: its id is the actor.
 */
export async function rateRecords(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  store: SqlRecordStore,
  stored: StoredModel,
  ids: readonly string[],
  options: RateOptions = {},
): Promise<number> {
  const { model, object } = stored;
  const ctx = { em, metadata, actorId: stored.id };
  const rows = (await store.getMany(ctx, object, ids)).filter((r): r is RecordRow => r !== null);
  if (!rows.length) return 0;
  const scores = await scoreRows(
    em,
    metadata,
    model,
    rows,
    options.now ?? new Date(),
    options.emailsAnswered,
  );
  const updates = rows.flatMap((row) => {
    const score = scores.get(row.id)!;
    const band = bandOf(model, score);
    if (
      Number(row[model.scoreField]) === score &&
      row[model.scoreField] !== null &&
      row[model.bandField] === band
    )
      return [];
    return [{ id: row.id, patch: { [model.scoreField]: score, [model.bandField]: band } }];
  });
  for (let i = 0; i < updates.length; i += 500)
    await store.updateMany(ctx, object, updates.slice(i, i + 500));
  return updates.length;
}

/** Every live record of the model's object, a page at a time (a model saved, the nightly decay). */
export async function rateAll(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  store: SqlRecordStore,
  stored: StoredModel,
  options: RateOptions = {},
): Promise<number> {
  let after = '00000000-0000-0000-0000-000000000000';
  let written = 0;
  for (;;) {
    const page = await queryRows<{ id: string }>(
      em,
      `select id from ${qualified(metadata.schema, stored.object.table)}
       where deleted_at is null and id > ?::uuid order by id limit 500`,
      [after],
    );
    if (!page.length) return written;
    written += await rateRecords(
      em,
      metadata,
      store,
      stored,
      page.map((r) => r.id),
      { ...options, now: options.now ?? new Date() },
    );
    after = page.at(-1)!.id;
  }
}
