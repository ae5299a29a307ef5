import type { EntityManager } from '@mikro-orm/postgresql';

export interface PhotoImport {
  id: string;
  templateKey: string;
  templateVersion: number;
  object: string;
  recordId: string;
  field: string;
  url: string;
  status: string;
  error: string | null;
  fileId: string | null;
  attempts: number;
  updatedAt: Date;
}

/** At most this many rows are listed: a workspace with more reads the failed ones first. */
const listLimit = 1000;

/** One template's photo imports in a workspace: failed first, then pending, newest first. */
export async function listPhotoImports(
  em: Pick<EntityManager, 'execute'>,
  workspaceId: string,
  templateKey: string,
): Promise<PhotoImport[]> {
  const rows = await em.execute<(Omit<PhotoImport, 'updatedAt'> & { updatedAt: Date | string })[]>(
    `select id, template_key as "templateKey", template_version as "templateVersion", object_key as object,
            record_id as "recordId", to_field_key as field, url, status, error, file_id as "fileId", attempts,
            updated_at as "updatedAt"
     from template_photo_import where workspace_id = ? and template_key = ?
     order by case status when 'FAILED' then 0 when 'PENDING' then 1 else 2 end, updated_at desc, position
     limit ${listLimit}`,
    [workspaceId, templateKey],
  );
  return rows.map((row) => ({ ...row, updatedAt: new Date(row.updatedAt) }));
}
