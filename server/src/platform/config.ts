import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Every setting the server reads, from the environment only; docs/configuration.md lists each one. */
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
  // The planner's cost of a page read on the server's connections (docs/configuration.md).
  DATABASE_PAGE_COST: z.union([z.literal('server'), z.coerce.number().min(0.001).max(100)]).default(0.1),
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
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  AUTH_RATE_LIMIT: z.coerce.number().int().min(1).max(100000).default(10),
  WORKSPACE_CREATE_LIMIT: z.coerce.number().int().min(1).max(100000).default(10),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  PASSWORD_HASH_COST: z.coerce.number().int().min(10).max(20).default(16),
  // Seals TOTP secrets at rest (docs/security.md "Two-factor sign-in").
  TWO_FACTOR_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'must be 64 hex digits (32 random bytes: openssl rand -hex 32)')
    .optional(),
  // Single sign-on (docs/security.md "Single sign-on"): seals providers' client secrets.
  SSO_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'must be 64 hex digits (32 random bytes: openssl rand -hex 32)')
    .optional(),
  SSO_ALLOW_HTTP_ISSUER: z.enum(['true', 'false']).default('false'),
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|loopback|\d+)$/, 'must be true, false, loopback or a number of proxy hops')
    .default('false'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600000).default(10000),
  TEMPLATES_DIR: z.string().optional(),
  FILTER_MAX_DEPTH: z.coerce.number().int().min(1).max(100).default(10),
  FILTER_MAX_CONDITIONS: z.coerce.number().int().min(1).max(100000).default(200),
  QUERY_MAX_COST: z.coerce.number().int().min(1).max(100000000).default(50000),
  REPORT_ROLLUP_MIN_ROWS: z.coerce.number().int().min(0).default(20000),
  REPORT_ROLLUPS_MAX: z.coerce.number().int().min(0).max(10000).default(64),
  REPORT_ROLLUP_MERGE_ROWS: z.coerce.number().int().min(1).default(50000),
  REPORT_REFRESH_SHARE: z.coerce.number().min(0.1).max(100).default(2),
  INTROSPECTION_MAX_PER_OPERATION: z.coerce.number().int().min(0).max(100).default(10),
  // WebSocket doors (docs/security.md "WebSocket doors").
  ALLOWED_ORIGINS: z
    .string()
    .refine(
      (value) => value.split(',').every((origin) => isOrigin(origin.trim())),
      'must be a comma-separated list of origins such as https://crm.example.com',
    )
    .optional(),
  WS_MAX_SUBSCRIPTIONS_PER_SOCKET: z.coerce.number().int().min(1).max(100000).default(100),
  WS_MAX_SOCKETS_PER_USER: z.coerce.number().int().min(1).max(100000).default(20),
  // Durable jobs (docs/jobs-and-notifications.md): run them here, or only enqueue them.
  WORKER: z.enum(['inline', 'off']).default('inline'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
  REMINDER_LATE_AFTER_SECONDS: z.coerce.number().int().min(1).max(86400).default(60),
  // Outgoing mail (docs/email.md): none configured keeps messages queued in the outbox.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).max(320).optional(),
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  MAIL_MAX_ATTACHMENTS_MB: z.coerce.number().int().min(1).max(1024).default(20),
  MAIL_RETRY_BASE_MS: z.coerce.number().int().min(10).max(86_400_000).default(30_000),
  MAIL_CATCHER: z.enum(['true', 'false']).default('false'),
  // Inbound mail (docs/email.md "Inbound"): the forwarding addresses' domain, the key that
  // encrypts mailbox passwords, and how often connected mailboxes are read.
  INBOUND_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+\.[a-z]{2,}$|^localhost$/i, 'must be a domain name such as in.crm.example.com')
    .optional(),
  MAIL_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'must be 64 hex digits (32 random bytes: openssl rand -hex 32)')
    .optional(),
  IMAP_POLL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  COLLAB_AUTH_TIMEOUT_MS: z.coerce.number().int().min(100).max(600000).default(10000),
  COLLAB_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(256 * 1024 * 1024)
    .default(4 * 1024 * 1024),
  COLLAB_MAX_DOCUMENT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(8 * 1024 * 1024),
  // Outgoing webhooks (docs/automation.md "Webhooks", docs/security.md "Webhook targets").
  WEBHOOK_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false'),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(10000),
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).max(86400000).default(30000),
  WEBHOOK_RETRY_MAX_MS: z.coerce.number().int().min(10).max(86400000).default(3600000),
  WEBHOOK_RETRY_WINDOW_MS: z.coerce.number().int().min(10).max(604800000).default(86400000),
  // Public web forms and the ADF lead feed (docs/forms.md).
  FORMS_RATE_PER_FORM: z.coerce.number().int().min(1).max(100000).default(120),
  FORMS_RATE_PER_ADDRESS: z.coerce.number().int().min(1).max(100000).default(20),
  FORMS_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'a size such as 32kb')
    .default('32kb'),
  ADF_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'a size such as 512kb')
    .default('512kb'),
  FORMS_PHONE_COUNTRY: z
    .string()
    .regex(/^[A-Z]{2}$/, 'a two-letter country code such as US')
    .optional(),
  // CSV/XLSX import (docs/import.md).
  IMPORT_MAX_FILE_MB: z.coerce.number().int().min(1).max(1024).default(50),
  IMPORT_BATCH_SIZE: z.coerce.number().int().min(10).max(10000).default(1000),
  // Files and images (docs/files.md): the largest upload, how long a download link works,
  // and the key that signs those links (random per process when unset).
  FILES_MAX_MB: z.coerce.number().int().min(1).max(10240).default(25),
  FILES_URL_TTL_SECONDS: z.coerce.number().int().min(10).max(604800).default(900),
  FILES_SIGNING_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'must be 64 hex digits (32 random bytes: openssl rand -hex 32)')
    .optional(),
  // Hosts a photo fetched from a URL (a template upgrade's copyUrlToImage) may be on although
  // they are private (loopback, intranet): comma-separated names or IP addresses.
  FILES_IMPORT_ALLOWED_HOSTS: z.string().optional(),
  // Days a deleted file is kept before the daily purge removes it; 0: no scheduled purge.
  FILES_PURGE_AFTER_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  // An S3-compatible bucket for files instead of DATA_DIR/files (docs/files.md "Storage").
  FILES_S3_BUCKET: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      'must be a bucket name: 3–63 lowercase letters, digits, dots and hyphens',
    )
    .optional(),
  FILES_S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  FILES_S3_REGION: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'must be a region name such as eu-west-1')
    .optional(),
  FILES_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  FILES_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  FILES_S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('false'),
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
  /** seq_page_cost and random_page_cost on the server's connections; null keeps the server's. */
  databasePageCost: number | null;
  redisUrl?: string;
  logLevel: Env['LOG_LEVEL'];
  clientDist?: string;
  bodyLimit: string;
  sessionTtlDays: number;
  /** log2 of scrypt's N for new password hashes. */
  passwordHashCost: number;
  /** How long audit log entries are kept unless a workspace sets its own (days). */
  auditRetentionDays: number;
  /** Sign-in and sign-up attempts per minute per e-mail (from any address); ten times that per address. */
  authRateLimit: number;
  /** Workspaces one user may create per hour (and sign-ups with a new workspace per address). */
  workspaceCreateLimit: number;
  cookieSecure: boolean;
  /** AES-256-GCM key for TOTP secrets; none: they are stored unsealed. */
  twoFactorKey?: Buffer;
  /** Shown by authenticator apps beside the account: PUBLIC_URL's host name, else "CRM". */
  twoFactorIssuer: string;
  /** Single sign-on: the key sealing client secrets, and whether http:// issuers are accepted. */
  sso: { secretKey?: Buffer; allowHttpIssuer: boolean };
  shutdownTimeoutMs: number;
  /** Express's `trust proxy`: which X-Forwarded-For hops to believe for the client address. */
  trustProxy: boolean | number | string;
  /** Folder of the vertical templates, `<dir>/<key>/template.yaml`. */
  templatesDir: string;
  /** Bounds on every filter (typed argument, board filter, saved view). */
  filterLimits: { maxDepth: number; maxConditions: number };
  /** Reports kept as rollups (reports/rollup.ts); max 0 keeps none. */
  reportRollups: { minRows: number; max: number; mergeAt: number };
  /** Live dashboards: the share of the time (0–1] one object's refreshes may take (reports/live.ts). */
  reportRefreshShare: number;
  /** Bounds on one GraphQL operation that need the variables' values (docs/security.md). */
  queryLimits: QueryLimits;
  websocket: WebSocketLimits;
  /** Durable jobs: `inline` runs them in this process, `off` only enqueues (a `pnpm worker` runs them). */
  /** `reminderLateAfterMs`: a reminder sent this long after its due time is marked late. */
  worker: { mode: Env['WORKER']; concurrency: number; reminderLateAfterMs: number };
  webhooks: WebhookConfig;
  mail: MailSettings;
  forms: FormsConfig;
  inbound: InboundSettings;
  imports: ImportConfig;
  files: FilesConfig;
}

