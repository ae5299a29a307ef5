// Records: the record store (validated, transactional writes with the change log), the
// query compiler, and the schema builder that turns metadata into GraphQL types.
export type * from './api.js';
export { callerView } from './caller-view.js';
export type { FileRefs, RecordsServices } from './services.js';
export { buildRecordsSchema, findNameConflicts, SchemaNameConflictError } from './schema/index.js';
export { checkRowScope, guardWrite } from './schema/write-guard.js';
export {
  createRecordStore,
  type RecordHooks,
  type RecordWritePayload,
  type SqlRecordStore,
  type UpdateShape,
  type WriteSql,
} from './store/index.js';
export {
  createChangeLogSql,
  readChangeLogPosition,
  readChanges,
  readChangesById,
  readChangesCommittedSince,
  readSettledChanges,
  readSnapshot,
  readRecordHistory,
  readRecordTimeline,
  objectsChangedSince,
  eraseLoggedValues,
  withoutTerms,
  type ChangeErasure,
  type ChangeRange,
  type ChangeLogWatermark,
  type RecordTimelineRange,
} from './store/change-log.js';
export {
  andSql,
  compileFilter,
  compileGetMany,
  compileList,
  compileSearch,
  searchOver,
  compileSort,
  decodeRow,
  fieldForQuery,
  isManyToOne,
  joinSql,
  selectList,
  sql,
  targetObject,
  visibleFields,
  type Sql,
} from './query/index.js';
export { defaultFilterLimits, type FilterLimits } from './query/filter-limits.js';
export { defaultPageSize, maxPageSize } from './query/list.js';
export { pgArrayLiteral } from './query/sql.js';
export { readerOf, readScopeOf } from './store/reads.js';
export { writeTogether } from './store/together.js';
export { recordMigrations } from './migrations/index.js';
