import { activeFields, type FieldDef, type ObjectDef, type WorkspaceMetadata } from '../../metadata/index.js';

/** One merge field a template may use, e.g. `record.company.name`, with what it shows. */
export interface MergeField {
  path: string;
  label: string;
  /** The field type (TEXT, CURRENCY…), or TEXT for the sender's, workspace's and extra values. */
  type: string;
}

/**
 * Values a caller passes beside the record (`extra`), at the top level of the scope: the
 * campaign's unsubscribe link. A template may only name these, so a typo is still refused.
 */
export const extraMergeFields: readonly MergeField[] = [
  { path: 'unsubscribe_url', label: 'Unsubscribe link (campaigns)', type: 'URL' },
];

export const senderMergeFields: readonly MergeField[] = [
  { path: 'sender.name', label: 'Sender: name', type: 'TEXT' },
  { path: 'sender.email', label: 'Sender: e-mail', type: 'EMAIL' },
];

export const workspaceMergeFields: readonly MergeField[] = [
  { path: 'workspace.name', label: 'Workspace: name', type: 'TEXT' },
];

/** A member as a merge value (USER fields and the sender). */
export const memberKeys = ['id', 'name', 'email'] as const;

/** Fields a record shows in a merge: those with a column, less the board position. */
export function mergeableFields(object: ObjectDef): FieldDef[] {
  return activeFields(object).filter((f) => f.column && f.key !== 'rank');
}

/** A field read through one hop: a member (USER) or a many-to-one related record. */
export function hopTarget(
  metadata: WorkspaceMetadata,
  field: FieldDef,
): { kind: 'member' } | { kind: 'record'; object: ObjectDef } | null {
  if (field.type === 'USER') return { kind: 'member' };
  if (field.type !== 'RELATION' || field.options.relationKind !== 'MANY_TO_ONE') return null;
  const object = metadata.objects.find((o) => o.id === field.options.targetObjectId && !o.archivedAt);
  return object ? { kind: 'record', object } : null;
}

/** Fields of a related record (one hop: its own relations and members show as ids). */
export function hopFields(object: ObjectDef): FieldDef[] {
  return mergeableFields(object).filter((f) => f.type !== 'USER' && f.type !== 'RELATION');
}

/** Every merge field of a template for `object`'s records, in the order the editor lists them. */
export function mergeFieldsOf(metadata: WorkspaceMetadata, object: ObjectDef): MergeField[] {
  const fields: MergeField[] = [{ path: 'record.id', label: `${object.labelSingular}: ID`, type: 'ID' }];
  for (const field of mergeableFields(object)) {
    const hop = hopTarget(metadata, field);
    const label = `${object.labelSingular}: ${field.label}`;
    if (!hop) fields.push({ path: `record.${field.key}`, label, type: field.type });
    else if (hop.kind === 'member')
      for (const key of memberKeys.slice(1))
        fields.push({ path: `record.${field.key}.${key}`, label: `${label}: ${key}`, type: 'TEXT' });
    else
      for (const sub of hopFields(hop.object))
        fields.push({
          path: `record.${field.key}.${sub.key}`,
          label: `${label}: ${sub.label}`,
          type: sub.type,
        });
  }
  return [...fields, ...senderMergeFields, ...workspaceMergeFields, ...extraMergeFields];
}
