import pg from 'pg';
import { freePort, newDataDir, startCli, type CliProcess } from '../support/process.js';
import { startThrowawayPostgres } from '../support/throwaway-postgres.js';

/** Something started for the run, stopped at its end whatever happened. */
export type Stop = () => Promise<void>;

/** LOAD_DATABASE_URL (a superuser URL) or a throw-away embedded PostgreSQL; a fresh database on it. */
export async function startDatabase(): Promise<{ databaseUrl: string; stop: Stop }> {
  let adminUrl = process.env.LOAD_DATABASE_URL;
  let stopServer: Stop = async () => undefined;
  if (!adminUrl) {
    // Three servers with up to 10 connections each, plus this harness.
    const started = await startThrowawayPostgres('crm-load-pg-', ['-c', 'max_connections=200']);
    adminUrl = started.adminUrl;
    stopServer = started.stop;
  }
  const name = `crm_load_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { databaseUrl: url.toString(), stop: stopServer };
}

export interface ServerProcess {
  url: string;
  cli: CliProcess;
  dataDir: string;
}

/** One real server process (`server/src/main.ts`) on a free port, sharing the database and Redis. */
export async function startServerProcess(databaseUrl: string, redisUrl: string): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = await newDataDir();
  const cli = startCli(
    {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      TRUST_PROXY: 'loopback',
      AUTH_RATE_LIMIT: '100000',
      WORKSPACE_CREATE_LIMIT: '100000',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    },
    [],
    undefined,
    // LOAD_SERVER_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) profiles the servers.
    process.env.LOAD_SERVER_NODE_ARGS?.split(' ').filter(Boolean),
  );
  void cli.exited.then((exit) => {
    // A server that dies by itself is a finding: say how, with the end of what it wrote.
    if (exit.signal === 'SIGKILL' || exit.signal === 'SIGTERM' || exit.code === 0) return;
    process.stdout.write(
      `[load] server on port ${port} exited (${exit.code ?? exit.signal}):\n${cli.stderr().slice(-3000)}${cli.stdout().slice(-3000)}\n`,
    );
  });
  // LOG_LEVEL=warn keeps the output small; readiness is the port answering /healthz.
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (cli.child.exitCode !== null)
      throw new Error(`server exited at start:\n${cli.stderr()}${cli.stdout()}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${cli.stderr()}${cli.stdout()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, cli, dataDir };
}
