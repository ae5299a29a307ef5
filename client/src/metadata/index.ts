// Metadata: the workspace's objects and fields as the client reads them, with the
// icon and date-field helpers the features share.
export { dateFieldsOf } from './date-fields';
export { fieldTypeNames, type ApiOperator } from './field-type-names';
export { objectIcon, objectIconNames } from './object-icon';
export { default as ObjectIcon } from './ObjectIcon.vue';
export {
  type Choice,
  type FieldDef,
  type FieldType,
  METADATA_CHANGED,
  type ObjectDef,
  OBJECTS_QUERY,
  type Pipeline,
  type RelationKind,
} from './operations';
export { useLiveMetadata, useObjects } from './use-objects';
export { recordSearchKey, type RecordSearch } from './record-search';
