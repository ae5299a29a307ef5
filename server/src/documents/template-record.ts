import type { EntityManager } from '@mikro-orm/postgresql';
import { workspaceName, type Role } from '../identity/index.js';
import { loadMetadata, type ObjectDef, type WorkspaceMetadata } from '../metadata/index.js';
import type { MergeField } from '../mail/index.js';
import { NotFound } from '../platform/index.js';
import type { RecordContext, RecordRow } from '../records/index.js';
import { documentMergeFields } from './check.js';
import type { DocumentsServices } from './services.js';
import { getDocumentTemplate, type DocumentTemplate } from './store.js';
import { recordValuesFor, todayText } from './values.js';

/** Who a document is prepared for: the sender in merge fields, the reader of the record. */
export interface DocumentUser {
  id: string;
  name: string;
  email: string;
  role: Role;
}

/** A template and one record of its object, read in the user's view. */
export interface TemplateRecord {
  template: DocumentTemplate;
  full: WorkspaceMetadata;
  /** The object in the full metadata (merge fields are resolved there, then emptied if hidden). */
  fullObject: ObjectDef;
  /** The object in the user's view. */
  object: ObjectDef;
  readCtx: RecordContext;
  row: RecordRow;
  fields: MergeField[];
}

/**
 * The template and the record as `user` may read it; NOT_FOUND for a template or record they
 * cannot see (existence not revealed) or an archived object.
 */
export async function openTemplateRecord(
  em: EntityManager,
  services: Pick<DocumentsServices, 'records' | 'recordAccess'>,
  workspaceId: string,
  user: DocumentUser,
  templateId: string,
  recordId: string,
): Promise<TemplateRecord> {
  const template = await getDocumentTemplate(em, workspaceId, templateId);
  return openRecordFor(em, services, template, user, recordId);
}

/** As openTemplateRecord, for a template at hand (a preview's unsaved one). */
export async function openRecordFor(
  em: EntityManager,
  services: Pick<DocumentsServices, 'records' | 'recordAccess'>,
  template: DocumentTemplate,
  user: DocumentUser,
  recordId: string,
): Promise<TemplateRecord> {
  const { workspaceId } = template;
  const full = await loadMetadata(em, workspaceId);
  const { metadata, scope } = await services.recordAccess.forCaller(workspaceId, user.id, user.role, full);
  const fullObject = full.objects.find((o) => o.id === template.objectId && !o.archivedAt);
  const object = metadata.objects.find((o) => o.id === template.objectId && !o.archivedAt);
  if (!fullObject || !object) throw new NotFound('The object of this document template');
  const readCtx: RecordContext = { em, metadata, actorId: user.id, ...(scope ? { scope } : {}) };
  const [row] = await services.records.getMany(readCtx, object, [recordId]);
  if (!row) throw new NotFound(`${object.labelSingular} ${recordId}`);
  return { template, full, fullObject, object, readCtx, row, fields: documentMergeFields(full, fullObject) };
}

/** What merge fields read: the record (as the user sees it), the sender, the workspace, today. */
export async function mergeScopeOf(
  opened: TemplateRecord,
  records: DocumentsServices['records'],
  user: DocumentUser,
): Promise<Record<string, unknown>> {
  const { readCtx, full, fullObject, row, fields } = opened;
  return {
    record: await recordValuesFor(readCtx, full, fullObject, row, records, fields),
    sender: { name: user.name, email: user.email },
    workspace: { name: await workspaceName(readCtx.em, full.workspaceId) },
    today: todayText(),
  };
}
