// Metadata: object, field (and later pipeline and view) definitions per workspace,
// the DDL that keeps record tables in step, and the per-workspace metadata version.
export { metadataEntities } from './entities.js';
export {
  fieldOperators,
  fieldTypeSpecs,
  fieldTypes,
  filterOperators,
  idOperators,
  maxLongTextLength,
  sortsBy,
  specOf,
  valueToSql,
  type Column,
  type CoreTypes,
  type FieldTypeSpec,
  type FilterOperator,
  type FilterShape,
  type GraphQLShape,
  type TemplateOptions,
} from './field-types.js';
export { qualified, quote } from './ddl.js';
export { reservedKeyReason, reservedKeys } from './reserved-keys.js';
export { loadMetadata } from './load.js';
export * from './model.js';
export { provisionWorkspace } from './provision.js';
export { MetadataResolver } from './graphql/resolver.js';
