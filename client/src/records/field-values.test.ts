import { afterEach, describe, expect, it } from 'vitest';
import { switchLanguage } from '../i18n';
import { recordsCsv } from './export-csv';
import { formatValue, isWritable } from './field-values';
import { groupRows } from './table/grouping';
import { fieldOf } from './testing-metadata';

const status = fieldOf('status', 'SELECT', {
  choices: [
    { key: 'open', label: 'Open', color: '#16a34a', position: 1 },
    { key: 'won', label: 'Won', color: '#2563eb', position: 2 },
  ],
});

describe('field values', () => {
  it('formats each type as text', () => {
    expect(formatValue(fieldOf('n', 'NUMBER'), 1234.5)).toBe('1,234.5');
    expect(formatValue(fieldOf('year', 'NUMBER', { grouping: false }), 2018)).toBe('2018');
    expect(formatValue(fieldOf('code', 'NUMBER', { grouping: false }), 1234.5)).toBe('1234.5');
    expect(formatValue(fieldOf('p', 'PERCENT'), 25)).toBe('25 %');
    expect(formatValue(fieldOf('c', 'CURRENCY'), { amount: 99.5, currency: 'EUR' })).toBe('€99.50');
    expect(formatValue(fieldOf('b', 'BOOLEAN'), false)).toBe('No');
    expect(formatValue(fieldOf('d', 'DATE'), '2026-12-04')).toBe('4 Dec 2026');
    expect(formatValue(status, 'won')).toBe('Won');
    expect(formatValue(fieldOf('m', 'MULTI_SELECT', status.settings), ['open', 'won'])).toBe('Open, Won');
    expect(formatValue(fieldOf('r', 'RATING'), 3)).toBe('★★★');
    expect(formatValue(fieldOf('u', 'USER'), { id: 'u1', name: 'Ann' })).toBe('Ann');
    expect(
      formatValue(fieldOf('x', 'RELATION'), [
        { id: '1', name: 'A' },
        { id: '2', title: 'B' },
      ]),
    ).toBe('A, B');
    expect(formatValue(fieldOf('t', 'TEXT'), null)).toBe('');
  });

  describe('in German', () => {
    afterEach(() => switchLanguage('en'));

    it('writes amounts, numbers, dates and yes/no as German does', async () => {
      await switchLanguage('de');
      expect(formatValue(fieldOf('c', 'CURRENCY'), { amount: 1250.5, currency: 'EUR' })).toBe(
        '1.250,50\u00a0€',
      );
      expect(formatValue(fieldOf('n', 'NUMBER'), 1234.5)).toBe('1.234,5');
      expect(formatValue(fieldOf('year', 'NUMBER', { grouping: false }), 2018)).toBe('2018');
      expect(formatValue(fieldOf('d', 'DATE'), '2026-12-04')).toBe('04.12.2026');
      expect(formatValue(fieldOf('b', 'BOOLEAN'), true)).toBe('Ja');
      expect(formatValue(status, null)).toBe('');
      expect(groupRows(status, [{ id: '1', version: 1, status: null }])[0]!.label).toBe('Ohne Status');
    });
  });

  it('knows the one-to-many side is written from the other record', () => {
    const inverse = fieldOf('people', 'RELATION', {
      relation: { kind: 'ONE_TO_MANY', targetObjectKey: 'person', inverseFieldKey: 'company' },
    });
    expect(isWritable(inverse)).toBe(false);
    expect(isWritable({ ...fieldOf('name', 'TEXT'), readOnly: true })).toBe(false);
  });
});

describe('CSV export and grouping', () => {
  it('writes a year as it is, whatever its grouping', () => {
    const year = fieldOf('year', 'NUMBER', { grouping: false });
    expect(recordsCsv([year], [{ id: '1', version: 1, year: 2018 }])).toBe('Year\r\n2018\r\n');
  });

  it('writes visible columns with machine-readable numbers', () => {
    const columns = [fieldOf('name', 'TEXT'), fieldOf('employees', 'NUMBER'), status];
    const csv = recordsCsv(columns, [
      { id: '1', version: 1, name: 'Acme, Inc.', employees: 1200, status: 'won' },
    ]);
    expect(csv).toBe('Name,Employees,Status\r\n"Acme, Inc.",1200,Won\r\n');
  });

  it('groups loaded rows by option order, empty values last', () => {
    const rows = [
      { id: '1', version: 1, status: 'won' },
      { id: '2', version: 1, status: null },
      { id: '3', version: 1, status: 'open' },
    ];
    expect(groupRows(status, rows).map((g) => [g.label, g.rows.map((r) => r.id)])).toEqual([
      ['Open', ['3']],
      ['Won', ['1']],
      ['No status', ['2']],
    ]);
  });
});
