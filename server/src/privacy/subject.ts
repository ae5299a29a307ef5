import { requirePermission } from '../identity/index.js';
import {
  activeFields,
  activeObjects,
  loadMetadata,
  type FieldDef,
  type ObjectDef,
  type WorkspaceMetadata,
} from '../metadata/index.js';
import { mergedInto } from '../duplicates/index.js';
import { BadInput, NotFound, parseId } from '../platform/index.js';
import type { RecordContext, RecordFilter, RecordRow } from '../records/index.js';
import type { PrivacyContext } from './services.js';

/**
 * The person a privacy request is about: their record, what identifies them (name, e-mail
 * addresses, phone numbers: the terms erased wherever they are written), and the records
 * related to them one hop away (a relation pointing at them, or an EMAIL field holding
 * one of their addresses).
 */

/** Field types holding personal data: anonymised by an erasure; numbers, dates and relations stay. */
export const personalTypes: ReadonlySet<string> = new Set([
  'TEXT',
  'LONG_TEXT',
  'EMAIL',
  'PHONE',
  'URL',
  'FILE',
  'IMAGE',
]);

/** Field types whose values identify the person wherever else they appear. */
const identifyingTypes: ReadonlySet<string> = new Set(['EMAIL', 'PHONE']);

export interface Subject {
  workspaceId: string;
  actorId: string;
  metadata: WorkspaceMetadata;
  object: ObjectDef;
  record: RecordRow;
  /** The record's label (its name) as it is now. */
  label: string;
  addresses: string[];
  terms: string[];
  records: RecordContext;
}

export interface RelatedRecords {
  object: ObjectDef;
  /** The fields that tie them to the person. */
  via: string[];
  rows: RecordRow[];
}

export function labelField(object: ObjectDef): FieldDef | undefined {
  return object.fields.find((f) => f.id === object.labelFieldId);
}

/** The caller may manage privacy requests, and the record exists: the checks of every request. */
export async function openSubject(
  ctx: PrivacyContext,
  objectKey: string,
  recordId: string,
): Promise<Subject> {
  const access = requirePermission(ctx, 'privacy.manage');
  const id = parseId(['recordId'], recordId);
  const metadata = await loadMetadata(ctx.em, access.workspaceId);
  const object = activeObjects(metadata).find((o) => o.key === objectKey);
  if (!object) throw new BadInput(['object'], `No object “${objectKey.slice(0, 70)}” in this workspace.`);
  const records: RecordContext = { em: ctx.em, metadata, actorId: access.caller.user.id };
  const [record] = await ctx.services.records.getMany(records, object, [id]);
  if (!record) throw new NotFound(`${object.labelSingular} ${id}`);
  const label = String(record[labelField(object)?.key ?? 'id'] ?? id);
  // Records merged into this one earlier (kept deleted) held the person's other addresses.
  const merged = await mergedInto(ctx.em, access.workspaceId, id);
  const rows = [
    record,
    ...(await ctx.services.records.getMany(records, object, merged, { includeDeleted: true })),
  ];
  const values = (types: ReadonlySet<string>) =>
    rows.flatMap((row) =>
      activeFields(object)
        .filter((f) => types.has(f.type))
        .map((f) => row?.[f.key])
        .filter((v): v is string => typeof v === 'string' && v.trim().length > 0),
    );
  const addresses = [...new Set(values(new Set(['EMAIL'])))];
  // Short values (initials, a one-letter name) would cut into unrelated words elsewhere.
  const terms = [...new Set([label, ...values(identifyingTypes)])].filter(
    (t) => t.trim().length >= 3 && t !== id,
  );
  return {
    workspaceId: access.workspaceId,
    actorId: access.caller.user.id,
    metadata,
    object,
    record,
    label,
    addresses,
    terms,
    records,
  };
}

/** The filters finding one object's records tied to the subject, with the fields they use. */
function tiesOf(subject: Subject, object: ObjectDef): { via: string[]; filters: RecordFilter[] } {
  const via: string[] = [];
  const filters: RecordFilter[] = [];
  for (const field of activeFields(object)) {
    if (field.type === 'RELATION' && field.options.targetObjectId === subject.object.id) {
      if (field.options.relationKind === 'MANY_TO_ONE') {
        filters.push({ [field.key]: { eq: subject.record.id } });
        via.push(field.key);
      } else if (field.options.relationKind === 'MANY_TO_MANY') {
        filters.push({ [field.key]: { some: { id: { eq: subject.record.id } } } });
        via.push(field.key);
      }
    } else if (field.type === 'EMAIL' && field.filterable && subject.addresses.length) {
      filters.push({ [field.key]: { in: subject.addresses } });
      via.push(field.key);
    }
  }
  return { via, filters };
}

/** Records related to the subject one hop away, per object (the subject itself left out). */
export async function relatedRecords(ctx: PrivacyContext, subject: Subject): Promise<RelatedRecords[]> {
  const found: RelatedRecords[] = [];
  for (const object of activeObjects(subject.metadata)) {
    const { via, filters } = tiesOf(subject, object);
    if (!filters.length) continue;
    const rows: RecordRow[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await ctx.services.records.list(subject.records, object, {
        filter: filters.length === 1 ? filters[0]! : { or: filters },
        first: 500,
        after,
      });
      rows.push(...page.nodes.filter((row) => row.id !== subject.record.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    if (rows.length) found.push({ object, via, rows });
  }
  return found;
}
