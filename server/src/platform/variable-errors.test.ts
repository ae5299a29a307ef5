import { buildSchema, graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { invalidVariablePath } from './variable-errors.js';

const schema = buildSchema(`
  input Money { amount: Float!, currency: String }
  input ThingInput { name: String!, rooms: Float, price: Money, tags: [String!] }
  input Patch { id: ID!, input: ThingInput! }
  type Query { ok: Boolean }
  type Mutation {
    create(input: ThingInput!): Boolean
    createMany(inputs: [ThingInput!]!): Boolean
    update(updates: [Patch!]!): Boolean
  }
`);

/** The path recovered from the error graphql-js gives for `variables`. */
async function pathFor(source: string, variables: Record<string, unknown>) {
  const result = await graphql({ schema, source, variableValues: variables });
  expect(result.errors).toHaveLength(1);
  return invalidVariablePath(result.errors![0]);
}

describe('invalidVariablePath', () => {
  it('names the field of a value of the wrong type', async () => {
    expect(
      await pathFor('mutation ($input: ThingInput!) { create(input: $input) }', {
        input: { name: 'x', rooms: 'three' },
      }),
    ).toEqual(['input', 'rooms']);
  });

  it('names a missing required field and an unknown one', async () => {
    const create = 'mutation ($input: ThingInput!) { create(input: $input) }';
    expect(await pathFor(create, { input: { rooms: 1 } })).toEqual(['input', 'name']);
    expect(await pathFor(create, { input: { name: 'x', price: { currency: 'EUR' } } })).toEqual([
      'input',
      'price',
      'amount',
    ]);
    expect(await pathFor(create, { input: { name: 'x', colour: 'red' } })).toEqual(['input', 'colour']);
  });

  it('maps the variable to the argument it feeds, however it is named or nested', async () => {
    expect(
      await pathFor('mutation ($things: [ThingInput!]!) { createMany(inputs: $things) }', {
        things: [{ name: 'a' }, { name: 'b', tags: ['x', 2] }],
      }),
    ).toEqual(['inputs', '1', 'tags', '1']);
    expect(
      await pathFor('mutation ($i: ThingInput!) { update(updates: [{id: "1", input: $i}]) }', {
        i: { name: 'x', rooms: true },
      }),
    ).toEqual(['updates', '0', 'input', 'rooms']);
  });

  it('is not fooled by a value that quotes a path', async () => {
    expect(
      await pathFor('mutation ($input: ThingInput!) { create(input: $input) }', {
        input: { name: 'x', rooms: 'x" at "input.name"; Field "name"' },
      }),
    ).toEqual(['input', 'rooms']);
  });

  it('leaves other errors alone', () => {
    expect(invalidVariablePath(new Error('Variable x is bad'))).toBeNull();
    expect(invalidVariablePath(null)).toBeNull();
  });
});
