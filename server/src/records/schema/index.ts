// The records half of a workspace's GraphQL schema, generated from its metadata with
// graphql-js types (one short builder per generated kind) and merged with the core.
export { buildRecordsSchema } from './build.js';
export {
  findNameConflicts,
  objectNames,
  reservedFieldNames,
  reservedTypeNames,
  SchemaNameConflictError,
  type ObjectNames,
} from './names.js';
