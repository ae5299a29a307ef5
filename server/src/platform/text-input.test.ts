import { parse, specifiedRules, validate, buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { serializeError } from './logger.js';
import { findInvalidVariable, invalidTextRule } from './text-input.js';

describe('findInvalidVariable', () => {
  it('names the path of a NUL, a lone surrogate or a bad key, however deep', () => {
    expect(findInvalidVariable({ input: { email: 'a\u0000b' } })?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentPath: ['input', 'email'],
      field: 'email',
    });
    expect(findInvalidVariable({ ids: ['ok', '\uD800x'] })?.extensions.argumentPath).toEqual(['ids', '1']);
    expect(findInvalidVariable({ f: { ['k\u0000']: 1 } })?.extensions.argumentPath).toEqual(['f', 'k\\0']);
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 20_000; i++) deep = { not: deep };
    expect(findInvalidVariable({ filter: deep })).toBeInstanceOf(AppError);
  });

  it('accepts ordinary text, emoji (surrogate pairs) and non-strings', () => {
    expect(findInvalidVariable({ a: 'héllo 😀', b: [1, true, null, { c: 'd' }] })).toBeUndefined();
    expect(findInvalidVariable(undefined)).toBeUndefined();
  });
});

describe('invalidTextRule', () => {
  const schema = buildSchema(`input I { email: String } type Query { f(input: I, s: String): String }`);
  it('refuses a literal \\u0000 escape, naming the argument path', () => {
    const errors = validate(schema, parse('{ f(input: { email: "a\\u0000" }) }'), [
      ...specifiedRules,
      invalidTextRule,
    ]);
    expect(errors.map((e) => e.extensions)).toEqual([
      expect.objectContaining({ code: 'BAD_USER_INPUT', argumentPath: ['input', 'email'] }),
    ]);
  });
});

describe('serializeError', () => {
  it('logs a database error without the statement or the values knex and MikroORM put in it', () => {
    const error = Object.assign(
      new Error(`insert into "t" ("email") values ('secret@x.test') - duplicate key value`),
      { code: '23505', severity: 'ERROR', detail: 'Key (email)=(secret@x.test) already exists.' },
    );
    const logged = JSON.stringify(serializeError(error));
    expect(logged).not.toContain('secret');
    expect(logged).toContain('duplicate key value');
    expect(logged).toContain('23505');
  });
});
