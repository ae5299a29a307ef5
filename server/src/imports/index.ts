// Imports: CSV and XLSX files into any object — upload, column mapping (suggested, saved),
// a preview with per-row errors, a background run in batches with live progress, and undo.
export { ImportResolver } from './graphql/resolver.js';
export type { ImportsServices } from './services.js';
export type { ImportProgress } from './topics.js';
export type { ImportDeps } from './deps.js';
export { importTasks, startImports } from './run.js';
export { uploadRoute } from './upload.js';
export { importMigrations } from './migrations/index.js';
