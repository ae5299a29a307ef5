// Documents: document templates (blocks with merge fields, field tables, images, line items,
// drafts co-edited live before rendering) rendered to PDF with pdfmake and kept, every
// generation, as files in a FILE field of the record.
export { DocumentResolver } from './graphql/resolver.js';
export { DocumentPreviewType } from './graphql/types.js';
export { documentMigrations } from './migrations/index.js';
export { block as documentBlock, blocks as documentBlocks, type Block as DocumentBlock } from './blocks.js';
export { checkTemplateInput, type DocumentTemplateInput } from './admin.js';
export { insertDocumentTemplate, installedDocumentKeys } from './store.js';
export { documentDefinition, type ResolvedBlock } from './layout.js';
export { renderPdf } from './pdf.js';
export type { LineColumn, LineSource, LineTable, PricedItem, UnitPackage } from './lines.js';
export { unitLineSource, type UnitLineSourceConfig } from './unit-lines.js';
export type { DocumentsServices } from './services.js';
export { createDraftSource, type DraftRef, type DraftTexts } from './drafts.js';
