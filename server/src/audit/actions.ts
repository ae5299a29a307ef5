/**
 * Every audited action's code, grouped by what it is about. The codes are the API's
 * (`AuditEntry.action`, the filter) and the client's labels: add one here, never inline.
 */
export const auditActions = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'member.role_changed',
  'member.invited',
  'member.invitation_revoked',
  'member.joined',
  'member.removed',
  'member.left',
  'api_token.created',
  'api_token.revoked',
  'api_token.used',
  'template.installed',
  'record.deleted',
  'record.merged',
  'records.exported',
  'report.exported',
  'audit.exported',
  'audit.retention_changed',
  'metadata.changed',
  'privacy.exported',
  'privacy.erased',
  'permissions.changed',
  'record.shared',
] as const;

export type AuditAction = (typeof auditActions)[number];

export function isAuditAction(value: string): value is AuditAction {
  return (auditActions as readonly string[]).includes(value);
}
