import {
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  getIntrospectionQuery,
  parse,
  validate,
  type GraphQLFieldConfigMap,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { createOperationGuard } from './protection.js';

// The cost model on a schema shaped like the records API: a connection with `first`,
// a many-to-one relation, a to-many list, and a batch mutation.
const person: GraphQLObjectType = new GraphQLObjectType({
  name: 'Person',
  fields: (): GraphQLFieldConfigMap<unknown, unknown> => ({
    id: { type: GraphQLString },
    name: { type: GraphQLString },
    company: { type: company },
  }),
});
const company: GraphQLObjectType = new GraphQLObjectType({
  name: 'Company',
  fields: () => ({
    id: { type: GraphQLString },
    name: { type: GraphQLString },
    people: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(person))) },
  }),
});
const connection = new GraphQLObjectType({
  name: 'CompanyConnection',
  fields: {
    nodes: { type: new GraphQLList(company), extensions: { complexity: 0 } },
    totalCount: { type: GraphQLInt },
  },
});
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: 'Query',
    fields: { companies: { type: connection, args: { first: { type: GraphQLInt, defaultValue: 50 } } } },
  }),
  mutation: new GraphQLObjectType({
    name: 'Mutation',
    fields: {
      createCompanies: {
        type: new GraphQLList(company),
        args: { names: { type: new GraphQLList(GraphQLString) } },
      },
    },
  }),
});

const guard = createOperationGuard({ maxCost: 50_000, maxIntrospection: 1, maxInputDepth: 28 });
const costOf = (query: string, variables: Record<string, unknown> = {}) => {
  const refusal = createOperationGuard({ maxCost: 1, maxIntrospection: 1, maxInputDepth: 28 })({
    schema,
    document: parse(query),
    variables,
  });
  return refusal?.extensions.cost;
};

describe('operation cost', () => {
  it('charges a page by its size, from a literal or a variable alike; values are free', () => {
    expect(costOf('{ companies(first: 500) { totalCount nodes { id name } } }')).toBe(500);
    expect(costOf('query ($n: Int) { companies(first: $n) { nodes { id name } } }', { n: 500 })).toBe(500);
    expect(costOf('{ companies { nodes { id } } }')).toBe(50);
  });

  it('multiplies lists inside lists, and charges a batch by its input', () => {
    // 500 × (1 + people: 10 × (1 + company: 1 × (1 + people: 10 × 1)))
    const nested = '{ companies(first: 500) { nodes { people { company { people { id } } } } } }';
    expect(costOf(nested)).toBe(500 * (1 + 10 * (1 + 1 * (1 + 10))));
    expect(guard({ schema, document: parse(nested) })?.extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(costOf('mutation { createCompanies(names: ["a", "b", "c"]) { id } }')).toBe(3);
  });

  it('costs a document asked again with other variables by those variables', () => {
    // One parsed document, as Apollo keeps it: costs within the limit are remembered per variables.
    const check = createOperationGuard({ maxCost: 400, maxIntrospection: 1, maxInputDepth: 28 });
    const page = parse(
      'query ($n: Int, $skip: Boolean!) { companies(first: $n) { nodes { people @skip(if: $skip) { id } } } }',
    );
    const batch = parse('mutation ($names: [String]) { createCompanies(names: $names) { id } }');
    const ask = (document: typeof page, variables: Record<string, unknown>) =>
      check({ schema, document, variables })?.extensions.cost ?? null;
    // n × (1 + people: 10 × 1) unless people is skipped.
    expect(ask(page, { n: 30, skip: false })).toBeNull();
    expect(ask(page, { n: 40, skip: true })).toBeNull();
    expect(ask(page, { n: 40, skip: false })).toBe(440);
    expect(ask(page, { n: 30, skip: false })).toBeNull();
    expect(ask(page, { skip: false })).toBe(550); // the default page: 50
    expect(ask(page, { n: 500, skip: true })).toBe(500);
    expect(ask(batch, { names: ['a'] })).toBeNull();
    expect(ask(batch, { names: Array.from({ length: 401 }, () => 'x') })).toBe(401);
  });

  it('allows one introspection field per operation, through fragments too', () => {
    expect(guard({ schema, document: parse('{ __schema { types { name } } }') })).toBeNull();
    // The query GraphiQL and code generators send passes; introspection's cycles do not.
    expect(guard({ schema, document: parse(getIntrospectionQuery()) })).toBeNull();
    expect(costOf(getIntrospectionQuery())).toBeLessThan(30_000);
    const cycle =
      '{ __schema { types { fields { type { fields { type { fields { type { name } } } } } } } } }';
    // graphql-js's own MaxIntrospectionDepthRule (in specifiedRules, run before the guard) refuses those.
    expect(validate(schema, parse(cycle)).map((e) => e.message)).toEqual([
      expect.stringMatching(/introspection/i),
    ]);
    const twice = parse(
      '{ ...F } fragment F on Query { a: __schema { types { name } } b: __type(name: "X") { name } }',
    );
    expect(guard({ schema, document: twice })?.extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('refuses a variable nested past the input depth, naming the argument it feeds', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 5_000; i++) deep = [deep];
    const refusal = guard({
      schema,
      document: parse('mutation ($names: [String]) { createCompanies(names: $names) { id } }'),
      variables: { names: deep },
    });
    expect(refusal?.extensions.code).toBe('BAD_USER_INPUT');
    expect((refusal?.extensions.argumentPath as string[])[0]).toBe('names');
  });
});
