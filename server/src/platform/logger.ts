import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout; secrets never reach them. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'crm' },
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'headers.cookie', 'headers.authorization'],
      censor: '[redacted]',
    },
  });
}
