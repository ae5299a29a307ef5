import { AsyncLocalStorage } from 'node:async_hooks';
import type {
  Document,
  Extension,
  Hocuspocus,
  afterLoadDocumentPayload,
  afterUnloadDocumentPayload,
  beforeHandleMessagePayload,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
} from '@hocuspocus/server';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import * as Y from 'yjs';
import { Role } from '../../identity/index.js';
import { type MetadataCache, type ObjectDef, type WorkspaceMetadata } from '../../metadata/index.js';
import { AppError, type Logger } from '../../platform/index.js';
import type { RecordHooks, RecordStore } from '../../records/index.js';
import { CollabRefusal, findLongTextField, findRecord, textOf, type CollabContext } from './access.js';
import { fieldDocumentName, textName, type FieldDocumentName } from './document-name.js';
import { CollabDocumentStore, insertUpdates } from './document-store.js';
import { takeText } from './replace-text.js';
import type { DocumentFanOut } from './redis-fan-out.js';
import { isEmptyUpdate, readIncomingUpdate } from './sync-message.js';

type RecordCommitPayload = Parameters<NonNullable<RecordHooks['afterCommit']>>[0];

/** A field document loaded on this process. */
interface OpenDocument {
  target: FieldDocumentName;
  document: Document;
  /** Who last changed it through a provider: the projection writes as them. */
  actorId: string;
  /** The text the record was last given, or had when the document took it. */
  projected: string;
  /** Projections refused in a row because this copy had not yet seen the record's value. */
  staleTries?: number;
}

/** What the projection writes, and the state vector of the copy it comes from. */
interface Projection {
  name: string;
  text: string;
  recordId: string;
  fieldKey: string;
  state: Uint8Array;
}

/**
 * The record's value came from a copy of the document (or a write) that this copy has not
 * yet received: projecting now would overwrite it with older text.
 */
class StaleCopy extends Error {}

/** The origin of changes that come from the record (GraphQL writes), not from a provider. */
const recordOrigin = { origin: 'record' } as const;

/**
 * The persistence and projection of field documents, as a Hocuspocus extension:
 * updates are appended to PostgreSQL before Hocuspocus applies and acknowledges them,
 * the debounced store projects the text into the record and compacts, and record
 * writes from elsewhere reach open documents through `recordHooks`.
 */
export class FieldDocuments implements Extension {
  extensionName = 'crm-field-documents';

