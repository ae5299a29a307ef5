import { describe, expect, it } from 'vitest';
import { numberedPlaceholders } from './query-rows.js';

describe('numberedPlaceholders', () => {
  it('numbers the ? placeholders in order', () => {
    expect(numberedPlaceholders('select * from t where a = ?::uuid and b > ? limit ?', 3)).toBe(
      'select * from t where a = $1::uuid and b > $2 limit $3',
    );
  });

  it('leaves a ? inside a string literal or a quoted identifier alone', () => {
    expect(numberedPlaceholders(`select 'why?', "odd?col", 'it''s?' from t where x = ?`, 1)).toBe(
      `select 'why?', "odd?col", 'it''s?' from t where x = $1`,
    );
  });

  it('refuses a statement whose placeholders do not match its parameters', () => {
    expect(() => numberedPlaceholders('select ? + ? as mismatch', 1)).toThrow(/2 placeholders for 1/);
  });
});
