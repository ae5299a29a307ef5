import { describe, expect, it } from 'vitest';
import { createEventBus } from './events.js';

describe('the event bus', () => {
  it('keeps every event a subscription has not read yet, thousands published in one tick', async () => {
    const { bus } = createEventBus();
    const subscription = bus.subscribe('inbox.notifications', 'w:u');
    const other = bus.subscribe('inbox.notifications', 'w:v');
    // graphql-yoga's own iterator threw past 1,024 unread, as an uncaught exception.
    for (let i = 0; i < 5_000; i++) bus.publish('inbox.notifications', 'w:u', { notificationId: `n${i}` });
    const read: string[] = [];
    for await (const event of subscription) {
      read.push(event.notificationId);
      if (read.length === 5_000) break;
    }
    expect(read).toEqual(Array.from({ length: 5_000 }, (_, i) => `n${i}`));
    // Returned (by the loop's break), it hears nothing more; the other topic heard nothing.
    bus.publish('inbox.notifications', 'w:u', { notificationId: 'late' });
    expect(await subscription.next()).toEqual({ value: undefined, done: true });
    bus.publish('inbox.notifications', 'w:v', { notificationId: 'theirs' });
    expect(await other.next()).toEqual({ value: { notificationId: 'theirs' }, done: false });
    await other.return();
  });
});
