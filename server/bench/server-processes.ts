// Server processes of their own, as the product runs in production: the benchmark's client then
// no longer shares the server's one thread (in the same process, every request's client work,
// undici's and the answer's parsing, was charged to the server). Several processes share the
// database and, without REDIS_URL, reach each other through PostgreSQL's LISTEN/NOTIFY
// (docs/scale-out.md); a client spreads its connections over them as a load balancer would.
//
// The child is this file run with `--serve <database url>`.
import '../src/platform/node-env.js';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startBenchServer, startCpuProfile } from './lib.js';

type FromChild =
  | { kind: 'listening'; url: string }
  | { kind: 'cpu'; micros: number }
  | { kind: 'profiling' }
  | { kind: 'profiled' };
type ToChild =
  | { kind: 'cpu' }
  | { kind: 'profile'; folder: string }
  | { kind: 'profiled'; name: string }
  | { kind: 'close' };

export interface ServerProcesses {
  urls: string[];
  /** CPU time (user + system, µs) the server processes have used since they started. */
  cpuMicros(): Promise<number>;
  /** A CPU profile of each process until the returned function writes them (`<name>-<n>.cpuprofile`). */
  profile(folder: string): Promise<(name: string) => Promise<void>>;
  close(): Promise<void>;
}

export async function startServerProcesses(
  databaseUrl: string,
  count: number,
  env: Record<string, string> = {},
): Promise<ServerProcesses> {
  const children = Array.from({ length: count }, () =>
    // The child inherits tsx's loader through process.execArgv.
    fork(fileURLToPath(import.meta.url), ['--serve', databaseUrl], {
      stdio: 'inherit',
      env: { ...process.env, ...env },
    }),
  );
  try {
    const urls = await Promise.all(
      children.map(async (child) => ((await answer(child, 'listening')) as { url: string }).url),
    );
    return {
      urls,
      async cpuMicros() {
        const used = await ask(children, () => ({ kind: 'cpu' }), 'cpu');
        return used.reduce((sum, message) => sum + (message as { micros: number }).micros, 0);
      },
      async profile(folder) {
        await ask(children, () => ({ kind: 'profile', folder }), 'profiling');
        return async (name) => {
          await ask(children, (i) => ({ kind: 'profiled', name: `${name}-${i + 1}` }), 'profiled');
        };
      },
      close: () => closeAll(children),
    };
  } catch (error) {
    await closeAll(children);
    throw error;
  }
}

/** Sends each child its message and waits for every answer of `kind`. */
function ask(
  children: readonly ChildProcess[],
  message: (index: number) => ToChild,
  kind: FromChild['kind'],
): Promise<FromChild[]> {
  return Promise.all(
    children.map((child, i) => {
      const answered = answer(child, kind);
      child.send(message(i));
      return answered;
    }),
  );
}

function answer(child: ChildProcess, kind: FromChild['kind']): Promise<FromChild> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`a server process exited (${code}) before it sent ${kind}`));
    const onMessage = (message: FromChild) => {
      if (message.kind !== kind) return;
      child.off('exit', onExit).off('message', onMessage);
      resolve(message);
    };
    child.once('exit', onExit).on('message', onMessage);
  });
}

async function closeAll(children: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.send({ kind: 'close' } satisfies ToChild);
        }),
    ),
  );
}

async function serve(databaseUrl: string): Promise<void> {
  const server = await startBenchServer(
    databaseUrl,
    process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {},
  );
  let stopProfile: ((name: string) => Promise<string>) | undefined;
  const reply = (message: FromChild) => process.send!(message);
  process.on('message', (message: ToChild) => {
    void (async () => {
      if (message.kind === 'cpu') {
        const { user, system } = process.cpuUsage();
        reply({ kind: 'cpu', micros: user + system });
      } else if (message.kind === 'profile') {
        stopProfile = await startCpuProfile(message.folder);
        reply({ kind: 'profiling' });
      } else if (message.kind === 'profiled') {
        await stopProfile?.(message.name);
        reply({ kind: 'profiled' });
      } else {
        await server.close().finally(() => process.exit(0));
      }
    })();
  });
  process.send!({ kind: 'listening', url: server.url } satisfies FromChild);
}

if (process.argv[2] === '--serve') await serve(process.argv[3]!);
