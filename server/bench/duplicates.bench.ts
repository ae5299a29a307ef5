// Duplicates at scale (issue 17, item 4): N people (default 5,000), 5 % of them a second
// spelling of another's e-mail and name, read through a real server in this process: the
// create form's `likelyDuplicates` by e-mail (EXACT, normalised) and by name (FUZZY, pg_trgm,
// which reads every name: no trigram index), and the duplicates view's `duplicateGroups`.
//
//   pnpm --filter @crm/server run bench:duplicates
//   BENCH_PEOPLE=1000 pnpm … bench:duplicates          a quick run
// BENCH_ITERATIONS (default 300), BENCH_WARMUP, BENCH_CASE_SECONDS as in lib.ts.
import '../src/platform/node-env.js';
import {
  type Api,
  formatMs,
  graphql,
  loadAverage,
  markdownTable,
  measureOptionsFromEnv,
  measureRounds,
  signUp,
  type Summary,
  withBenchServer,
} from './lib.js';

const people = Number(process.env.BENCH_PEOPLE ?? 5_000);
const batch = 500;
const first = ['Ann', 'Bob', 'Cleo', 'Dan', 'Eve', 'Finn', 'Gus', 'Hana', 'Ivo', 'Jo'];
const last = ['Lee', 'Stone', 'Marsh', 'Quill', 'Vance', 'Okafor', 'Novak', 'Berg', 'Ruiz', 'Sato'];

function personInput(i: number) {
  const name = `${first[i % 10]} ${last[Math.floor(i / 10) % 10]} ${i}`;
  return { name, email: `person${i}@example.com`, phone: `+1 555 ${String(i).padStart(7, '0')}` };
}

async function seed(api: Api): Promise<void> {
  const inputs = Array.from({ length: people }, (_, i) => personInput(i));
  // Every 20th person again, spelt differently: a duplicate group each.
  for (let i = 0; i < people; i += 20) {
    const p = personInput(i);
    inputs.push({ name: p.name.replace(/ (\d+)$/, 'e $1'), email: ` ${p.email.toUpperCase()}`, phone: '' });
  }
  for (let from = 0; from < inputs.length; from += batch)
    await graphql(
      api,
      `
        mutation ($inputs: [PersonCreateInput!]!) {
          createPeople(inputs: $inputs) {
            id
          }
        }
      `,
      {
        inputs: inputs.slice(from, from + batch),
      },
    );
}

const likely = `query ($values: JSON!) { likelyDuplicates(objectKey: "person", values: $values) { id fields score } }`;
const groups = `query { duplicateGroups(objectKey: "person", first: 50) { fields records { id } } }`;

async function run(url: string, version: string): Promise<void> {
  const api = await signUp(url);
  await seed(api);
  const { summaries } = await measureRounds(
    [
      (i) => graphql(api, likely, { values: { email: personInput((i * 7) % people).email } }),
      (i) => graphql(api, likely, { values: { name: personInput((i * 7) % people).name } }),
      () => graphql(api, groups),
      () =>
        graphql(
          api,
          `
            query {
              people(first: 20) {
                nodes {
                  id
                  name
                  email
                }
              }
            }
          `,
        ),
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
  console.log(`\nDuplicates: ${people} people, ${Math.ceil(people / 20)} of them twice (another spelling)`);
  console.log(`PostgreSQL ${version}; Node ${process.version}; load average ${loadAverage()}\n`);
  console.log(
    markdownTable(
      ['over HTTP', 'runs', 'p50 ms', 'p95 ms', 'p99 ms'],
      [
        row('likelyDuplicates by e-mail (EXACT + the name rule)', summaries[0]!),
        row('likelyDuplicates by name (FUZZY, pg_trgm)', summaries[1]!),
        row('duplicateGroups, 50 groups', summaries[2]!),
        row('for scale: a page of 20 people', summaries[3]!),
      ],
    ),
  );
}

await withBenchServer('crm_bench_duplicates', (server, database) => run(server.url, database.version));
