import type { FieldDef, WorkspaceMetadata } from '../metadata/index.js';
import { BadInput } from '../platform/index.js';
import type { RecordHooks, RecordWritePayload } from '../records/index.js';
import { attachFiles, deleteFiles, liveFiles, setRecordsDeleted, type Sql } from './rows.js';

const idsOf = (value: unknown): string[] => (Array.isArray(value) ? (value as string[]) : []);

function fileFieldOf(metadata: WorkspaceMetadata, objectId: string, key: string): FieldDef | undefined {
  const field = metadata.objects.find((o) => o.id === objectId)?.fields.find((f) => f.key === key);
  return field?.type === 'FILE' || field?.type === 'IMAGE' ? field : undefined;
}

/**
 * A field's new files must be live uploads of this workspace (images for IMAGE fields),
 * not another record's; they become this record's, and the ones taken out are deleted.
 */
async function applyFieldChange(
  db: Sql,
  workspaceId: string,
  recordId: string,
  field: FieldDef,
  [before, after]: [unknown, unknown],
): Promise<void> {
  const previous = new Set(idsOf(before));
  const wanted = idsOf(after).filter((id) => !previous.has(id));
  const found = new Map((await liveFiles(db, workspaceId, wanted)).map((f) => [f.id, f]));
  for (const id of wanted) {
    const file = found.get(id);
    const refusal = !file
      ? `${field.key}: no such file (${id}).`
      : file.record_id && file.record_id !== recordId
        ? `${field.key}: the file ${id} belongs to another record.`
        : field.type === 'IMAGE' && !file.variants.includes('thumb')
          ? `${field.key}: ${file.name} is not an image.`
          : null;
    if (refusal) throw new BadInput([field.key], refusal);
  }
  await attachFiles(db, workspaceId, recordId, wanted);
  const kept = new Set(idsOf(after));
  await deleteFiles(
    db,
    workspaceId,
    [...previous].filter((id) => !kept.has(id)),
  );
}

async function afterWrite({ db, metadata, changes }: RecordWritePayload): Promise<void> {
  const workspaceId = metadata.workspaceId;
  const byKind = (kind: string) => changes.filter((c) => c.kind === kind).map((c) => c.recordId);
  await setRecordsDeleted(db, workspaceId, byKind('delete'), true);
  await setRecordsDeleted(db, workspaceId, byKind('restore'), false);
  for (const change of changes) {
    if (change.kind === 'delete' || change.kind === 'restore') continue;
    for (const [key, values] of Object.entries(change.changes)) {
      const field = fileFieldOf(metadata, change.objectId, key);
      if (field) await applyFieldChange(db, workspaceId, change.recordId, field, values);
    }
  }
}

/** The files module on the record store's write path: attach, detach, delete with the record. */
export const fileRecordHooks: RecordHooks = {
  afterWrite,
  actsOnUpdate: ({ metadata, objectId, fieldKeys }) =>
    fieldKeys.some((key) => fileFieldOf(metadata, objectId, key) !== undefined),
};
