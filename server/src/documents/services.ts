import type { FilesServices } from '../files/index.js';
import type { RequestContext } from '../identity/index.js';
import type { RecordAccessViews, RecordStore } from '../records/index.js';
import type { DraftTexts } from './drafts.js';
import type { LineSource } from './lines.js';

/** What the documents module needs from the app. */
export interface DocumentsServices extends FilesServices {
  records: RecordStore;
  /** The caller's record scope and visible fields (permission profiles). */
  recordAccess: RecordAccessViews;
  /** Line sources other modules compute (quotes); relations need none. */
  lineSources: readonly LineSource[];
  /** Co-edited drafts (the collab module keeps them). */
  drafts: DraftTexts;
}

export type DocumentsContext = RequestContext<DocumentsServices>;
