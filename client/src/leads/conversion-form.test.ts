import { describe, expect, it } from 'vitest';
import type { FieldDef, ObjectDef } from '../metadata';
import { leadFieldsFor, linkFields, markFields, suggestedRows, targetFields } from './conversion-form';

const field = (
  key: string,
  type: FieldDef['type'],
  extra: Partial<FieldDef> & {
    choices?: string[];
    target?: string;
    kind?: 'MANY_TO_ONE' | 'MANY_TO_MANY';
  } = {},
): FieldDef => {
  const { choices, target, kind, ...rest } = extra;
  return {
    key,
    label: key[0]!.toUpperCase() + key.slice(1),
    type,
    system: false,
    readOnly: false,
    required: false,
    defaultValue: null,
    settings: {
      choices: choices?.map((c, position) => ({ key: c, label: c, color: 'gray', position })) ?? null,
      relation: target
        ? { kind: kind ?? 'MANY_TO_ONE', targetObjectKey: target, inverseFieldKey: null }
        : null,
    },
    ...rest,
  } as FieldDef;
};

const person = {
  key: 'person',
  fields: [
    field('id', 'TEXT', { system: true, readOnly: true }),
    field('name', 'TEXT', { required: true }),
    field('email', 'EMAIL'),
    field('mobile', 'PHONE', { label: 'Phone number' }),
    field('jobTitle', 'TEXT'),
    field('company', 'RELATION', { target: 'company' }),
  ],
} as ObjectDef;
const deal = {
  key: 'deal',
  fields: [
    field('name', 'TEXT', { required: true }),
    field('amount', 'CURRENCY'),
    field('contact', 'RELATION', { target: 'person', required: true }),
    field('summary', 'TEXT', { required: true }),
  ],
} as ObjectDef;
const lead = {
  key: 'lead',
  fields: [
    field('createdAt', 'DATETIME', { system: true, readOnly: true }),
    field('name', 'TEXT'),
    field('email', 'EMAIL'),
    field('phone', 'PHONE', { label: 'Phone number' }),
    field('jobTitle', 'NUMBER'),
    field('notes', 'LONG_TEXT'),
    field('status', 'SELECT', { choices: ['open', 'converted'] }),
    field('convertedPerson', 'RELATION', { target: 'person' }),
    field('watchers', 'RELATION', { target: 'person', kind: 'MANY_TO_MANY' }),
    field('convertedDeal', 'RELATION', { target: 'deal' }),
  ],
} as ObjectDef;

describe('the conversion editor', () => {
  it('suggests rows by key or label where the types fit, and the required fields to fill', () => {
    expect(suggestedRows(person, lead)).toEqual([
      { target: 'name', lead: 'name' },
      { target: 'email', lead: 'email' },
      // Same label, another key.
      { target: 'mobile', lead: 'phone' },
      // jobTitle is a NUMBER on the lead: no suggestion; the person's company is linked by the conversion.
    ]);
    // The deal's required summary has no match: a row to fill; its contact is set by the conversion.
    expect(suggestedRows(deal, lead)).toEqual([
      { target: 'name', lead: 'name' },
      { target: 'summary', lead: '' },
    ]);
  });

  it('offers for a target field only the lead fields whose values fit it', () => {
    const keys = (fields: FieldDef[]) => fields.map((f) => f.key);
    const [, name, email] = person.fields;
    expect(keys(leadFieldsFor(lead, name))).toEqual(['name', 'email', 'phone']);
    expect(keys(leadFieldsFor(lead, email))).toEqual(['email']);
    expect(keys(targetFields(person))).toEqual(['name', 'email', 'mobile', 'jobTitle', 'company']);
  });

  it('offers as links the lead’s to-one relations to the target, and as marks its own plain fields', () => {
    expect(linkFields(lead, 'person').map((f) => f.key)).toEqual(['convertedPerson']);
    expect(linkFields(lead, 'deal').map((f) => f.key)).toEqual(['convertedDeal']);
    expect(linkFields(lead, 'company')).toEqual([]);
    expect(markFields(lead, ['notes']).map((f) => f.key)).toEqual([
      'name',
      'email',
      'phone',
      'jobTitle',
      'status',
    ]);
  });
});
