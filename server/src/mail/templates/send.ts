import type { EntityManager } from '@mikro-orm/postgresql';
import { storedFiles } from '../../files/index.js';
import { requirePermission, type RequestContext } from '../../identity/index.js';
import { expectEmail, loadMetadata, type ObjectDef, type WorkspaceMetadata } from '../../metadata/index.js';
import { BadInput, NotFound, parseId, type EventBus } from '../../platform/index.js';
import type { RecordAccessViews, RecordRow } from '../../records/index.js';
import { queueMail, type MailAttachmentRef, type MailMessage } from '../outbox.js';
import { publishRecordMail } from '../topics.js';
import { objectByKey } from './admin.js';
import { hopTarget, mergeableFields } from './merge-fields.js';
import { renderMailParts, templateObject, type MailTemplateParts } from './render.js';
import { getMailTemplate } from './store.js';
import { mergeReaderOf, readMembers, readRecords } from './values.js';

export interface SendRecordMailInput {
  object: string;
  recordId: string;
  to: string;
  cc?: string[] | null;
  bcc?: string[] | null;
  /** Members copied, by user id (their account's address). */
  ccMemberIds?: string[] | null;
  bccMemberIds?: string[] | null;
  /** A saved template for this object; or `subject` and `body` (text with merge fields). */
  templateId?: string | null;
  subject?: string | null;
  body?: string | null;
  /** Files of this record (its FILE and IMAGE fields), by id. */
  attachments?: string[] | null;
}

export interface SendRecordMailDeps {
  events: EventBus;
  /** The sender's permission profile: the record must be in their read scope. */
  recordAccess: RecordAccessViews;
  /** The total of one message's attachments (MAIL_MAX_ATTACHMENTS_MB). */
  maxAttachmentBytes: number;
}

/** Objects whose records also show a message sent from a record they are related to. */
const alsoLoggedOn = new Set(['person', 'company']);
const maxRecipients = 50;

async function addresses(
  em: EntityManager,
  workspaceId: string,
  input: SendRecordMailInput,
  kind: 'cc' | 'bcc',
): Promise<string[]> {
  const typed = (input[kind] ?? []).map((address, i) => expectEmail(address, ['input', kind, String(i)]));
  const memberKey = `${kind}MemberIds` as const;
  const ids = (input[memberKey] ?? []).map((id, i) => parseId(['input', memberKey, String(i)], id));
  const members = await readMembers(em, workspaceId, ids);
  ids.forEach((id, i) => {
    if (!members.has(id))
      throw new BadInput(['input', memberKey, String(i)], `${id} is not a member of this workspace.`);
  });
  return [...new Set([...typed, ...ids.map((id) => members.get(id)!.email.toLowerCase())])];
}

/** The record and the people and companies it points at (one hop): the timelines that show the message. */
function timelineRecordIds(metadata: WorkspaceMetadata, object: ObjectDef, row: RecordRow): string[] {
  const ids = [row.id];
  for (const field of mergeableFields(object)) {
    const hop = hopTarget(metadata, field);
    const id = row[field.key];
    if (hop?.kind === 'record' && alsoLoggedOn.has(hop.object.key) && typeof id === 'string') ids.push(id);
  }
  return [...new Set(ids)];
}

