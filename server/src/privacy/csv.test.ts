import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

describe('toCsv', () => {
  it('quotes what needs it, guards formulas, and keeps every column seen', () => {
    expect(toCsv([{ a: 'x,y', b: '=SUM(A1)' }, { a: 'say "hi"', c: { n: 1 } }, { b: -5 }])).toBe(
      'a,b,c\r\n"x,y",\'=SUM(A1),\r\n"say ""hi""",,"{""n"":1}"\r\n,-5,\r\n',
    );
  });
});
