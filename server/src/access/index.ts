// Access: permission profiles (object and field rules), teams, granting fields and record
// shares; the per-caller record scope and schema view that the records API applies.
export {
  defaultBuiltin,
  scopes,
  type FieldAccess,
  type ObjectRule,
  type Profile,
  type Scope,
  type Team,
} from './model.js';
export { AccessSnapshot, loadAccessSnapshot } from './snapshot.js';
export { recordScopeOf, scopeSql } from './record-scope.js';
export { metadataForView, schemaViewKey } from './schema-view.js';
export { accessMigrations } from './migrations/index.js';
export { AccessResolver } from './graphql/resolver.js';
export type { AccessServices } from './services.js';
export { AccessCache, type GatedEvent } from './cache.js';
