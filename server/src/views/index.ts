// Saved views: per object, shared with the workspace or private; table, board or calendar
// with a filter, sort, visible fields and grouping, checked against metadata, changes live.
export { viewEntities, ViewRow } from './entity.js';
export { ViewResolver } from './graphql/resolver.js';
export type { ViewColumn, ViewKind, ViewPatch, ViewSpec } from './model.js';
export { specOf, type SavedView } from './saved-view.js';
export {
  createView,
  deleteView,
  duplicateView,
  getView,
  listViews,
  translateView,
  updateView,
} from './service.js';
export { checkView, defaultColumns, viewProblems } from './validate.js';
export type { ViewServices } from './services.js';
// The module's event topics (merged into platform's EventTopics) and their payloads.
export type { ViewEvent } from './topics.js';
export { viewMigrations } from './migrations/index.js';
export { canEdit, canSee, canShare } from './rights.js';
