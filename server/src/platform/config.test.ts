import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('applies defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir.endsWith('.data')).toBe(true);
    expect(config.cookieSecure).toBe(false);
  });

  it('prices a page read at 0.1 for the planner unless told, or leaves it to the server', () => {
    expect(loadConfig({}).databasePageCost).toBe(0.1);
    expect(loadConfig({ DATABASE_PAGE_COST: '1.5' }).databasePageCost).toBe(1.5);
    expect(loadConfig({ DATABASE_PAGE_COST: 'server' }).databasePageCost).toBeNull();
    for (const bad of ['0', 'fast', '1e9']) {
      expect(() => loadConfig({ DATABASE_PAGE_COST: bad })).toThrow(/DATABASE_PAGE_COST/);
    }
  });

  it('reports every bad variable with its name and value', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems.find((p) => p.startsWith('PORT="eighty"'))).toBeDefined();
    expect(problems.find((p) => p.startsWith('DATABASE_URL="mysql://x"'))).toMatch(/postgres/);
    expect(problems.find((p) => p.startsWith('LOG_LEVEL="loud"'))).toBeDefined();
  });

  it('treats blank variables as unset and derives secure cookies from an https PUBLIC_URL', () => {
    const config = loadConfig({ PORT: '', PUBLIC_URL: 'https://crm.example.com' });
    expect(config.port).toBe(4000);
    expect(config.cookieSecure).toBe(true);
  });

  it('reads the query limits, deriving the input depth from the filter depth', () => {
    expect(loadConfig({}).filterLimits).toEqual({ maxDepth: 10, maxConditions: 200 });
    expect(loadConfig({}).queryLimits).toEqual({ maxCost: 50_000, maxIntrospection: 10, maxInputDepth: 28 });
    const config = loadConfig({
      FILTER_MAX_DEPTH: '4',
      FILTER_MAX_CONDITIONS: '50',
      QUERY_MAX_COST: '1000',
      INTROSPECTION_MAX_PER_OPERATION: '0',
    });
    expect(config.filterLimits).toEqual({ maxDepth: 4, maxConditions: 50 });
    expect(config.queryLimits).toEqual({ maxCost: 1000, maxIntrospection: 0, maxInputDepth: 16 });
    expect(() => loadConfig({ FILTER_MAX_DEPTH: '0' })).toThrow(ConfigError);
  });
});

describe('WebSocket settings', () => {
  it('has defaults and reads ALLOWED_ORIGINS as a list of origins', () => {
    expect(loadConfig({}).websocket).toEqual({
      allowedOrigins: [],
      maxSubscriptionsPerSocket: 100,
      maxSocketsPerUser: 20,
      collabAuthTimeoutMs: 10000,
      collabMaxMessageBytes: 4 * 1024 * 1024,
      collabMaxDocumentBytes: 8 * 1024 * 1024,
    });
    const config = loadConfig({ ALLOWED_ORIGINS: 'https://a.example, http://localhost:5173/' });
    expect(config.websocket.allowedOrigins).toEqual(['https://a.example', 'http://localhost:5173']);
  });

  it('refuses an allow-list entry that is not an origin', () => {
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'https://a.example/path' })).toThrow(/ALLOWED_ORIGINS/);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'evil.example' })).toThrow(/ALLOWED_ORIGINS/);
  });

  it('runs jobs in the server unless WORKER=off', () => {
    expect(loadConfig({}).worker).toEqual({ mode: 'inline', concurrency: 4, reminderLateAfterMs: 60_000 });
    expect(
      loadConfig({ WORKER: 'off', WORKER_CONCURRENCY: '2', REMINDER_LATE_AFTER_SECONDS: '300' }).worker,
    ).toEqual({ mode: 'off', concurrency: 2, reminderLateAfterMs: 300_000 });
    expect(() => loadConfig({ WORKER: 'sometimes' })).toThrow(/WORKER="sometimes"/);
    expect(() => loadConfig({ REMINDER_LATE_AFTER_SECONDS: '0' })).toThrow(/REMINDER_LATE_AFTER_SECONDS/);
  });

  it('sends no mail without SMTP_URL, and takes MAIL_FROM or an address on PUBLIC_URL’s host', () => {
    expect(loadConfig({}).mail).toEqual({
      from: 'no-reply@localhost',
      maxAttempts: 8,
      retryBaseMs: 30_000,
      catcher: false,
      maxAttachmentBytes: 20 * 1024 * 1024,
    });
    expect(loadConfig({ MAIL_MAX_ATTACHMENTS_MB: '5' }).mail.maxAttachmentBytes).toBe(5 * 1024 * 1024);
    expect(loadConfig({ PUBLIC_URL: 'https://crm.example.com' }).mail.from).toBe('no-reply@crm.example.com');
    const mail = loadConfig({
      SMTP_URL: 'smtps://u:p@mail.example.com:465',
      MAIL_FROM: 'crm@example.com',
    }).mail;
    expect(mail).toMatchObject({ smtpUrl: 'smtps://u:p@mail.example.com:465', from: 'crm@example.com' });
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.com' })).toThrow(
      /SMTP_URL=.*smtp:\/\/ or smtps:\/\//,
    );
  });

  it('hashes passwords at cost 16 unless told, and refuses a cheap hash in production', () => {
    expect(loadConfig({}).passwordHashCost).toBe(16);
    expect(loadConfig({ NODE_ENV: 'test', PASSWORD_HASH_COST: '10' }).passwordHashCost).toBe(10);
    expect(() => loadConfig({ PASSWORD_HASH_COST: '12' })).toThrow(/PASSWORD_HASH_COST="12": at least 15/);
    expect(() => loadConfig({ PASSWORD_HASH_COST: '9' })).toThrow(/PASSWORD_HASH_COST="9"/);
  });
});

