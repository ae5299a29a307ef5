import type {
  Document,
  Extension,
  Hocuspocus,
  afterUnloadDocumentPayload,
  beforeHandleMessagePayload,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
} from '@hocuspocus/server';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import * as Y from 'yjs';
import type { Role } from '../../identity/index.js';
import type { Logger } from '../../platform/index.js';
import type { CollabContext } from './access.js';
import { draftDocumentName, parseDocumentName, textName, type DraftDocumentName } from './document-name.js';
import { CollabDocumentStore, insertUpdates } from './document-store.js';
import type { DocumentFanOut } from './redis-fan-out.js';
import { takeText } from './replace-text.js';
import { isEmptyUpdate, readIncomingUpdate } from './sync-message.js';

/** One draft: a draft block of a document template, for one record. */
export type DraftRef = Omit<DraftDocumentName, 'kind'>;

/** What drafts need from the documents module (wired in app/server.ts). */
export interface DraftSource {
  /** The id of the object a template is for, when it has a draft block `blockKey`; else null. */
  objectOf(
    em: EntityManager,
    workspaceId: string,
    templateId: string,
    blockKey: string,
  ): Promise<string | null>;
  /** What a new draft starts from: the block's default, merged for the record as `user` sees it. */
  defaultText(
    em: EntityManager,
    draft: DraftRef,
    user: { id: string; name: string; email: string; role: Role },
  ): Promise<string>;
}

/** The origin of changes made by the server (a reset), not by a provider. */
const serverOrigin = { origin: 'draft-reset' } as const;

/**
 * Drafts as a Hocuspocus extension: stored like field documents (each update appended to
 * PostgreSQL before Hocuspocus applies and acknowledges it, compacted when due after the
 * debounced store), fanned out by the same Redis extension, but projected into no record: the
 * documents module reads the stored text when it renders. A new draft starts from its block's
 * merged default.
 */
export class DraftDocuments implements Extension {
  extensionName = 'crm-draft-documents';
  private readonly open = new Map<string, Document>();
  private instance?: Hocuspocus;

  constructor(
    private readonly orm: MikroORM,
    private readonly documents: CollabDocumentStore,
    private readonly source: DraftSource,
    private readonly logger: Logger,
    private readonly fanOut?: DocumentFanOut,
  ) {}

  async onConfigure({ instance }: { instance: Hocuspocus }): Promise<void> {
    this.instance = instance;
  }

  /** The stored state; the first time, the block's default (under the row lock, so only once). */
  async onLoadDocument({ document, documentName, context }: onLoadDocumentPayload): Promise<void> {
    const { document: target, userId, userName, role, caller } = context as CollabContext;
    if (target.kind !== 'draft') return;
    await this.documents.withDocument(documentName, target.workspaceId, async (em, stored) => {
      document.transact(() => {
        for (const update of stored.content) Y.applyUpdate(document, update);
      });
      // `record_text` marks a draft as started (it holds the default it started from).
      if (stored.recordText !== null) return;
      const user = { id: userId, name: userName, email: caller?.user.email ?? '', role };
      const text = await this.source.defaultText(this.orm.em.fork(), draftRef(target), user);
      const update = takeText(document, text, serverOrigin);
      if (update) await insertUpdates(em, documentName, [update]);
      await this.documents.setRecordText(em, documentName, text, Y.encodeStateVector(document));
    });
    this.open.set(documentName, document);
  }

  /** Awaited before Hocuspocus applies the message: the update is durable before it is acknowledged. */
  async beforeHandleMessage({ connection, update: message, documentName }: beforeHandleMessagePayload) {
    const document = this.open.get(documentName);
    if (!document || connection.readOnly) return;
    const incoming = readIncomingUpdate(message);
    if (!incoming || isEmptyUpdate(incoming.update)) return;
    if (incoming.step === 'step2' && Y.snapshotContainsUpdate(Y.snapshot(document), incoming.update)) return;
    await this.documents.append(documentName, incoming.update);
  }

  async onStoreDocument({ documentName, document }: onStoreDocumentPayload): Promise<void> {
    if (!this.open.has(documentName)) return;
    try {
      await this.documents.compactWhenDue(documentName, document);
    } catch (error) {
      this.logger.error({ err: error, document: documentName }, 'collab compaction failed');
    }
  }

  async afterUnloadDocument({ documentName, instance }: afterUnloadDocumentPayload): Promise<void> {
    if (this.open.get(documentName) !== instance.documents.get(documentName)) {
      this.open.delete(documentName);
      this.documents.unloaded(documentName);
    }
  }

  /**
   * The draft's text as stored: every update a client has seen acknowledged, whichever process
   * took it (each is appended before it is applied), so it is never behind a live copy's
   * acknowledged state. Null for a draft never opened.
   */
  async read(draft: DraftRef): Promise<string | null> {
    const name = draftDocumentName(draft);
    const content = await this.documents.read(name);
    if (!content.length && !(await this.documents.exists(name))) return null;
    const document = new Y.Doc();
    try {
      for (const update of content) Y.applyUpdate(document, update);
      return document.getText(textName).toString();
    } finally {
      document.destroy();
    }
  }

  /**
   * After an erasure committed: each draft of `recordIds` reads `scrub(text)` (open copies and
   * other processes take the change like a reset), then is stored again as one state, so the
   * erased terms leave its history too (typed once and deleted, or in the merged default).
   */
  async eraseHistory(
    workspaceId: string,
    recordIds: readonly string[],
    scrub: (text: string) => string,
  ): Promise<void> {
    const records = new Set(recordIds);
    for (const name of await this.documents.namesStartingWith(`${workspaceId}/draft/`)) {
      const draft = parseDocumentName(name);
      if (draft?.kind !== 'draft' || !records.has(draft.recordId)) continue;
      const text = scrub((await this.read(draft)) ?? '');
      await this.replace(draft, text);
      const open = this.instance?.documents.get(name);
      if (open) await open.saveMutex.runExclusive(() => this.rewrite(name, text));
      else await this.rewrite(name, text);
    }
  }

  private async rewrite(name: string, text: string): Promise<void> {
    await this.documents.drain();
    await this.documents.rewrite(name, text);
  }

  /**
   * Makes the draft read `text`: the change is computed on the stored state and stored, then
   * applied to the copy open here and sent to the other processes; concurrent edits merge.
   */
  async replace(draft: DraftRef, text: string): Promise<void> {
    const name = draftDocumentName(draft);
    const update = await this.documents.withDocument(name, draft.workspaceId, async (em, stored) => {
      const document = new Y.Doc();
      try {
        for (const part of stored.content) Y.applyUpdate(document, part);
        const change = takeText(document, text, serverOrigin);
        if (change) await insertUpdates(em, name, [change]);
        await this.documents.setRecordText(
          em,
          name,
          stored.recordText ?? text,
          Y.encodeStateVector(document),
        );
        return change;
      } finally {
        document.destroy();
      }
    });
    if (!update) return;
    const open = this.instance?.documents.get(name);
    if (open) Y.applyUpdate(open, update, serverOrigin);
    await this.fanOut?.publishUpdate(name, update);
  }
}

const draftRef = ({ kind: _kind, ...ref }: DraftDocumentName): DraftRef => ref;