/** Files and images (docs/files.md). */
export interface FilesConfig {
  /** Where the local-disk store keeps files: `<DATA_DIR>/files`. */
  dir: string;
  maxFileBytes: number;
  urlTtlSeconds: number;
  /** HMAC key of download links; processes serving one workspace must share it. */
  signingKey: Buffer;
  /** Days a deleted file is kept before the scheduled purge; 0: no scheduled purge. */
  purgeAfterDays: number;
  /** Private hosts (names or addresses, lower-case) a photo may be fetched from by URL; public ones need no listing. */
  importAllowedHosts: string[];
  /** A bucket instead of `dir` (which then holds only the uploads' temp files). */
  s3?: FilesS3Config;
}

/** An S3-compatible bucket for files (FILES_S3_*). */
export interface FilesS3Config {
  bucket: string;
  /** None: AWS's own endpoint for the region. */
  endpoint?: string;
  region: string;
  /** None: the AWS SDK's default credential chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  forcePathStyle: boolean;
}

/** Public web forms and the lead feed: their limits (docs/forms.md). */
export interface FormsConfig {
  limits: { perFormPerMinute: number; perAddressPerMinute: number };
  bodyLimit: string;
  adfBodyLimit: string;
  /** Where phone numbers without a country code are read when matching people. */
  phoneCountry?: string;
}

/** Inbound mail: forwarding addresses and connected IMAP mailboxes (docs/email.md). */
export interface InboundSettings {
  /** The domain of each workspace's forwarding address; none: no address is offered. */
  domain?: string;
  /** AES-256-GCM key for stored mailbox passwords; none: mailboxes cannot be connected. */
  secretKey?: Buffer;
  /** Seconds between two reads of a connected mailbox. */
  pollSeconds: number;
}

/** CSV/XLSX import: the largest file accepted, rows written per transaction (docs/import.md). */
export interface ImportConfig {
  maxFileBytes: number;
  batchSize: number;
}

/** Outgoing mail: where it goes and how hard a message is tried (docs/email.md). */
export interface MailSettings {
  /** smtp://user:pass@host:587 (STARTTLS when offered) or smtps:// (TLS); none: mail stays queued. */
  smtpUrl?: string;
  /** The sender's address; a workspace's messages carry its sender name with it. */
  from: string;
  /** Attempts before a message is FAILED. */
  maxAttempts: number;
  /** The wait before the first retry; each next one waits twice as long. */
  retryBaseMs: number;
  /** Development: mail is kept in memory and shown at /dev/mail instead of sent. */
  catcher: boolean;
  /** The total size of one message's attachments (files of the record it is sent from). */
  maxAttachmentBytes: number;
}

/** Outgoing webhooks: which targets are allowed, how long a call may take, when to retry. */
export interface WebhookConfig {
  /** Loopback, private, link-local and unique-local targets allowed (a test or an intranet install). */
  allowPrivate: boolean;
  timeoutMs: number;
  /** The first retry after this long, doubling up to `retryMaxMs`… */
  retryBaseMs: number;
  retryMaxMs: number;
  /** …until this long after the first attempt; then the delivery FAILED. */
  retryWindowMs: number;
}

export interface QueryLimits {
  /** Estimated cost: objects read, lists multiplied by their page size. */
  maxCost: number;
  /** `__schema` and `__type` fields per operation. */
  maxIntrospection: number;
  /** Nesting of variables and argument literals; filters need two levels each (list and object). */
  maxInputDepth: number;
}

/** Who may open a socket and how much one may hold (docs/security.md "WebSocket doors"). */
export interface WebSocketLimits {
  /** Origins allowed besides PUBLIC_URL's and the request's own host. */
  allowedOrigins: string[];
  maxSubscriptionsPerSocket: number;
  /** Per process, `/graphql` and `/collab` sockets together. */
  maxSocketsPerUser: number;
  /** A `/collab` socket with no authenticated document is closed after this long. */
  collabAuthTimeoutMs: number;
  /** The largest `/collab` frame (one Yjs update or sync step). */
  collabMaxMessageBytes: number;
  /** The largest co-edited document, as stored (encoded state). */
  collabMaxDocumentBytes: number;
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
  // Caught mail (reset links included) is readable by anyone who reaches /dev/mail.
  if (e.MAIL_CATCHER === 'true' && (e.NODE_ENV === 'production' || e.SMTP_URL))
    throw new ConfigError([
      'MAIL_CATCHER="true": only with NODE_ENV=development or test, and without SMTP_URL (it shows every message to anyone)',
    ]);
  // A cheap hash is for tests and development only: a stolen table would be quick to crack.
  if (e.PASSWORD_HASH_COST < 15 && e.NODE_ENV === 'production')
    throw new ConfigError([
      `PASSWORD_HASH_COST="${e.PASSWORD_HASH_COST}": at least 15 with NODE_ENV=production (16 is the default)`,
    ]);
  const secureByUrl = e.PUBLIC_URL?.startsWith('https://') ?? false;
  const filesS3 = filesS3Config(e);
  return {
    env: e.NODE_ENV,
    isDevelopment: e.NODE_ENV === 'development',
    host: e.HOST,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    databasePageCost: e.DATABASE_PAGE_COST === 'server' ? null : e.DATABASE_PAGE_COST,
    redisUrl: e.REDIS_URL,
    logLevel: e.LOG_LEVEL,
    clientDist: e.CLIENT_DIST ? path.resolve(e.CLIENT_DIST) : undefined,
    bodyLimit: e.BODY_LIMIT.toLowerCase(),
    sessionTtlDays: e.SESSION_TTL_DAYS,
    passwordHashCost: e.PASSWORD_HASH_COST,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    authRateLimit: e.AUTH_RATE_LIMIT,
    workspaceCreateLimit: e.WORKSPACE_CREATE_LIMIT,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? secureByUrl : e.COOKIE_SECURE === 'true',
    twoFactorKey: e.TWO_FACTOR_SECRET_KEY ? Buffer.from(e.TWO_FACTOR_SECRET_KEY, 'hex') : undefined,
    twoFactorIssuer: e.PUBLIC_URL ? new URL(e.PUBLIC_URL).hostname : 'CRM',
    sso: {
      secretKey: e.SSO_SECRET_KEY ? Buffer.from(e.SSO_SECRET_KEY, 'hex') : undefined,
      allowHttpIssuer: e.SSO_ALLOW_HTTP_ISSUER === 'true',
    },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    templatesDir: e.TEMPLATES_DIR ? path.resolve(e.TEMPLATES_DIR) : defaultTemplatesDir,
    filterLimits: { maxDepth: e.FILTER_MAX_DEPTH, maxConditions: e.FILTER_MAX_CONDITIONS },
    reportRollups: {
      minRows: e.REPORT_ROLLUP_MIN_ROWS,
      max: e.REPORT_ROLLUPS_MAX,
      mergeAt: e.REPORT_ROLLUP_MERGE_ROWS,
    },
    reportRefreshShare: e.REPORT_REFRESH_SHARE / 100,
    queryLimits: {
      maxCost: e.QUERY_MAX_COST,
      maxIntrospection: e.INTROSPECTION_MAX_PER_OPERATION,
      maxInputDepth: 2 * e.FILTER_MAX_DEPTH + 8,
    },
    websocket: {
      allowedOrigins: (e.ALLOWED_ORIGINS ?? '')
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean)
        .map((origin) => new URL(origin).origin),
      maxSubscriptionsPerSocket: e.WS_MAX_SUBSCRIPTIONS_PER_SOCKET,
      maxSocketsPerUser: e.WS_MAX_SOCKETS_PER_USER,
      collabAuthTimeoutMs: e.COLLAB_AUTH_TIMEOUT_MS,
      collabMaxMessageBytes: e.COLLAB_MAX_MESSAGE_BYTES,
      collabMaxDocumentBytes: e.COLLAB_MAX_DOCUMENT_BYTES,
    },
    worker: {
      mode: e.WORKER,
      concurrency: e.WORKER_CONCURRENCY,
      reminderLateAfterMs: e.REMINDER_LATE_AFTER_SECONDS * 1000,
    },
    webhooks: {
      allowPrivate: e.WEBHOOK_ALLOW_PRIVATE === 'true',
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      retryBaseMs: e.WEBHOOK_RETRY_BASE_MS,
      retryMaxMs: e.WEBHOOK_RETRY_MAX_MS,
      retryWindowMs: e.WEBHOOK_RETRY_WINDOW_MS,
    },
    forms: {
      limits: { perFormPerMinute: e.FORMS_RATE_PER_FORM, perAddressPerMinute: e.FORMS_RATE_PER_ADDRESS },
      bodyLimit: e.FORMS_BODY_LIMIT.toLowerCase(),
      adfBodyLimit: e.ADF_BODY_LIMIT.toLowerCase(),
      phoneCountry: e.FORMS_PHONE_COUNTRY,
    },
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM ?? `no-reply@${e.PUBLIC_URL ? new URL(e.PUBLIC_URL).hostname : 'localhost'}`,
      maxAttempts: e.MAIL_MAX_ATTEMPTS,
      retryBaseMs: e.MAIL_RETRY_BASE_MS,
      catcher: e.MAIL_CATCHER === 'true',
      maxAttachmentBytes: e.MAIL_MAX_ATTACHMENTS_MB * 1024 * 1024,
    },
    inbound: {
      domain: e.INBOUND_DOMAIN?.toLowerCase(),
      secretKey: e.MAIL_SECRET_KEY ? Buffer.from(e.MAIL_SECRET_KEY, 'hex') : undefined,
      pollSeconds: e.IMAP_POLL_SECONDS,
    },
    imports: { maxFileBytes: e.IMPORT_MAX_FILE_MB * 1024 * 1024, batchSize: e.IMPORT_BATCH_SIZE },
    files: {
      dir: path.join(path.resolve(e.DATA_DIR), 'files'),
      maxFileBytes: e.FILES_MAX_MB * 1024 * 1024,
      urlTtlSeconds: e.FILES_URL_TTL_SECONDS,
      signingKey: e.FILES_SIGNING_KEY ? Buffer.from(e.FILES_SIGNING_KEY, 'hex') : randomBytes(32),
      purgeAfterDays: e.FILES_PURGE_AFTER_DAYS,
      importAllowedHosts: (e.FILES_IMPORT_ALLOWED_HOSTS ?? '')
        .split(',')
        .map((host) =>
          host
            .trim()
            .toLowerCase()
            .replace(/^\[|\]$/g, ''),
        )
        .filter(Boolean),
      s3: filesS3,
    },
  };
}

