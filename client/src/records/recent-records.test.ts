import { afterEach, describe, expect, it } from 'vitest';
import { createRecentRecords, recentStorageKey } from './recent-records';

describe('recent records', () => {
  afterEach(() => localStorage.clear());

  it('keeps the newest first, without duplicates, per workspace, across reloads', () => {
    const recent = createRecentRecords(localStorage);
    recent.remember('w1', { object: 'company', id: 'a', label: 'Acme' });
    recent.remember('w1', { object: 'person', id: 'b', label: 'Bea' });
    recent.remember('w1', { object: 'company', id: 'a', label: 'Acme Inc.' });
    recent.remember('w2', { object: 'company', id: 'c', label: 'Other' });

    const reloaded = createRecentRecords(localStorage);
    expect(reloaded.listFor('w1').value.map((r) => r.label)).toEqual(['Acme Inc.', 'Bea']);
    expect(reloaded.listFor('w2').value).toHaveLength(1);
  });

  it('keeps eight and ignores damaged storage', () => {
    const recent = createRecentRecords(localStorage);
    for (let i = 0; i < 10; i++) recent.remember('w1', { object: 'company', id: String(i), label: `C${i}` });
    expect(recent.listFor('w1').value).toHaveLength(8);

    localStorage.setItem(recentStorageKey('w3'), '{not json');
    expect(createRecentRecords(localStorage).listFor('w3').value).toEqual([]);
  });
});
