// Metadata: object, field (and later pipeline and view) definitions per workspace,
// the DDL that keeps record tables in step, and the per-workspace metadata version.
export { metadataEntities } from './entities.js';
export {
  fieldTypeSpecs,
  maxLongTextLength,
  valueToSql,
  type FieldTypeSpec,
  type FilterOperator,
} from './field-types.js';
export { qualified, quote } from './ddl.js';
export { reservedKeyReason, reservedKeys } from './reserved-keys.js';
export { loadMetadata } from './load.js';
export * from './model.js';
export { provisionWorkspace } from './provision.js';
export { changeMetadata } from './transaction.js';
export { MetadataResolver } from './graphql/resolver.js';
