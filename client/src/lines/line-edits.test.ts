import { ApolloError } from '@apollo/client/core';
import { describe, expect, it } from 'vitest';
import { rebased, serverError, typed, type Cells } from './line-edits';
import type { EditedLine } from './operations';

const line = (over: Partial<EditedLine> = {}): EditedLine => ({
  id: 'l1',
  position: 1,
  productId: null,
  description: 'Widget',
  quantity: '1',
  unitPrice: '10',
  discountPercent: '0',
  taxRate: '20',
  version: 1,
  packageId: null,
  packageLabel: null,
  net: '10.00',
  ...over,
});
const quoteOf = (lines: EditedLine[], version = 2) => ({
  id: 'q1',
  currency: 'EUR',
  version,
  lines,
  totals: { subtotal: '0', discount: '0', net: '0', taxes: [], tax: '0', total: '0' },
});

describe('typed', () => {
  it('fixes the base (value and version) at the first keystroke', () => {
    const first = typed(undefined, line(), 'quantity', '2');
    const second = typed(first, line({ quantity: '9', version: 5 }), 'quantity', '3');
    expect(second).toMatchObject({ draft: '3', baseValue: '1', baseVersion: 1 });
  });
});

describe('rebased', () => {
  const cells: Cells = { 'l1:quantity': typed(undefined, line(), 'quantity', '4') };

  it('moves a draft onto the new version when a colleague changed another field of the line', () => {
    const next = rebased(cells, quoteOf([line({ taxRate: '7', version: 2 })]));
    expect(next['l1:quantity']).toMatchObject({ draft: '4', baseVersion: 2 });
  });

  it('keeps the old base when the draft’s own field changed, so the save meets the CONFLICT', () => {
    const next = rebased(cells, quoteOf([line({ quantity: '3', version: 2 })]));
    expect(next['l1:quantity']).toMatchObject({ draft: '4', baseValue: '1', baseVersion: 1 });
  });

  it('drops drafts of removed lines and drafts equal to what is stored', () => {
    expect(rebased(cells, quoteOf([]))).toEqual({});
    expect(rebased(cells, quoteOf([line({ quantity: '4', version: 2 })]))).toEqual({});
  });
});

describe('serverError', () => {
  it('reads a CONFLICT’s line and current version, and the field a BAD_USER_INPUT names', () => {
    const conflict = new ApolloError({
      graphQLErrors: [
        {
          message: 'Line 3 was changed by someone else since version 1; it is now at version 2.',
          extensions: { code: 'CONFLICT', lineId: 'l3', currentVersion: 2, argumentPath: ['version'] },
        },
      ],
    });
    expect(serverError(conflict)).toMatchObject({
      code: 'CONFLICT',
      lineId: 'l3',
      currentVersion: 2,
      field: null,
    });
    const invalid = new ApolloError({
      networkError: Object.assign(new Error('400'), {
        result: {
          errors: [
            {
              message: 'quantity: must be at least 0.',
              extensions: { code: 'BAD_USER_INPUT', argumentPath: ['input', 'quantity'] },
            },
          ],
        },
      }),
    });
    expect(serverError(invalid)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quantity' });
    expect(serverError(new Error('offline'))).toBeNull();
  });
});
