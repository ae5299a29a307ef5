import { describe, expect, it } from 'vitest';
import type { FieldDef } from '../metadata';
import { choicesToSend, defaultChoices } from './merge-choices';

const field = (key: string) => ({ key }) as FieldDef;

describe('merge choices', () => {
  const records = [
    { id: 'a', label: 'Ann', values: { name: 'Ann', email: null } },
    { id: 'b', label: 'Anne', values: { name: 'Anne', email: 'ann@example.com' } },
  ];

  it('keeps the survivor’s values and fills its empty ones from the others', () => {
    expect(defaultChoices([field('name'), field('email')], records, 'a')).toEqual({ name: 'a', email: 'b' });
  });

  it('sends only the values taken from other records', () => {
    expect(choicesToSend({ name: 'a', email: 'b' }, 'a')).toEqual([{ field: 'email', recordId: 'b' }]);
  });
});
