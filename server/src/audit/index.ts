// Audit: the admins' log of sign-ins, member and token changes, exports, template installs,
// merges, deletions and metadata changes, written in the action's transaction; its purge job.
export { auditActions, type AuditAction } from './actions.js';
export { actorOf, eraseAuditNames, recordAudit, type AuditActor, type AuditEntryInput } from './record.js';
export { auditedSignIn } from './sign-in.js';
export { recordTokenUse } from './token-use.js';
export { auditRecordHooks } from './record-hooks.js';
export { describeMetadataChange } from './metadata-change.js';
export { auditTasks, schedulePurge } from './retention.js';
export type { AuditServices } from './services.js';
export { AuditResolver } from './graphql/resolver.js';
export { auditMigrations } from './migrations/index.js';
