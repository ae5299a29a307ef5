import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { invalidVariablePath } from './variable-errors.js';

/** The codes a client can rely on, each with the HTTP status it maps to. */
export const errorCodes = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  /** The workspace requires two-factor sign-in and the caller has not set it up. */
  TWO_FACTOR_REQUIRED: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  QUERY_TOO_COMPLEX: 400,
  LIMIT_EXCEEDED: 429,
  INTERNAL_SERVER_ERROR: 500,
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** An error meant for the user: its message is safe to show, its code is stable. */
export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    extensions: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { ...extensions, code } });
    this.name = 'AppError';
  }
}

export class Unauthenticated extends AppError {
  constructor(message = 'Sign in, or send a valid API token, to do this.') {
    super('UNAUTHENTICATED', message);
  }
}

export class Forbidden extends AppError {
  constructor(message = 'Your role in this workspace does not allow this.') {
    super('FORBIDDEN', message);
  }
}

export class NotFound extends AppError {
  constructor(what: string) {
    super('NOT_FOUND', `${what} was not found.`);
  }
}

export class Conflict extends AppError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super('CONFLICT', message, extensions);
  }
}

export class RateLimited extends AppError {
  constructor(retryAfterSeconds: number) {
    super('RATE_LIMITED', `Too many attempts. Try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
  }
}

/** An operation over a limit that depends on the whole request (cost, introspection), refused before it runs. */
export class QueryTooComplex extends AppError {
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super('QUERY_TOO_COMPLEX', message, extensions);
  }
}

/** A configured bound on what one connection may hold; `limit` names it, `max` is its value. */
export class LimitExceeded extends AppError {
  constructor(limit: string, max: number, message: string) {
    super('LIMIT_EXCEEDED', message, { limit, max });
  }
}

/**
 * Bad input names the offending field: `argumentPath` is the full path from the
 * argument (["input", "email"]), `field` its last segment for forms.
 */
export class BadInput extends AppError {
  constructor(
    argumentPath: string | readonly string[],
    message: string,
    extensions: Record<string, unknown> = {},
  ) {
    const segments = typeof argumentPath === 'string' ? argumentPath.split('.') : [...argumentPath];
    super('BAD_USER_INPUT', message, {
      ...extensions,
      argumentPath: segments,
      field: segments[segments.length - 1],
    });
  }
}

/**
 * PostgreSQL's "invalid byte sequence" (22021, a NUL in text) and "unsupported Unicode
 * escape" (22P05, a NUL in jsonb): input the checks before execution should have refused.
 */
export function isUnstorableTextError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '22021' || code === '22P05';
}

export const unstorableTextMessage =
  'A text value contains a character that cannot be stored (such as U+0000).';

/** Codes graphql-js and Apollo attach themselves; their messages are safe to show. */
const passThroughCodes = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  ...Object.keys(errorCodes),
]);

export interface ValidationIssue {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationIssue[];
}

/** Flattens class-validator's nested errors into one path and message per failing field. */
function flattenValidationIssues(
  issues: ValidationIssue[],
  prefix: string[],
): { path: string[]; message: string }[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, issue.property];
    const own = Object.values(issue.constraints ?? {})
      .slice(0, 1)
      .map((message) => ({ path, message }));
    return [...own, ...flattenValidationIssues(issue.children ?? [], path)];
  });
}

/**
 * type-graphql validates input objects with class-validator; by this API's convention
 * an input object is always the argument named `input`.
 */
function fromValidationIssues(issues: ValidationIssue[]): BadInput {
  const fields = flattenValidationIssues(issues, ['input']);
  const first = fields[0] ?? { path: ['input'], message: 'is invalid' };
  const error = new BadInput(
    first.path,
    fields.map((f) => `${f.path.slice(1).join('.')} ${f.message}`).join('; '),
  );
  error.extensions.fields = fields.map((f) => ({
    argumentPath: f.path,
    field: f.path.at(-1),
    message: f.message,
  }));
  return error;
}

/**
 * The one place that decides what a client sees of an error. Unknown errors are
 * logged by the caller and shown as INTERNAL_SERVER_ERROR without stack or SQL.
 */
export function toClientError(
  formatted: GraphQLFormattedError,
  original: unknown,
  options: { development: boolean; onInternal: (error: unknown) => void },
): GraphQLFormattedError {
  const cause =
    original instanceof GraphQLError && original.originalError ? original.originalError : original;
  if (cause instanceof AppError) {
    // `http` is Apollo's instruction for the response's status, not part of the answer.
    const { http: _http, ...extensions } = cause.extensions;
    return { message: cause.message, path: formatted.path, locations: formatted.locations, extensions };
  }
  const validationErrors = formatted.extensions?.validationErrors;
  if (Array.isArray(validationErrors)) {
    const error = fromValidationIssues(validationErrors as ValidationIssue[]);
    return {
      message: error.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: error.extensions,
    };
  }
  if (isUnstorableTextError(cause)) {
    const error = new BadInput(['input'], unstorableTextMessage);
    return { message: error.message, path: formatted.path, extensions: error.extensions };
  }
  const variablePath = invalidVariablePath(original);
  if (variablePath) {
    // Refused by graphql-js before any resolver (over WebSocket without a code): name the field.
    const error = new BadInput(variablePath, formatted.message);
    return { message: formatted.message, locations: formatted.locations, extensions: error.extensions };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && passThroughCodes.has(code) && code !== 'INTERNAL_SERVER_ERROR') {
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions: options.development ? formatted.extensions : extensions };
  }
  options.onInternal(cause);
  return {
    message: options.development && cause instanceof Error ? cause.message : 'Internal server error.',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