describe('file storage settings', () => {
  const bucket = {
    FILES_S3_BUCKET: 'crm-files',
    FILES_S3_ENDPOINT: 'http://127.0.0.1:9000',
    FILES_S3_ACCESS_KEY_ID: 'key',
    FILES_S3_SECRET_ACCESS_KEY: 'secret',
  };
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (error) {
      return (error as ConfigError).problems;
    }
    return [];
  };

  it('keeps files on disk and purges after 30 days unless told', () => {
    const { files } = loadConfig({});
    expect([files.s3, files.purgeAfterDays]).toEqual([undefined, 30]);
    expect(loadConfig({ FILES_PURGE_AFTER_DAYS: '0' }).files.purgeAfterDays).toBe(0);
    expect(problems({ FILES_PURGE_AFTER_DAYS: '-1' })[0]).toMatch(/^FILES_PURGE_AFTER_DAYS="-1"/);
  });

  it('reads a bucket, with us-east-1 as the region of a non-AWS endpoint', () => {
    expect(loadConfig({ ...bucket, FILES_S3_FORCE_PATH_STYLE: 'true' }).files.s3).toEqual({
      bucket: 'crm-files',
      endpoint: 'http://127.0.0.1:9000',
      region: 'us-east-1',
      credentials: { accessKeyId: 'key', secretAccessKey: 'secret' },
      forcePathStyle: true,
    });
    // On AWS: the region, and credentials from the SDK's own chain.
    expect(loadConfig({ FILES_S3_BUCKET: 'crm-files', FILES_S3_REGION: 'eu-west-1' }).files.s3).toMatchObject(
      {
        region: 'eu-west-1',
        endpoint: undefined,
        credentials: undefined,
        forcePathStyle: false,
      },
    );
  });

  it('refuses a bad bucket name, half a key pair, settings without a bucket, AWS without a region', () => {
    expect(problems({ ...bucket, FILES_S3_BUCKET: 'My_Bucket' })[0]).toMatch(/^FILES_S3_BUCKET="My_Bucket"/);
    expect(problems({ ...bucket, FILES_S3_SECRET_ACCESS_KEY: '' })[0]).toMatch(/set both, or neither/);
    expect(problems({ FILES_S3_ENDPOINT: bucket.FILES_S3_ENDPOINT })[0]).toMatch(
      /^FILES_S3_ENDPOINT: set FILES_S3_BUCKET too/,
    );
    expect(problems({ FILES_S3_BUCKET: 'crm-files' })[0]).toMatch(/^FILES_S3_REGION: needed/);
    expect(problems({ ...bucket, FILES_S3_ENDPOINT: 'ftp://x' })[0]).toMatch(
      /^FILES_S3_ENDPOINT="ftp:\/\/x"/,
    );
  });
});
