import { describe, expect, it } from 'vitest';
import { addressList } from './operations';

describe('addressList', () => {
  it('splits on commas, semicolons and spaces and drops blanks', () => {
    expect(addressList(' a@x.test, b@y.test;c@z.test  d@w.test ,, ')).toEqual([
      'a@x.test',
      'b@y.test',
      'c@z.test',
      'd@w.test',
    ]);
    expect(addressList('   ')).toEqual([]);
  });
});
