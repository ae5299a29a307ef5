import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { MetadataCache, type WorkspaceMetadata } from '../../metadata/index.js';
import type { RecordStore } from '../../records/index.js';
import { createLogger } from '../../platform/index.js';
import { fieldDocumentName, textName, type FieldDocumentName } from './document-name.js';
import type { CollabDocumentStore } from './document-store.js';
import type { DocumentFanOut } from './redis-fan-out.js';
import { FieldDocuments } from './field-documents.js';

// What findLongTextField reads: a live object with a live long-text field.
const metadata = {
  workspaceId: '00000000-0000-4000-8000-000000000001',
  objects: [
    {
      key: 'deal',
      archivedAt: null,
      fields: [{ key: 'notes', type: 'LONG_TEXT', column: 'f_notes', archivedAt: null }],
    },
  ],
} as unknown as WorkspaceMetadata;
/** Field documents whose metadata read waits for `metadataRead`: the projection's only await before it writes. */
class Gated extends FieldDocuments {
  metadataRead: Promise<void> = Promise.resolve();
  protected override async metadataOf(): Promise<WorkspaceMetadata> {
    await this.metadataRead;
    return metadata;
  }
}

function textDocument(client: number, text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = client;
  doc.getText(textName).insert(0, text);
  return doc;
}

describe('a field document’s projection', () => {
  it('writes its text only with the state that text was read at, not one a remote update brought meanwhile', async () => {
    const target: FieldDocumentName = {
      kind: 'field',
      workspaceId: metadata.workspaceId,
      objectKey: 'deal',
      recordId: '00000000-0000-4000-8000-00000000abcd',
      fieldKey: 'notes',
    };
    const name = fieldDocumentName(target);
    // Copy A (this process) holds older text; copy B (another process) took a newer record write.
    const onA = textDocument(1, 'old text');
    const onB = new Y.Doc();
    Y.applyUpdate(onB, Y.encodeStateAsUpdate(onA));
    onB.transact(() => {
      const text = onB.getText(textName);
      text.delete(0, text.length);
      text.insert(0, 'newer');
    });
    // B agreed its text with the record: the record reads 'newer', of B's state.
    const agreement = { recordText: 'newer', recordState: Buffer.from(Y.encodeStateVector(onB)) };
    const setRecordText = vi.fn(async () => undefined);
    const documents = {
      agreedText: async () => agreement.recordText,
      lockAgreement: async () => agreement,
      setRecordText,
    } as unknown as CollabDocumentStore;
    const hooks: { afterWrite?: FieldDocuments['recordHooks']['afterWrite'] } = {};
    const store = {
      // As the store does: the projection's write runs its afterWrite hook in its transaction.
      update: async (
        _ctx: unknown,
        _object: unknown,
        update: { id: string; patch: Record<string, unknown> },
      ) => {
        await hooks.afterWrite!({
          db: {},
          changes: [{ recordId: update.id, changes: { notes: ['newer', update.patch.notes] } }],
        } as never);
        return {};
      },
    } as unknown as RecordStore;
    const orm = { em: { fork: () => ({}) } };
    const fieldDocuments = new Gated(
      orm as never,
      store,
      new MetadataCache(),
      documents,
      createLogger('silent'),
    );
    hooks.afterWrite = fieldDocuments.recordHooks.afterWrite;
    const open = { target, document: onA, actorId: 'someone', projected: '' };

    let release!: () => void;
    fieldDocuments.metadataRead = new Promise((resolve) => (release = resolve));
    const projecting = (
      fieldDocuments as unknown as { project(n: string, o: typeof open): Promise<void> }
    ).project(name, open);
    // B's update reaches A over Redis while the projection waits: A now reads 'newer' too.
    Y.applyUpdate(onA, Y.encodeStateAsUpdate(onB));
    release();
    await projecting;
    await fieldDocuments.stop();

    // 'old text' was read before B's update: it must not be agreed as the record's text.
    expect(onA.getText(textName).toString()).toBe('newer');
    expect(setRecordText).not.toHaveBeenCalled();
    expect(open.projected).toBe('');
  });
});

describe('storing a field document', () => {
  const target: FieldDocumentName = {
    kind: 'field',
    workspaceId: metadata.workspaceId,
    objectKey: 'deal',
    recordId: '00000000-0000-4000-8000-00000000beef',
    fieldKey: 'notes',
  };
  const name = fieldDocumentName(target);

  function storing(agreed: string) {
    const update = vi.fn(async () => ({}));
    const compactWhenDue = vi.fn(async () => undefined);
    const documents = { agreedText: async () => agreed, compactWhenDue } as unknown as CollabDocumentStore;
    const fieldDocuments = new Gated(
      { em: { fork: () => ({}) } } as never,
      { update } as unknown as RecordStore,
      new MetadataCache(),
      documents,
      createLogger('silent'),
      // With Redis: other processes hold copies too.
      {} as DocumentFanOut,
    );
    const document = textDocument(3, 'the same text');
    const open = { target, document, actorId: 'someone', projected: '' };
    (fieldDocuments as unknown as { open: Map<string, typeof open> }).open.set(name, open);
    const store = () => fieldDocuments.onStoreDocument({ documentName: name, document } as never);
    return { update, compactWhenDue, open, store };
  }

  it('writes nothing when another process already gave the record this text', async () => {
    const { update, open, store } = storing('the same text');
    await store();
    expect(update).not.toHaveBeenCalled();
    expect(open.projected).toBe('the same text');
  });

  it('writes the text when the record holds another one', async () => {
    const { update, store } = storing('older text');
    await store();
    expect(update).toHaveBeenCalledWith(
      expect.anything(),
      expect.anything(),
      expect.objectContaining({ patch: { notes: 'the same text' } }),
    );
  });

  it('asks the store to compact once it has projected', async () => {
    const { compactWhenDue, store } = storing('older text');
    await store();
    expect(compactWhenDue).toHaveBeenCalledWith(name, expect.anything());
  });
});
