import { describe, expect, it } from 'vitest';
import type { FieldDef, ObjectDef } from '../metadata';
import { activitySources, draftOf, errorInput, modelOf, newRule } from './rating-form';

const field = (key: string, type: FieldDef['type'], extra: Partial<FieldDef['settings']> = {}): FieldDef =>
  ({
    key,
    label: key,
    type,
    system: false,
    settings: { choices: null, relation: null, ...extra },
  }) as FieldDef;

const person = {
  key: 'person',
  labelPlural: 'People',
  fields: [field('email', 'EMAIL'), field('budget', 'CURRENCY'), field('stage', 'SELECT')],
} as ObjectDef;
const viewing = {
  key: 'viewing',
  labelPlural: 'Viewings',
  fields: [
    field('contact', 'RELATION', {
      relation: { kind: 'MANY_TO_ONE', targetObjectKey: 'person', inverseFieldKey: 'viewings' },
    }),
    field('property', 'RELATION', {
      relation: { kind: 'MANY_TO_ONE', targetObjectKey: 'property', inverseFieldKey: null },
    }),
  ],
} as ObjectDef;

const saved = {
  scoreField: 'leadScore',
  bandField: 'leadBand',
  thresholds: { hot: 50, warm: 20 },
  rules: [
    { kind: 'FIELD', field: 'budget', operator: 'gte', value: 300000, points: 20 },
    { kind: 'FIELD', field: 'stage', operator: 'in', value: ['new', 'open'], points: 5 },
    { kind: 'ACTIVITY', object: 'viewing', via: 'contact', points: 25, max: 50 },
    { kind: 'EMAILS_ANSWERED', points: 5, withinDays: 30 },
    { kind: 'RECENCY', points: 20, halfLifeDays: 14 },
  ],
  conversion: null,
};

describe('the rating-model form', () => {
  it('shows a saved model as inputs and sends back the same model', () => {
    const draft = draftOf(saved);
    expect(draft.rules[2]).toMatchObject({
      kind: 'ACTIVITY',
      activity: 'viewing.contact',
      max: '50',
      points: '25',
    });
    expect(draft.rules[1]!.value).toBe('new, open');
    // JSON drops the absent parts, as the server stores the model.
    expect(JSON.parse(JSON.stringify(modelOf(draft, person)))).toEqual({
      scoreField: 'leadScore',
      bandField: 'leadBand',
      thresholds: { hot: 50, warm: 20 },
      rules: saved.rules,
    });
  });

  it('sends what does not parse as typed, for the server to name', () => {
    const draft = draftOf(null);
    draft.hot = 'lots';
    draft.rules.push({ ...newRule('EMAILS_ANSWERED'), points: '5', max: ' ' });
    const model = modelOf(draft, person);
    expect(model.thresholds).toEqual({ hot: 'lots', warm: 30 });
    expect(JSON.parse(JSON.stringify(model.rules))).toEqual([{ kind: 'EMAILS_ANSWERED', points: 5 }]);
  });

  it('places the server’s error paths on the inputs', () => {
    expect(errorInput(['model', 'rules', '2', 'via'])).toBe('rules.2.activity');
    expect(errorInput(['model', 'rules', '0', 'points'])).toBe('rules.0.points');
    expect(errorInput(['model', 'rules', '1'])).toBe('rules.1.kind');
    expect(errorInput(['model', 'thresholds', 'warm'])).toBe('thresholds.warm');
    expect(errorInput(['model', 'scoreField'])).toBe('scoreField');
    expect(errorInput(['objectKey'])).toBeNull();
    expect(errorInput(undefined)).toBeNull();
  });

  it('offers as activity the relations of other objects pointing at the rated one', () => {
    expect(activitySources([person, viewing], person)).toEqual([
      { value: 'viewing.contact', label: 'Viewings (by contact)' },
    ]);
  });

  it('shows a saved conversion as choices and sends it back, typed by the mark’s field', () => {
    const lead = {
      key: 'lead',
      labelPlural: 'Leads',
      fields: [field('name', 'TEXT'), field('score', 'NUMBER'), field('status', 'SELECT')],
    } as ObjectDef;
    const conversion = {
      person: { name: 'name', email: 'email' },
      deal: { name: 'name' },
      link: { person: 'convertedPerson' },
      mark: { field: 'score', value: 0 },
    };
    const draft = draftOf({ ...saved, conversion });
    expect(draft.conversion).toMatchObject({
      enabled: true,
      maps: {
        person: [
          { target: 'name', lead: 'name' },
          { target: 'email', lead: 'email' },
        ],
        company: [],
      },
      makes: { company: false, deal: true },
      link: { person: 'convertedPerson', company: '', deal: '' },
      mark: { field: 'score', value: '0' },
    });
    expect(modelOf(draft, lead).conversion).toEqual(conversion);
    // A company switched on, the mark moved to a SELECT: its value stays the option's key.
    draft.conversion.makes.company = true;
    draft.conversion.maps.company.push({ target: 'name', lead: 'name' });
    draft.conversion.link.company = 'convertedCompany';
    draft.conversion.mark = { field: 'status', value: 'converted' };
    expect(modelOf(draft, lead).conversion).toEqual({
      ...conversion,
      company: { name: 'name' },
      link: { person: 'convertedPerson', company: 'convertedCompany' },
      mark: { field: 'status', value: 'converted' },
    });
    // Switched off: no conversion is sent, and the server drops the saved one.
    draft.conversion.enabled = false;
    expect(modelOf(draft, lead)).not.toHaveProperty('conversion');
  });

  it('places the server’s conversion paths on the inputs', () => {
    expect(errorInput(['model', 'conversion', 'person', 'email'])).toBe('conversion.person.email');
    expect(errorInput(['model', 'conversion', 'deal'])).toBe('conversion.deal');
    expect(errorInput(['model', 'conversion', 'link', 'deal'])).toBe('conversion.link.deal');
    expect(errorInput(['model', 'conversion', 'mark', 'value'])).toBe('conversion.mark.value');
    expect(errorInput(['model', 'conversion', 'mark'])).toBe('conversion.mark.field');
    expect(errorInput(['model', 'conversion'])).toBe('conversion');
  });
});
