import { describe, expect, it } from 'vitest';
import { notificationSummary } from './email-channel.js';

describe('notificationSummary', () => {
  it('names the actor and the record per kind, on one line', () => {
    const entry = { label: 'Globex', excerpt: 'see\nthis' };
    expect(notificationSummary({ ...entry, kind: 'MENTION' }, 'Ada')).toBe('Ada mentioned you on Globex');
    expect(notificationSummary({ ...entry, kind: 'COMMENT' }, null)).toBe('Someone commented on Globex');
    expect(notificationSummary({ ...entry, kind: 'ASSIGNMENT' }, 'Bo')).toBe('Bo assigned you to Globex');
    expect(notificationSummary({ ...entry, kind: 'REMINDER' }, null)).toBe('Reminder: Globex');
    expect(notificationSummary({ ...entry, kind: 'AUTOMATION' }, null)).toBe('Globex: see this');
  });

  it('keeps a subject to 200 characters', () => {
    expect(notificationSummary({ kind: 'REMINDER', label: 'x'.repeat(500), excerpt: '' }, null)).toHaveLength(
      200,
    );
  });
});