async function partsOf(
  em: EntityManager,
  metadata: WorkspaceMetadata,
  object: ObjectDef,
  input: SendRecordMailInput,
): Promise<{ parts: MailTemplateParts; templateId: string | null }> {
  if (input.templateId) {
    const id = parseId(['input', 'templateId'], input.templateId);
    const template = await getMailTemplate(em, metadata.workspaceId, id);
    if (templateObject(metadata, template.objectId).id !== object.id)
      throw new BadInput(
        ['input', 'templateId'],
        `templateId: this template is not for ${object.labelPlural.toLowerCase()}.`,
      );
    return { parts: template, templateId: id };
  }
  if (!input.subject?.trim())
    throw new BadInput(['input', 'subject'], 'subject: write one, or choose a template.');
  if (!input.body?.trim()) throw new BadInput(['input', 'body'], 'body: write one, or choose a template.');
  if (input.body.length > 100_000) throw new BadInput(['input', 'body'], 'body: at most 100000 characters.');
  return { parts: { subject: input.subject, bodyHtml: null, bodyText: input.body }, templateId: null };
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** The object's fields the reader's profile hides (archived in their view, not in the object). */
function hiddenFieldIds(view: WorkspaceMetadata, object: ObjectDef): Set<string> {
  const seen = view.objects.find((o) => o.id === object.id);
  const archived = new Set((seen?.fields ?? []).filter((f) => f.archivedAt).map((f) => f.id));
  return new Set(object.fields.filter((f) => !f.archivedAt && archived.has(f.id)).map((f) => f.id));
}

/**
 * The files to attach: each a live file of this workspace held by the record mailed from (in
 * any of its FILE or IMAGE fields), read in the sending transaction; together within the limit.
 * Another workspace's file reads as no such file, so nothing says it exists.
 */
async function attachmentsOf(
  em: EntityManager,
  workspaceId: string,
  recordId: string,
  ids: readonly string[],
  maxBytes: number,
  hiddenFields: ReadonlySet<string>,
): Promise<MailAttachmentRef[]> {
  const pathOf = (i: number) => ['input', 'attachments', String(i)];
  const parsed = ids.map((id, i) => parseId(pathOf(i), id));
  const found = new Map((await storedFiles(em, workspaceId, parsed)).map((file) => [file.id, file]));
  let total = 0;
  return parsed.map((id, i) => {
    const file = found.get(id);
    const where = `attachments.${i}`;
    if (!file) throw new BadInput(pathOf(i), `${where}: no such file (${id}).`);
    if (parsed.indexOf(id) !== i) throw new BadInput(pathOf(i), `${where}: ${file.name} is listed twice.`);
    // A file in a field the sender's profile hides reads as not of this record: nothing says it is.
    if (file.recordId !== recordId || hiddenFields.has(file.fieldId))
      // Named by its id: the sender may not see the other record's files, nor a hidden field's.
      throw new BadInput(pathOf(i), `${where}: ${id} is not a file of this record.`);
    total += file.size;
    if (total > maxBytes)
      throw new BadInput(
        pathOf(i),
        `${where}: the attachments come to ${megabytes(total)} with ${file.name}, over the ${megabytes(maxBytes)} limit.`,
        { limitBytes: maxBytes },
      );
    return { fileId: file.id, name: file.name, contentType: file.contentType, size: file.size };
  });
}

/**
 * Sends an e-mail from a record: rendered for it (a template or free text with merge fields),
 * queued in the outbox in one transaction, and shown on the record's timeline and on those of
 * the people and companies it points at; their live timelines are told after the commit.
 */
export async function sendRecordMail(
  ctx: RequestContext,
  { events, maxAttachmentBytes, recordAccess }: SendRecordMailDeps,
  input: SendRecordMailInput,
): Promise<MailMessage> {
  const access = requirePermission(ctx, 'records.write');
  const { workspaceId, caller } = access;
  const metadata = await loadMetadata(ctx.em, workspaceId);
  const object = objectByKey(metadata, input.object, ['input', 'object']);
  const recordId = parseId(['input', 'recordId'], input.recordId);
  // Out of the sender's read scope the record is not found; hidden fields render empty.
  const reader = await mergeReaderOf(recordAccess, access, metadata);
  if (!(await readRecords(ctx.em, metadata, object, [recordId], reader)).has(recordId))
    throw new NotFound(`A ${object.labelSingular.toLowerCase()} with this id`);
  const to = expectEmail(input.to, ['input', 'to']);
  const cc = await addresses(ctx.em, workspaceId, input, 'cc');
  const bcc = await addresses(ctx.em, workspaceId, input, 'bcc');
  if (1 + cc.length + bcc.length > maxRecipients)
    throw new BadInput(['input', 'cc'], `at most ${maxRecipients} recipients in all.`);
  const { parts, templateId } = await partsOf(ctx.em, metadata, object, input);
  const { message, timeline } = await ctx.em.transactional(async (em) => {
    const rendered = await renderMailParts(em, {
      workspaceId,
      metadata,
      object,
      parts,
      recordId,
      senderUserId: caller.user.id,
      reader,
      pathOf: (part) => ['input', templateId ? 'templateId' : part === 'subject' ? 'subject' : 'body'],
    });
    const row = (await readRecords(em, metadata, object, [recordId])).get(recordId)!;
    const timeline = timelineRecordIds(metadata, object, row);
    const attachments = await attachmentsOf(
      em,
      workspaceId,
      recordId,
      input.attachments ?? [],
      maxAttachmentBytes,
      hiddenFieldIds(reader.metadata, object),
    );
    const queued = await queueMail(em, {
      workspaceId,
      to,
      cc,
      bcc,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      fromRecord: {
        recordId,
        senderUserId: caller.user.id,
        templateId,
        timelineRecordIds: timeline,
      },
      attachments,
    });
    return { message: queued, timeline };
  });
  await publishRecordMail(events, workspaceId, message.id, timeline);
  return message;
}

export interface RecordRecipient {
  address: string;
  label: string;
}

/** The addresses a record offers for its mail: its own EMAIL fields, then its related records'. */
export async function recordRecipients(
  ctx: RequestContext,
  recordAccess: RecordAccessViews,
  objectKey: string,
  recordIdInput: string,
): Promise<RecordRecipient[]> {
  const access = requirePermission(ctx, 'records.read');
  // As the caller sees them: records in their read scope, fields their profile hides left out.
  const reader = await mergeReaderOf(recordAccess, access, await loadMetadata(ctx.em, access.workspaceId));
  const { metadata } = reader;
  const object = objectByKey(metadata, objectKey, ['object']);
  const recordId = parseId(['recordId'], recordIdInput);
  const row = (await readRecords(ctx.em, metadata, object, [recordId], reader)).get(recordId);
  if (!row) throw new NotFound(`A ${object.labelSingular.toLowerCase()} with this id`);
  const found: RecordRecipient[] = [];
  const addFrom = (target: ObjectDef, values: RecordRow, whose: string) => {
    const name = String(values.name ?? target.labelSingular);
    for (const field of mergeableFields(target))
      if (field.type === 'EMAIL' && typeof values[field.key] === 'string')
        found.push({ address: values[field.key] as string, label: `${name} (${whose || field.label})` });
  };
  addFrom(object, row, '');
  for (const field of mergeableFields(object)) {
    const hop = hopTarget(metadata, field);
    const id = row[field.key];
    if (hop?.kind !== 'record' || typeof id !== 'string') continue;
    const related = (await readRecords(ctx.em, metadata, hop.object, [id], reader)).get(id);
    if (related) addFrom(hop.object, related, field.label);
  }
  return found.filter((r, i) => found.findIndex((o) => o.address === r.address) === i);
}
