import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * A graphql-ws client on its own thread that sends `count` subscribe messages at once on
 * one socket, as a remote script would: its own work then does not run on the event loop
 * of the server under test (which shares this process), so timings measure the server.
 */
export interface Flood {
  /** What the socket has received so far: refusals by code, and results. */
  readonly counts: { acknowledged: boolean; errors: Record<string, number>; results: number };
  /** Ends one subscription, as a client does. */
  complete(id: string): void;
  subscribe(id: string, query: string): void;
  close(): Promise<void>;
}

const floodThread = /* js */ `
const { parentPort, workerData } = require('node:worker_threads');
const WebSocket = require(workerData.wsPath);
const counts = { acknowledged: false, errors: {}, results: 0 };
const socket = new WebSocket(workerData.url, ['graphql-transport-ws'], { headers: workerData.headers });
const report = () => parentPort.postMessage(counts);
socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: workerData.init })));
socket.on('message', (data) => {
  const message = JSON.parse(String(data));
  if (message.type === 'connection_ack') {
    counts.acknowledged = true;
    for (let i = 0; i < workerData.count; i++) {
      socket.send(JSON.stringify({ type: 'subscribe', id: 's' + i, payload: { query: workerData.query } }));
    }
  } else if (message.type === 'error') {
    const code = String(message.payload[0]?.extensions?.code);
    counts.errors[code] = (counts.errors[code] ?? 0) + 1;
  } else if (message.type === 'next') {
    counts.results += 1;
  }
  report();
});
parentPort.on('message', (command) => {
  if (command.type === 'close') {
    socket.once('close', () => process.exit(0));
    socket.close();
  } else {
    socket.send(JSON.stringify(command));
  }
});
`;

export function floodSubscriptions(options: {
  url: string;
  headers: Record<string, string>;
  init: Record<string, unknown>;
  query: string;
  count: number;
}): Flood {
  const wsPath = createRequire(import.meta.url).resolve('ws');
  const worker = new Worker(floodThread, { eval: true, workerData: { ...options, wsPath } });
  let counts: Flood['counts'] = { acknowledged: false, errors: {}, results: 0 };
  worker.on('message', (latest: Flood['counts']) => (counts = latest));
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    get counts() {
      return counts;
    },
    complete: (id) => worker.postMessage({ type: 'complete', id }),
    subscribe: (id, query) => worker.postMessage({ type: 'subscribe', id, payload: { query } }),
    async close() {
      worker.postMessage({ type: 'close' });
      await exited;
    },
  };
}
