/**
 * A document template's body as the API takes and gives it: an ordered list of blocks. The
 * server validates it (server/src/documents/blocks.ts, which must infer to these types) and the
 * client's designer edits it; docs/documents.md describes each kind.
 */
export type DocumentBlock =
  | { type: 'heading'; text: string; level?: number }
  | { type: 'paragraph'; text: string }
  | { type: 'fields'; title?: string; fields: string[] }
  | { type: 'image'; field: string; count?: number }
  | { type: 'lines'; title?: string; source: string; columns: string[] }
  | { type: 'pageBreak' }
  | { type: 'draft'; key: string; label: string; default?: string };

export type DocumentBlockType = DocumentBlock['type'];

export const documentBlockTypes: readonly DocumentBlockType[] = [
  'heading',
  'paragraph',
  'fields',
  'image',
  'lines',
  'pageBreak',
  'draft',
];

/** At most this many blocks in a template. */
export const maxDocumentBlocks = 200;
/** An image block's gallery shows at most this many images. */
export const maxImagesPerBlock = 12;
/** Heading levels 1 (largest) to this. */
export const maxHeadingLevel = 3;
