import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Every setting the server reads, from the environment only; README lists each one. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CLIENT_DIST: z.string().optional(),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'must be a size such as 512kb or 2mb')
    .default('1mb'),
  SESSION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  AUTH_RATE_LIMIT: z.coerce.number().int().min(1).max(100000).default(10),
  WORKSPACE_CREATE_LIMIT: z.coerce.number().int().min(1).max(100000).default(10),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|loopback|\d+)$/, 'must be true, false, loopback or a number of proxy hops')
    .default('false'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600000).default(10000),
  TEMPLATES_DIR: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  isDevelopment: boolean;
  host: string;
  port: number;
  publicUrl?: string;
  databaseUrl?: string;
  dataDir: string;
  embeddedPgPort: number;
  redisUrl?: string;
  logLevel: Env['LOG_LEVEL'];
  clientDist?: string;
  bodyLimit: string;
  sessionTtlDays: number;
  /** Sign-in and sign-up attempts per minute per e-mail (from any address); ten times that per address. */
  authRateLimit: number;
  /** Workspaces one user may create per hour (and sign-ups with a new workspace per address). */
  workspaceCreateLimit: number;
  cookieSecure: boolean;
  shutdownTimeoutMs: number;
  /** Express's `trust proxy`: which X-Forwarded-For hops to believe for the client address. */
  trustProxy: boolean | number | string;
  /** Folder of the vertical templates, `<dir>/<key>/template.yaml`. */
  templatesDir: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment; one message per bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const blankless = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(blankless);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        return `${name}=${JSON.stringify(env[name] ?? '')}: ${issue.message}`;
      }),
    );
  }
  const e = parsed.data;
  const secureByUrl = e.PUBLIC_URL?.startsWith('https://') ?? false;
  return {
    env: e.NODE_ENV,
    isDevelopment: e.NODE_ENV === 'development',
    host: e.HOST,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    redisUrl: e.REDIS_URL,
    logLevel: e.LOG_LEVEL,
    clientDist: e.CLIENT_DIST ? path.resolve(e.CLIENT_DIST) : undefined,
    bodyLimit: e.BODY_LIMIT.toLowerCase(),
    sessionTtlDays: e.SESSION_TTL_DAYS,
    authRateLimit: e.AUTH_RATE_LIMIT,
    workspaceCreateLimit: e.WORKSPACE_CREATE_LIMIT,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? secureByUrl : e.COOKIE_SECURE === 'true',
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    templatesDir: e.TEMPLATES_DIR ? path.resolve(e.TEMPLATES_DIR) : defaultTemplatesDir,
  };
}

/** The repository's `templates/`: src/platform and dist/platform sit at the same depth. */
const defaultTemplatesDir = fileURLToPath(new URL('../../../templates', import.meta.url));

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}
