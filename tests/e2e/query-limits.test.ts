import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, type GraphQLResponse, type SignedUpUser } from '../support/client.js';
import { expectHealthzNotStalled, healthzMs } from '../support/health.js';
import { newServer, useServer, type TestServer } from '../support/server.js';
import { collect, eventually, newSocketClient } from '../support/ws.js';

// Issue 11, findings 2, 6 and 13a: nested filters are bounded before any work, the cost of an
// operation is computed from its variables' values, introspection is counted, and a normal
// 500-row page passes while an abusive nested one does not.

const server = useServer();
let owner: SignedUpUser;

beforeAll(async () => {
  owner = await newUser(server);
  await owner.client.data(
    `mutation ($inputs: [CompanyCreateInput!]!) { createCompanies(inputs: $inputs) { id } }`,
    { inputs: [{ name: 'x' }, { name: 'Acme' }] },
  );
});

/** `{"not": … {"name": {"eq": "x"}} …}` with `levels` nots, as the attacker sent it. */
function nestedNots(levels: number, inner: Record<string, unknown> = { name: { eq: 'x' } }) {
  let filter: Record<string, unknown> = inner;
  for (let i = 0; i < levels; i++) filter = { not: filter };
  return filter;
}

const companiesByFilter = `query ($f: CompanyFilter) { companies(filter: $f) { nodes { id name } } }`;
const boardByFilter = `query ($f: JSON) { board(object: "deal", filter: $f) { columns { count } } }`;

function firstError(answer: GraphQLResponse) {
  return answer.body.errors?.[0];
}

