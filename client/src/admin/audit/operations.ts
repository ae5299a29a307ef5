import { gql, type TypedDocumentNode } from '@apollo/client/core';
import { i18n } from '../../i18n';

// The audit log (docs/audit.md): what the admin screen reads and exports.

export interface AuditEntry {
  id: string;
  at: string;
  action: string;
  actor: { userId: string | null; name: string | null; tokenId: string | null; tokenName: string | null };
  address: string | null;
  userAgent: string | null;
  objectKey: string | null;
  targetIds: string[];
  targetNames: string[];
  details: Record<string, unknown>;
}

export interface AuditFilter {
  action?: string | null;
  actor?: string | null;
  since?: string | null;
  until?: string | null;
  recordId?: string | null;
}

/**
 * The actions an admin filters on, by group (a code ending in a dot matches the group), with
 * their name's key under `adminAudit.actions`.
 */
const auditActions: { value: string; key: string }[] = [
  { value: 'auth.', key: 'signIns' },
  { value: 'auth.sign_in', key: 'signedIn' },
  { value: 'auth.sign_in_failed', key: 'signInFailed' },
  { value: 'member.', key: 'members' },
  { value: 'member.role_changed', key: 'roleChanged' },
  { value: 'member.invited', key: 'invited' },
  { value: 'member.removed', key: 'removed' },
  { value: 'api_token.', key: 'apiTokens' },
  { value: 'template.installed', key: 'templateInstalled' },
  { value: 'record.deleted', key: 'recordsDeleted' },
  { value: 'record.merged', key: 'recordsMerged' },
  { value: 'records.exported', key: 'recordsExported' },
  { value: 'report.exported', key: 'reportExported' },
  { value: 'metadata.changed', key: 'metadataChanged' },
  { value: 'privacy.', key: 'privacy' },
  { value: 'permissions.changed', key: 'permissionsChanged' },
  { value: 'record.shared', key: 'recordsShared' },
];

/** The filter's choices, named in the current language (call when shown). */
export function auditActionChoices(): { value: string; label: string }[] {
  return auditActions.map(({ value, key }) => ({ value, label: i18n.global.t(`adminAudit.actions.${key}`) }));
}

/** An entry's action in words; a code the filter does not list is shown as it is. */
export function auditActionLabel(code: string): string {
  const key = auditActions.find((a) => a.value === code)?.key;
  return key ? i18n.global.t(`adminAudit.actions.${key}`) : code;
}

const entryFields = `id at action actor { userId name tokenId tokenName } address userAgent objectKey targetIds targetNames details`;

export const AUDIT_LOG: TypedDocumentNode<
  { auditLog: { nodes: AuditEntry[]; hasNextPage: boolean; endCursor: string | null } },
  { filter: AuditFilter; first: number; after: string | null }
> = gql`
  query AuditLog($filter: AuditLogFilter, $first: Int, $after: String) {
    auditLog(filter: $filter, first: $first, after: $after) {
      nodes { ${entryFields} }
      hasNextPage
      endCursor
    }
  }
`;

export const EXPORT_AUDIT_LOG: TypedDocumentNode<{ exportAuditLog: string }, { filter: AuditFilter }> = gql`
  mutation ExportAuditLog($filter: AuditLogFilter) {
    exportAuditLog(filter: $filter)
  }
`;

/** "Acme, ACME Ltd" or "3 records" for long lists: what an entry is about, as it was named then. */
export function describeTargets(entry: AuditEntry): string {
  const names = entry.targetNames.filter(Boolean);
  const count = Number(entry.details.count ?? entry.targetIds.length);
  if (names.length && names.length <= 3) return names.join(', ');
  if (count > 0)
    return entry.objectKey
      ? i18n.global.t('adminAudit.targets.ofObject', { count, object: entry.objectKey })
      : i18n.global.t('adminAudit.targets.items', { count }, count);
  return entry.objectKey ?? '';
}
