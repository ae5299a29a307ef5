import type { MikroORM } from '@mikro-orm/postgresql';
import { fireExternalTrigger } from '../automation/index.js';
import { loadMetadata, type ObjectDef } from '../metadata/index.js';
import { AppError } from '../platform/index.js';
import type { RecordContext, RecordRow, RecordStore } from '../records/index.js';
import { findRelated } from './lookup.js';
import { formTarget, type FormTarget } from './form-fields.js';
import type { WebForm } from './model.js';
import { upsertPerson } from './people.js';
import { findLinkedRecord } from './record-links.js';
import { logSubmission, recordsMadeFor } from './store.js';
import {
  isHoneypotFilled,
  readSubmittedValues,
  type FieldError,
  type ReadValues,
} from './submitted-values.js';

/** One submission, start to end: read, checked, written in one transaction, logged. */

export interface SubmitDeps {
  orm: MikroORM;
  records: RecordStore;
  /** Where numbers without a country code are read (FORMS_PHONE_COUNTRY). */
  phoneCountry?: string;
}

export interface SubmitRequest {
  form: WebForm;
  body: Record<string, unknown>;
  /** The page the form was on (Referer or Origin), when the browser said. */
  source: string | null;
  address: string;
}

export type SubmitResult =
  | { kind: 'accepted'; outcome: 'CREATED' | 'UPDATED'; recordId: string; personId: string | null }
  | { kind: 'spam' }
  | { kind: 'invalid'; errors: FieldError[] };

class Rejected extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
  }
}

/** The values a visitor sent, as logged: what the form knows, cut short. */
function loggedValues(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(body)
      .slice(0, 100)
      .map(([k, v]) => [k.slice(0, 100), typeof v === 'string' ? v.slice(0, 1000) : v]),
  );
}

/** `{{ person.name }}`, `{{ budget }}`: the submitted values in a record's name. */
function renderName(template: string, read: ReadValues): string {
  return template
    .replace(/\{\{\s*(person\.)?([A-Za-z0-9_]+)\s*\}\}/g, (_m, person: string | undefined, key: string) => {
      const value = (person ? read.person : read.record)[key];
      return value === undefined || value === null ? '' : String(value);
    })
    .trim()
    .slice(0, 200);
}

function defaultName(form: WebForm, read: ReadValues): string {
  const who = read.person.name ?? read.record.name ?? read.person.email ?? read.record.email;
  return `${form.name}${who ? `: ${String(who)}` : ''}`.slice(0, 200);
}

function withName(form: WebForm, object: ObjectDef, read: ReadValues): Record<string, unknown> {
  const label = object.fields.find((f) => f.id === object.labelFieldId);
  if (!label || label.type !== 'TEXT' || read.record[label.key]) return read.record;
  const name =
    (form.settings.recordName && renderName(form.settings.recordName, read)) || defaultName(form, read);
  return { ...read.record, [label.key]: name };
}

/** The record this person got from this form before, still there: a repeat updates it. */
async function earlierRecord(
  deps: SubmitDeps,
  ctx: RecordContext,
  form: WebForm,
  object: ObjectDef,
  personId: string,
): Promise<RecordRow | null> {
  const ids = await recordsMadeFor(ctx.em, form.id, personId);
  if (!ids.length) return null;
  return (await deps.records.getMany(ctx, object, ids)).find((row) => row && !row.deletedAt) ?? null;
}

/** A follow-up form: its inputs onto the record its link names, whoever sends them. */
async function writeLinked(
  deps: SubmitDeps,
  ctx: RecordContext,
  form: WebForm,
  target: FormTarget,
  read: ReadValues,
  body: Record<string, unknown>,
): Promise<{ outcome: 'UPDATED'; recordId: string; personId: null }> {
  const linked = await findLinkedRecord(deps.records, ctx, form, target, body);
  if (!linked)
    throw new Rejected([{ field: '', message: 'this link is not valid, or what it was about is gone' }]);
  const patch = Object.fromEntries(
    Object.entries(read.record).filter(
      ([k, v]) => JSON.stringify(linked.row[k] ?? null) !== JSON.stringify(v),
    ),
  );
  if (Object.keys(patch).length) await deps.records.update(ctx, target.object, { id: linked.id, patch });
  return { outcome: 'UPDATED', recordId: linked.id, personId: null };
}

