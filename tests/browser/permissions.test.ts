import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { useBrowserSuite } from '../support/browser-suite.js';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';

// Who sees what, in real Chromium: an admin builds an "Agent" profile (a refused save shows the
// server's reason beside the field it names), puts a member on it; the member's table and form
// lack the hidden field, their record page offers no editor for the read-only one, and they list
// only their own companies until the admin shares one from its record page. A team loop shows the
// server's chain beside the parent select; a granting field is ticked.

const { server, openPage } = useBrowserSuite();
let admin: SignedUpUser;
let agent: SignedUpUser;
const ids: Record<string, string> = {};

const rowNames = async (page: Page) =>
  (await page.getByTestId('record-row').getByTestId('cell-name').allTextContents())
    .map((t) => t.trim())
    .sort();

beforeAll(async () => {
  admin = await newUser(server, { name: 'Ada Admin', workspaceName: 'Brokers' });
  agent = await newMember(server, admin, 'MEMBER');
  for (const [name, owner] of [
    ['Agent Co', agent],
    ['Admin Co', admin],
    ['Shared Co', admin],
  ] as const) {
    const { createCompany } = await admin.client.data<{ createCompany: { id: string } }>(
      `mutation($input: CompanyCreateInput!) { createCompany(input: $input) { id } }`,
      { input: { name, owner: owner.userId, employees: 12 } },
    );
    ids[name] = createCompany.id;
  }
});

it('limits a member to own companies without the hidden field, and shares one from its record page', async () => {
  const page = await openPage(admin, '/admin/permissions');
  await page.getByTestId('profile-new').click();
  const editor = page.getByTestId('profile-editor');
  await editor.getByTestId('profile-name').fill('Agent');
  const company = editor.getByTestId('profile-rule-company');
  await company.getByTestId('profile-read').selectOption('OWN');
  await company.getByTestId('profile-update').selectOption('OWN');
  await company.getByTestId('profile-create').check();
  await editor.getByTestId('profile-fields-company').locator('summary').click();
  const fields = editor.getByTestId('profile-fields-company');
  // Hiding the required name from a profile that may create companies: refused, said beside it.
  await fields.getByTestId('profile-field-name').getByTestId('profile-field-access').selectOption('HIDDEN');
  await editor.getByTestId('profile-save').click();
  await expect
    .poll(() => fields.getByTestId('profile-field-name').getByTestId('profile-field-error').textContent())
    .toMatch(/required to create/);
  await screenshot(page, 'permissions-profile-refused');
  await fields.getByTestId('profile-field-name').getByTestId('profile-field-access').selectOption('EDITABLE');
  await fields
    .getByTestId('profile-field-employees')
    .getByTestId('profile-field-access')
    .selectOption('HIDDEN');
  await fields
    .getByTestId('profile-field-domain')
    .getByTestId('profile-field-access')
    .selectOption('READ_ONLY');
  await editor.getByTestId('profile-save').click();
  await editor.waitFor({ state: 'detached' });
  await page.locator('[data-testid="profile"][data-name="Agent"]').waitFor();

  const member = page.locator(`[data-testid="member-profile"][data-email="${agent.email}"]`);
  await member.getByTestId('member-profile-select').selectOption({ label: 'Agent' });
  await expect
    .poll(async () => (await admin.client.data(`{ memberProfiles { userId profileId } }`)).memberProfiles)
    .toEqual([{ userId: agent.userId, profileId: expect.any(String) }]);

  const agentPage = await openPage(agent, '/objects/company');
  await expect.poll(() => rowNames(agentPage), { timeout: 30_000 }).toEqual(['Agent Co']);
  expect(await agentPage.getByTestId('column-name').count()).toBe(1);
  expect(await agentPage.getByTestId('column-employees').count()).toBe(0);
  await agentPage.getByTestId('new-record').click();
  await agentPage.getByTestId('new-input-name').waitFor();
  expect(await agentPage.getByTestId('new-input-employees').count()).toBe(0);
  await agentPage.keyboard.press('Escape');
  // On the record page the read-only website (domain) has no editor; the name keeps its own.
  const agentRecord = await openPage(agent, `/objects/company/${ids['Agent Co']}`);
  const classes = async (testid: string) =>
    ((await agentRecord.getByTestId(testid).getAttribute('class')) ?? '').split(/\s+/);
  await expect.poll(() => classes('field-name')).toContain('editable');
  expect(await classes('field-domain')).not.toContain('editable');
  expect(await agentRecord.getByTestId('field-employees').count()).toBe(0);
  await agentRecord.close();

  // The admin still sees every company and the field.
  const adminList = await openPage(admin, '/objects/company');
  await expect.poll(() => rowNames(adminList)).toEqual(['Admin Co', 'Agent Co', 'Shared Co']);
  expect(await adminList.getByTestId('column-employees').count()).toBe(1);

  const record = await openPage(admin, `/objects/company/${ids['Shared Co']}`);
  await record.getByTestId('share-record').click();
  const dialog = record.getByTestId('share-dialog');
  await dialog.getByTestId('share-with').selectOption(`user:${agent.userId}`);
  await dialog.getByTestId('share-level').selectOption('read');
  await dialog.getByTestId('share-add').click();
  await expect.poll(() => dialog.getByTestId('share').count()).toBe(1);
  expect(await dialog.getByTestId('share').textContent()).toMatch(/A MEMBER[\s\S]*can read/);
  await screenshot(record, 'permissions-share-dialog');

  await agentPage.reload();
  await expect.poll(() => rowNames(agentPage), { timeout: 30_000 }).toEqual(['Agent Co', 'Shared Co']);

  // Taken back: gone from the member's list again.
  await dialog.getByTestId('share-remove').click();
  await expect.poll(() => dialog.getByTestId('share').count()).toBe(0);
  await agentPage.reload();
  await expect.poll(() => rowNames(agentPage), { timeout: 30_000 }).toEqual(['Agent Co']);
}, 180_000);

