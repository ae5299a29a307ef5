import { describe, expect, it } from 'vitest';
import { AppError, BadInput } from '../../platform/index.js';
import { fieldOf, testMetadata } from '../query/test-fixture.testing.js';
import { toWriteError, type WrittenRecord } from './db-errors.js';

const { deal } = testMetadata();
const email = fieldOf(deal, 'email');
const seller = fieldOf(deal, 'seller');
const name = fieldOf(deal, 'name');

const records: WrittenRecord[] = [
  { path: ['inputs', '0'], values: new Map([[email, ['a@x.test']]]) },
  { path: ['inputs', '1'], values: new Map([[email, ['b@x.test']]]) },
  {
    path: ['inputs', '2'],
    values: new Map([
      [email, ['a@x.test']],
      [seller, ['5b0b6b7e-0000-4000-8000-000000000001']],
    ]),
  },
];

function mapped(error: object, options?: { restoring?: boolean }): AppError {
  const result = toWriteError(error, deal, records, options);
  if (!(result instanceof AppError)) throw new TypeError('expected an AppError');
  return result;
}

describe('toWriteError', () => {
  it('turns text PostgreSQL cannot store (22021, 22P05) into bad input, never an internal error', () => {
    for (const code of ['22021', '22P05']) {
      const error = mapped({ code, message: 'invalid byte sequence for encoding "UTF8": 0x00' });
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentPath: ['inputs', '0'] });
    }
  });

  it('names the field and the later duplicate of a unique violation', () => {
    const error = mapped({
      code: '23505',
      constraint: `${email.column}_uniq`,
      detail: `Key (${email.column})=(a@x.test) already exists.`,
    });
    expect(error.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentPath: ['inputs', '2', 'email'],
    });
    expect(error.message).toContain('already used by another record');
  });

  it('makes a unique violation on restore a conflict', () => {
    const error = mapped(
      { code: '23505', detail: `Key (${email.column})=(a@x.test) already exists.` },
      { restoring: true },
    );
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', field: 'email' });
  });

  it('says "no such record" for a foreign key violation, at the record holding the id', () => {
    const error = mapped({
      code: '23503',
      constraint: 'o_x_f_y_fkey',
      detail: `Key (${seller.column})=(5b0b6b7e-0000-4000-8000-000000000001) is not present in table "o_z".`,
    });
    expect(error.extensions.argumentPath).toEqual(['inputs', '2', 'seller']);
    expect(error.message).toMatch(/no such record/);
  });

  it('names a required field from its check constraint', () => {
    const error = mapped({ code: '23514', constraint: `${name.column}_required` });
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
  });

  it('leaves other errors alone', () => {
    const other = { code: '40001' };
    expect(toWriteError(other, deal, records)).toBe(other);
    const input = new BadInput(['x'], 'x');
    expect(toWriteError(input, deal, records)).toBe(input);
    const unknownColumn = { code: '23505', detail: 'Key (nope)=(1) already exists.' };
    expect(toWriteError(unknownColumn, deal, records)).toBe(unknownColumn);
  });
});
