// Change consumers: durable per-(workspace, consumer) cursors over the change log, woken
// after each commit and caught up periodically, each batch consumed with its cursor's advance.
export { catchUpIntervalMs, createChangeConsumers, type ChangeConsumers } from './consumers.js';
export { lastChangeId, readCursor, startCursor } from './cursors.js';
export type { ChangeConsumer, ConsumedBatch } from './model.js';
export type { ConsumerDeps } from './run.js';
export { consumerMigrations } from './migrations/index.js';
