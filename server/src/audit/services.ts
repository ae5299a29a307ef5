import type { RequestContext } from '../identity/index.js';

/** What the audit module needs from the app. */
export interface AuditServices {
  auditSettings: {
    /** AUDIT_RETENTION_DAYS: how long entries are kept unless the workspace sets its own. */
    retentionDays: number;
  };
}

export type AuditContext = RequestContext<AuditServices>;
