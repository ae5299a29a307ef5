import { describe, expect, it } from 'vitest';
import type { FieldDef, ObjectDef } from '../metadata/index.js';
import type { FormTarget, ResolvedField } from './form-fields.js';
import type { FormField } from './model.js';
import { isHoneypotFilled, readSubmittedValues } from './submitted-values.js';

const field = (key: string, type: FieldDef['type'], options: FieldDef['options'] = {}): FieldDef =>
  ({ key, label: key, type, required: false, options, archivedAt: null }) as FieldDef;
const input = (path: string, extra: Partial<FormField> = {}): FormField => ({
  path,
  label: null,
  helpText: null,
  required: false,
  hidden: false,
  defaultValue: null,
  ...extra,
});
const resolved = (on: 'record' | 'person', f: FieldDef, i: FormField): ResolvedField => ({
  on,
  field: f,
  input: i,
});

const target: FormTarget = {
  object: {} as ObjectDef,
  person: {} as ObjectDef,
  personLink: null,
  fields: [
    resolved('person', field('email', 'EMAIL'), input('person.email', { required: true })),
    resolved(
      'record',
      field('budget', 'CURRENCY', { defaultCurrency: 'EUR', precision: 0 }),
      input('budget'),
    ),
    resolved('record', field('garden', 'BOOLEAN'), input('garden')),
    resolved(
      'record',
      field('kind', 'SELECT', { choices: [{ key: 'flat', label: 'Apartment', color: '', position: 0 }] }),
      input('kind'),
    ),
    resolved('record', field('source', 'TEXT'), input('source', { hidden: true, defaultValue: 'website' })),
  ],
};

describe('readSubmittedValues', () => {
  it('turns what a browser sends into API values; a hidden field sends its own value', () => {
    const read = readSubmittedValues(
      target,
      {
        'person.email': ' A@B.example ',
        budget: '250,000',
        garden: 'on',
        kind: 'apartment',
        source: 'forged',
      },
      false,
    );
    expect(read.errors).toEqual([]);
    expect(read.person).toEqual({ email: 'A@B.example' });
    expect(read.record).toEqual({
      budget: { amount: 250000 },
      garden: true,
      kind: 'flat',
      source: 'website',
    });
  });

  it('lists every problem: unknown inputs, wrong types, missing values, consent', () => {
    const read = readSubmittedValues(target, { budget: 'lots', garden: 'maybe', colour: 'red' }, true);
    expect(read.errors).toEqual([
      { field: 'colour', message: 'is not a field of this form' },
      { field: '_consent', message: 'consent is required' },
      { field: 'person.email', message: 'is required' },
      { field: 'budget', message: 'must be a number' },
      { field: 'garden', message: 'must be yes or no' },
    ]);
  });

  it('spots a filled honeypot', () => {
    expect(isHoneypotFilled({ _website: 'x' })).toBe(true);
    expect(isHoneypotFilled({ _website: '' })).toBe(false);
  });
});