  private readonly open = new Map<string, OpenDocument>();
  private readonly loaded = new WeakMap<Document, OpenDocument & { stale: boolean }>();
  /** Set while the projection writes the record, so its own change does not come back. */
  private readonly projecting = new AsyncLocalStorage<Projection>();
  private readonly background = new Set<Promise<unknown>>();
  private readonly retries = new Map<string, NodeJS.Timeout>();
  private instance?: Hocuspocus;
  private stopped = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly store: RecordStore,
    private readonly metadataCache: MetadataCache,
    private readonly documents: CollabDocumentStore,
    private readonly logger: Logger,
    /** With Redis, other processes may have a document open that this one has not. */
    private readonly fanOut?: DocumentFanOut,
  ) {}

  async onConfigure({ instance }: { instance: Hocuspocus }): Promise<void> {
    this.instance = instance;
  }

  /** State and pending updates; then the record's value if it changed while the document was closed. */
  async onLoadDocument({ document, documentName, context }: onLoadDocumentPayload): Promise<void> {
    const { document: target, userId } = context as CollabContext;
    if (target.kind !== 'field') return;
    // Read before the transaction: a metadata load runs its queries in parallel.
    const metadata = await this.metadataOf(this.orm.em.fork(), target.workspaceId);
    const { object } = findLongTextField(metadata, target);
    const projected = await this.documents.withDocument(
      documentName,
      target.workspaceId,
      async (em, stored) => {
        document.transact(() => {
          for (const update of stored.content) Y.applyUpdate(document, update);
        });
        const record = await findRecord(em, this.store, metadata, object, target, userId);
        const recordText = textOf(record[target.fieldKey]);
        // A new document, or the record was written while nobody had it open: the record wins.
        if (stored.recordText !== recordText) {
          const update = this.takeText(document, recordText);
          if (update) await insertUpdates(em, documentName, [update]);
          await this.documents.setRecordText(em, documentName, recordText, Y.encodeStateVector(document));
        }
        return recordText;
      },
    );
    const stale = document.getText(textName).toString() !== projected;
    this.loaded.set(document, { target, document, actorId: userId, projected, stale });
  }

  async afterLoadDocument(payload: afterLoadDocumentPayload): Promise<void> {
    const loaded = this.loaded.get(payload.document);
    if (!loaded) return;
    this.loaded.delete(payload.document);
    const { stale, ...open } = loaded;
    this.open.set(payload.documentName, open);
    // Edits acknowledged before a crash, never projected: project them now.
    if (stale) void this.instance?.storeDocumentHooks(payload.document, { ...payload, clientsCount: 0 });
  }

  /**
   * Awaited by Hocuspocus before it applies a message and answers with its sync status:
   * the update is durable before the client can see it acknowledged.
   */
  async beforeHandleMessage({
    connection,
    update: message,
    documentName,
    context,
  }: beforeHandleMessagePayload) {
    const open = this.open.get(documentName);
    if (!open || connection.readOnly) return;
    const incoming = readIncomingUpdate(message);
    if (!incoming || isEmptyUpdate(incoming.update)) return;
    if (incoming.step === 'step2' && Y.snapshotContainsUpdate(Y.snapshot(open.document), incoming.update))
      return;
    await this.documents.append(documentName, incoming.update);
    open.actorId = (context as CollabContext).userId;
  }

  /** Debounced by Hocuspocus (and run under the document's save mutex): project, then compact when due. */
  async onStoreDocument({ documentName, document }: onStoreDocumentPayload): Promise<void> {
    const open = this.open.get(documentName);
    if (!open) return;
    try {
      await this.project(documentName, open);
    } catch (error) {
      this.logger.error({ err: error, document: documentName }, 'collab projection failed');
    }
    try {
      await this.documents.compactWhenDue(documentName, document);
    } catch (error) {
      this.logger.error({ err: error, document: documentName }, 'collab compaction failed');
    }
  }

  async afterUnloadDocument({ documentName, instance }: afterUnloadDocumentPayload): Promise<void> {
    if (this.open.get(documentName)?.document !== instance.documents.get(documentName)) {
      this.open.delete(documentName);
      this.documents.unloaded(documentName);
    }
  }

  readonly recordHooks: RecordHooks = {
    // In the projection's own transaction: the record and the text it agrees with, together.
    // Only a projection's own write: it must see the text the record had.
    actsOnUpdate: () => this.projecting.getStore() !== undefined,
    afterWrite: async ({ db, changes }) => {
      const projection = this.projecting.getStore();
      if (!projection) return;
      // The record row is locked by now: its value before this write is the latest one.
      const before = changes.find((c) => c.recordId === projection.recordId)?.changes[
        projection.fieldKey
      ]?.[0];
      const agreed = await this.documents.lockAgreement(db, projection.name);
      if (
        agreed &&
        (textOf(before) !== (agreed.recordText ?? '') || !covers(projection.state, agreed.recordState))
      )
        throw new StaleCopy();
      await this.documents.setRecordText(db, projection.name, projection.text, projection.state);
    },
    afterCommit: (payload) => {
      if (this.stopped) return;
      const projection = this.projecting.getStore();
      if (projection && payload.changes.every((c) => c.recordId === projection.recordId)) return;
      this.track(this.recordChanged(payload));
    },
  };

  /**
   * After an erasure committed: each stored document of the record's long-text fields is
   * rebuilt as one state reading its new text (`texts` by field key), so the erased text's
   * history leaves the database. Open copies took the text from the record write first.
   */
  async eraseRecordHistory(
    workspaceId: string,
    objectKey: string,
    recordId: string,
    texts: Readonly<Record<string, string>>,
  ): Promise<void> {
    while (this.background.size) await Promise.allSettled([...this.background]);
    const prefix = `${workspaceId}/${objectKey}/${recordId}/`;
    for (const name of await this.documents.namesStartingWith(prefix)) {
      const text = texts[name.slice(prefix.length)] ?? '';
      const open = this.open.get(name);
      if (open) {
        await open.document.saveMutex.runExclusive(async () => {
          await this.documents.drain();
          await this.documents.rewrite(name, text);
        });
      } else {
        await this.documents.rewrite(name, text);
      }
    }
  }

  /** Shutting down: record writes no longer reach documents; resolves when those under way have. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.retries.values()) clearTimeout(timer);
    this.retries.clear();
    while (this.background.size) await Promise.allSettled([...this.background]);
  }

  /** The workspace's metadata; a test may stand in its own, to act while a projection waits for it. */
  protected metadataOf(em: EntityManager, workspaceId: string): Promise<WorkspaceMetadata> {
    return this.metadataCache.require(em, workspaceId);
  }

  private track(work: Promise<unknown>): void {
    const tracked = work
      .catch((error: unknown) => this.logger.error({ err: error }, 'collab record change failed'))
      .finally(() => this.background.delete(tracked));
    this.background.add(tracked);
  }

  private async project(name: string, open: OpenDocument): Promise<void> {
    const text = open.document.getText(textName).toString();
    if (text === open.projected) return;
    // The state the text is of, taken with it: updates from other processes (Redis) reach the
    // document without this mutex, and a state read after an await below could claim one the
    // text does not have, so the agreement check would let older text overwrite a newer write.
    const state = Y.encodeStateVector(open.document);
    // Another process's copy has given the record this very text (copies converge): nothing to
    // write, and no transaction to queue on the record's row behind that process's. Alone (no
    // Redis), no other copy writes, so there is nothing to read first.
    if (this.fanOut && (await this.documents.agreedText(name)) === text) {
      open.projected = text;
      open.staleTries = 0;
      return;
    }
    const em = this.orm.em.fork();
    const { target } = open;
    try {
      const metadata = await this.metadataOf(em, target.workspaceId);
      const { object } = findLongTextField(metadata, target);
      const projection = { name, text, recordId: target.recordId, fieldKey: target.fieldKey };
      await this.projecting.run({ ...projection, state }, () =>
        this.store.update({ em, metadata, actorId: open.actorId }, object, {
          id: target.recordId,
          patch: { [target.fieldKey]: text === '' ? null : text },
        }),
      );
      open.projected = text;
      open.staleTries = 0;
    } catch (error) {
      if (error instanceof StaleCopy) return this.projectLater(name, open);
      if (!(error instanceof AppError) && !(error instanceof CollabRefusal)) throw error;
      // The record or field is gone, or refuses the text (too long, required): the document keeps it.
      this.logger.warn({ err: error, document: name }, 'collab projection refused');
    }
  }

  private async recordChanged({ metadata, changes }: RecordCommitPayload): Promise<void> {
    for (const change of changes) {
      const object = metadata.objects.find((o) => o.id === change.objectId);
      if (!object) continue;
      if (change.kind === 'delete') {
        this.closeRecord(metadata.workspaceId, object, change.recordId);
        continue;
      }
      for (const [key, [, after]] of Object.entries(change.changes)) {
        if (object.fields.find((f) => f.key === key)?.type !== 'LONG_TEXT') continue;
        const target: FieldDocumentName = {
          kind: 'field',
          workspaceId: metadata.workspaceId,
          objectKey: object.key,
          recordId: change.recordId,
          fieldKey: key,
        };
        await this.recordTextChanged(target, textOf(after), change.actorId);
      }
    }
  }

  /** A record write changed the field: its open document takes the new text. */
  private async recordTextChanged(target: FieldDocumentName, text: string, actorId: string | null) {
    const name = fieldDocumentName(target);
    // Being loaded (from a record value read before this write committed): wait for it.
    await this.instance?.loadingDocuments.get(name)?.catch(() => undefined);
    const open = this.open.get(name);
    if (open) {
      await open.document.saveMutex.runExclusive(async () => {
        const update = this.takeText(open.document, text);
        await this.orm.em.fork().transactional(async (em) => {
          if (update) await insertUpdates(em, name, [update]);
          await this.documents.setRecordText(em, name, text, Y.encodeStateVector(open.document));
        });
        open.projected = text;
      });
    } else if (this.fanOut && actorId && (await this.documents.exists(name))) {
      // Maybe open on another process: loading it here applies the record's value
      // (it differs from the text stored), and Redis carries the result to the others.
      const context: CollabContext = { userId: actorId, userName: '', role: Role.MEMBER, document: target };
      try {
        const connection = await this.instance!.openDirectConnection(name, context);
        try {
          if (connection.document)
            await this.fanOut.publishUpdate(name, Y.encodeStateAsUpdate(connection.document));
        } finally {
          await connection.disconnect();
        }
      } catch (error) {
        if (!(error instanceof CollabRefusal)) throw error; // the record or field is gone meanwhile
      }
    }
  }

  /**
   * Tries a refused projection again, first taking from the database what this copy lacks
   * (every update is stored before any copy applies it), so it converges even if a message
   * between processes is late or lost. Backs off to a few seconds while the write that
   * moved the record on has not stored its update yet.
   */
  private projectLater(name: string, open: OpenDocument): void {
    if (this.stopped || this.retries.has(name)) return;
    const tries = (open.staleTries = (open.staleTries ?? 0) + 1);
    const timer = setTimeout(
      () => {
        this.retries.delete(name);
        if (this.stopped || this.open.get(name) !== open) return;
        this.track(
          open.document.saveMutex.runExclusive(async () => {
            const stored = await this.documents.read(name);
            open.document.transact(() => {
              for (const update of stored) Y.applyUpdate(open.document, update);
            }, recordOrigin);
            await this.project(name, open);
          }),
        );
      },
      Math.min(50 * 2 ** tries, 5_000),
    );
    timer.unref();
    this.retries.set(name, timer);
  }

  /** Replaces the document's text in one transaction; the update, or null if it already read so. */
  private takeText(document: Y.Doc, text: string): Uint8Array | null {
    return takeText(document, text, recordOrigin);
  }

  private closeRecord(workspaceId: string, object: ObjectDef, recordId: string): void {
    const prefix = `${workspaceId}/${object.key}/${recordId}/`;
    for (const name of this.open.keys()) {
      if (name.startsWith(prefix)) this.instance?.closeConnections(name);
    }
  }
}

/** Whether a copy with state vector `have` has seen everything a copy with `need` had. */
function covers(have: Uint8Array, need: Uint8Array | null): boolean {
  if (!need) return true;
  const seen = Y.decodeStateVector(have);
  for (const [client, clock] of Y.decodeStateVector(need)) if ((seen.get(client) ?? 0) < clock) return false;
  return true;
}
