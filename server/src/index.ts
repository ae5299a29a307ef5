// The server as a library, for the end-to-end tests and scripts: start it, stop it.
import 'reflect-metadata';
export { startServer, type RunningServer } from './app/server.js';
export { startWorker, type RunningWorker } from './app/worker.js';
export { buildCoreSchema } from './app/core-schema.js';
export { createLogger, loadConfig, migrate, type Config } from './platform/index.js';
// For tests that write accounts the way an older release did, straight into the database.
export { hashPassword } from './identity/index.js';
// The record store on its own, for the record-store tests: a database, hand-made
// metadata and its DDL, the store and the query compiler.
export { openDatabase, type Database } from './platform/index.js';
export { identityEntities } from './identity/index.js';
export { metadataEntities } from './metadata/index.js';
export {
  addFieldColumnsSql,
  columnNameFor,
  createFieldIndexSql,
  createJunctionSql,
  createObjectTableSql,
  createWorkspaceSchemaSql,
  junctionNameFor,
  schemaNameFor,
  tableNameFor,
} from './metadata/ddl.js';
export { systemFields } from './metadata/system-fields.js';
export type { FieldDef, FieldType, ObjectDef, WorkspaceMetadata } from './metadata/model.js';
export type {
  ListArgs,
  RecordChange,
  RecordContext,
  RecordFilter,
  RecordRow,
  RecordStore,
} from './records/api.js';
export { createRecordStore, type RecordHooks, type SqlRecordStore } from './records/store/index.js';
export { compileList } from './records/query/index.js';