/** The bucket settings, or none; the other FILES_S3_* without a bucket, or half a key pair, are refused. */
function filesS3Config(e: Env): FilesS3Config | undefined {
  const { FILES_S3_ACCESS_KEY_ID: keyId, FILES_S3_SECRET_ACCESS_KEY: secret } = e;
  if (!e.FILES_S3_BUCKET) {
    const stray = (
      [
        'FILES_S3_ENDPOINT',
        'FILES_S3_REGION',
        'FILES_S3_ACCESS_KEY_ID',
        'FILES_S3_SECRET_ACCESS_KEY',
      ] as const
    ).filter((name) => e[name] !== undefined);
    if (stray.length)
      throw new ConfigError([
        `${stray.join(', ')}: set FILES_S3_BUCKET too, or files stay under DATA_DIR/files`,
      ]);
    return undefined;
  }
  if (!keyId !== !secret)
    throw new ConfigError([
      'FILES_S3_ACCESS_KEY_ID and FILES_S3_SECRET_ACCESS_KEY: set both, or neither (the AWS SDK then finds credentials itself)',
    ]);
  if (!e.FILES_S3_REGION && !e.FILES_S3_ENDPOINT)
    throw new ConfigError([
      'FILES_S3_REGION: needed with FILES_S3_BUCKET on AWS (without FILES_S3_ENDPOINT)',
    ]);
  return {
    bucket: e.FILES_S3_BUCKET,
    endpoint: e.FILES_S3_ENDPOINT,
    // Most S3-compatible servers ignore the region, but the request signature needs one.
    region: e.FILES_S3_REGION ?? 'us-east-1',
    credentials: keyId && secret ? { accessKeyId: keyId, secretAccessKey: secret } : undefined,
    forcePathStyle: e.FILES_S3_FORCE_PATH_STYLE === 'true',
  };
}

/** The repository's `templates/`: src/platform and dist/platform sit at the same depth. */
const defaultTemplatesDir = fileURLToPath(new URL('../../../templates', import.meta.url));

function isOrigin(value: string): boolean {
  if (value === '') return true;
  try {
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) && url.origin === value.replace(/\/$/, '');
  } catch {
    return false;
  }
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}
