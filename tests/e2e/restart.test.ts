import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { signUpMutation, uniqueEmail } from '../support/client.js';
import { newDatabase } from '../support/database.js';
import {
  freePort,
  listeningLine,
  newDataDir,
  startCli,
  stopAllClis,
  templatesScript,
  type CliProcess,
} from '../support/process.js';
import { shippedTemplateVersion } from '../support/templates.js';

// The CLI as an operator runs it: start, stop with SIGTERM, start again on the same data.

const runningLine = /CRM is running at (http:\/\/\S+)/;
const demoLine = /Demo login: (\S+) \/ (\S+)/;

async function graphql(url: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: unknown[] } };
}

const signIn = /* GraphQL */ `
  mutation ($input: SignInInput!) {
    signIn(input: $input) {
      user {
        email
      }
    }
  }
`;

/** Resolves true if something accepts TCP connections on `port`. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * A real start (initialising PostgreSQL, migrating, installing the demo templates) takes
 * seconds alone and minutes on a busy 2-core machine: start-up gets its own budget.
 */
const startBudgetMs = 180_000;

async function started(cli: CliProcess) {
  const [, url] = await cli.waitFor(runningLine, startBudgetMs);
  const [, email, password] = await cli.waitFor(demoLine, startBudgetMs);
  return { url: url!, demo: { email: email!, password: password! } };
}

async function embeddedEnv(dataDir: string) {
  return {
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(await freePort()),
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
  };
}

// Each test starts one or two real servers: the test's budget is theirs, not Vitest's 30 s.
describe('the CLI across restarts', { timeout: 2 * startBudgetMs + 60_000 }, () => {
  const dataDirs: string[] = [];
  async function dataDir() {
    const dir = await newDataDir();
    dataDirs.push(dir);
    return dir;
  }
  /**
   * One operator's data folder, started again and again as in production: the first start pays for
   * initdb, migrations and the demo templates once, the later tests start on what it left.
   */
  let operatorEnv: Awaited<ReturnType<typeof embeddedEnv>> | undefined;
  async function operatorData() {
    operatorEnv ??= await embeddedEnv(await dataDir());
    return operatorEnv;
  }
  afterEach(() => stopAllClis());
  afterAll(() => Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('keeps accounts and the demo login in DATA_DIR, and stops cleanly on SIGTERM', async () => {
    const env = await operatorData();
    const first = startCli(env);
    const { url, demo } = await started(first);
    expect(first.stdout()).toMatch(/database migrated/);
    const email = uniqueEmail('restart');
    const signedUp = await graphql(url, signUpMutation, {
      input: { email, password: 'a long enough password', name: 'Restart' },
    });
    expect(signedUp.body.errors).toBeUndefined();

    const stoppingAt = Date.now();
    const exit = await first.stop(60_000);
    expect(exit).toEqual({ code: 0, signal: null });
    // Not stuck until stop()'s SIGKILL fallback: a clean stop, well inside the shutdown timeout.
    expect(Date.now() - stoppingAt).toBeLessThan(20_000);
    expect(first.stdout()).toMatch(/embedded PostgreSQL stopped/);
    expect(await listening(Number(env.EMBEDDED_PG_PORT))).toBe(false);

    const second = startCli(env);
    const again = await started(second);
    expect(again.demo).toEqual(demo);
    expect(second.stdout()).not.toMatch(/database migrated/);
    expect(second.stdout()).not.toMatch(/initialising embedded PostgreSQL/);
    expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
    const signedIn = await graphql(again.url, signIn, {
      input: { email, password: 'a long enough password' },
    });
    expect(signedIn.body).toEqual({ data: { signIn: { user: { email } } } });
    const demoSignIn = await graphql(again.url, signIn, { input: demo });
    expect(demoSignIn.body).toEqual({ data: { signIn: { user: { email: demo.email } } } });
    expect((await second.stop()).code).toBe(0);
  });

  it('lets the templates command line use the embedded PostgreSQL of the running server', async () => {
    const env = await operatorData();
    const server = startCli(env);
    const { url } = await started(server);
    const plan = startCli(env, ['plan', 'boat-dealer', '--workspace', 'Demo Boat Dealer'], templatesScript);
    const exit = await plan.exited;
    expect(exit.code, plan.stderr()).toBe(0);
    expect(plan.stdout()).toContain(
      `boat-dealer: version ${shippedTemplateVersion('boat-dealer')} → version ${shippedTemplateVersion('boat-dealer')} (up to date)`,
    );
    // It only connected: the server's database is still there for the server.
    expect(await listening(Number(env.EMBEDDED_PG_PORT))).toBe(true);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await server.stop()).code).toBe(0);
  });

  it('stops on SIGTERM the embedded PostgreSQL it adopted after the server alone crashed', async () => {
    const env = await operatorData();
    const postgresPort = Number(env.EMBEDDED_PG_PORT);
    // Without --demo (no sample data to install): the server's own log says when it listens.
    const crashed = startCli(env, []);
    await crashed.waitFor(listeningLine, 120_000);
    crashed.child.kill('SIGKILL');
    await crashed.exited;
    // The database outlives its server's crash: that is the orphan to adopt.
    expect(await listening(postgresPort)).toBe(true);

    const restarted = startCli(env, []);
    const [, url] = await restarted.waitFor(listeningLine, 120_000);
    expect(restarted.stdout()).toMatch(/adopted the embedded PostgreSQL/);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    expect(await restarted.stop()).toEqual({ code: 0, signal: null });
    expect(restarted.stdout()).toMatch(/embedded PostgreSQL stopped/);
    expect(await listening(postgresPort)).toBe(false);
    // Two starts of the CLI (and an initdb when it runs alone): its own budget on a busy machine.
  }, 300_000);

  it('uses DATABASE_URL without starting an embedded PostgreSQL', async () => {
    const dir = await dataDir();
    const cli = startCli({ ...(await embeddedEnv(dir)), DATABASE_URL: await newDatabase({ empty: true }) });
    const { url } = await started(cli);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(cli.stdout()).toMatch(/database migrated/);
    expect(cli.stdout()).not.toMatch(/embedded PostgreSQL/);
    expect(existsSync(path.join(dir, 'postgres'))).toBe(false);
    expect((await cli.stop()).code).toBe(0);
  });

  it('exits with code 2 and names the variable when the configuration is invalid', async () => {
    const cli = startCli({ ...(await embeddedEnv(await dataDir())), PORT: 'abc' });
    expect((await cli.exited).code).toBe(2);
    expect(cli.stderr()).toMatch(/PORT="abc"/);
  });

  it('answers a request that is in flight when SIGTERM arrives, and refuses new ones', async () => {
    const cli = startCli(await operatorData());
    const { url } = await started(cli);
    const email = uniqueEmail('inflight');
    const body = JSON.stringify({
      query: signUpMutation,
      variables: { input: { email, password: 'a long enough password', name: 'In flight' } },
    });
    // The body is streamed: half now, the rest only once the server is shutting down.
    let sendRest!: () => void;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(body.slice(0, 20)));
        sendRest = () => {
          controller.enqueue(new TextEncoder().encode(body.slice(20)));
          controller.close();
        };
      },
    });
    const answer = fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await new Promise((resolve) => setTimeout(resolve, 300));

    cli.child.kill('SIGTERM');
    await cli.waitFor(/shutting down/);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    sendRest();

    const response = await answer;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: {
        signUp: { user: { id: expect.any(String), email, name: 'In flight' }, workspace: expect.anything() },
      },
    });
    expect((await cli.exited).code).toBe(0);
  });
});
