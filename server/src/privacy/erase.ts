import { actorOf, eraseAuditNames, recordAudit } from '../audit/index.js';
import { eraseNotificationText } from '../activities/index.js';
import { eraseCommentText } from '../comments/index.js';
import { eraseMergeUndo, mergedInto } from '../duplicates/index.js';
import { eraseMail } from '../mail/index.js';
import { activeFields, type FieldDef, type ObjectDef } from '../metadata/index.js';
import {
  eraseLoggedValues,
  withoutTerms,
  writeTogether,
  type RecordContext,
  type RecordRow,
} from '../records/index.js';
import type { PrivacyContext } from './services.js';
import {
  labelField,
  openSubject,
  personalTypes,
  relatedRecords,
  type RelatedRecords,
  type Subject,
} from './subject.js';

/**
 * Erasing a person (GDPR article 17) by anonymising in place, in one transaction: their
 * record's personal fields (numbers, money, dates and relations stay, so deal figures hold),
 * the same values throughout its change log, the terms that identify them (name, addresses,
 * phones) in related records and their history, comments, e-mails and notifications. The
 * record write is an ordinary logged change, so open clients receive the anonymised values.
 * After commit the record's co-edited documents are rebuilt without the erased text.
 */

export interface ErasureResult {
  object: string;
  recordId: string;
  /** The field keys anonymised on the record. */
  fields: string[];
  relatedRecords: number;
  comments: number;
  emails: number;
  notifications: number;
}

/** The value a personal field takes: empty, or for a required field a placeholder that stays unique. */
function anonymised(subject: Subject, field: FieldDef): unknown {
  if (field.type === 'FILE' || field.type === 'IMAGE') return [];
  if (!field.required) return null;
  const tag = subject.record.id.slice(0, 8);
  if (field.type === 'EMAIL') return `erased-${tag}@erased.invalid`;
  if (field.type === 'URL') return `https://erased.invalid/${tag}`;
  return field.id === labelField(subject.object)?.id
    ? `Erased ${subject.object.labelSingular} ${tag}`
    : `Erased ${tag}`;
}

const writable = (object: ObjectDef) => activeFields(object).filter((f) => !f.system && !f.readOnly);

/** The related record's text values with the terms cut out; only the fields that change. */
function scrubbedPatch(object: ObjectDef, row: RecordRow, subject: Subject): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const addresses = new Set(subject.addresses.map((a) => a.toLowerCase()));
  for (const field of writable(object)) {
    const value = row[field.key];
    if (typeof value !== 'string') continue;
    if (field.type === 'EMAIL' && addresses.has(value.toLowerCase())) {
      patch[field.key] = field.required ? `erased-${row.id.slice(0, 8)}@erased.invalid` : null;
    } else if (['TEXT', 'LONG_TEXT', 'URL', 'PHONE'].includes(field.type)) {
      const scrubbed = withoutTerms(value, subject.terms) as string;
      if (scrubbed !== value) patch[field.key] = scrubbed;
    }
  }
  return patch;
}

/** Merge undo data with the erased fields' values replaced and the terms cut out of the rest. */
function scrubUndo(
  value: unknown,
  values: Readonly<Record<string, unknown>>,
  terms: readonly string[],
): unknown {
  if (Array.isArray(value)) return value.map((v) => scrubUndo(v, values, terms));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k in values && v !== null ? values[k] : scrubUndo(v, values, terms),
      ]),
    );
  return withoutTerms(value, terms);
}

/** One erasure under way: what it writes with and what it has touched. */
interface Erasure {
  ctx: PrivacyContext;
  subject: Subject;
  writer: RecordContext;
  /** The record's personal fields and the value each takes. */
  personal: FieldDef[];
  values: Record<string, unknown>;
  /** Long-text documents to rebuild once committed. */
  documents: { object: ObjectDef; recordId: string; texts: Record<string, string> }[];
}

/** The fields of `row` that differ from their anonymised value, with that value. */
function anonymisingPatch(erasure: Erasure, row: RecordRow): Record<string, unknown> {
  return Object.fromEntries(
    erasure.personal
      .filter((f) => JSON.stringify(row[f.key] ?? null) !== JSON.stringify(erasure.values[f.key] ?? null))
      .map((f) => [f.key, erasure.values[f.key]]),
  );
}

function longTexts(object: ObjectDef, texts: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(texts)
      .filter(([key]) => object.fields.find((f) => f.key === key)?.type === 'LONG_TEXT')
      .map(([key, text]) => [key, typeof text === 'string' ? text : '']),
  );
}

/** Related records lose the terms from their text and history; returns how many were visited. */
async function scrubRelated(erasure: Erasure, related: readonly RelatedRecords[]): Promise<number> {
  const { ctx, subject, writer } = erasure;
  let count = 0;
  for (const group of related) {
    for (const row of group.rows) {
      const scrub = scrubbedPatch(group.object, row, subject);
      if (Object.keys(scrub).length) {
        await ctx.services.records.update(writer, group.object, { id: row.id, patch: scrub });
        const texts = longTexts(group.object, scrub);
        if (Object.keys(texts).length)
          erasure.documents.push({ object: group.object, recordId: row.id, texts });
      }
      await eraseLoggedValues(writer.em, subject.metadata.schema, {
        objectId: group.object.id,
        recordId: row.id,
        values: {},
        terms: subject.terms,
      });
      count += 1;
    }
  }
  return count;
}

