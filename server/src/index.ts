// The server as a library, for the end-to-end tests and scripts: start it, stop it.
import 'reflect-metadata';
export { startServer, startWorker, type RunningServer, type RunningWorker } from './app/index.js';
export { buildCoreSchema } from './app/index.js';
export { migrate, openAppDatabase, workspaceSchemaSql } from './app/index.js';
export { createLogger, loadConfig, type Config } from './platform/index.js';
// For tests that write accounts the way an older release did, straight into the database.
export { hashPassword } from './identity/index.js';
// The record store on its own, for the record-store tests: a database, hand-made
// metadata and its DDL, the store and the query compiler.
export { type Database } from './platform/index.js';
export {
  addFieldColumnsSql,
  columnNameFor,
  createFieldIndexSql,
  createJunctionSql,
  createObjectTableSql,
  junctionNameFor,
  schemaNameFor,
  tableNameFor,
} from './metadata/index.js';
export { systemFields } from './metadata/index.js';
export type { FieldDef, FieldType, ObjectDef, WorkspaceMetadata } from './metadata/index.js';
export type {
  ListArgs,
  RecordChange,
  RecordContext,
  RecordFilter,
  RecordRow,
  RecordStore,
} from './records/index.js';
export { createRecordStore, type RecordHooks, type SqlRecordStore } from './records/index.js';
export { compileList } from './records/index.js';
// Named prepared statements kept per connection (lists' pages and counts), for their test.
export { customRuns, queryRows, runPrepared } from './platform/index.js';
// The change-consumer seam on its own, for its test: consumers in the test's process.
export { createChangeConsumers, startCursor, type ChangeConsumer } from './consumers/index.js';
export { startJobQueue } from './jobs/index.js';
export { MetadataCache } from './metadata/index.js';
// Automation's rules by key, as templates install them (for its test).
export { noTimeTriggers, saveRulesByKey, type RuleSpec } from './automation/index.js';
