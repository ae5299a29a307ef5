import { strToU8, zipSync, type Zippable } from 'fflate';
import { actorOf, recordAudit } from '../audit/index.js';
import { allRecordComments } from '../comments/index.js';
import { readStoredFile, recordFiles } from '../files/index.js';
import { personMail } from '../mail/index.js';
import { readRecordHistory } from '../records/index.js';
import { readTimeline, type TimelineItem } from '../timeline/index.js';
import { toCsv } from './csv.js';
import type { PrivacyContext } from './services.js';
import { openSubject, relatedRecords, type Subject } from './subject.js';

/**
 * A person's data as one ZIP (GDPR article 15 access, article 20 portability): their record,
 * the records related to them, history, timeline, comments, e-mails (JSON, and CSV where it
 * is a table) and their files' contents. fflate builds it in memory: an export is bounded by
 * one person's data, and its archive is written in a few milliseconds with no native code.
 */

export interface PersonalDataExport {
  fileName: string;
  data: Uint8Array;
  label: string;
}

const json = (value: unknown) => strToU8(`${JSON.stringify(value, null, 2)}\n`);
const csv = (rows: readonly Record<string, unknown>[]) => strToU8(toCsv(rows));

async function wholeTimeline(ctx: PrivacyContext, subject: Subject): Promise<TimelineItem[]> {
  const sources = ctx.services.timelineSources;
  const kinds = new Set(sources.flatMap((s) => s.kinds));
  const source = {
    em: ctx.em,
    records: ctx.services.records,
    workspaceId: subject.workspaceId,
    userId: subject.actorId,
  };
  const target = { metadata: subject.metadata, object: subject.object, recordId: subject.record.id };
  const items: TimelineItem[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await readTimeline(source, sources, target, { first: 100, after, kinds });
    items.push(...page.nodes);
    if (!page.hasNextPage || !page.nodes.length) return items;
    after = page.endCursor;
  }
}

/** A name safe in a ZIP entry on every system. */
function entryName(name: string): string {
  return name.replace(/[^\p{L}\p{N} ._-]/gu, '_').slice(0, 120) || 'file';
}

export async function exportPersonalData(
  ctx: PrivacyContext,
  objectKey: string,
  recordId: string,
): Promise<PersonalDataExport> {
  const subject = await openSubject(ctx, objectKey, recordId);
  const { workspaceId, object, record } = subject;
  const related = await relatedRecords(ctx, subject);
  const history = await readRecordHistory(ctx.em, subject.metadata.schema, object.id, record.id, 100_000);
  const timeline = await wholeTimeline(ctx, subject);
  const comments = await allRecordComments(ctx.em, workspaceId, record.id);
  const mail = await personMail(ctx.em, { workspaceId, recordId: record.id, addresses: subject.addresses });
  const files = await recordFiles(ctx.em, workspaceId, record.id);

  const zip: Zippable = {
    'README.txt': strToU8(
      `Personal data held about ${object.labelSingular} ${record.id}, exported ${new Date().toISOString()}.\n` +
        'record.json: the record; related/: records tied to it; history.json: its field changes; ' +
        'timeline.json; comments; emails-sent and emails-received; files/: attached files.\n',
    ),
    'record.json': json({ object: object.key, record }),
    'record.csv': csv([record]),
    'history.json': json(
      history.map((c) => ({
        id: c.id,
        kind: c.kind,
        at: c.created_at,
        actorId: c.actor_id,
        changes: c.changes,
      })),
    ),
    'timeline.json': json(timeline),
    'comments.json': json(comments),
    'comments.csv': csv(
      comments.map((c) => ({ id: c.id, at: c.createdAt, author: c.authorName, body: c.body })),
    ),
    'emails-sent.json': json(mail.sent),
    'emails-sent.csv': csv(
      mail.sent.map((m) => ({
        id: m.id,
        at: m.createdAt,
        to: m.to,
        cc: m.cc.join('; '),
        subject: m.subject,
        status: m.status,
      })),
    ),
    'emails-received.json': json(mail.received),
    'emails-received.csv': csv(
      mail.received.map((m) => ({ id: m.id, at: m.receivedAt, from: m.fromAddress, subject: m.subject })),
    ),
  };
  const relatedDir: Zippable = {};
  for (const group of related) {
    relatedDir[`${group.object.key}.json`] = json({
      object: group.object.key,
      via: group.via,
      records: group.rows,
    });
    relatedDir[`${group.object.key}.csv`] = csv(group.rows);
  }
  zip['related'] = relatedDir;
  const filesDir: Zippable = {};
  const fileList: Record<string, unknown>[] = [];
  for (const file of files) {
    const stored = await readStoredFile(ctx.em, ctx.services.files.store, workspaceId, file.id);
    const name = `${file.id.slice(0, 8)}-${entryName(file.name)}`;
    fileList.push({ ...file, entry: stored ? `files/${name}` : null });
    if (stored) filesDir[name] = new Uint8Array(stored.content);
  }
  zip['files'] = filesDir;
  zip['files.json'] = json(fileList);

  await recordAudit(ctx.em, {
    workspaceId,
    action: 'privacy.exported',
    by: actorOf(ctx),
    objectKey: object.key,
    targetIds: [record.id],
    targetNames: [subject.label],
    details: {
      relatedRecords: related.reduce((n, g) => n + g.rows.length, 0),
      timelineItems: timeline.length,
      emails: mail.sent.length + mail.received.length,
      files: files.length,
    },
  });
  return {
    fileName: `personal-data-${object.key}-${record.id}.zip`,
    data: zipSync(zip, { level: 6 }),
    label: subject.label,
  };
}
