import type { RequestContext } from '../identity/index.js';
import type { SqlRecordStore } from '../records/index.js';

/** What duplicates and merge need from the app: the record store (merges write through it). */
export interface DuplicateServices {
  records: SqlRecordStore;
}

export type DuplicatesContext = RequestContext<DuplicateServices>;
