import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { BadInput, decodeTimeCursor, encodeTimeCursor, writtenSince } from '../platform/index.js';

/** The record a thread belongs to. */
export interface RecordRef {
  workspaceId: string;
  objectId: string;
  recordId: string;
}

export interface Comment extends RecordRef {
  id: string;
  authorId: string | null;
  authorName: string | null;
  /** The text with its mention tokens (`<@user-id>`). */
  body: string;
  mentions: { userId: string; name: string }[];
  createdAt: Date;
  editedAt: Date | null;
}

export interface CommentPage {
  nodes: Comment[];
  hasNextPage: boolean;
  endCursor: string | null;
}

type Db = Pick<EntityManager, 'execute'>;

interface CommentRow {
  id: string;
  workspace_id: string;
  object_id: string;
  record_id: string;
  author_id: string | null;
  author_name: string | null;
  body: string;
  mention_users: { userId: string; name: string }[] | null;
  mentions: string[];
  // Raw queries hand timestamps over as text.
  created_at: Date | string;
  edited_at: Date | string | null;
}

const selectComments = `select c.*, coalesce(a.name, c.author_label) as author_name,
    (select jsonb_agg(jsonb_build_object('userId', u.id, 'name', u.name))
       from app_user u where u.id in (select jsonb_array_elements_text(c.mentions)::uuid)) as mention_users
  from comment c left join app_user a on a.id = c.author_id`;

function toComment(row: CommentRow): Comment {
  const names = new Map((row.mention_users ?? []).map((m) => [m.userId, m.name]));
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    objectId: row.object_id,
    recordId: row.record_id,
    authorId: row.author_id,
    authorName: row.author_name,
    body: row.body,
    // In the order mentioned; an account deleted since keeps its token, without a name.
    mentions: row.mentions.map((userId) => ({ userId, name: names.get(userId) ?? '' })),
    createdAt: new Date(row.created_at),
    editedAt: row.edited_at === null ? null : new Date(row.edited_at),
  };
}

/** `author`: a member's id, or the name of what wrote it without an account ("Automation: …"). */
export async function insertComment(
  db: Db,
  record: RecordRef,
  author: string | { label: string },
  text: { body: string; mentions: string[] },
): Promise<string> {
  const id = randomUUID();
  await db.execute(
    `insert into comment (id, workspace_id, object_id, record_id, author_id, author_label, body, mentions)
     values (?, ?, ?, ?, ?, ?, ?, ?::jsonb)`,
    [
      id,
      record.workspaceId,
      record.objectId,
      record.recordId,
      typeof author === 'string' ? author : null,
      typeof author === 'string' ? null : author.label,
      text.body,
      JSON.stringify(text.mentions),
    ],
  );
  return id;
}

export async function updateComment(
  db: Db,
  id: string,
  text: { body: string; mentions: string[] },
): Promise<void> {
  await db.execute(
    `update comment set body = ?, mentions = ?::jsonb, edited_at = date_trunc('milliseconds', clock_timestamp())
     where id = ?`,
    [text.body, JSON.stringify(text.mentions), id],
  );
}

/** Removals are kept this long: a timeline resuming from an older snapshot misses them. */
const keepRemovals = '7 days';

export async function removeComment(db: Db, id: string): Promise<void> {
  await db.execute(
    `with gone as (delete from comment where id = ? returning workspace_id, record_id, id)
     insert into comment_removal (workspace_id, record_id, comment_id) select * from gone`,
    [id],
  );
  await db.execute(`delete from comment_removal where removed_at < now() - interval '${keepRemovals}'`);
}

/**
 * What happened to a record's comments after a snapshot (a `changeCursor`): added (and maybe
 * edited since), edited, deleted; in the order they were written, deletions last.
 */
export async function commentChangesSince(
  db: Db,
  record: Omit<RecordRef, 'objectId'>,
  snapshot: string,
): Promise<{ kind: 'ADDED' | 'EDITED' | 'DELETED'; commentId: string }[]> {
  const at = [record.workspaceId, record.recordId, snapshot];
  const written = await db.execute<{ id: string; added: boolean }[]>(
    `select id, coalesce(${writtenSince('created_xid')}, false) as added from comment
     where workspace_id = ? and record_id = ? and ${writtenSince('changed_xid')}
     order by created_at, id`,
    [snapshot, ...at],
  );
  const removed = await db.execute<{ comment_id: string }[]>(
    `select comment_id from comment_removal
     where workspace_id = ? and record_id = ? and ${writtenSince('changed_xid')}`,
    at,
  );
  return [
    ...written.map((row) => ({
      kind: row.added ? ('ADDED' as const) : ('EDITED' as const),
      commentId: row.id,
    })),
    ...removed.map((row) => ({ kind: 'DELETED' as const, commentId: row.comment_id })),
  ];
}

/** A comment of this workspace, locked for the edit or delete that reads it (`forUpdate`). */
export async function getComment(
  db: Db,
  workspaceId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<Comment | undefined> {
  if (options.forUpdate)
    await db.execute('select id from comment where id = ? and workspace_id = ? for update', [
      id,
      workspaceId,
    ]);
  const [row] = await db.execute<CommentRow[]>(`${selectComments} where c.id = ? and c.workspace_id = ?`, [
    id,
    workspaceId,
  ]);
  return row && toComment(row);
}

export const maxCommentPage = 100;

/** Where a page ending at this comment ends, in either order: read back as `after`. */
export function commentCursor(comment: Pick<Comment, 'id' | 'createdAt'>): string {
  return encodeTimeCursor(comment.createdAt, comment.id);
}

/**
 * A page of one record's comments by time: `oldest` first (the thread) or `newest` first
 * (a timeline reading back); `after` is the `commentCursor` of a comment read in the same
 * order. `first` is the caller's to bound (the thread's query: `maxCommentPage`; the
 * timeline asks one more than its page).
 */
export async function listRecordComments(
  db: Db,
  record: Omit<RecordRef, 'objectId'>,
  args: { first: number; after?: string | null; order?: 'oldest' | 'newest' },
): Promise<CommentPage> {
  if (!Number.isInteger(args.first) || args.first < 1)
    throw new BadInput(['first'], 'first: must be a whole number from 1.');
  const cursor = args.after ? decodeTimeCursor(args.after) : null;
  const newest = args.order === 'newest';
  const rows = await db.execute<CommentRow[]>(
    `${selectComments} where c.workspace_id = ? and c.record_id = ?
       ${cursor ? `and (c.created_at, c.id) ${newest ? '<' : '>'} (?::timestamptz, ?::uuid)` : ''}
     order by c.created_at ${newest ? 'desc' : 'asc'}, c.id ${newest ? 'desc' : 'asc'} limit ?`,
    [record.workspaceId, record.recordId, ...(cursor ? [cursor.at, cursor.id] : []), args.first + 1],
  );
  const nodes = rows.slice(0, args.first).map(toComment);
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    hasNextPage: rows.length > args.first,
    endCursor: last ? commentCursor(last) : null,
  };
}

export async function countComments(db: Db, record: Omit<RecordRef, 'objectId'>): Promise<number> {
  const [row] = await db.execute<{ n: string }[]>(
    'select count(*) as n from comment where workspace_id = ? and record_id = ?',
    [record.workspaceId, record.recordId],
  );
  return Number(row?.n ?? 0);
}
