import type { EntityManager } from '@mikro-orm/postgresql';
import { qualified, quote, type ObjectDef, type WorkspaceMetadata } from '../metadata/index.js';
import type { RecordView } from '../records/index.js';

/** The label a notification shows for each record (its label field's text; '' without one). */
export async function readLabels(
  em: Pick<EntityManager, 'execute'>,
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  recordIds: readonly string[],
): Promise<Map<string, string>> {
  const column = object.fields.find((f) => f.id === object.labelFieldId && f.column)?.column;
  if (!column || !recordIds.length) return new Map();
  const rows = await em.execute<{ id: string; label: string | null }[]>(
    `select t.id, t.${quote(column)}::text as label from ${qualified(metadata.schema, object.table)} t
     where t.id in (select jsonb_array_elements_text(?::jsonb)::uuid)`,
    [JSON.stringify(recordIds)],
  );
  return new Map(rows.map((row) => [row.id, row.label ?? '']));
}

/** The label as a reader's view shows the record: empty when their profile hides the label field. */
export function labelAsSeen(label: string, object: ObjectDef, view: RecordView): string {
  const seen = view.metadata.objects.find((o) => o.id === object.id);
  const field = seen?.fields.find((f) => f.id === object.labelFieldId);
  return field && !field.archivedAt ? label : '';
}

/** Of these users, those who are members of the workspace now (`present`: and not marked away). */
export async function membersAmong(
  em: Pick<EntityManager, 'execute'>,
  workspaceId: string,
  userIds: readonly string[],
  options: { present?: boolean } = {},
): Promise<Set<string>> {
  if (!userIds.length) return new Set();
  const rows = await em.execute<{ user_id: string }[]>(
    `select user_id from membership where workspace_id = ? ${options.present ? 'and not away' : ''}
       and user_id in (select jsonb_array_elements_text(?::jsonb)::uuid)`,
    [workspaceId, JSON.stringify([...new Set(userIds)])],
  );
  return new Set(rows.map((row) => row.user_id));
}
