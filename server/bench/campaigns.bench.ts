// Campaigns (issue 16): a campaign to 10,000 recipients queued (≤ 5 s) and delivered to a
// local SMTP server (≥ 100 messages/s), while a records page is timed (its p99 during the send
// against the same page idle). The ratio against the library underneath: nodemailer's pooled
// transport sending the same count straight to the same server.
//
//   pnpm --filter @crm/server run bench:campaigns
//   BENCH_CAMPAIGN_RECIPIENTS=2000 …   recipients (default 10,000)
//   BENCH_WORKER_CONCURRENCY=8 …       WORKER_CONCURRENCY of the server (default 4, the default)
import '../src/platform/node-env.js';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import {
  formatMs,
  graphql,
  keepAliveGraphQL,
  loadAverage,
  markdownTable,
  signUp,
  summarize,
  withBenchServer,
  type Api,
  type Summary,
} from './lib.js';

const recipients = Number(process.env.BENCH_CAMPAIGN_RECIPIENTS ?? 10_000);
const concurrency = process.env.BENCH_WORKER_CONCURRENCY ?? '4';
const targets = { queuedMs: 5000, perSecond: 100 };

/** An SMTP server that only counts: when each message arrived. */
async function countingSmtp() {
  const arrivals: number[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        arrivals.push(performance.now());
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    arrivals,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const page = `query { people(first: 50, sort: [{ field: createdAt, direction: DESC }]) { nodes { id name email jobTitle } } }`;

/** Times the records page in a loop (one request at a time) until `stop()` says so. */
async function timePages(api: Api, stop: () => boolean, atLeast = 0): Promise<Summary> {
  const client = keepAliveGraphQL(api, 1);
  const times: number[] = [];
  while (!stop() || times.length < atLeast) {
    const start = performance.now();
    await client.post(page);
    times.push(performance.now() - start);
  }
  client.close();
  return summarize(times);
}

async function seed(api: Api): Promise<string> {
  const client = keepAliveGraphQL(api, 2);
  const batches = [];
  for (let i = 0; i < recipients; i += 500)
    batches.push(
      Array.from({ length: Math.min(500, recipients - i) }, (_, j) => ({
        name: `Reader ${i + j}`,
        email: `reader-${i + j}@bench.test`,
        jobTitle: 'Reader',
      })),
    );
  for (const inputs of batches)
    await client.post(`mutation ($inputs: [PersonCreateInput!]!) { createPeople(inputs: $inputs) { id } }`, {
      inputs,
    });
  client.close();
  const { data } = await graphql<{ createView: { id: string } }>(
    api,
    `
      mutation ($input: CreateViewInput!) {
        createView(input: $input) {
          id
        }
      }
    `,
    {
      input: {
        object: 'person',
        name: 'Readers',
        type: 'TABLE',
        shared: true,
        filter: { jobTitle: { eq: 'Reader' } },
      },
    },
  );
  return data.createView.id;
}

/** The library underneath: the same count through nodemailer's pooled transport, 8 at a time. */
async function direct(url: string, count: number): Promise<number> {
  const transport = nodemailer.createTransport({ url, pool: true });
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < count) {
        const i = next++;
        await transport.sendMail({
          from: 'bench@bench.test',
          to: `direct-${i}@bench.test`,
          subject: 'Direct',
          text: 'Hello from the newsletter.',
        });
      }
    }),
  );
  const perSecond = (count / (performance.now() - start)) * 1000;
  transport.close();
  return perSecond;
}

/**
 * The floor under queueing: the campaign's recipients and outbox rows written again by one
 * INSERT … SELECT each, in a transaction rolled back (no audience query, no jobs).
 */
async function directInsert(pool: pg.Pool, campaignId: string): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const start = performance.now();
    await client.query(
      `with copied as (
         insert into mail_message (id, workspace_id, to_address, subject, text_body, status, idempotency_key)
         select gen_random_uuid(), c.workspace_id, r.address, c.subject, '', 'QUEUED', 'direct:' || r.record_id
         from mail_campaign_recipient r join mail_campaign c on c.id = r.campaign_id where r.campaign_id = $1
         returning id
       ) select count(*) from copied`,
      [campaignId],
    );
    await client.query(
      `insert into mail_campaign_recipient (campaign_id, record_id, position, address, status)
       select campaign_id, gen_random_uuid(), position, address, 'PENDING' from mail_campaign_recipient where campaign_id = $1`,
      [campaignId],
    );
    const ms = performance.now() - start;
    await client.query('rollback');
    return ms;
  } finally {
    client.release();
  }
}

