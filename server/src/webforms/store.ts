import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { queryRows } from '../platform/index.js';
import {
  defaultSettings,
  type FormField,
  type FormSettings,
  type FormSubmission,
  type SubmissionOutcome,
  type WebForm,
} from './model.js';

/** The `web_form` and `web_form_submission` tables: this file is their only reader and writer. */

interface FormRow {
  id: string;
  workspace_id: string;
  key: string | null;
  name: string;
  object_key: string;
  fields: FormField[];
  settings: Partial<FormSettings>;
  enabled: boolean;
  secret: string;
  created_at: Date | string;
  updated_at: Date | string;
}

const toForm = (r: FormRow): WebForm => ({
  id: r.id,
  workspaceId: r.workspace_id,
  key: r.key,
  name: r.name,
  objectKey: r.object_key,
  fields: r.fields,
  settings: { ...defaultSettings, ...r.settings },
  enabled: r.enabled,
  secret: r.secret,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

/** What an admin or a template sets; the rest (id, secret, times) is the store's. */
export interface FormSpec {
  key?: string | null;
  name: string;
  objectKey: string;
  fields: FormField[];
  settings: FormSettings;
  enabled: boolean;
}

export async function listForms(em: EntityManager, workspaceId: string): Promise<WebForm[]> {
  const rows = await queryRows<FormRow>(
    em,
    'select * from web_form where workspace_id = ?::uuid order by created_at, id',
    [workspaceId],
  );
  return rows.map(toForm);
}

/** A form by id, in any workspace (the public door knows only the id). */
export async function findFormById(em: EntityManager, id: string): Promise<WebForm | null> {
  const [row] = await queryRows<FormRow>(em, 'select * from web_form where id = ?::uuid', [id]);
  return row ? toForm(row) : null;
}

export async function findForm(em: EntityManager, workspaceId: string, id: string): Promise<WebForm | null> {
  const form = await findFormById(em, id);
  return form?.workspaceId === workspaceId ? form : null;
}

export async function insertForm(em: EntityManager, workspaceId: string, spec: FormSpec): Promise<WebForm> {
  const [row] = await queryRows<FormRow>(
    em,
    // The clock, not the transaction's start: a template's forms list in the file's order.
    `insert into web_form (id, workspace_id, key, name, object_key, fields, settings, enabled, secret, created_at)
     values (?::uuid, ?::uuid, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, clock_timestamp()) returning *`,
    [
      randomUUID(),
      workspaceId,
      spec.key ?? null,
      spec.name,
      spec.objectKey,
      JSON.stringify(spec.fields),
      JSON.stringify(spec.settings),
      spec.enabled,
      randomBytes(24).toString('base64url'),
    ],
  );
  return toForm(row!);
}

export async function updateFormRow(
  em: EntityManager,
  workspaceId: string,
  id: string,
  spec: FormSpec,
): Promise<WebForm | null> {
  const [row] = await queryRows<FormRow>(
    em,
    `update web_form set name = ?, object_key = ?, fields = ?::jsonb, settings = ?::jsonb, enabled = ?,
       updated_at = now()
     where workspace_id = ?::uuid and id = ?::uuid returning *`,
    [
      spec.name,
      spec.objectKey,
      JSON.stringify(spec.fields),
      JSON.stringify(spec.settings),
      spec.enabled,
      workspaceId,
      id,
    ],
  );
  return row ? toForm(row) : null;
}

export async function deleteFormRow(em: EntityManager, workspaceId: string, id: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    em,
    'delete from web_form where workspace_id = ?::uuid and id = ?::uuid returning id',
    [workspaceId, id],
  );
  return rows.length > 0;
}

export interface NewSubmission {
  outcome: SubmissionOutcome;
  reason?: string | null;
  recordId?: string | null;
  personId?: string | null;
  source?: string | null;
  address?: string | null;
  values: Record<string, unknown>;
}

export async function logSubmission(em: EntityManager, form: WebForm, entry: NewSubmission): Promise<string> {
  const id = randomUUID();
  await queryRows(
    em,
    `insert into web_form_submission
       (id, form_id, workspace_id, outcome, reason, record_id, person_id, source, address, payload)
     values (?::uuid, ?::uuid, ?::uuid, ?, ?, ?::uuid, ?::uuid, ?, ?, ?::jsonb)`,
    [
      id,
      form.id,
      form.workspaceId,
      entry.outcome,
      entry.reason ?? null,
      entry.recordId ?? null,
      entry.personId ?? null,
      entry.source ?? null,
      entry.address ?? null,
      JSON.stringify(entry.values),
    ],
  );
  return id;
}

/** The records this form made or updated for a person, newest first. */
export async function recordsMadeFor(em: EntityManager, formId: string, personId: string): Promise<string[]> {
  const rows = await queryRows<{ record_id: string }>(
    em,
    `select record_id from web_form_submission
     where form_id = ?::uuid and person_id = ?::uuid and record_id is not null
     order by created_at desc limit 5`,
    [formId, personId],
  );
  return [...new Set(rows.map((r) => r.record_id))];
}

interface SubmissionRow {
  id: string;
  form_id: string;
  outcome: SubmissionOutcome;
  reason: string | null;
  record_id: string | null;
  person_id: string | null;
  source: string | null;
  payload: Record<string, unknown>;
  created_at: Date | string;
}

export async function listSubmissions(
  em: EntityManager,
  formId: string,
  first: number,
  after: { at: string; id: string } | null,
): Promise<FormSubmission[]> {
  const rows = await queryRows<SubmissionRow>(
    em,
    `select * from web_form_submission where form_id = ?::uuid
       and (?::timestamptz is null or (created_at, id) < (?::timestamptz, ?::uuid))
     order by created_at desc, id desc limit ?`,
    [formId, after?.at ?? null, after?.at ?? null, after?.id ?? null, first + 1],
  );
  return rows.map((r) => ({
    id: r.id,
    formId: r.form_id,
    outcome: r.outcome,
    reason: r.reason,
    recordId: r.record_id,
    personId: r.person_id,
    source: r.source,
    values: r.payload,
    createdAt: new Date(r.created_at),
  }));
}
