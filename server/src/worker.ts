// Sets NODE_ENV before graphql loads, so it must come first and on its own.
// eslint-disable-next-line no-restricted-imports
import './platform/node-env.js';
import 'reflect-metadata';
import { runProcess, startWorker } from './app/index.js';

/** `node dist/worker.js`: runs durable jobs only, for API processes started with WORKER=off. */
await runProcess(startWorker);
process.stdout.write('Job worker running\n');
