// Co-edited long text and presence on `WS /collab` (Hocuspocus): one Yjs document per
// long-text field of a record, persisted in PostgreSQL and projected into the record, and
// one per draft block of a document template and record (co-edited before rendering).
export { createCollabEndpoint, type CollabDeps, type CollabEndpoint } from './endpoint.js';
export {
  draftDocumentName,
  fieldDocumentName,
  parseDocumentName,
  textName,
  type DocumentName,
} from './document-name.js';
export type { DraftRef, DraftSource } from './draft-documents.js';
