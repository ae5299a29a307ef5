import { describe, expect, it } from 'vitest';
import { conditionsFromFilter } from '../../records/filters';
import { fieldOf, objectOf } from '../../records/testing-metadata';
import type { SavedReport } from '../operations';
import {
  definitionOf,
  draftOf,
  groupableChoices,
  measurableChoices,
  newDraft,
  withGroupField,
  withKind,
} from './report-form';

const company = objectOf('company', 'companies', [fieldOf('name', 'TEXT'), fieldOf('industry', 'SELECT')]);
const deal = objectOf('deal', 'deals', [
  fieldOf('name', 'TEXT'),
  fieldOf('notes', 'LONG_TEXT'),
  fieldOf('stage', 'STAGE', { pipelines: [] }),
  fieldOf('amount', 'CURRENCY'),
  fieldOf('closeDate', 'DATE'),
  fieldOf('company', 'RELATION', {
    relation: { kind: 'MANY_TO_ONE', targetObjectKey: 'company', inverseFieldKey: null },
  }),
]);
const objects = [company, deal];

describe('the report builder form', () => {
  it('offers groupable fields, one hop into related records, and numbers to sum', () => {
    const groupable = groupableChoices(deal, objects).map((c) => c.key);
    expect(groupable).toEqual(['name', 'stage', 'closeDate', 'company', 'company.name', 'company.industry']);
    expect(measurableChoices('SUM', deal, objects).map((c) => c.key)).toEqual(['amount']);
    expect(measurableChoices('COUNT', deal, objects)).toEqual([]);
    expect(measurableChoices('DISTINCT', deal, objects).map((c) => c.label)).toContain('Company › Industry');
  });

  it('offers a rating to average, as the server takes it (a listing’s interest after viewings)', () => {
    const viewing = objectOf('viewing', 'viewings', [fieldOf('name', 'TEXT'), fieldOf('interest', 'RATING')]);
    expect(measurableChoices('AVG', viewing, [viewing]).map((c) => c.key)).toEqual(['interest']);
  });

  it('buckets a date group-by by month and keeps a measure’s field when the kind takes it', () => {
    const choices = groupableChoices(deal, objects);
    expect(withGroupField('closeDate', choices)).toEqual({ field: 'closeDate', bucket: 'MONTH' });
    expect(withGroupField('stage', choices)).toEqual({ field: 'stage', bucket: null });
    const sum = withKind({ kind: 'COUNT', field: null }, 'SUM', deal, objects);
    expect(sum).toEqual({ kind: 'SUM', field: 'amount' });
    expect(withKind(sum, 'AVG', deal, objects)).toEqual({ kind: 'AVG', field: 'amount' });
    expect(withKind(sum, 'COUNT', deal, objects)).toEqual({ kind: 'COUNT', field: null });
  });

  it('sends the definition with the filter builder’s filter and readable measure names, and reads it back', () => {
    const draft = {
      ...newDraft(deal, objects),
      conditions: [{ field: 'name', op: 'contains' as const, value: 'harbour' }],
      groupBy: [{ field: 'closeDate', bucket: 'MONTH' as const }],
      measures: [
        { kind: 'COUNT' as const, field: null },
        { kind: 'SUM' as const, field: 'amount' },
      ],
    };
    const definition = definitionOf(draft, deal, objects);
    expect(definition).toEqual({
      object: 'deal',
      filter: { name: { contains: 'harbour' } },
      groupBy: [{ field: 'closeDate', bucket: 'MONTH' }],
      measures: [
        { kind: 'COUNT', field: null, label: 'Count' },
        { kind: 'SUM', field: 'amount', label: 'Sum of Amount' },
      ],
      limit: null,
    });
    const saved = {
      id: '1',
      name: 'Deals',
      shared: true,
      object: 'deal',
      editable: true,
      owner: { id: 'u', name: 'U' },
      definition: { ...definition, timeZone: 'UTC' },
    } satisfies SavedReport;
    const back = draftOf(saved, 'LINE');
    expect(back.chart).toBe('LINE');
    expect(back.conditions).toEqual(conditionsFromFilter(definition.filter));
    expect(back.measures).toEqual(draft.measures);
  });
});
