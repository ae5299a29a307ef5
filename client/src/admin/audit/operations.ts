import { gql, type TypedDocumentNode } from '@apollo/client/core';

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

/** The actions an admin filters on, by group (a code ending in a dot matches the group). */
export const auditActionChoices: { value: string; label: string }[] = [
  { value: 'auth.', label: 'Sign-ins (all)' },
  { value: 'auth.sign_in', label: 'Signed in' },
  { value: 'auth.sign_in_failed', label: 'Sign-in failed' },
  { value: 'member.', label: 'Members (all)' },
  { value: 'member.role_changed', label: 'Role changed' },
  { value: 'member.invited', label: 'Invited' },
  { value: 'member.removed', label: 'Removed' },
  { value: 'api_token.', label: 'API tokens (all)' },
  { value: 'template.installed', label: 'Template installed' },
  { value: 'record.deleted', label: 'Records deleted' },
  { value: 'record.merged', label: 'Records merged' },
  { value: 'records.exported', label: 'Records exported' },
  { value: 'report.exported', label: 'Report exported' },
  { value: 'metadata.changed', label: 'Objects & fields changed' },
  { value: 'privacy.', label: 'Privacy requests' },
  { value: 'permissions.changed', label: 'Permissions & teams changed' },
  { value: 'record.shared', label: 'Records shared' },
];

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
  if (count > 0) return `${count} ${entry.objectKey ?? 'items'}`;
  return entry.objectKey ?? '';
}
