import { describe, expect, it } from 'vitest';
import type { ObjectDef } from '../metadata';
import { leadObjectKey } from './lead-object';

const objects = (...keys: string[]) => keys.map((key) => ({ key }) as ObjectDef);

describe('leadObjectKey', () => {
  it('picks the object whose rating model converts', () => {
    const models = [
      { objectKey: 'deal', model: {}, converts: false },
      { objectKey: 'inquiry', model: {}, converts: true },
    ];
    expect(leadObjectKey(models, objects('person', 'deal', 'inquiry'))).toBe('inquiry');
  });

  it('falls back to people, and waits for the objects', () => {
    expect(leadObjectKey([], objects('company', 'person'))).toBe('person');
    expect(leadObjectKey([{ objectKey: 'gone', model: {}, converts: true }], objects('company'))).toBe(
      'company',
    );
    expect(leadObjectKey([], [])).toBeNull();
  });
});
