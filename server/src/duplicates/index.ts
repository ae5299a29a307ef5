// Duplicates and merge: duplicate rules per object (exact on normalised e-mail and phone,
// fuzzy on names with pg_trgm), likely-duplicate lookups and groups, undoable merges.
export {
  internationalPhone,
  normaliseEmail,
  normalisePhone,
  normaliseEmailSql,
  normalisePhoneSql,
} from './normalise.js';
export { DuplicateResolver } from './graphql/resolver.js';
export { mergedHistorySource, mergeKind, mergeTimelineSource } from './history-source.js';
export { findLikelyDuplicates, type DuplicateMatch } from './find.js';
export { mergedInto } from './merge.js';
export { eraseMergeUndo } from './privacy.js';
export { readRules, rulesWithFields, type DuplicateRule } from './rules.js';
export type { DuplicateServices } from './services.js';
export { duplicateMigrations } from './migrations/index.js';
