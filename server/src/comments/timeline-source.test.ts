import { describe, expect, it } from 'vitest';
import type { ObjectDef, WorkspaceMetadata } from '../metadata/index.js';
import { createEventBus } from '../platform/index.js';
import type { TimelineSourceContext, TimelineTarget } from '../timeline/index.js';
import { commentTimelineSource } from './timeline-source.js';

const workspaceId = '00000000-0000-4000-8000-00000000000a';
const recordId = '00000000-0000-4000-8000-00000000000b';
const commentId = '00000000-0000-4000-8000-00000000000c';
const target = {
  metadata: {} as WorkspaceMetadata,
  object: { key: 'deal' } as ObjectDef,
  recordId,
} satisfies TimelineTarget;

/** A context whose database holds one comment (or none): what `getComment` reads back. */
function contextWith(body: string | null): TimelineSourceContext {
  const row = body && {
    id: commentId,
    workspace_id: workspaceId,
    object_id: 'o1',
    record_id: recordId,
    author_id: 'u1',
    author_name: 'Ada',
    body,
    mention_users: null,
    mentions: [],
    created_at: '2026-01-01T10:00:00.000Z',
    edited_at: null,
  };
  const em = { execute: async () => (row ? [row] : []) };
  return { em, workspaceId, userId: 'u1' } as unknown as TimelineSourceContext;
}

describe('commentTimelineSource.subscribe', () => {
  it('pushes a comment added as its item and a deleted one as removed, under one id', async () => {
    const { bus } = createEventBus();
    const live = commentTimelineSource(bus).subscribe!(contextWith('Hello'), target, null)[
      Symbol.asyncIterator
    ]();
    const topic = `${workspaceId}:${recordId}`;
    const added = live.next();
    bus.publish('comments.changed', topic, { kind: 'ADDED', commentId, changeId: 'change-1' });
    expect((await added).value).toEqual({
      item: {
        id: `comment:${commentId}`,
        kind: 'COMMENT',
        at: new Date('2026-01-01T10:00:00.000Z'),
        actorId: 'u1',
        object: 'deal',
        recordId,
        data: { commentId, authorName: 'Ada', body: 'Hello', mentions: [], editedAt: null },
      },
      removed: false,
    });
    const deleted = live.next();
    bus.publish('comments.changed', topic, { kind: 'DELETED', commentId, changeId: 'change-2' });
    expect((await deleted).value).toMatchObject({ item: { id: `comment:${commentId}` }, removed: true });
    await live.return!();
  });

  it('tells an edit of a comment gone since as its removal', async () => {
    const { bus } = createEventBus();
    const live = commentTimelineSource(bus).subscribe!(contextWith(null), target, null)[
      Symbol.asyncIterator
    ]();
    const edited = live.next();
    bus.publish('comments.changed', `${workspaceId}:${recordId}`, {
      kind: 'EDITED',
      commentId,
      changeId: 'change-3',
    });
    expect((await edited).value).toMatchObject({ removed: true });
    await live.return!();
  });

  it('ends while waiting for an event, and hears no other record', async () => {
    const { bus } = createEventBus();
    const live = commentTimelineSource(bus).subscribe!(contextWith('Hi'), target, null)[
      Symbol.asyncIterator
    ]();
    const waiting = live.next();
    bus.publish('comments.changed', `${workspaceId}:other`, {
      kind: 'ADDED',
      commentId,
      changeId: 'change-4',
    });
    await live.return!();
    expect(await waiting).toEqual({ value: undefined, done: true });
  });
});
