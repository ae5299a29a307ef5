import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import * as Y from 'yjs';
import type { WriteSql } from '../../records/index.js';
import { textName } from './document-name.js';
import { replaceText } from './replace-text.js';

/**
 * Yjs documents in PostgreSQL: `collab_document.state` (compacted) plus the
 * `collab_update` rows appended since. Appending is durable before it resolves;
 * compaction merges the rows into the state and deletes exactly those rows.
 */

/** What the record's value last agreed with: its text, and the state vector of that copy. */
export interface Agreement {
  recordText: string | null;
  recordState: Uint8Array | null;
}

export interface StoredDocument {
  /** The state and every update not yet compacted, in order; apply them all. */
  content: Uint8Array[];
  /** The field value the document last agreed with; null for a new document. */
  recordText: string | null;
}

interface PendingAppend {
  update: Uint8Array;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** How often one process compacts a document that still has connections. */
const compactEveryMs = 10_000;

export class CollabDocumentStore {
  private readonly queues = new Map<string, PendingAppend[]>();
  private readonly flushing = new Map<string, Promise<void>>();
  /** When this process last compacted each document it has open (Date.now()). */
  private readonly compactedAt = new Map<string, number>();

  constructor(private readonly orm: MikroORM) {}

  /**
   * Appends an update and resolves once it is committed. Updates of one document that
   * arrive while an insert is in flight go together in the next one (group commit),
   * in the order they arrived.
   */
  append(name: string, update: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(name) ?? [];
      queue.push({ update, resolve, reject });
      this.queues.set(name, queue);
      if (!this.flushing.has(name)) this.flushing.set(name, this.flush(name));
    });
  }

  /** Resolves when every append asked for so far has finished. */
  async drain(): Promise<void> {
    while (this.flushing.size) await Promise.all(this.flushing.values());
  }

  /** Inserts the queued batches one after the other until the queue is empty. */
  private async flush(name: string): Promise<void> {
    for (;;) {
      const batch = this.queues.get(name);
      if (!batch) {
        // In the same tick as the check: an append from now on starts a new flush.
        this.flushing.delete(name);
        return;
      }
      this.queues.delete(name);
      try {
        await insertUpdates(
          this.orm.em.fork(),
          name,
          batch.map((b) => b.update),
        );
        for (const pending of batch) pending.resolve();
      } catch (error) {
        for (const pending of batch) pending.reject(error);
      }
    }
  }

  /**
   * Runs `work` in a transaction holding the document's row (created if new), with its
   * stored content; loads and server-side changes of one document thereby never interleave,
   * across processes too.
   */
  async withDocument<T>(
    name: string,
    workspaceId: string,
    work: (em: EntityManager, stored: StoredDocument) => Promise<T>,
  ): Promise<T> {
    return this.orm.em.fork().transactional(async (em) => {
      await em.execute(
        'insert into collab_document (name, workspace_id) values (?, ?::uuid) on conflict (name) do nothing',
        [name, workspaceId],
      );
      const stored = await lockDocument(em, name);
      const updates = await em.execute<{ update: Buffer }[]>(
        'select update from collab_update where name = ? order by id',
        [name],
      );
      return work(em, {
        content: [...(stored?.state ? [stored.state] : []), ...updates.map((u) => u.update)],
        recordText: stored?.record_text ?? null,
      });
    });
  }

  /**
   * Remembers the field value the document agrees with, and the state vector of the copy
   * that agreed (inside `db`'s transaction).
   */
  async setRecordText(db: WriteSql, name: string, text: string, state: Uint8Array): Promise<void> {
    await db.execute(
      'update collab_document set record_text = ?, record_state = ?, updated_at = now() where name = ?',
      [text, Buffer.from(state), name],
    );
  }

  /** The value and state last agreed, with the row held to the end of `db`'s transaction. */
  async lockAgreement(db: WriteSql, name: string): Promise<Agreement | undefined> {
    const [row] = await db.execute<{ record_text: string | null; record_state: Buffer | null }[]>(
      'select record_text, record_state from collab_document where name = ? for no key update',
      [name],
    );
    return row && { recordText: row.record_text, recordState: row.record_state };
  }

  /** The field value the document last agreed with, read without a lock (null: none yet). */
  async agreedText(name: string): Promise<string | null> {
    const [row] = await this.orm.em
      .fork()
      .execute<{ record_text: string | null }[]>('select record_text from collab_document where name = ?', [
        name,
      ]);
    return row?.record_text ?? null;
  }

  /** The state and the updates appended since, read in one statement (one snapshot). */
  async read(name: string): Promise<Uint8Array[]> {
    const rows = await this.orm.em.fork().execute<{ content: Buffer | null }[]>(
      `select content from (
         select state as content, 0::bigint as id from collab_document where name = ?
         union all select update, id from collab_update where name = ?
       ) stored order by id`,
      [name, name],
    );
    return rows.flatMap((r) => (r.content ? [r.content] : []));
  }

  async exists(name: string): Promise<boolean> {
    const rows = await this.orm.em.fork().execute('select 1 from collab_document where name = ?', [name]);
    return rows.length > 0;
  }

  /**
   * After a debounced store: compacts when this process has not for a while, or when the
   * document's last connection here is gone (a load then reads one state). Every process
   * storing a busy document used to compact it each time, a few times a second each, and
   * those transactions queued on the document's row.
   */
  async compactWhenDue(name: string, document: { getConnectionsCount(): number }): Promise<void> {
    const now = Date.now();
    const last = this.compactedAt.get(name);
    if (document.getConnectionsCount() > 0 && last !== undefined && now - last < compactEveryMs) return;
    this.compactedAt.set(name, now);
    await this.compact(name);
  }

  /** The document is unloaded here: its next load starts the compaction clock again. */
  unloaded(name: string): void {
    this.compactedAt.delete(name);
  }

  /**
   * Merges the stored state and the updates appended since into one state and deletes
   * those updates, in one transaction. Reads only the database, so what it deletes is
   * exactly what it merged, whichever process appended it.
   */
  async compact(name: string): Promise<void> {
    await this.orm.em.fork().transactional(async (em) => {
      // Held elsewhere (a load, a projection, another process compacting): merging can wait
      // for the next store; waiting would hold a connection and queue behind the others.
      const stored = await lockDocument(em, name, 'skip locked');
      if (!stored) return;
      const updates = await em.execute<{ id: string; update: Buffer }[]>(
        'select id, update from collab_update where name = ? order by id',
        [name],
      );
      if (!updates.length) return;
      const doc = new Y.Doc();
      try {
        if (stored.state) Y.applyUpdate(doc, stored.state);
        for (const row of updates) Y.applyUpdate(doc, row.update);
        const state = Buffer.from(Y.encodeStateAsUpdate(doc));
        await em.execute('update collab_document set state = ?, updated_at = now() where name = ?', [
          state,
          name,
        ]);
      } finally {
        doc.destroy();
      }
      // MikroORM spreads an array parameter into a list: `in (?)` takes them all.
      await em.execute('delete from collab_update where id in (?)', [updates.map((u) => u.id)]);
    });
  }

  /** The stored documents whose names start with `prefix` (a record's field documents). */
  async namesStartingWith(prefix: string): Promise<string[]> {
    const rows = await this.orm.em
      .fork()
      .execute<{ name: string }[]>('select name from collab_document where starts_with(name, ?)', [prefix]);
    return rows.map((r) => r.name);
  }

  /**
   * Erasure (a privacy request): the stored document becomes one compacted state reading
   * `text`, and its updates are deleted. Yjs garbage-collects deleted content when a state is
   * rebuilt, so the erased text leaves the database while open copies converge as usual.
   */
  async rewrite(name: string, text: string): Promise<void> {
    await this.orm.em.fork().transactional(async (em) => {
      const stored = await lockDocument(em, name);
      if (!stored) return;
      const updates = await em.execute<{ update: Buffer }[]>(
        'select update from collab_update where name = ? order by id',
        [name],
      );
      const doc = new Y.Doc();
      try {
        if (stored.state) Y.applyUpdate(doc, stored.state);
        for (const row of updates) Y.applyUpdate(doc, row.update);
        doc.transact(() => replaceText(doc.getText(textName), text));
        const state = Buffer.from(Y.encodeStateAsUpdate(doc));
        await em.execute(
          `update collab_document set state = ?, record_text = ?, record_state = ?, updated_at = now()
           where name = ?`,
          [state, text, Buffer.from(Y.encodeStateVector(doc)), name],
        );
        await em.execute('delete from collab_update where name = ?', [name]);
      } finally {
        doc.destroy();
      }
    });
  }
}

/**
 * FOR NO KEY UPDATE: serialises loads and compactions of a document without blocking
 * appends, whose foreign key only takes a KEY SHARE lock on the row.
 */
async function lockDocument(
  em: EntityManager,
  name: string,
  whenLocked: 'wait' | 'skip locked' = 'wait',
): Promise<{ state: Buffer | null; record_text: string | null } | undefined> {
  const [row] = await em.execute<{ state: Buffer | null; record_text: string | null }[]>(
    `select state, record_text from collab_document where name = ? for no key update${whenLocked === 'wait' ? '' : ' skip locked'}`,
    [name],
  );
  return row;
}

/** Appends updates inside `em` (a transaction, or on its own). */
export async function insertUpdates(
  em: EntityManager,
  name: string,
  updates: readonly Uint8Array[],
): Promise<void> {
  const rows = updates.map(() => '(?, ?)').join(', ');
  const params = updates.flatMap((update) => [name, Buffer.from(update)]);
  await em.execute(`insert into collab_update (name, update) values ${rows}`, params);
}
