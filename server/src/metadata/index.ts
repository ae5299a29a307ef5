// Metadata: object, field (and later pipeline and view) definitions per workspace,
// the DDL that keeps record tables in step, and the per-workspace metadata version.
export * from './model.js';
export { FieldDefRow, metadataEntities } from './entities.js';
export {
  fieldOperators,
  fieldTypeSpecs,
  fieldTypes,
  filterOperators,
  groupsDigits,
  idOperators,
  maxFiles,
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
  type OptionsInput,
  type TemplateOptions,
} from './field-types.js';
export { expectEmail, expectString, type Path } from './field-values.js';
export { decodeVin, type DecodedVin, type VinDecoding } from './vin/decode.js';
export {
  addFieldColumnsSql,
  columnNameFor,
  createFieldIndexSql,
  createJunctionSql,
  createObjectTableSql,
  createWorkspaceSchemaSql,
  dropHolderIndexSql,
  holderIndexName,
  holderIndexSql,
  type WorkspaceSchemaPart,
  junctionNameFor,
  qualified,
  quote,
  schemaNameFor,
  searchedFields,
  searchTextSql,
  searchVectorSql,
  tableNameFor,
} from './ddl.js';
export { pascalCase } from './keys.js';
export { reservedKeyReason, reservedKeys } from './reserved-keys.js';
export { systemFieldKeys, systemFields } from './system-fields.js';
export { standardObjects } from './standard-objects.js';
export { loadMetadata, MetadataCache } from './load.js';
export { metadataWriteCounter, metadataWritesOf } from './writes-seen.js';
export { markShared, PerMetadataVersion, PerObject } from './per-version.js';
export { provisionWorkspace } from './provision.js';
export { changeMetadata, metadataTx, type MetadataTx } from './transaction.js';
export type { MetadataServices } from './services.js';
// The module's event topics (merged into platform's EventTopics) and their payloads.
export type { MetadataEvent } from './topics.js';
export { addObject, patchObject, setObjectArchived } from './objects.js';
export { addField, patchField, setFieldArchived, type NewField } from './fields.js';
export {
  parsePipelines,
  parseStage,
  stageChoices,
  type PipelineInput,
  type StageConditionInput,
  type StageInput,
} from './pipeline-options.js';
export { MetadataResolver } from './graphql/resolver.js';
export { PipelineType, StageKindEnum, StageType } from './graphql/types.js';
// The GraphQL input classes, named apart from the plain pipeline inputs above.
export {
  PipelineInput as PipelineInputType,
  StageConditionInput as StageConditionInputType,
  StageInput as StageInputType,
} from './graphql/inputs.js';
export { metadataMigrations } from './migrations/index.js';
export {
  fieldLabels,
  localizeField,
  localizeMetadata,
  objectLabels,
  routeFieldLabel,
  routeKeyedLabels,
  routeObjectLabels,
} from './translations.js';
export {
  expectLanguage,
  setLabelTranslations,
  writeFieldTranslations,
  writeObjectTranslations,
} from './translations-write.js';
