// The HTTP load of bench:writes from a child process: a real client is not on the server's
// event loop, and on two cores a client in the server's process took a fifth of that loop
// (its request serialising, response parsing and socket work). `forkHttpLoad` starts it once
// per benchmark; each case is one message there and one answer back.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { drive, keepAliveGraphQL, type Api, type Throughput } from './lib.js';

/** One measured case: `kind` of write on `connections` keep-alive sockets for `ms`. */
export interface HttpLoadCase {
  kind: 'create' | 'update';
  connections: number;
  ms: number;
  warmupMs: number;
  /** For updates: each connection's own records, so rows are not fought over. */
  ids: string[][];
}

/** What a case measured, the child's own CPU per operation apart from the server's. */
export interface HttpLoadResult extends Omit<Throughput, 'cpuMs'> {
  clientCpuMs: number;
  /** Operations of the warm-up before it, which the server's CPU time also covers. */
  warmupOps: number;
}

type Message = { api: Api; task: HttpLoadCase };

/** The mutations the benchmark sends: the same shape whichever process sends them. */
export function companyWrites(post: ReturnType<typeof keepAliveGraphQL>['post']) {
  return {
    create: (worker: number, i: number) =>
      post(`mutation ($name: String!) { createCompany(input: { name: $name }) { id } }`, {
        name: `API ${worker}-${i}`,
      }),
    update: (ids: string[][]) => (worker: number, i: number) => {
      const own = ids[worker]!;
      return post(
        `mutation ($id: ID!, $name: String!) { updateCompany(id: $id, input: { name: $name }) { id } }`,
        {
          id: own[i % own.length],
          name: `API renamed ${worker}-${i}`,
        },
      );
    },
  };
}

async function runCase({ api, task }: Message): Promise<HttpLoadResult> {
  const client = keepAliveGraphQL(api, task.connections);
  try {
    const writes = companyWrites(client.post);
    const op = task.kind === 'create' ? writes.create : writes.update(task.ids);
    const warmup = await drive(task.connections, task.warmupMs, op);
    const { cpuMs, ...measured } = await drive(task.connections, task.ms, op);
    return { ...measured, clientCpuMs: cpuMs, warmupOps: warmup.samples.length };
  } finally {
    client.close();
  }
}

/** The parent's handle: one case at a time, then `close`. */
export function forkHttpLoad(api: Api) {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--child'], { stdio: 'inherit' });
  let queue: Promise<unknown> = Promise.resolve();
  const run = (task: HttpLoadCase): Promise<HttpLoadResult> => {
    const next = queue.then(
      () =>
        new Promise<HttpLoadResult>((resolve, reject) => {
          const onExit = (code: number | null) => reject(new Error(`HTTP load process exited (${code})`));
          child.once('exit', onExit);
          child.once('message', (answer: { result?: HttpLoadResult; error?: string }) => {
            child.off('exit', onExit);
            if (answer.result) resolve(answer.result);
            else reject(new Error(answer.error ?? 'HTTP load failed'));
          });
          child.send({ api, task } satisfies Message);
        }),
    );
    queue = next.catch(() => undefined);
    return next;
  };
  return { run, close: () => void child.kill() };
}

if (process.argv.includes('--child')) {
  process.on('message', (message: Message) => {
    runCase(message).then(
      (result) => process.send!({ result }),
      (error: unknown) => process.send!({ error: String(error) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
}
