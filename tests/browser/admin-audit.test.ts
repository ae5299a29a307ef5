import { beforeAll, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite.js';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';

// The audit log admin screen in real Chromium: the log lists what members did, narrows by
// action and by member as the filters change, and exports the filtered log as CSV.

const { server, openPage } = useBrowserSuite();
let owner: SignedUpUser;
let member: SignedUpUser;

beforeAll(async () => {
  owner = await newUser(server, { name: 'Ada Admin', workspaceName: 'Harbour' });
  member = await newMember(server, owner, 'MEMBER');
  const create = `mutation ($name: String!) { createCompany(input: { name: $name }) { id } }`;
  for (const [client, name] of [
    [member.client, 'Member Co'],
    [owner.client, 'Owner Co'],
  ] as const) {
    const { createCompany } = await client.data(create, { name });
    await client.data(`mutation ($id: ID!) { deleteCompany(id: $id) { id } }`, { id: createCompany.id });
  }
});

it('filters the log by action and member, and exports what is shown', async () => {
  const page = await openPage(owner, '/admin/audit');
  const rows = page.getByTestId('audit-entry');
  await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThan(2);
  const actions = () => rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-action')));
  expect(await actions()).toContain('member.invited');

  await page.getByTestId('audit-filter-action').selectOption('record.deleted');
  await expect.poll(async () => [...new Set(await actions())]).toEqual(['record.deleted']);
  await expect.poll(() => rows.count()).toBe(2);

  await page.getByTestId('audit-filter-actor').selectOption({ label: 'A MEMBER' });
  await expect.poll(() => rows.count()).toBe(1);
  expect(await rows.first().getByTestId('audit-entry-target').textContent()).toBe('Member Co');

  const download = page.waitForEvent('download');
  await page.getByTestId('audit-export').click();
  const file = await download;
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const lines = Buffer.concat(chunks).toString('utf8').trim().split('\r\n');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toMatch(/,record\.deleted,A MEMBER,/);
  expect(lines[1]).toContain('Member Co');
});

it('turns a member away', async () => {
  const page = await openPage(member, '/admin/audit');
  await expect.poll(() => page.getByTestId('admin-forbidden').count(), { timeout: 30_000 }).toBe(1);
});
