// The server in a process of its own, as the product runs in production: the benchmark's client
// then no longer shares the server's one thread (in the same process, every request's client
// work, undici's and the answer's parsing, is charged to the server).
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

export interface ServerProcess {
  url: string;
  /** CPU time (user + system, µs) the server process has used since it started. */
  cpuMicros(): Promise<number>;
  /** A CPU profile of the process until the returned function writes it (`<name>.cpuprofile`). */
  profile(folder: string): Promise<(name: string) => Promise<void>>;
  close(): Promise<void>;
}

export async function startServerProcess(databaseUrl: string): Promise<ServerProcess> {
  // The child inherits tsx's loader through process.execArgv.
  const child = fork(fileURLToPath(import.meta.url), ['--serve', databaseUrl], { stdio: 'inherit' });
  const ask = async (message: ToChild, kind: FromChild['kind']) => {
    const answered = answer(child, kind);
    child.send(message);
    return answered;
  };
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.send({ kind: 'close' } satisfies ToChild);
    });
  try {
    const { url } = (await answer(child, 'listening')) as { url: string };
    return {
      url,
      cpuMicros: async () => ((await ask({ kind: 'cpu' }, 'cpu')) as { micros: number }).micros,
      async profile(folder) {
        await ask({ kind: 'profile', folder }, 'profiling');
        return async (name) => void (await ask({ kind: 'profiled', name }, 'profiled'));
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

function answer(child: ChildProcess, kind: FromChild['kind']): Promise<FromChild> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`the server process exited (${code}) before it sent ${kind}`));
    const onMessage = (message: FromChild) => {
      if (message.kind !== kind) return;
      child.off('exit', onExit).off('message', onMessage);
      resolve(message);
    };
    child.once('exit', onExit).on('message', onMessage);
  });
}

async function serve(databaseUrl: string): Promise<void> {
  const server = await startBenchServer(databaseUrl);
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
  reply({ kind: 'listening', url: server.url });
}

if (process.argv[2] === '--serve') await serve(process.argv[3]!);
