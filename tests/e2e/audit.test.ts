import { beforeAll, describe, expect, it } from 'vitest';
import {
  createApiToken,
  newMember,
  newUser,
  TestClient,
  tokenClient,
  type SignedUpUser,
} from '../support/client.js';
import { query } from '../support/database.js';
import { runFields, uploadFile } from '../support/imports.js';
import { addFields } from '../support/records.js';
import { useServer } from '../support/server.js';
import { eventually } from '../support/ws.js';

// The admins' audit log: what each kind of action leaves, who and from where, in the
// action's transaction; the log's access, filters, pages, export and purge.

interface Entry {
  id: string;
  at: string;
  action: string;
  actor: { userId: string | null; name: string | null; tokenId: string | null; tokenName: string | null };
  address: string | null;
  userAgent: string | null;
  objectKey: string | null;
  targetIds: string[];
  targetNames: string[];
  details: Record<string, unknown>;
}

const entryFields = `id at action actor { userId name tokenId tokenName } address userAgent objectKey targetIds targetNames details`;
const auditLogQuery = `query ($filter: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $filter, first: $first, after: $after) { nodes { ${entryFields} } hasNextPage endCursor }
}`;
const localAddress = /^(::ffff:)?127\.0\.0\.1$|^::1$/;

async function auditLog(client: TestClient, filter: Record<string, unknown> = {}, first = 200) {
  const { auditLog } = await client.data<{ auditLog: { nodes: Entry[]; hasNextPage: boolean } }>(
    auditLogQuery,
    { filter, first },
  );
  return auditLog.nodes;
}

