import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = fileURLToPath(new URL('../../server', import.meta.url));
const mainScript = path.join(serverDir, 'src', 'main.ts');
/** The templates command line (`pnpm templates -- …`). */
export const templatesScript = path.join(serverDir, 'scripts', 'templates.ts');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The real CLI (`main.ts` under tsx) as a child process, with its output kept. */
export interface CliProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in stdout, or fails after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<Exit>;
  /** SIGTERM, then SIGKILL if it has not exited after `timeoutMs`; resolves with the exit. */
  stop(timeoutMs?: number): Promise<Exit>;
}

const running = new Set<CliProcess>();

/**
 * Starts `node --import tsx server/src/main.ts ...args` (or another `script`) with only `env` (plus PATH and
 * HOME), so the developer's own DATABASE_URL or NODE_ENV cannot leak in.
 */
export function startCli(
  env: Record<string, string>,
  args: string[] = ['--demo'],
  script = mainScript,
  nodeArgs: string[] = [],
): CliProcess {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script, ...args], {
    cwd: serverDir,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const listener of listeners) listener();
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  const cli: CliProcess = {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    // A process starting on a machine busy with other test files can take well over 30 s.
    waitFor(pattern, timeoutMs = 90_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(stdout);
          if (!match) return;
          done();
          resolve(match);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`no ${pattern} in the output within ${timeoutMs} ms:\n${stdout}\n${stderr}`));
        }, timeoutMs);
        const onExit = () => {
          // Let the last output arrive before giving up.
          setTimeout(() => {
            check();
            done();
            reject(new Error(`exited without printing ${pattern}:\n${stdout}\n${stderr}`));
          }, 50);
        };
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off('exit', onExit);
        };
        listeners.add(check);
        child.once('exit', onExit);
        check();
      });
    },
    async stop(timeoutMs = 15_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        await exited;
        clearTimeout(timer);
      }
      return exited;
    },
  };
  running.add(cli);
  void exited.then(() => running.delete(cli));
  return cli;
}

/** Stops every CLI still running, for an afterEach: a failed test must not leave servers behind. */
export async function stopAllClis(): Promise<void> {
  await Promise.all([...running].map((cli) => cli.stop()));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A fresh DATA_DIR; as root the embedded PostgreSQL runs as `postgres`, who must reach it. */
export async function newDataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'crm-data-'));
  await chmod(dir, 0o755);
  return dir;
}

/** The server's own log line saying it listens, with its URL: without --demo there is no banner. */
export const listeningLine = /"url":"(http:\/\/[^"]+)".*"msg":"server listening"/;

/**
 * The CLI as an operator starts it on a database already set up, without demo workspaces (their
 * sample data takes minutes on a busy machine, and no test of a restart needs it), on a free
 * port; resolves with its URL once it listens.
 */
export async function startServerCli(
  env: Record<string, string>,
  budgetMs = 180_000,
): Promise<{ cli: CliProcess; url: string }> {
  const cli = startCli({ HOST: '127.0.0.1', PORT: String(await freePort()), ...env }, []);
  const [, url] = await cli.waitFor(listeningLine, budgetMs);
  return { cli, url: url! };
}