it('builds teams and shows the loop the server refuses beside the parent select', async () => {
  const page = await openPage(admin, '/admin/permissions');
  const saveTeam = async (name: string, parent: string | null, members: string[] = []) => {
    await page.getByTestId('team-new').click();
    const form = page.getByTestId('team-form');
    await form.getByTestId('team-name').fill(name);
    if (parent) await form.getByTestId('team-parent').selectOption({ label: parent });
    if (members.length) await form.getByTestId('team-members').selectOption(members);
    await form.getByTestId('team-save').click();
    await form.waitFor({ state: 'detached' });
  };
  await saveTeam('North', null, [agent.userId]);
  await saveTeam('North juniors', 'North');
  const north = page.locator('[data-testid="team"][data-name="North"]');
  await expect.poll(() => north.textContent()).toContain('A MEMBER');
  await expect
    .poll(() => page.locator('[data-testid="team"][data-name="North juniors"]').textContent())
    .toContain('in North');

  await north.getByTestId('team-edit').click();
  const form = page.getByTestId('team-form');
  await form.getByTestId('team-parent').selectOption({ label: 'North juniors' });
  await form.getByTestId('team-save').click();
  await expect
    .poll(() => form.getByTestId('team-parent-error').textContent())
    .toContain('North → North juniors → North');
  await screenshot(page, 'permissions-team-loop');

  // Renamed, then deleted.
  await form.getByTestId('team-parent').selectOption({ label: 'None' });
  await form.getByTestId('team-name').fill('North office');
  await form.getByTestId('team-save').click();
  await page.locator('[data-testid="team"][data-name="North office"]').waitFor();
  await page.locator('[data-testid="team"][data-name="North juniors"]').getByTestId('team-delete').click();
  await expect.poll(() => page.getByTestId('team').count()).toBe(1);

  // A task's assignee made granting: ticked here, kept by the server, still ticked after a reload.
  const tasks = () => page.locator('[data-testid="granting-object"][data-object="task"]');
  await tasks().getByTestId('granting-assignee').check();
  const granting = `{ grantingFields { objectKey fieldKeys } }`;
  await expect
    .poll(async () => (await admin.client.data(granting)).grantingFields)
    .toEqual([{ objectKey: 'task', fieldKeys: ['assignee'] }]);
  await page.reload();
  await expect.poll(() => tasks().getByTestId('granting-assignee').isChecked()).toBe(true);
}, 120_000);
