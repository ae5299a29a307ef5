import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { switchLanguage } from '../../i18n';
import { buildFilter, conditionsFromFilter, type Condition, type Match } from '../filters';
import { fieldOf, objectOf } from '../testing-metadata';
import ConditionRows from './ConditionRows.vue';

const deal = objectOf('deal', 'deals', [
  fieldOf('name', 'TEXT'),
  fieldOf('amount', 'CURRENCY', { defaultCurrency: 'EUR' }),
  fieldOf('closeDate', 'DATE'),
]);

function mountRows(initial: Condition[]) {
  const conditions = ref<Condition[]>(initial);
  const match = ref<Match>('all');
  const Host = defineComponent({
    setup: () => () =>
      h(ConditionRows, {
        object: deal,
        conditions: conditions.value,
        'onUpdate:conditions': (next: Condition[]) => (conditions.value = next),
        match: match.value,
        'onUpdate:match': (next: Match) => (match.value = next),
      }),
  });
  return { wrapper: mount(Host), conditions };
}

describe('ConditionRows', () => {
  it('offers “in currency” for a CURRENCY field, with ISO codes, the field’s default first', async () => {
    const { wrapper, conditions } = mountRows([{ field: 'amount', op: 'gte', value: '' }]);
    const ops = wrapper.get('[data-testid="filter-op"]').findAll('option');
    expect(ops.map((o) => o.text())).toContain('in currency');
    expect(wrapper.find('[data-testid="filter-currency"]').exists()).toBe(false);

    await wrapper.get('[data-testid="filter-op"]').setValue('currency');
    expect(conditions.value).toEqual([{ field: 'amount', op: 'currency', value: '' }]);
    const select = wrapper.get('[data-testid="filter-currency"]');
    const codes = select.findAll('option').map((o) => o.text());
    expect(codes.slice(0, 2)).toEqual(['Choose…', 'EUR']);
    expect(codes).toContain('GBP');
    expect(wrapper.find('[data-testid="filter-value"]').exists()).toBe(false);

    await select.setValue('GBP');
    expect(conditions.value).toEqual([{ field: 'amount', op: 'currency', value: 'GBP' }]);
    const filter = buildFilter(deal, conditions.value, [deal]);
    expect(filter).toEqual({ amount: { currency: 'GBP' } });
    // A saved view's filter reads back as the same row.
    expect(conditionsFromFilter(filter)).toEqual(conditions.value);
  });

  it('does not offer it for a number field', () => {
    const plain = objectOf('x', 'xs', [fieldOf('size', 'NUMBER')]);
    const wrapper = mount(ConditionRows, {
      props: { object: plain, conditions: [{ field: 'size', op: 'eq', value: '' }], match: 'all' },
    });
    expect(
      wrapper
        .get('[data-testid="filter-op"]')
        .findAll('option')
        .map((o) => o.text()),
    ).not.toContain('in currency');
  });

  describe('in German', () => {
    afterEach(() => switchLanguage('en'));

    it('words the operators and the relative periods in the reader’s language', async () => {
      await switchLanguage('de');
      const { wrapper } = mountRows([{ field: 'closeDate', op: 'within', value: 'TODAY' }]);
      const texts = (testid: string) =>
        wrapper
          .get(`[data-testid="${testid}"]`)
          .findAll('option')
          .map((o) => o.text());
      expect(texts('filter-op')).toContain('liegt im Zeitraum');
      expect(texts('filter-period')).toEqual([
        'Auswählen…',
        'heute',
        'gestern',
        'diese Woche',
        'überfällig (vor jetzt)',
        'die nächsten N Tage',
      ]);
    });
  });
});
