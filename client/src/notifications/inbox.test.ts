import { describe, expect, it } from 'vitest';
import { withAdded, withRead } from './inbox';
import type { Notification, NotificationPage } from './operations';

function notification(id: string, readAt: string | null = null): Notification {
  return {
    id,
    kind: 'REMINDER',
    object: 'task',
    recordId: `r-${id}`,
    label: `Task ${id}`,
    dueAt: null,
    late: false,
    createdAt: '2026-12-03T09:00:00.000Z',
    readAt,
  };
}

const page: NotificationPage = {
  nodes: [notification('b'), notification('a', '2026-12-03T08:00:00.000Z')],
  hasNextPage: false,
  endCursor: 'x',
  unreadCount: 3,
};

describe('the inbox in the cache', () => {
  it('puts a pushed notification on top and counts it once', () => {
    const once = withAdded(page, notification('c'));
    expect(once.nodes.map((n) => n.id)).toEqual(['c', 'b', 'a']);
    expect(once.unreadCount).toBe(4);
    expect(withAdded(once, notification('c'))).toBe(once);
  });

  it('marks some or all read', () => {
    const some = withRead(page, ['b', 'a'], 'now');
    expect(some.nodes.map((n) => n.readAt)).toEqual(['now', '2026-12-03T08:00:00.000Z']);
    expect(some.unreadCount).toBe(2);
    expect(withRead(page, null, 'now').unreadCount).toBe(0);
  });
});
