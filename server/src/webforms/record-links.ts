import { createHmac, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '../platform/index.js';
import type { RecordContext, RecordRow, RecordStore } from '../records/index.js';
import type { FormTarget } from './form-fields.js';
import { recordLinkInputs, type WebForm } from './model.js';
import { listForms } from './store.js';

/**
 * Links to a follow-up form (`updatesRecord`) for one record: `/forms/<form>?_record=<id>&_sig=<sig>`.
 * The signature (HMAC-SHA256 with the form's own secret) stops anyone who guesses ids from writing
 * onto another record; a link names its form, so it opens no other. Links do not expire: the
 * buyer may answer days later, and answering again overwrites the earlier answer.
 */

const signature = (form: Pick<WebForm, 'id' | 'secret'>, recordId: string): Buffer =>
  createHmac('sha256', form.secret).update(`record:${form.id}:${recordId}`).digest().subarray(0, 16);

export function signRecordLink(form: Pick<WebForm, 'id' | 'secret'>, recordId: string): string {
  return signature(form, recordId).toString('base64url');
}

/** The record a link (or a submission carrying its inputs) names, or null when it is not signed. */
export function linkedRecordId(form: WebForm, values: Record<string, unknown>): string | null {
  const recordId = values[recordLinkInputs.record];
  const sig = values[recordLinkInputs.signature];
  if (typeof recordId !== 'string' || typeof sig !== 'string' || !isUuid(recordId)) return null;
  const given = Buffer.from(sig.slice(0, 100), 'base64url');
  const expected = signature(form, recordId);
  return given.length === expected.length && timingSafeEqual(given, expected) ? recordId : null;
}

export interface LinkedRecord {
  id: string;
  signature: string;
  /** Its name, shown on the page ("Priya at the loft"). */
  label: string | null;
  row: RecordRow;
}

/** The live record a follow-up form's link names, or null (not signed, deleted, not there). */
export async function findLinkedRecord(
  records: RecordStore,
  ctx: RecordContext,
  form: WebForm,
  target: FormTarget,
  values: Record<string, unknown>,
): Promise<LinkedRecord | null> {
  const id = linkedRecordId(form, values);
  if (!id) return null;
  const [row] = await records.getMany(ctx, target.object, [id]);
  if (!row || row.deletedAt) return null;
  const labelKey = target.object.fields.find((f) => f.id === target.object.labelFieldId)?.key;
  const label = labelKey ? row[labelKey] : null;
  return { id, signature: signRecordLink(form, id), label: typeof label === 'string' ? label : null, row };
}

export interface RecordLinkRequest {
  workspaceId: string;
  /** The form's key (a template's, `viewingFeedback`). */
  formKey: string;
  /** The record's object: the form must be on it. */
  objectKey: string;
  recordId: string;
  /** Where the server is reached (PUBLIC_URL, else where it listens). */
  base: string;
}

/**
 * The link to the workspace's follow-up form with this key for one record, or null when there is
 * no such form enabled on the record's object (an admin switched it off or deleted it).
 */
export async function recordFormLink(em: EntityManager, request: RecordLinkRequest): Promise<string | null> {
  const form = (await listForms(em, request.workspaceId)).find(
    (f) =>
      f.key === request.formKey && f.enabled && f.settings.updatesRecord && f.objectKey === request.objectKey,
  );
  if (!form) return null;
  const query = new URLSearchParams({
    [recordLinkInputs.record]: request.recordId,
    [recordLinkInputs.signature]: signRecordLink(form, request.recordId),
  });
  return `${request.base.replace(/\/$/, '')}/forms/${form.id}?${query.toString()}`;
}