async function main(): Promise<void> {
  const smtp = await countingSmtp();
  try {
    await withBenchServer(
      'crm_bench_campaigns',
      async (server, database) => {
        const pool = new pg.Pool({ connectionString: database.url, max: 2 });
        try {
          console.log(
            `Campaigns: ${os.cpus().length} cores, PostgreSQL ${database.version}, ${recipients} recipients, WORKER_CONCURRENCY=${concurrency}; load average ${loadAverage()}.\n`,
          );
          const api = await signUp(server.url);
          const viewId = await seed(api);
          const idle = await timePages(api, () => true, 300);

          let sending = true;
          const during = timePages(api, () => !sending);
          // Sign-up mailed an address verification: count the campaign's messages only.
          const before = smtp.arrivals.length;
          const start = performance.now();
          const { data } = await graphql<{ createCampaign: { id: string } }>(
            api,
            `
              mutation ($input: CampaignInput!) {
                createCampaign(input: $input) {
                  id
                }
              }
            `,
            { input: { name: 'Bench', viewId, subject: 'Bench news', text: 'Hello from the newsletter.' } },
          );
          const id = data.createCampaign.id;
          let queuedMs = Number.NaN;
          while (smtp.arrivals.length < before + recipients) {
            if (Number.isNaN(queuedMs)) {
              const { rows } = await pool.query<{ queued: boolean }>(
                'select queued_at is not null as queued from mail_campaign where id = $1',
                [id],
              );
              if (rows[0]!.queued) queuedMs = performance.now() - start;
            }
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          sending = false;
          const busy = await during;
          const first = smtp.arrivals[before]!;
          const last = smtp.arrivals[before + recipients - 1]!;
          const deliveryRate = (recipients / (last - first)) * 1000;
          const overall = (recipients / (last - start)) * 1000;
          const directRate = await direct(smtp.url, Math.min(recipients, 5000));
          const insertMs = await directInsert(pool, id);
          console.log(
            markdownTable(
              ['case', 'figure'],
              [
                [`campaign to ${recipients}: created → all queued in the outbox`, `${formatMs(queuedMs)} ms`],
                [
                  `the same ${recipients} outbox rows and recipients by hand-written SQL (rolled back)`,
                  `${formatMs(insertMs)} ms`,
                ],
                ['queued / hand-written SQL', `${(queuedMs / insertMs).toFixed(1)}`],
                ['delivery rate at the SMTP server (first → last message)', `${deliveryRate.toFixed(0)}/s`],
                [
                  'created → last message delivered',
                  `${((last - start) / 1000).toFixed(1)} s (${overall.toFixed(0)}/s)`,
                ],
                [
                  'nodemailer pooled, straight to the same server (8 at a time)',
                  `${directRate.toFixed(0)}/s`,
                ],
                ['campaign delivery / direct nodemailer', `${(deliveryRate / directRate).toFixed(2)}`],
                [
                  'records page (50 people) idle p50 / p99',
                  `${formatMs(idle.p50)} / ${formatMs(idle.p99)} ms`,
                ],
                [
                  `records page during the send p50 / p99 (${busy.samples} requests)`,
                  `${formatMs(busy.p50)} / ${formatMs(busy.p99)} ms`,
                ],
                ['records page p99 during / idle', `${(busy.p99 / idle.p99).toFixed(2)}`],
              ],
            ),
          );
          console.log(
            `\nTargets (issue 16): queued ≤ ${targets.queuedMs / 1000} s ${queuedMs <= targets.queuedMs ? 'met' : 'NOT met'}; ≥ ${targets.perSecond} messages/s ${deliveryRate >= targets.perSecond ? 'met' : 'NOT met'}.`,
          );
          console.log(`Load average at the end: ${loadAverage()}.`);
        } finally {
          await pool.end();
        }
      },
      { SMTP_URL: smtp.url, MAIL_FROM: 'news@bench.test', WORKER_CONCURRENCY: concurrency },
    );
  } finally {
    await smtp.close();
  }
}

await main();
process.exit(0);
