import { describe, expect, it } from 'vitest';
import type { FieldDef, ObjectDef, WorkspaceMetadata } from '../metadata/index.js';
import { BadInput } from '../platform/index.js';
import { checkModel } from './model.js';

// The conversion part of a rating model, checked against the metadata: each error names the
// input it is about (model.conversion.<map>.<target field>, .link.<target>, .mark.<part>).

const field = (key: string, type: FieldDef['type'], extra: Partial<FieldDef> = {}): FieldDef =>
  ({
    id: key,
    key,
    label: key,
    type,
    required: false,
    defaultValue: null,
    options: {},
    column: `f_${key}`,
    system: false,
    readOnly: false,
    archivedAt: null,
    ...extra,
  }) as FieldDef;
const relation = (key: string, target: string, kind = 'MANY_TO_ONE') =>
  field(key, 'RELATION', {
    options: { targetObjectId: target, relationKind: kind as 'MANY_TO_ONE' },
    column: kind === 'MANY_TO_ONE' ? `f_${key}` : null,
  });
const select = (key: string, choices: string[]) =>
  field(key, 'SELECT', {
    options: { choices: choices.map((c, position) => ({ key: c, label: c, color: 'gray', position })) },
  });
const object = (key: string, fields: FieldDef[]) =>
  ({ id: key, key, labelSingular: key, labelPlural: `${key}s`, archivedAt: null, fields }) as ObjectDef;

const person = object('person', [
  field('id', 'TEXT', { system: true, readOnly: true }),
  field('name', 'TEXT', { required: true }),
  field('email', 'EMAIL'),
  field('phone', 'PHONE'),
  relation('company', 'company'),
]);
const company = object('company', [field('name', 'TEXT', { required: true }), field('size', 'NUMBER')]);
const deal = object('deal', [
  field('name', 'TEXT', { required: true }),
  select('stage', ['new', 'won']),
  field('amount', 'CURRENCY'),
  relation('contact', 'person', 'MANY_TO_ONE'),
  relation('company', 'company'),
]);
const lead = object('lead', [
  field('name', 'TEXT'),
  field('email', 'EMAIL'),
  field('notes', 'LONG_TEXT'),
  field('employees', 'NUMBER'),
  field('companyName', 'TEXT'),
  select('status', ['open', 'converted']),
  select('grade', ['new', 'z']),
  relation('convertedPerson', 'person'),
  relation('convertedCompany', 'company'),
  relation('people', 'person', 'MANY_TO_MANY'),
]);
const metadata = {
  workspaceId: 'w',
  version: 1,
  schema: 's',
  objects: [person, company, deal, lead],
} as unknown as WorkspaceMetadata;

const conversion = (overrides: Record<string, unknown>) => ({
  rules: [],
  conversion: { person: { name: 'name', email: 'email' }, ...overrides },
});

function refusal(model: unknown): { path: readonly string[]; message: string } {
  try {
    checkModel(metadata, lead, model);
  } catch (error) {
    if (error instanceof BadInput)
      return { path: error.extensions.argumentPath as string[], message: error.message };
    throw error;
  }
  throw new Error('accepted');
}

describe('a lead conversion', () => {
  it('accepts maps of compatible fields, to-one links and a mark of the field’s type', () => {
    const model = checkModel(
      metadata,
      lead,
      conversion({
        company: { name: 'companyName', size: 'employees' },
        deal: { name: 'name' },
        link: { person: 'convertedPerson', company: 'convertedCompany' },
        mark: { field: 'status', value: 'converted' },
      }),
    );
    expect(model.conversion).toEqual({
      person: { name: 'name', email: 'email' },
      company: { name: 'companyName', size: 'employees' },
      deal: { name: 'name' },
      link: { person: 'convertedPerson', company: 'convertedCompany' },
      mark: { field: 'status', value: 'converted' },
    });
  });

  it('names an unknown target or lead field', () => {
    expect(refusal(conversion({ deal: { name: 'name', budget: 'name' } })).path).toEqual([
      'model',
      'conversion',
      'deal',
      'budget',
    ]);
    expect(refusal(conversion({ company: { name: 'firm' } })).path).toEqual([
      'model',
      'conversion',
      'company',
      'name',
    ]);
  });

  it('refuses a lead field whose type cannot fill the target', () => {
    const number = refusal(conversion({ company: { name: 'employees' } }));
    expect(number).toEqual({
      path: ['model', 'conversion', 'company', 'name'],
      message: 'name ← employees: a NUMBER field cannot fill a TEXT field.',
    });
    // Text into an e-mail field would skip the e-mail check; long text overflows a TEXT.
    expect(refusal(conversion({ person: { name: 'name', email: 'companyName' } })).path).toEqual([
      'model',
      'conversion',
      'person',
      'email',
    ]);
    expect(refusal(conversion({ person: { name: 'notes' } })).path).toEqual([
      'model',
      'conversion',
      'person',
      'name',
    ]);
    expect(refusal(conversion({ deal: { name: 'name', stage: 'grade' } })).message).toContain(
      'the options z are not options of the target',
    );
  });

  it('refuses a system target field', () => {
    expect(refusal(conversion({ person: { name: 'name', id: 'email' } })).path).toEqual([
      'model',
      'conversion',
      'person',
      'id',
    ]);
  });

  it('names a required target field left unmapped, but not the links the conversion sets itself', () => {
    expect(refusal(conversion({ person: { email: 'email' } }))).toEqual({
      path: ['model', 'conversion', 'person', 'name'],
      message: 'name: required on persons; map a lead field to it.',
    });
    expect(refusal(conversion({ deal: {} })).path).toEqual(['model', 'conversion', 'deal', 'name']);
    expect(refusal({ rules: [], conversion: { company: { name: 'companyName' } } }).path).toEqual([
      'model',
      'conversion',
      'person',
    ]);
  });

  it('refuses a link that is not a to-one relation to what it names', () => {
    expect(refusal(conversion({ link: { company: 'convertedPerson' } }))).toEqual({
      path: ['model', 'conversion', 'link', 'company'],
      message: 'link.company: a to-one relation field pointing at a company.',
    });
    expect(refusal(conversion({ link: { person: 'people' } })).path).toEqual([
      'model',
      'conversion',
      'link',
      'person',
    ]);
    expect(refusal(conversion({ link: { person: 'name' } })).path).toEqual([
      'model',
      'conversion',
      'link',
      'person',
    ]);
    expect(refusal(conversion({ link: { viewing: 'convertedPerson' } })).path).toEqual([
      'model',
      'conversion',
      'link',
      'viewing',
    ]);
  });

  it('refuses a mark value its field does not take, or no value', () => {
    expect(refusal(conversion({ mark: { field: 'status', value: 'won' } })).path).toEqual([
      'model',
      'conversion',
      'mark',
      'value',
    ]);
    expect(refusal(conversion({ mark: { field: 'status' } })).path).toEqual([
      'model',
      'conversion',
      'mark',
      'value',
    ]);
    expect(refusal(conversion({ mark: { field: 'gone', value: 'x' } })).path).toEqual([
      'model',
      'conversion',
      'mark',
      'field',
    ]);
    expect(refusal(conversion({ mark: { field: 'convertedPerson', value: 'x' } })).path).toEqual([
      'model',
      'conversion',
      'mark',
      'field',
    ]);
  });

  it('refuses parts it does not know', () => {
    expect(refusal(conversion({ persons: {} })).path).toEqual(['model', 'conversion', 'persons']);
  });
});
