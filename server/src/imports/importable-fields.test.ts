import { describe, expect, it } from 'vitest';
import { isImportable, isMatchable } from '@crm/contracts';

describe('importable fields', () => {
  it('leaves out fields filled by upload, to-many relations and system fields (the owner stays)', () => {
    expect(isImportable({ key: 'name', type: 'TEXT' })).toBe(true);
    expect(isImportable({ key: 'company', type: 'RELATION', relationKind: 'MANY_TO_ONE' })).toBe(true);
    expect(isImportable({ key: 'owner', type: 'USER', system: true })).toBe(true);
    expect(isImportable({ key: 'photos', type: 'IMAGE' })).toBe(false);
    expect(isImportable({ key: 'documents', type: 'FILE' })).toBe(false);
    expect(isImportable({ key: 'deals', type: 'RELATION', relationKind: 'ONE_TO_MANY' })).toBe(false);
    expect(isImportable({ key: 'createdAt', type: 'DATETIME', system: true })).toBe(false);
    expect(isImportable({ key: 'score', type: 'NUMBER', readOnly: true })).toBe(false);
  });

  it('matches rows only on single values that identify a record', () => {
    expect(isMatchable({ key: 'email', type: 'EMAIL' })).toBe(true);
    expect(isMatchable({ key: 'notes', type: 'LONG_TEXT' })).toBe(false);
    expect(isMatchable({ key: 'score', type: 'NUMBER', readOnly: true })).toBe(false);
  });
});
