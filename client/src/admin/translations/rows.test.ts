import { describe, expect, it } from 'vitest';
import { labelRows, labelsInput } from './rows';
import type { TranslatableObject } from './operations';

const deal: TranslatableObject = {
  key: 'deal',
  labelPlural: 'Deals',
  labels: { default: { labelSingular: 'Deal', labelPlural: 'Deals' }, de: { labelPlural: 'Chancen' } },
  fields: [
    { key: 'createdAt', system: true, labels: { default: { label: 'Created' } } },
    {
      key: 'stage',
      system: false,
      labels: {
        default: { label: 'Stage', stages: { won: 'Won' }, pipelines: { sales: 'Sales' } },
        de: { stages: { won: 'Gewonnen' } },
      },
    },
  ],
};

describe('translation rows', () => {
  it('lists the object, each field with its stages and pipelines, and the views, with the language’s values', () => {
    const rows = labelRows(
      deal,
      [{ id: 'v1', name: 'Open', shared: true, labels: { default: { name: 'Open' } } }],
      'de',
    );
    expect(rows.map((r) => [r.id, r.source, r.value])).toEqual([
      ['labelSingular', 'Deal', ''],
      ['labelPlural', 'Deals', 'Chancen'],
      ['fields.stage.label', 'Stage', ''],
      ['fields.stage.pipelines.sales', 'Sales', ''],
      ['fields.stage.stages.won', 'Won', 'Gewonnen'],
      ['view.v1', 'Open', ''],
    ]);
  });

  it('gives setLabelTranslations every field, so an emptied translation is removed', () => {
    const rows = labelRows(deal, [], 'de').map((r) =>
      r.id === 'fields.stage.stages.won' ? { ...r, value: ' ' } : r,
    );
    expect(labelsInput(deal, rows)).toEqual({
      labelSingular: '',
      labelPlural: 'Chancen',
      fields: { stage: { label: '', pipelines: { sales: '' }, stages: { won: '' } } },
    });
  });
});
