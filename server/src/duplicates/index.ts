// Duplicates and merge: duplicate rules per object (exact on normalised e-mail and phone,
// fuzzy on names with pg_trgm), likely-duplicate lookups and groups, undoable merges.
export { normaliseEmail, normalisePhone } from './normalise.js';
