import { afterEach, describe, expect, it } from 'vitest';
import { switchLanguage } from '../i18n';
import { formatTotal, totalsCurrency } from './card-fields';

const card = (id: string, amount: unknown) => ({ id, version: 1, amount });

describe('column totals', () => {
  afterEach(() => switchLanguage('en'));

  it('are in the currency every card is in, else a plain number', () => {
    const eur = [card('a', { amount: 1000, currency: 'EUR' }), card('b', null)];
    expect(totalsCurrency(eur, 'amount')).toBe('EUR');
    expect(totalsCurrency([...eur, card('c', { amount: 5, currency: 'USD' })], 'amount')).toBeNull();
    expect(totalsCurrency(eur, null)).toBeNull();
    expect(formatTotal(12500, 'EUR')).toBe('€12,500');
    expect(formatTotal(12500, null)).toBe('12,500');
    expect(formatTotal(null, 'EUR')).toBe('');
  });

  it('follow the language', async () => {
    await switchLanguage('de');
    expect(formatTotal(12500, 'EUR').replace(/\s/g, ' ')).toBe('12.500 €');
  });
});
