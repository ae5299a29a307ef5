import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Properties of a PostgreSQL error that can quote a row's values ("Key (email)=(…)"). */
const valueBearingProperties = ['detail', 'where', 'internalQuery', 'query', 'sql', 'bindings', 'parameters'];

function isDatabaseError(error: unknown): error is Error & { code: string } {
  if (!(error instanceof Error)) return false;
  const { code } = error as { code?: unknown };
  return (
    typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && ('severity' in error || 'routine' in error)
  );
}

/**
 * Knex prefixes PostgreSQL's message with the statement, and MikroORM inlines the
 * parameters into it, so the message would carry the user's values: keep PostgreSQL's own.
 */
function withoutStatement(message: string): string {
  const separator = message.lastIndexOf(' - ');
  return separator >= 0 ? message.slice(separator + 3) : message;
}

/** pino's error serializer, minus the SQL and values of database errors. */
export function serializeError(error: unknown): unknown {
  const serialized = stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  if (!isDatabaseError(error)) return serialized;
  const message = withoutStatement(error.message);
  const frames = String(serialized.stack ?? '')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '));
  const safe: Record<string, unknown> = { ...serialized, message, stack: [message, ...frames].join('\n') };
  for (const property of valueBearingProperties) delete safe[property];
  return safe;
}

/**
 * Structured JSON logs on stdout (or `destination`, for tests that read them); secrets and
 * user values in failed SQL never reach them.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'crm' },
    serializers: { err: serializeError },
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'headers.cookie', 'headers.authorization'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