/**
 * Records merged into the person are the person too: kept deleted (for the merge's undo), they
 * are anonymised the same way, through a restore, the update and the delete again, and the
 * merges’ undo data loses the erased values.
 */
async function anonymiseMerged(erasure: Erasure, merged: readonly string[]): Promise<void> {
  const { ctx, subject, writer, values } = erasure;
  const store = ctx.services.records;
  for (const row of await store.getMany(writer, subject.object, merged, { includeDeleted: true })) {
    const patch = row ? anonymisingPatch(erasure, row) : {};
    if (!row || !Object.keys(patch).length) continue;
    if (row.deletedAt) await store.restore(writer, subject.object, row.id);
    await store.update(writer, subject.object, { id: row.id, patch });
    if (row.deletedAt) await store.delete(writer, subject.object, row.id);
    erasure.documents.push({
      object: subject.object,
      recordId: row.id,
      texts: longTexts(subject.object, values),
    });
  }
  await eraseMergeUndo(writer.em, subject.workspaceId, [subject.record.id, ...merged], (undo) =>
    scrubUndo(undo, values, subject.terms),
  );
}

/** Comments, e-mails, notifications and audit entries: counts of what changed. */
async function eraseElsewhere(erasure: Erasure, merged: readonly string[]) {
  const { subject, writer, values } = erasure;
  const { workspaceId, record, terms } = subject;
  const comments = await eraseCommentText(writer.em, workspaceId, { recordId: record.id, terms });
  const emails = await eraseMail(writer.em, {
    workspaceId,
    recordId: record.id,
    addresses: subject.addresses,
    terms,
  });
  const notifications = await eraseNotificationText(writer.em, workspaceId, {
    recordId: record.id,
    label: String(values[labelField(subject.object)?.key ?? ''] ?? '[erased]'),
    terms,
  });
  for (const id of [record.id, ...merged]) await eraseAuditNames(writer.em, workspaceId, id);
  return { comments, emails, notifications };
}

export async function erasePersonalData(
  ctx: PrivacyContext,
  objectKey: string,
  recordId: string,
): Promise<ErasureResult> {
  const subject = await openSubject(ctx, objectKey, recordId);
  const related = await relatedRecords(ctx, subject);
  const { workspaceId, object, record, metadata } = subject;
  const isFile = (f: FieldDef) => f.type === 'FILE' || f.type === 'IMAGE';
  // A required file field keeps its files: there is no placeholder file to put there.
  const personal = writable(object).filter((f) => personalTypes.has(f.type) && !(isFile(f) && f.required));
  const values = Object.fromEntries(personal.map((f) => [f.key, anonymised(subject, f)]));
  const origin = {
    address: ctx.clientAddress,
    userAgent: ctx.userAgent ?? null,
    tokenId: ctx.caller?.tokenId ?? null,
  };
  const documents: Erasure['documents'] = [];

  const result = await writeTogether(ctx.em, metadata, subject.actorId, async (records) => {
    const erasure: Erasure = { ctx, subject, writer: { ...records, origin }, personal, values, documents };
    const patch = anonymisingPatch(erasure, record);
    if (Object.keys(patch).length)
      await ctx.services.records.update(erasure.writer, object, { id: record.id, patch });
    documents.push({ object, recordId: record.id, texts: longTexts(object, values) });
    const relatedCount = await scrubRelated(erasure, related);
    const merged = await mergedInto(records.em, workspaceId, record.id);
    await anonymiseMerged(erasure, merged);
    for (const id of [record.id, ...merged]) {
      await eraseLoggedValues(records.em, metadata.schema, {
        objectId: object.id,
        recordId: id,
        values,
        terms: subject.terms,
      });
    }
    const counts = await eraseElsewhere(erasure, merged);
    const fields = personal.map((f) => f.key);
    // Who erased which record, and when: never the values erased.
    await recordAudit(records.em, {
      workspaceId,
      action: 'privacy.erased',
      by: actorOf(ctx),
      objectKey: object.key,
      targetIds: [record.id],
      details: { fields, relatedRecords: relatedCount, ...counts },
    });
    return { object: object.key, recordId: record.id, fields, relatedRecords: relatedCount, ...counts };
  });
  const drafted = [record.id, ...related.flatMap((group) => group.rows.map((row) => row.id))];
  await ctx.services.privacyDocuments.eraseDraftHistory(
    workspaceId,
    drafted,
    (text) => withoutTerms(text, subject.terms) as string,
  );
  for (const doc of documents) {
    await ctx.services.privacyDocuments.eraseRecordHistory(
      workspaceId,
      doc.object.key,
      doc.recordId,
      doc.texts,
    );
  }
  return result;
}
