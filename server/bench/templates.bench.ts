// Template installs: each vertical template with its sample data, installed into fresh
// workspaces one after another over GraphQL (installTemplate: plan, objects and fields, views,
// pipelines, automations, reports, documents, sample records and photos, in one metadata
// transaction). Beside each install's time, the time its own statements took PostgreSQL to
// answer, counted on every `pg` client in the same run: the ratio is what the server adds
// around the database (parsing the template, checks, the ORM, building the workspace's API).
//
//   pnpm --filter @crm/server run bench:templates
//   BENCH_TEMPLATE_INSTALLS=10 …          installs per template (default 5, after one warm-up)
//   BENCH_DATABASE_URL=postgres://…        a real PostgreSQL (superuser) instead of the embedded one
import '../src/platform/node-env.js';
import {
  countStatements,
  formatMs,
  graphql,
  loadAverage,
  markdownTable,
  signUp,
  summarize,
  withBenchServer,
} from './lib.js';

const installs = Number(process.env.BENCH_TEMPLATE_INSTALLS ?? 5);
const templates = ['real-estate', 'car-dealer', 'boat-dealer'];

const installMutation = `
  mutation ($key: String!) { installTemplate(key: $key, withSampleData: true) { toVersion steps { action } } }
`;

async function main(): Promise<void> {
  await withBenchServer('templates', async (server, database) => {
    const statements = countStatements();
    const rows: string[][] = [];
    for (const key of templates) {
      const walls: number[] = [];
      const sql: number[] = [];
      const sent: number[] = [];
      let steps = 0;
      for (let i = 0; i <= installs; i++) {
        const api = await signUp(server.url);
        statements.takeTimed();
        const started = performance.now();
        const { data } = await graphql<{ installTemplate: { steps: unknown[] } }>(api, installMutation, {
          key,
        });
        const wall = performance.now() - started;
        const timed = statements.takeTimed();
        if (i === 0) continue; // warm-up: the template's files read and parsed once
        steps = data.installTemplate.steps.length;
        walls.push(wall);
        sql.push(timed.reduce((sum, s) => sum + (Number.isNaN(s.ms) ? 0 : s.ms), 0));
        sent.push(timed.length);
      }
      const wall = summarize(walls);
      const inSql = summarize(sql);
      rows.push([
        key,
        String(steps),
        formatMs(wall.p50),
        formatMs(wall.p95),
        String(Math.round(summarize(sent).p50)),
        formatMs(inSql.p50),
        `${(wall.p50 / inSql.p50).toFixed(1)}×`,
      ]);
    }
    console.log(
      `\nTemplate installs with sample data, ${installs} per template after one warm-up, each into a new workspace; PostgreSQL ${database.version}; load average ${loadAverage()}\n`,
    );
    console.log(
      markdownTable(
        [
          'template',
          'steps',
          'install p50 (ms)',
          'p95 (ms)',
          'statements',
          'in PostgreSQL p50 (ms)',
          'install ÷ SQL',
        ],
        rows,
      ),
    );
  });
}

await main();
