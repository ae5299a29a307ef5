import { describe, expect, it } from 'vitest';
import { applyTimelineEvent } from './timeline-items';
import type { TimelineItem } from './timeline-operations';

const item = (id: string, at: string, data: Record<string, unknown> = {}, kind = 'TASK'): TimelineItem => ({
  id,
  kind,
  at,
  actorId: null,
  object: 'task',
  recordId: id,
  data,
});
const all = new Set(['TASK', 'NOTE', 'FIELD_CHANGE']);

describe('applyTimelineEvent', () => {
  const held = [
    item('b', '2026-01-02T00:00:00Z'),
    item('a', '2026-01-01T00:00:00Z', { values: { name: 'A', status: 'open' } }),
  ];

  it('puts a new item where its time belongs', () => {
    const next = applyTimelineEvent(held, { item: item('c', '2026-01-03T00:00:00Z'), removed: false }, all);
    expect(next.map((i) => i.id)).toEqual(['c', 'b', 'a']);
    const middle = applyTimelineEvent(held, { item: item('m', '2026-01-01T12:00:00Z'), removed: false }, all);
    expect(middle.map((i) => i.id)).toEqual(['b', 'm', 'a']);
  });

  it('merges a changed item’s values and keeps its place', () => {
    const next = applyTimelineEvent(
      held,
      { item: item('a', '2026-01-05T00:00:00Z', { values: { status: 'done' } }), removed: false },
      all,
    );
    expect(next.map((i) => i.id)).toEqual(['b', 'a']);
    expect(next[1]!.data.values).toEqual({ name: 'A', status: 'done' });
    expect(next[1]!.at).toBe('2026-01-01T00:00:00Z');
  });

  it('replaces an edited comment’s text and mentions in its place', () => {
    const comment = (at: string, body: string, editedAt: string | null) =>
      item('comment:c', at, { commentId: 'c', body, mentions: [], editedAt }, 'COMMENT');
    const comments = new Set([...all, 'COMMENT']);
    const withComment = applyTimelineEvent(
      held,
      { item: comment('2026-01-01T12:00:00Z', 'First', null), removed: false },
      comments,
    );
    const next = applyTimelineEvent(
      withComment,
      { item: comment('2026-01-01T12:00:00Z', 'Second', '2026-01-04T00:00:00Z'), removed: false },
      comments,
    );
    expect(next.map((i) => i.id)).toEqual(['b', 'comment:c', 'a']);
    expect(next[1]!.data).toEqual({
      commentId: 'c',
      body: 'Second',
      mentions: [],
      editedAt: '2026-01-04T00:00:00Z',
    });
  });

  it('drops a removed item, and leaves out kinds not shown', () => {
    expect(applyTimelineEvent(held, { item: item('a', 'x'), removed: true }, all).map((i) => i.id)).toEqual([
      'b',
    ]);
    const hidden = applyTimelineEvent(
      held,
      { item: item('n', '2026-01-09T00:00:00Z', {}, 'NOTE'), removed: false },
      new Set(['TASK']),
    );
    expect(hidden.map((i) => i.id)).toEqual(['b', 'a']);
  });
});
