import type { RequestContext } from '../identity/index.js';
import type { RecordAccessViews, SqlRecordStore } from '../records/index.js';

/**
 * What duplicates and merge need from the app: the record store (merges write through it) and
 * the permission profiles (candidates, comparisons and merges within the caller's scope).
 */
export interface DuplicateServices {
  records: SqlRecordStore;
  recordAccess: RecordAccessViews;
}

export type DuplicatesContext = RequestContext<DuplicateServices>;
