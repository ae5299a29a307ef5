import { GraphQLScalarType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { date } from './date.js';

const scalar = date.graphql!({} as never).output as GraphQLScalarType;

describe('the Date scalar', () => {
  it('answers a date again as it did the first time, valid or not', () => {
    for (let round = 0; round < 2; round++) {
      expect(scalar.serialize('2026-02-28')).toBe('2026-02-28');
      expect(scalar.parseValue('2024-02-29')).toBe('2024-02-29');
      expect(() => scalar.serialize('2026-02-30')).toThrow('Value is not a valid LocalDate: 2026-02-30');
      expect(() => scalar.parseValue('2026-2-3')).toThrow('Value is not a valid LocalDate: 2026-2-3');
      expect(() => scalar.serialize(20260228)).toThrow('Value is not string: 20260228');
    }
  });
});