async function write(
  deps: SubmitDeps,
  ctx: RecordContext,
  form: WebForm,
  target: FormTarget,
  read: ReadValues,
  body: Record<string, unknown>,
): Promise<{ outcome: 'CREATED' | 'UPDATED'; recordId: string; personId: string | null }> {
  const problems: FieldError[] = [];
  for (const { resolved, text } of read.lookups) {
    const found = await findRelated(ctx, ctx.metadata, resolved.field, text);
    if ('problem' in found) problems.push({ field: resolved.input.path, message: found.problem });
    else (resolved.on === 'record' ? read.record : read.person)[resolved.field.key] = found.id;
  }
  if (problems.length) throw new Rejected(problems);
  const { object } = target;
  if (form.settings.updatesRecord) return writeLinked(deps, ctx, form, target, read, body);
  if (object.id === target.person?.id) {
    const person = await upsertPerson(
      deps.records,
      ctx,
      object,
      withName(form, object, read),
      deps.phoneCountry,
    );
    return { outcome: person.created ? 'CREATED' : 'UPDATED', recordId: person.id, personId: person.id };
  }
  let personId: string | null = null;
  if (target.person && target.personLink && Object.keys(read.person).length) {
    personId = (await upsertPerson(deps.records, ctx, target.person, read.person, deps.phoneCountry)).id;
    read.record[target.personLink.key] = personId;
  }
  const earlier =
    form.settings.updateRepeats && personId ? await earlierRecord(deps, ctx, form, object, personId) : null;
  if (earlier) {
    const patch = Object.fromEntries(
      Object.entries(read.record).filter(
        ([k, v]) => JSON.stringify(earlier[k] ?? null) !== JSON.stringify(v),
      ),
    );
    if (Object.keys(patch).length) await deps.records.update(ctx, object, { id: earlier.id, patch });
    return { outcome: 'UPDATED', recordId: earlier.id, personId };
  }
  const row = await deps.records.create(ctx, object, { owner: null, ...withName(form, object, read) });
  return { outcome: 'CREATED', recordId: row.id, personId };
}

export async function submitForm(deps: SubmitDeps, request: SubmitRequest): Promise<SubmitResult> {
  const { form, body } = request;
  const em = deps.orm.em.fork();
  const log = { source: request.source, address: request.address, values: loggedValues(body) };
  if (isHoneypotFilled(body)) {
    await logSubmission(em, form, { ...log, outcome: 'SPAM', reason: 'honeypot filled' });
    return { kind: 'spam' };
  }
  const metadata = await loadMetadata(em, form.workspaceId);
  const target = formTarget(metadata, form);
  const read = target
    ? readSubmittedValues(target, body, form.settings.consentText !== null)
    : {
        record: {},
        person: {},
        lookups: [],
        errors: [{ field: '', message: 'the form’s object was removed' }],
      };
  const reject = async (errors: FieldError[]) => {
    const reason = errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ');
    await logSubmission(em, form, { ...log, outcome: 'REJECTED', reason: reason.slice(0, 2000) });
    return { kind: 'invalid' as const, errors };
  };
  if (read.errors.length || !target) return reject(read.errors);
  const afterCommit: (() => Promise<void>)[] = [];
  try {
    const result = await em.transactional(async (tx) => {
      const ctx: RecordContext = {
        em: tx,
        metadata,
        actorId: form.id,
        deferAfterCommit: (t) => void afterCommit.push(t),
      };
      const written = await write(deps, ctx, form, target, read, body);
      const submissionId = await logSubmission(tx, form, { ...log, ...written });
      await fireExternalTrigger(tx, {
        workspaceId: form.workspaceId,
        trigger: 'FORM_SUBMITTED',
        objectKey: target.object.key,
        recordId: written.recordId,
        formId: form.id,
        eventId: submissionId,
      });
      return written;
    });
    for (const task of afterCommit) await task();
    return { kind: 'accepted', ...result };
  } catch (error) {
    if (error instanceof Rejected) return reject(error.errors);
    // The store's own checks (a unique value taken, a required field the form does not ask).
    if (error instanceof AppError && error.code === 'BAD_USER_INPUT') {
      const field = String(error.extensions.field ?? '');
      return reject([{ field, message: error.message.replace(/^[^:]*: /, '') }]);
    }
    if (error instanceof AppError && error.code === 'CONFLICT')
      return reject([{ field: '', message: error.message }]);
    throw error;
  }
}