describe('audit log', () => {
  const server = useServer();
  let owner: SignedUpUser;
  let member: SignedUpUser;

  beforeAll(async () => {
    owner = await newUser(server, { name: 'Olivia Owner' });
    member = await newMember(server, owner, 'MEMBER');
  });

  it('records sign-ins and failures of members, with the address and user agent', async () => {
    const browser = new TestClient(server);
    const signIn = `mutation ($input: SignInInput!) { signIn(input: $input) { user { id } } }`;
    const agent = { 'user-agent': 'audit-test-browser/1.0' };
    const wrong = await browser.request(
      signIn,
      { input: { email: member.email, password: 'not it at all' } },
      agent,
    );
    expect(wrong.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await browser.request(signIn, { input: { email: member.email, password: member.password } }, agent);

    const entries = await auditLog(owner.client, { actor: member.userId, action: 'auth.' });
    expect(entries.map((e) => e.action)).toEqual(['auth.sign_in', 'auth.sign_in_failed']);
    for (const entry of entries) {
      expect(entry.actor).toMatchObject({ userId: member.userId, name: 'A MEMBER' });
      expect(entry.address).toMatch(localAddress);
      expect(entry.userAgent).toBe('audit-test-browser/1.0');
      expect(entry.targetIds).toEqual([member.userId]);
    }
    expect(entries[1]!.details).toEqual({ reason: 'UNAUTHENTICATED' });
  });

  it('records invitations, role changes and removals by the admin who made them', async () => {
    const { inviteMember } = await owner.client.data(
      `mutation { inviteMember(input: { email: "guest@example.com", role: VIEWER }) { invitation { id } } }`,
    );
    await owner.client.data(`mutation ($id: ID!) { revokeInvitation(id: $id) }`, {
      id: inviteMember.invitation.id,
    });
    const leaver = await newMember(server, owner, 'MEMBER');
    await owner.client.data(
      `mutation ($id: ID!) { updateMemberRole(input: { userId: $id, role: VIEWER }) { role } }`,
      { id: leaver.userId },
    );
    await owner.client.data(`mutation ($id: ID!) { removeMember(userId: $id) }`, { id: leaver.userId });

    const entries = await auditLog(owner.client, { action: 'member.' });
    const byAction = (action: string) => entries.filter((e) => e.action === action);
    expect(byAction('member.invitation_revoked')[0]).toMatchObject({
      targetIds: [inviteMember.invitation.id],
      targetNames: ['guest@example.com'],
      actor: { userId: owner.userId, name: 'Olivia Owner', tokenId: null },
    });
    expect(byAction('member.invited').map((e) => e.details.role)).toContain('viewer');
    expect(byAction('member.role_changed')[0]).toMatchObject({
      targetIds: [leaver.userId],
      details: { from: 'member', to: 'viewer' },
    });
    expect(byAction('member.removed')[0]).toMatchObject({
      targetIds: [leaver.userId],
      details: { role: 'viewer' },
    });
    for (const entry of entries) expect(entry.address).toMatch(localAddress);
  });

  it('records API token creation, its use at most once per window, and revocation', async () => {
    const { id, token } = await createApiToken(owner.client, { name: 'Zapier' });
    const api = tokenClient(server, token, owner.workspaceId);
    for (let i = 0; i < 3; i += 1) await api.data(`{ companies(first: 1) { totalCount } }`);
    await owner.client.data(`mutation ($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`, { id });

    const entries = await auditLog(owner.client, { recordId: id });
    expect(entries.map((e) => e.action)).toEqual([
      'api_token.revoked',
      'api_token.used',
      'api_token.created',
    ]);
    expect(entries[1]!.actor).toMatchObject({ userId: owner.userId, tokenId: id, tokenName: 'Zapier' });
    expect(entries[1]!.address).toMatch(localAddress);
    expect(entries[2]!.details).toMatchObject({ role: 'owner' });
  });

  it('records deletions and merges with the records’ names and the address', async () => {
    const create = `mutation ($name: String!) { createCompany(input: { name: $name }) { id } }`;
    const [acme, acme2, gone] = await Promise.all(
      ['Acme', 'ACME Ltd', 'Gone Inc'].map(
        async (name) => (await owner.client.data(create, { name })).createCompany.id as string,
      ),
    );
    await owner.client.data(`mutation ($id: ID!) { deleteCompany(id: $id) { id } }`, { id: gone });
    await owner.client.data(`mutation ($input: MergeRecordsInput!) { mergeRecords(input: $input) { id } }`, {
      input: { objectKey: 'company', survivorId: acme, mergedIds: [acme2], values: [] },
    });

    const [deleted] = await auditLog(owner.client, { recordId: gone });
    expect(deleted).toMatchObject({
      action: 'record.deleted',
      objectKey: 'company',
      targetIds: [gone],
      targetNames: ['Gone Inc'],
      details: { count: 1 },
      actor: { userId: owner.userId },
    });
    expect(deleted!.address).toMatch(localAddress);
    const merged = (await auditLog(owner.client, { recordId: acme })).find(
      (e) => e.action === 'record.merged',
    );
    expect(merged).toMatchObject({ targetIds: [acme, acme2], targetNames: ['Acme', 'ACME Ltd'] });
    expect(merged!.address).toMatch(localAddress);
  });

  it('records a bulk delete (an import undone) as one entry with the count and every id', async () => {
    const { body } = await uploadFile(owner.client, 'companies.csv', 'Name\nAlpha\nBeta\nGamma\n');
    const input = {
      uploadId: body.upload!.id,
      objectKey: 'company',
      columns: [{ column: 'Name', fieldKey: 'name', matchBy: null }],
      uniqueFieldKey: null,
    };
    const { startImport } = await owner.client.data(
      `mutation ($input: ImportInput!) { startImport(input: $input) { ${runFields} } }`,
      { input },
    );
    const status = async () =>
      (await owner.client.data(`query ($id: ID!) { importRun(id: $id) { status } }`, { id: startImport.id }))
        .importRun.status as string;
    await eventually(async () => (await status()) === 'DONE', 120_000);
    await owner.client.data(`mutation ($id: ID!) { undoImport(id: $id) { status } }`, { id: startImport.id });
    await eventually(async () => (await status()) === 'UNDONE', 120_000);

    const bulk = (await auditLog(owner.client, { action: 'record.deleted' })).filter(
      (e) => e.details.count === 3,
    );
    expect(bulk).toHaveLength(1);
    expect(bulk[0]!.targetIds).toHaveLength(3);
    expect([...bulk[0]!.targetNames].sort()).toEqual(['Alpha', 'Beta', 'Gamma']);
    expect(bulk[0]!.actor.userId).toBe(owner.userId);
  }, 240_000);

  it('records metadata changes and template installs; a rolled-back change leaves no entry', async () => {
    await addFields(owner.client, 'company', [{ key: 'auditScore', type: 'NUMBER' }]);
    const createObject = `mutation ($input: CreateObjectInput!) { createObject(input: $input) { id } }`;
    await owner.client.data(createObject, {
      input: { key: 'gadget', pluralKey: 'gadgets', labelSingular: 'Gadget' },
    });
    // Its GraphQL type GadgetEdge is the connection edge of gadget: refused after the object was written.
    const clash = await owner.client.request(createObject, {
      input: { key: 'gadgetEdge', pluralKey: 'gadgetEdges', labelSingular: 'Gadget edge' },
    });
    expect(clash.body.errors?.[0]?.message).toMatch(/clash in the API/);
    const { installTemplate } = await owner.client.data(
      `mutation { installTemplate(key: "real-estate") { key toVersion } }`,
    );

    const metadata = await auditLog(owner.client, { action: 'metadata.changed' });
    const changes = metadata.flatMap((e) => e.details.changes as { key: string; change: string }[]);
    expect(changes).toContainEqual(expect.objectContaining({ key: 'auditScore', change: 'added' }));
    expect(changes).toContainEqual(expect.objectContaining({ key: 'gadget', change: 'added' }));
    expect(changes.some((c) => c.key === 'gadgetEdge')).toBe(false);
    const [installed] = await auditLog(owner.client, { action: 'template.installed' });
    expect(installed).toMatchObject({
      targetIds: ['real-estate'],
      details: { fromVersion: null, toVersion: installTemplate.toVersion },
    });
  });

  it('records CSV exports of records, reports and the log itself', async () => {
    await member.client.data(
      `mutation { recordsExported(objectKey: "company", count: 3, filter: { name: { eq: "x" } }) }`,
    );
    const { createReport } = await owner.client.data(
      `mutation ($input: CreateReportInput!) { createReport(input: $input) { id } }`,
      { input: { name: 'Companies', definition: { object: 'company', measures: [{ kind: 'COUNT' }] } } },
    );
    const response = await fetch(
      `${server.url}/export/reports/${createReport.id}.csv?workspace=${owner.workspaceId}`,
      {
        headers: { cookie: owner.client.cookie! },
      },
    );
    expect(response.status).toBe(200);
    const { exportAuditLog: csv } = await owner.client.data<{ exportAuditLog: string }>(
      `mutation { exportAuditLog(filter: { action: "member." }) }`,
    );
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe(
      'at,action,actor,actor_id,api_token,address,user_agent,object,target_ids,target_names,details',
    );
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.slice(1).every((line) => /^[^,]+,member\./.test(line))).toBe(true);

    const exports = await auditLog(owner.client, { action: 'records.exported' });
    expect(exports[0]).toMatchObject({
      actor: { userId: member.userId },
      objectKey: 'company',
      details: { count: 3 },
    });
    const [report] = await auditLog(owner.client, { action: 'report.exported' });
    expect(report).toMatchObject({
      targetIds: [createReport.id],
      targetNames: ['Companies'],
      details: { format: 'CSV' },
    });
    const [logExport] = await auditLog(owner.client, { action: 'audit.exported' });
    expect(logExport!.details).toMatchObject({ rows: lines.length - 1 });
  });

  it('is for admins and owners: a member gets FORBIDDEN', async () => {
    for (const operation of ['{ auditLog { nodes { id } } }', 'mutation { exportAuditLog }']) {
      const answer = await member.client.request(operation);
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const admin = await newMember(server, owner, 'ADMIN');
    expect((await auditLog(admin.client)).length).toBeGreaterThan(0);
  });

  it('filters by action, actor and time, and pages without gaps or repeats', async () => {
    const all = await auditLog(owner.client);
    const pages: Entry[] = [];
    let after: string | null = null;
    for (;;) {
      const {
        auditLog: page,
      }: { auditLog: { nodes: Entry[]; hasNextPage: boolean; endCursor: string | null } } =
        await owner.client.data(auditLogQuery, { first: 4, after });
      pages.push(...page.nodes);
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
    expect(pages.map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);

    const mine = await auditLog(owner.client, { actor: member.userId });
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.actor.userId === member.userId)).toBe(true);
    const middle = all[Math.floor(all.length / 2)]!.at;
    const since = await auditLog(owner.client, { since: middle });
    const until = await auditLog(owner.client, { until: middle });
    expect(since.every((e) => e.at >= middle) && until.every((e) => e.at < middle)).toBe(true);
    expect(since.length + until.length).toBe(all.length);
    const bad = await owner.client.request(auditLogQuery, { filter: { action: 'nope' } });
    expect(bad.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentPath: ['filter', 'action'],
    });
  });

  it('is purged by the scheduled job once older than the retention, the workspace’s own first', async () => {
    const other = await newUser(server);
    await other.client.data(`mutation { setAuditRetention(days: 10) { days overridden } }`);
    const age = (workspaceId: string, days: number) =>
      query(
        server.databaseUrl,
        `update audit_entry set at = now() - make_interval(days => $2) where id = (
           select min(id) from audit_entry where workspace_id = $1 and at > now() - interval '1 day')
         returning id`,
        [workspaceId, days],
      );
    const [[oldOwn], [keptOwn], [oldOther]] = [
      await age(owner.workspaceId, 400),
      await age(owner.workspaceId, 20),
      await age(other.workspaceId, 20),
    ];
    await query(
      server.databaseUrl,
      `select graphile_worker.add_job('audit.purge', '{}'::json, job_key := 'audit-purge', run_at := now())`,
    );
    const remaining = async (id: unknown) =>
      (
        await query(server.databaseUrl, 'select 1 from audit_entry where id = $1', [
          (id as { id: string }).id,
        ])
      ).length;
    await eventually(
      async () => (await remaining(oldOwn)) === 0 && (await remaining(oldOther)) === 0,
      60_000,
    );
    expect(await remaining(keptOwn)).toBe(1);
  });
});
