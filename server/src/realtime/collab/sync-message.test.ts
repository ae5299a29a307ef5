import { OutgoingMessage } from '@hocuspocus/server';
import { writeSyncStep2 } from 'y-protocols/sync';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isEmptyUpdate, readIncomingUpdate } from './sync-message.js';

function docWith(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('text').insert(0, text);
  return doc;
}

describe('readIncomingUpdate', () => {
  const name = 'a long document name with ünïcode / slashes';

  it('reads the update of an update message', () => {
    const update = Y.encodeStateAsUpdate(docWith('hello'));
    const message = new OutgoingMessage(name).createSyncMessage().writeUpdate(update).toUint8Array();
    expect(readIncomingUpdate(message)).toEqual({ step: 'update', update });
  });

  it('reads the update of a sync step 2, also as a sync reply', () => {
    const doc = docWith('from the client');
    for (const outgoing of [
      new OutgoingMessage(name).createSyncMessage(),
      new OutgoingMessage(name).createSyncReplyMessage(),
    ]) {
      writeSyncStep2(outgoing.encoder, doc);
      const read = readIncomingUpdate(outgoing.toUint8Array());
      expect(read?.step).toBe('step2');
      const copy = new Y.Doc();
      Y.applyUpdate(copy, read!.update);
      expect(copy.getText('text').toString()).toBe('from the client');
    }
  });

  it('ignores sync step 1, awareness and auth messages', () => {
    const doc = docWith('x');
    expect(
      readIncomingUpdate(
        new OutgoingMessage(name)
          .createSyncMessage()
          .writeFirstSyncStepFor(doc as never)
          .toUint8Array(),
      ),
    ).toBeNull();
    expect(readIncomingUpdate(new OutgoingMessage(name).writeQueryAwareness().toUint8Array())).toBeNull();
    expect(readIncomingUpdate(new OutgoingMessage(name).writeAuthenticated(false).toUint8Array())).toBeNull();
  });

  it('refuses a truncated message', () => {
    const message = new OutgoingMessage(name)
      .createSyncMessage()
      .writeUpdate(new Uint8Array(300))
      .toUint8Array();
    expect(() => readIncomingUpdate(message.subarray(0, message.length - 10))).toThrow(RangeError);
  });

  it('recognises the empty update', () => {
    expect(isEmptyUpdate(Y.encodeStateAsUpdate(new Y.Doc()))).toBe(true);
    expect(isEmptyUpdate(Y.encodeStateAsUpdate(docWith('x')))).toBe(false);
  });
});
