// Platform: configuration, database (embedded PostgreSQL or DATABASE_URL, migrations),
// HTTP and WebSocket wiring, the event bus, errors and logging.
export { closeReason } from './close-reason.js';
export {
  ConfigError,
  loadConfig,
  type Config,
  type InboundSettings,
  type MailSettings,
  type QueryLimits,
  type WebhookConfig,
  type ImportConfig,
  type WebSocketLimits,
} from './config.js';
export {
  openDatabase,
  runMigrations,
  type Database,
  type DatabaseConfig,
  type DatabaseParts,
} from './database.js';
export * from './errors.js';
export { createEventBus, type EventBus, type EventBusHandle, type EventTopics } from './events.js';
export { caughtUp, FeedQueue, maxLatest, openingWithNewest, startingWith } from './feed-queue.js';
export { onEachEvent } from './on-each-event.js';
export { executeGraphQLHttp, sendGraphQLError } from './graphql-http.js';
export {
  attachUpgradeRouter,
  createGraphQLWsEndpoint,
  type SocketContext,
  type WebSocketEndpoint,
} from './graphql-ws.js';
export { isUuid, parseId } from './ids.js';
export { decodeTimeCursor, encodeTimeCursor } from './time-cursor.js';
export { writtenSince } from './written-since.js';
export { setBounded } from './bounded-map.js';
export { queryRows, type Prepared } from './query-rows.js';
export { acquireConnection, type KnexPoolClient } from './free-connection.js';
export {
  poolStatements,
  statementSource,
  withLazyFork,
  withSharedFork,
  type StatementSource,
} from './lazy-fork.js';
export { customRuns, runPrepared } from './prepared-statements.js';
export { readTogether } from './read-together.js';
export { sandboxedLiquid } from './liquid.js';
export { findInvalidVariable, invalidTextPlugin, invalidTextReason, invalidTextRule } from './text-input.js';
export { escapeHtml } from './escape-html.js';
export { createLogger, type Logger } from './logger.js';
export { literalTooDeepAt, tooDeepAt } from './input-depth.js';
export { argumentPathOfVariable } from './variable-errors.js';
export { createOriginCheck } from './origin.js';
export { UserSockets } from './user-sockets.js';
export { seal, unseal } from './sealed.js';
export { RateLimits } from './rate-limits.js';
export { connectRedis, onReconnect } from './redis-client.js';
