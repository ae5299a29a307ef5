// Co-edited long text and presence on `WS /collab` (Hocuspocus): one Yjs document per
// long-text field of a record, persisted in PostgreSQL and projected into the record.
export { createCollabEndpoint, type CollabDeps, type CollabEndpoint } from './endpoint.js';
export { fieldDocumentName, parseDocumentName, textName, type DocumentName } from './document-name.js';
