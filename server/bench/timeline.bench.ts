// A record's timeline at scale (issue 14, item 5): one deal with 2,000 field changes, 200 stage
// moves, 300 linked tasks and 300 linked notes, among 5,000 tasks of other deals, read through
// the `timeline` query of a real server in this process: the first page, a page 40 pages deep
// (its cursor taken by paging there), and the first page of one kind.
//
//   pnpm --filter @crm/server run bench:timeline
//   BENCH_CHANGES=500 pnpm … bench:timeline          a quick run
// BENCH_ITERATIONS (default 300), BENCH_WARMUP, BENCH_CASE_SECONDS as in lib.ts.
import '../src/platform/node-env.js';
import {
  type Api,
  formatMs,
  graphql,
  markdownTable,
  measureOptionsFromEnv,
  measureRounds,
  signUp,
  type Summary,
  withBenchServer,
} from './lib.js';

const changes = Number(process.env.BENCH_CHANGES ?? 2_000);
const moves = Math.round(changes / 10);
const linked = Math.round(changes / 6.67);
const others = 5_000;
const batch = 500;

const timelineQuery = `query ($id: ID!, $after: String, $kinds: [String!]) {
  timeline(object: "deal", recordId: $id, first: 20, after: $after, kinds: $kinds) {
    nodes { id kind at data } hasNextPage endCursor
  }
}`;

const tasksQuery = `query ($id: ID!) {
  tasks(filter: { or: [{ deal: { eq: $id } }] }, sort: [{ field: createdAt, direction: DESC }], first: 21) {
    nodes { id name type status dueAt }
  }
}`;

const historyQuery = `query ($id: ID!) {
  recordHistory(object: "deal", id: $id, first: 20) { changeId kind at values previous }
}`;

interface Page {
  timeline: { nodes: unknown[]; hasNextPage: boolean; endCursor: string | null };
}

async function createMany(api: Api, object: string, inputs: Record<string, unknown>[]) {
  for (let from = 0; from < inputs.length; from += batch)
    await graphql(
      api,
      `mutation ($inputs: [${object}CreateInput!]!) { create${object}s(inputs: $inputs) { id } }`,
      {
        inputs: inputs.slice(from, from + batch),
      },
    );
}

async function seed(api: Api): Promise<string> {
  const { data } = await graphql<{ createDeal: { id: string } }>(
    api,
    `
      mutation {
        createDeal(input: { name: "Busy deal" }) {
          id
        }
      }
    `,
  );
  const id = data.createDeal.id;
  const stages = ['qualified', 'proposal', 'negotiation', 'lead'];
  const update = `mutation ($id: ID!, $input: DealUpdateInput!) { updateDeal(id: $id, input: $input) { id } }`;
  for (let i = 0; i < changes; i++) {
    const input = i % 10 === 0 ? { stage: stages[(i / 10) % stages.length] } : { probability: i % 100 };
    await graphql(api, update, { id, input });
  }
  const { data: other } = await graphql<{ createDeal: { id: string } }>(
    api,
    `
      mutation {
        createDeal(input: { name: "Other deal" }) {
          id
        }
      }
    `,
  );
  await createMany(
    api,
    'Task',
    Array.from({ length: others }, (_, i) => ({ name: `Other ${i}`, deal: other.createDeal.id })),
  );
  await createMany(
    api,
    'Task',
    Array.from({ length: linked }, (_, i) => ({ name: `Task ${i}`, deal: id })),
  );
  await createMany(
    api,
    'Note',
    Array.from({ length: linked }, (_, i) => ({ name: `Note ${i}`, deal: id })),
  );
  return id;
}

async function run(url: string, version: string): Promise<void> {
  const api = await signUp(url);
  const id = await seed(api);
  let after: string | null = null;
  let total = 0;
  const cursors: string[] = [];
  for (;;) {
    const { data }: { data: Page } = await graphql<Page>(api, timelineQuery, { id, after });
    total += data.timeline.nodes.length;
    if (!data.timeline.hasNextPage) break;
    after = data.timeline.endCursor;
    cursors.push(after!);
  }
  // Three quarters of the way down: the older pages hold mostly field changes.
  const deep = cursors[Math.floor(cursors.length * 0.75)]!;
  const { summaries } = await measureRounds(
    [
      () => graphql(api, timelineQuery, { id }),
      () => graphql(api, timelineQuery, { id, after: deep }),
      () => graphql(api, timelineQuery, { id, kinds: ['TASK'] }),
      () =>
        graphql(
          api,
          `
            query ($id: ID!) {
              deal(id: $id) {
                id
                name
                stage
              }
            }
          `,
          { id },
        ),
      () => graphql(api, tasksQuery, { id }),
      () => graphql(api, historyQuery, { id }),
    ],
    measureOptionsFromEnv(),
  );
  const row = (name: string, s: Summary) => [
    name,
    String(s.samples),
    formatMs(s.p50),
    formatMs(s.p95),
    formatMs(s.p99),
  ];
  console.log(
    `\nTimeline: one deal with ${changes} changes (${moves} stage moves), ${linked} tasks and ${linked} notes; ${others} tasks of another deal`,
  );
  console.log(`PostgreSQL ${version}; Node ${process.version}; ${total} items in all, paged 20 at a time\n`);
  console.log(
    markdownTable(
      ['timeline page over HTTP (20 items)', 'runs', 'p50 ms', 'p95 ms', 'p99 ms'],
      [
        row('first page, every kind', summaries[0]!),
        row(
          `page ${Math.floor(cursors.length * 0.75) + 2} of ${cursors.length + 1}, every kind`,
          summaries[1]!,
        ),
        row('first page, TASK only', summaries[2]!),
        row('for scale: the deal itself (`deal(id)`)', summaries[3]!),
        row('for scale: its tasks (`tasks(filter: deal)`, 21)', summaries[4]!),
        row('for scale: the history it replaces (`recordHistory`, 20)', summaries[5]!),
      ],
    ),
  );
}

await withBenchServer('crm_bench_timeline', (server, database) => run(server.url, database.version));