describe('nested filters (finding 2)', () => {
  it('refuses the 16 KB {"not": × 2,000} variable with BAD_USER_INPUT naming the argument', async () => {
    const variables = { f: nestedNots(2000) };
    expect(JSON.stringify(variables).length).toBeGreaterThan(16_000);
    const answer = await owner.client.request(companiesByFilter, variables);
    expect(answer.status).toBe(400);
    expect(answer.body.data ?? null).toBeNull();
    const error = firstError(answer)!;
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect((error.extensions?.argumentPath as string[]).slice(0, 2)).toEqual(['filter', 'not']);
  });

  it('does not stall /healthz while four of them run in parallel', async () => {
    const variables = { f: nestedNots(2000) };
    // Warm both paths first: the first request of each compiles code and opens connections.
    await Promise.all([healthzMs(server), owner.client.request(companiesByFilter, variables)]);
    const timings: number[] = [];
    for (let round = 0; round < 5; round++) {
      const abusive = Array.from({ length: 4 }, () => owner.client.request(companiesByFilter, variables));
      const health = healthzMs(server);
      const answers = await Promise.all(abusive);
      timings.push(await health);
      for (const answer of answers) expect(firstError(answer)?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    // Before the fix every round waited 3–9 s behind the four requests.
    expectHealthzNotStalled(timings);
  });

  it('answers 2,500 levels with a coded error, not INTERNAL_SERVER_ERROR', async () => {
    const answer = await owner.client.request(companiesByFilter, { f: nestedNots(2500) });
    expect(firstError(answer)?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a filter one level past FILTER_MAX_DEPTH where graphql-js would accept it', async () => {
    const answer = await owner.client.request(companiesByFilter, { f: nestedNots(10) });
    const error = firstError(answer)!;
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.argumentPath).toEqual(['filter', ...Array(10).fill('not')]);
    expect(error.message).toMatch(/at most 10 levels/);
  });

  it('refuses a deep filter written as a literal in the operation', async () => {
    let literal = '{ name: { eq: "x" } }';
    for (let i = 0; i < 600; i++) literal = `{ not: ${literal} }`;
    // Twice: the second answer comes from what the guard kept of the document, and refuses alike.
    for (let time = 0; time < 2; time++) {
      const answer = await owner.client.request(`{ companies(filter: ${literal}) { nodes { id } } }`);
      expect(firstError(answer)?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((firstError(answer)?.extensions?.argumentPath as string[])[0]).toBe('filter');
      expect(firstError(answer)?.message).toMatch(/nested deeper than \d+ levels/);
    }
  });

  it('refuses a filter with more conditions than FILTER_MAX_CONDITIONS', async () => {
    const or = Array.from({ length: 201 }, (_, i) => ({ name: { eq: `n${i}` } }));
    const answer = await owner.client.request(companiesByFilter, { f: { or } });
    const error = firstError(answer)!;
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.argumentPath).toEqual(['filter', 'or']);
    expect(error.message).toMatch(/at most 200 conditions/);
  });

  it('still answers a filter within the limits', async () => {
    // Nine nots inside the outer filter: ten levels, an odd number of negations.
    const { companies } = await owner.client.data(companiesByFilter, { f: nestedNots(9) });
    expect(companies.nodes.map((c: { name: string }) => c.name)).toEqual(['Acme']);
    const or = Array.from({ length: 150 }, (_, i) => ({ name: { eq: i === 0 ? 'Acme' : `n${i}` } }));
    const listed = await owner.client.data(companiesByFilter, { f: { or } });
    expect(listed.companies.nodes.map((c: { name: string }) => c.name)).toEqual(['Acme']);
  });

  it('refuses the board’s JSON filter of 3,000 levels before it reaches PostgreSQL', async () => {
    const answer = await owner.client.request(boardByFilter, { f: nestedNots(3000) });
    const error = firstError(answer)!;
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect((error.extensions?.argumentPath as string[])[0]).toBe('filter');
    // Within the input depth but past the filter depth: the board's own check refuses it.
    const past = await owner.client.request(boardByFilter, { f: nestedNots(10) });
    expect(firstError(past)?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(firstError(past)?.message).toMatch(/at most 10 levels/);
    const within = await owner.client.data(boardByFilter, { f: nestedNots(9) });
    expect(within.board.columns.length).toBeGreaterThan(0);
  });

  it('refuses a saved view whose filter is too deep, naming the input path', async () => {
    const answer = await owner.client.request(
      `mutation ($input: CreateViewInput!) { createView(input: $input) { id } }`,
      { input: { object: 'company', name: 'Deep', type: 'TABLE', filter: nestedNots(10) } },
    );
    const error = firstError(answer)!;
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect((error.extensions?.argumentPath as string[]).slice(0, 2)).toEqual(['input', 'filter']);
  });
});

/** A page of companies with what the client's table asks for: every field, relations by id and label. */
async function clientPage(first: string): Promise<string> {
  const { object } = await owner.client.data<{ object: { fields: { key: string; type: string }[] } }>(
    `{ object(key: "company") { fields { key type } } }`,
  );
  const selection = object.fields.map(({ key, type }) =>
    type === 'CURRENCY'
      ? `${key} { amount currency }`
      : type === 'USER' || type === 'RELATION'
        ? `${key} { id name }`
        : key,
  );
  expect(object.fields.filter((f) => f.type === 'RELATION').length).toBeGreaterThanOrEqual(3);
  return `query ${first === '$n' ? '($n: Int)' : ''} {
    companies(first: ${first}) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id version ${selection.join(' ')} }
    }
  }`;
}

/** Every company's people's company's people: lists inside lists inside a 500-row page. */
const abusivePage = (first: string) => `query ${first === '$n' ? '($n: Int)' : ''} {
  companies(first: ${first}) { nodes { id people { id company { id people { id name } } } } }
}`;

describe('query cost (findings 6 and 13a)', () => {
  it('accepts a 500-row page with the client’s selection, literal or variable', async () => {
    const literal = await owner.client.request(await clientPage('500'));
    expect(literal.body.errors).toBeUndefined();
    expect((literal.body.data as { companies: { totalCount: number } }).companies.totalCount).toBe(2);
    const variable = await owner.client.request(await clientPage('$n'), { n: 500 });
    expect(variable.body.errors).toBeUndefined();
  });

  it('refuses an abusive nested page whether `first` is a literal or a variable', async () => {
    const literal = await owner.client.request(abusivePage('500'));
    const variable = await owner.client.request(abusivePage('$n'), { n: 500 });
    for (const answer of [literal, variable]) {
      expect(answer.status).toBe(400);
      expect(firstError(answer)?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    }
    expect(firstError(variable)?.extensions?.cost).toBe(firstError(literal)?.extensions?.cost);
    // The same selection on a small page is fine.
    const small = await owner.client.request(abusivePage('$n'), { n: 5 });
    expect(small.body.errors).toBeUndefined();
  });

  it('counts introspection: twenty aliased __schema fields are refused, one is answered', async () => {
    const aliased = Array.from(
      { length: 20 },
      (_, i) => `s${i}: __schema { types { name fields { name } } }`,
    );
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...owner.client.authHeaders() },
      body: JSON.stringify({ query: `{ ${aliased.join(' ')} }` }),
    });
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(text.length).toBeLessThan(2_000);
    expect(JSON.parse(text).errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    // Fragments on the root count too: ten __type lookups and a __schema are eleven.
    const lookups = Array.from({ length: 10 }, (_, i) => `t${i}: __type(name: "Company") { name }`);
    const viaFragment = await owner.client.request(
      `{ ...many } fragment many on Query { ${lookups.join(' ')} s: __schema { queryType { name } } }`,
    );
    expect(firstError(viaFragment)?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const one = await owner.client.data(`{ __schema { queryType { name } types { name } } }`);
    expect(one.__schema.queryType.name).toBe('Query');
  });

  it('does not stall /healthz while eight of the aliased introspection requests run in parallel', async () => {
    const aliased = Array.from(
      { length: 20 },
      (_, i) => `s${i}: __schema { types { name fields { name } } }`,
    );
    const introspect = () => owner.client.request(`{ ${aliased.join(' ')} }`);
    await Promise.all([healthzMs(server), introspect()]);
    const timings: number[] = [];
    for (let round = 0; round < 5; round++) {
      const abusive = Array.from({ length: 8 }, introspect);
      const health = healthzMs(server);
      const answers = await Promise.all(abusive);
      timings.push(await health);
      for (const answer of answers) expect(firstError(answer)?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    }
    // As for the filters above: before the count, eight of them held /healthz for 4 s.
    expectHealthzNotStalled(timings);
  });

  it('applies the same limits over graphql-ws', async () => {
    const { client } = newSocketClient(server, {
      cookie: owner.client.cookie,
      workspaceId: owner.workspaceId,
    });
    try {
      const run = async (query: string, variables: Record<string, unknown> = {}) => {
        const op = collect(client, query, variables);
        await eventually(() => op.results.length > 0 || op.error() !== undefined, 10_000);
        op.stop();
        return op.results[0]?.errors?.[0] ?? (op.error() as { extensions?: Record<string, unknown> }[])?.[0];
      };
      expect((await run(abusivePage('$n'), { n: 500 }))?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      expect(
        (
          await run(
            `{ ${Array.from({ length: 11 }, (_, i) => `s${i}: __schema { queryType { name } }`).join(' ')} }`,
          )
        )?.extensions?.code,
      ).toBe('QUERY_TOO_COMPLEX');
      const deep = await run(companiesByFilter, { f: nestedNots(2500) });
      expect(deep?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((deep?.extensions?.argumentPath as string[])[0]).toBe('filter');
      expect(await run(await clientPage('$n'), { n: 500 })).toBeUndefined();
    } finally {
      await client.dispose();
    }
  });
});

describe('limits from the environment', () => {
  let strict: TestServer;
  beforeAll(async () => {
    strict = await newServer({ FILTER_MAX_DEPTH: '2', FILTER_MAX_CONDITIONS: '3', QUERY_MAX_COST: '1100' });
  });
  afterAll(() => strict.close());

  it('applies FILTER_MAX_DEPTH, FILTER_MAX_CONDITIONS and QUERY_MAX_COST as configured', async () => {
    const { client } = await newUser(strict);
    const within = await client.data(companiesByFilter, { f: nestedNots(1) });
    expect(within.companies.nodes).toEqual([]);
    for (const [query, f] of [
      [companiesByFilter, nestedNots(2)],
      [boardByFilter, nestedNots(2)],
      [companiesByFilter, { name: { eq: 'a', neq: 'b', in: ['c'], startsWith: 'd' } }],
    ] as const) {
      const answer = await client.request(query, { f });
      expect(firstError(answer)?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    // n × (1 + 10 people): 1,100 at n = 100.
    const page = (n: number) =>
      client.request(`query ($n: Int) { companies(first: $n) { nodes { id people { id } } } }`, { n });
    expect((await page(100)).body.errors).toBeUndefined();
    expect(firstError(await page(101))?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', cost: 1111 });
  });
});
