import { describe, expect, it } from 'vitest';
import { fieldOf, objectOf } from '../../records/testing-metadata';
import {
  forecastByMonth,
  forecastByMonthAndStage,
  forecastByOwner,
  forecastDrill,
  forecastFields,
  forecastTotals,
  type ForecastRow,
} from './forecast-data';

const pipeline = {
  key: 'sales',
  label: 'Sales',
  stages: [
    { key: 'lead', label: 'Lead', color: '', kind: 'OPEN' as const },
    { key: 'offer', label: 'Offer', color: '', kind: 'OPEN' as const },
    { key: 'won', label: 'Won', color: '', kind: 'WON' as const },
  ],
};
const deal = objectOf('deal', 'deals', [
  fieldOf('name', 'TEXT'),
  fieldOf('stage', 'STAGE', { pipelines: [pipeline] }),
  fieldOf('amount', 'CURRENCY', { defaultCurrency: 'EUR' }),
  fieldOf('closeDate', 'DATE'),
]);
const rows: ForecastRow[] = [
  { stage: 'offer', month: '2026-12', ownerId: 'ann', count: 1, amount: 1000, weighted: 500 },
  { stage: 'lead', month: '2026-12', ownerId: 'bob', count: 2, amount: 3000, weighted: 300 },
  { stage: 'lead', month: null, ownerId: null, count: 1, amount: 200, weighted: 20 },
  { stage: 'lead', month: '2026-11', ownerId: 'ann', count: 1, amount: 100, weighted: 10 },
];
const noDrill = () => null;

describe('forecast screens', () => {
  it('picks the fields the server picks by default', () => {
    const fields = forecastFields(deal, null)!;
    expect([fields.stage.key, fields.pipeline.key, fields.amount.key, fields.closeDate.key]).toEqual([
      'stage',
      'sales',
      'amount',
      'closeDate',
    ]);
    expect(
      forecastFields(objectOf('task', 'tasks', [fieldOf('stage', 'STAGE', { pipelines: [pipeline] })]), null),
    ).toBeNull();
  });

  it('sums unweighted and weighted per month, oldest first and undated last', () => {
    const data = forecastByMonth(rows, 'EUR', noDrill);
    expect(data.rows.map((r) => [r.keys[0], ...r.values])).toEqual([
      ['2026-11', 100, 10],
      ['2026-12', 4000, 800],
      [null, 200, 20],
    ]);
    expect(data.rows[2]!.labels).toEqual(['No close date']);
    expect(data.measures.every((m) => m.currency === 'EUR')).toBe(true);
  });

  it('ranks owners by weighted amount', () => {
    const data = forecastByOwner(rows, 'EUR', (id) => id.toUpperCase(), noDrill);
    expect(data.rows.map((r) => [r.labels[0], r.values[1]])).toEqual([
      ['ANN', 510],
      ['BOB', 300],
      ['No owner', 20],
    ]);
  });

  it('stacks weighted amounts by stage in pipeline order', () => {
    const data = forecastByMonthAndStage(rows, pipeline, 'EUR', noDrill);
    expect(data.rows.map((r) => r.labels)).toEqual([
      ['Nov 2026', 'Lead'],
      ['Dec 2026', 'Lead'],
      ['Dec 2026', 'Offer'],
      ['No close date', 'Lead'],
    ]);
    expect(forecastTotals(rows)).toEqual({ count: 5, amount: 4300, weighted: 830 });
  });

  it('drills into a month as a date range over the counted stages', () => {
    const fields = forecastFields(deal, null)!;
    expect(forecastDrill(fields, ['lead', 'offer'], { month: '2026-12' })).toEqual({
      and: [
        { stage: { in: ['lead', 'offer'] } },
        { closeDate: { gte: '2026-12-01' } },
        { closeDate: { lt: '2027-01-01' } },
      ],
    });
    expect(forecastDrill(fields, ['lead'], { ownerId: null })).toEqual({
      and: [{ stage: { in: ['lead'] } }, { owner: { isEmpty: true } }],
    });
  });
});
