import { describe, expect, it } from 'vitest';
import type { FieldDef, ObjectDef } from '../metadata';
import { inputChoices } from './form-inputs';

const field = (key: string, type: string, extra: Partial<FieldDef> = {}): FieldDef =>
  ({
    key,
    label: key,
    type,
    system: false,
    readOnly: false,
    settings: { relation: null },
    ...extra,
  }) as unknown as FieldDef;
const object = (key: string, fields: FieldDef[]) => ({ key, fields }) as unknown as ObjectDef;

describe('inputChoices', () => {
  it('offers the linked person’s fields, then the object’s own, less what a visitor cannot fill', () => {
    const objects = [
      object('person', [field('name', 'TEXT'), field('email', 'EMAIL'), field('owner', 'USER')]),
      object('deal', [
        field('name', 'TEXT'),
        field('stage', 'STAGE'),
        field('createdAt', 'DATETIME', { system: true }),
        field('contact', 'RELATION', {
          settings: { relation: { kind: 'MANY_TO_ONE', targetObjectKey: 'person' } },
        } as Partial<FieldDef>),
        field('tags', 'RELATION', {
          settings: { relation: { kind: 'MANY_TO_MANY', targetObjectKey: 'tag' } },
        } as Partial<FieldDef>),
      ]),
    ];
    expect(inputChoices(objects, 'deal').map((c) => [c.path, c.hiddenOnly])).toEqual([
      ['person.name', false],
      ['person.email', false],
      ['name', false],
      ['stage', true],
    ]);
  });
});
