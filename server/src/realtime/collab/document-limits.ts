import { CloseCode } from '@crm/contracts';
import type {
  afterLoadDocumentPayload,
  beforeHandleMessagePayload,
  Document,
  Extension,
  onStoreDocumentPayload,
} from '@hocuspocus/server';
import * as Y from 'yjs';
import { closeReason } from '../../platform/index.js';
import type { CollabContext } from './access.js';
import { textName } from './document-name.js';
import { dropMessage } from './drop-message.js';
import { readIncomingUpdate } from './sync-message.js';

export interface DocumentLimitSettings {
  /** The field's own limit: a long-text value holds this many characters (UTF-16 code units). */
  maxTextLength: number;
  /** The document as stored: its encoded state. */
  maxDocumentBytes: number;
}

interface Refusal {
  code: CloseCode;
  reason: string;
}

/**
 * Refuses, before it is stored or applied, a Yjs update to a field document or draft that would
 * give it more text than the record can hold, make it larger than the store allows, or
 * add anything but plain text to its `text` (other shared types, map entries, embeds,
 * formatting). The socket is closed with the code saying which.
 *
 * Most updates are small: they pass on a bound (current text plus inserted characters,
 * last measured size plus update bytes). Only an update near a limit is checked exactly,
 * by applying it to a copy of the document.
 */
export class DocumentLimits implements Extension {
  extensionName = 'crm-document-limits';
  /** The encoded size last measured, plus the bytes of the updates accepted since. */
  private readonly sizeBound = new WeakMap<Document, number>();

  constructor(private readonly limits: DocumentLimitSettings) {}

  async afterLoadDocument({ document }: afterLoadDocumentPayload): Promise<void> {
    this.measure(document);
  }

  async onStoreDocument({ document }: onStoreDocumentPayload): Promise<void> {
    this.measure(document);
  }

  async beforeHandleMessage({ connection, update: message, document, context }: beforeHandleMessagePayload) {
    if ((context as CollabContext).document.kind === 'presence' || connection.readOnly) return;
    let refusal: Refusal | null;
    let update: Uint8Array | undefined;
    try {
      update = readIncomingUpdate(message)?.update;
      refusal = update ? this.check(document, update) : null;
    } catch {
      refusal = { code: CloseCode.InvalidMessage, reason: 'The message could not be read.' };
    }
    if (!refusal) {
      if (update) this.sizeBound.set(document, (this.sizeBound.get(document) ?? 0) + update.length);
      return;
    }
    connection.webSocket.close(refusal.code, closeReason(refusal.reason));
    return dropMessage();
  }

  private check(document: Document, update: Uint8Array): Refusal | null {
    const { structs } = Y.decodeUpdate(update);
    let inserted = 0;
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) continue; // GC and skip ranges carry no content
      // Decoded, `parent` is a root type's name, the id of a nested type's item, or null when
      // the item follows an origin (then it inherits the origin's parent: only text ever gets in).
      const parent: unknown = struct.parent;
      const inText = parent === null || parent === textName;
      if (!inText || struct.parentSub !== null) return unsupported;
      if (struct.content instanceof Y.ContentString) inserted += struct.content.str.length;
      else if (!(struct.content instanceof Y.ContentDeleted)) return unsupported;
    }
    const { maxTextLength, maxDocumentBytes } = this.limits;
    const textBound = document.getText(textName).length + inserted;
    const sizeBound = (this.sizeBound.get(document) ?? 0) + update.length;
    if (textBound <= maxTextLength && sizeBound <= maxDocumentBytes) return null;

    const after = new Y.Doc();
    try {
      Y.applyUpdate(after, Y.encodeStateAsUpdate(document));
      Y.applyUpdate(after, update);
      if (after.getText(textName).length > maxTextLength) {
        return {
          code: CloseCode.DocumentTooLarge,
          reason: `The text would exceed ${maxTextLength} characters, the field's limit.`,
        };
      }
      if (Y.encodeStateAsUpdate(after).length > maxDocumentBytes) {
        return {
          code: CloseCode.DocumentTooLarge,
          reason: `The document would exceed ${maxDocumentBytes} bytes.`,
        };
      }
      return null;
    } finally {
      after.destroy();
    }
  }

  private measure(document: Document): void {
    this.sizeBound.set(document, Y.encodeStateAsUpdate(document).length);
  }
}

const unsupported: Refusal = {
  code: CloseCode.UnsupportedContent,
  reason: 'A field document or draft holds plain text only.',
};
