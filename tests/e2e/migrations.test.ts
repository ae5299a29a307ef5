import { randomUUID } from 'node:crypto';
import { createLogger, hashPassword, migrate } from '@crm/server';
import { afterEach, describe, expect, it } from 'vitest';
import { TestClient, newUser, uniqueEmail } from '../support/client.js';
import { newDatabase, query } from '../support/database.js';
import { newServer, type TestServer } from '../support/server.js';

// Upgrades: a database left by an older release is migrated at start with nothing lost,
// and servers starting together on one database agree on who migrates.

const firstMigration = 'Migration20261122180000Identity';
const silent = createLogger('silent');

const signIn = /* GraphQL */ `
  mutation ($input: SignInInput!) {
    signIn(input: $input) {
      user {
        id
      }
      workspace {
        id
        name
      }
    }
  }
`;

async function tableExists(databaseUrl: string, table: string): Promise<boolean> {
  const [row] = await query<{ exists: boolean }>(
    databaseUrl,
    'select to_regclass($1) is not null as exists',
    [table],
  );
  return row!.exists;
}

/** Everything a migration or a start could change: applied migrations, columns, and the rows we wrote. */
async function snapshot(databaseUrl: string) {
  return {
    migrations: await query(databaseUrl, 'select name, executed_at from mikro_orm_migrations order by id'),
    columns: await query(
      databaseUrl,
      `select table_name, column_name, data_type, is_nullable, column_default
         from information_schema.columns where table_schema = 'public' order by table_name, column_name`,
    ),
    users: await query(databaseUrl, 'select id, email, name, password_hash from app_user order by id'),
    memberships: await query(
      databaseUrl,
      'select id, workspace_id, user_id, role from membership order by id',
    ),
  };
}

describe('migrations at start', () => {
  const servers: TestServer[] = [];
  async function start(databaseUrl: string) {
    const server = await newServer({ DATABASE_URL: databaseUrl });
    servers.push(server);
    return server;
  }
  afterEach(() => Promise.all(servers.splice(0).map((server) => server.close())));

  it('upgrades a database made by the first release, keeping its accounts', async () => {
    const databaseUrl = await newDatabase({ empty: true });
    expect(await migrate(databaseUrl, silent, { to: firstMigration })).toEqual([firstMigration]);
    expect(await tableExists(databaseUrl, 'api_token')).toBe(false);

    // An owner and their workspace, written as the first release's schema allows.
    const [workspaceId, userId, email, password] = [
      randomUUID(),
      randomUUID(),
      uniqueEmail('old'),
      'an old password',
    ];
    await query(databaseUrl, `insert into workspace (id, name) values ($1, 'Old Agency')`, [workspaceId]);
    await query(
      databaseUrl,
      `insert into app_user (id, email, name, password_hash) values ($1, $2, 'Old Owner', $3)`,
      [userId, email, await hashPassword(password)],
    );
    await query(
      databaseUrl,
      `insert into membership (id, workspace_id, user_id, role) values ($1, $2, $3, 'owner')`,
      [randomUUID(), workspaceId, userId],
    );

    const server = await start(databaseUrl);
    expect(await tableExists(databaseUrl, 'api_token')).toBe(true);
    const owner = new TestClient(server);
    const signedIn = await owner.data(signIn, { input: { email, password } });
    expect(signedIn.signIn).toEqual({
      user: { id: userId },
      workspace: { id: workspaceId, name: 'Old Agency' },
    });
    // The later tables work for the old account.
    owner.workspaceId = workspaceId;
    const created = await owner.data(
      `mutation { createApiToken(input: { name: "after upgrade" }) { apiToken { role } } }`,
    );
    expect(created.createApiToken.apiToken.role).toBe('OWNER');
  });

  it('applies nothing and changes nothing when a second server starts on a migrated database', async () => {
    const databaseUrl = await newDatabase();
    const first = await start(databaseUrl);
    const user = await newUser(first);
    const before = await snapshot(databaseUrl);
    expect(before.migrations.length).toBeGreaterThan(1);

    const second = await start(databaseUrl);
    expect(await snapshot(databaseUrl)).toEqual(before);
    expect(await migrate(databaseUrl, silent)).toEqual([]);
    const again = await new TestClient(second).data(signIn, {
      input: { email: user.email, password: user.password },
    });
    expect(again.signIn.user.id).toBe(user.userId);
  });

  it('brings up two servers started at the same moment on one fresh database', async () => {
    const databaseUrl = await newDatabase({ empty: true });
    const [a, b] = await Promise.all([start(databaseUrl), start(databaseUrl)]);

    for (const server of [a, b]) expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const [counts] = await query<{ total: number; distinct: number }>(
      databaseUrl,
      'select count(*)::int as total, count(distinct name)::int as distinct from mikro_orm_migrations',
    );
    expect(counts!.total).toBe(counts!.distinct);
    const user = await newUser(a);
    const signedIn = await new TestClient(b).data(signIn, {
      input: { email: user.email, password: user.password },
    });
    expect(signedIn.signIn.user.id).toBe(user.userId);
  });
});
