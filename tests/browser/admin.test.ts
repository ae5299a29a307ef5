import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { phone, useBrowserSuite } from '../support/browser-suite.js';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { errorOf } from '../support/records.js';
import { shippedTemplateVersion } from '../support/templates.js';

// Admin without code in real Chromium: an object, its fields and a pipeline built through
// the screens become a board; members and roles, invitations, view sharing; non-admins
// are turned away.

const { server, openPage } = useBrowserSuite();
let owner: SignedUpUser;
let member: SignedUpUser;

beforeAll(async () => {
  owner = await newUser(server, { name: 'Ada Admin', workspaceName: 'Marina' });
  member = await newMember(server, owner, 'MEMBER');
});

async function addField(page: Page, label: string, type: string, fill?: () => Promise<void>) {
  await page.getByTestId('new-field').click();
  const form = page.getByTestId('field-form-create');
  await form.getByTestId('field-label').fill(label);
  await form.getByTestId('field-type').selectOption(type);
  await fill?.();
  await form.getByTestId('field-save').click();
  // Either the form closes, or the test fails with the server's message shown in it.
  const alert = form.locator('[role="alert"]').first();
  await Promise.race([form.waitFor({ state: 'detached' }), alert.waitFor()]);
  if (await form.count()) throw new Error(`${label}: ${await alert.textContent()}`);
}

const fieldRow = (page: Page, key: string) =>
  page.locator(`[data-testid="admin-field"][data-field="${key}"]`);
const stageKeys = (page: Page) =>
  page.getByTestId('stage-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-stage')));

it('builds an object with fields and a pipeline through the screens, and it shows as a board', async () => {
  const page = await openPage(owner, '/admin');
  await page.waitForURL('**/admin/objects');
  await page.getByTestId('new-object').click();
  await page.getByTestId('object-label-singular').fill('Boat');
  await page.getByTestId('object-label-plural').fill('Boats');
  await page.getByTestId('object-icon').fill('ship');
  await page.getByTestId('object-description').fill('Boats for sale');
  await page.getByTestId('object-save').click();
  await page.locator('[data-testid="admin-object"][data-object="boat"]').waitFor();
  await page.getByTestId('nav-object-boat').waitFor();

  // A key that is taken is refused with the server's message beside the form.
  await page.getByTestId('new-object').click();
  await page.getByTestId('object-label-singular').fill('Boat');
  await page.getByTestId('object-save').click();
  await expect
    .poll(() => page.getByTestId('object-form-create').locator('[role="alert"]').count())
    .toBeGreaterThan(0);
  await page.getByTestId('object-form-create').getByRole('button', { name: 'Cancel' }).click();

  await page.locator('[data-object="boat"]').getByTestId('admin-object-fields').click();
  await page.waitForURL('**/admin/objects/boat');
  await addField(page, 'Price', 'CURRENCY', async () => {
    await page.getByTestId('field-precision').fill('0');
    await page.getByTestId('field-currency').fill('EUR');
  });
  await addField(page, 'Hull', 'SELECT', async () => {
    for (const [label, color] of [
      ['Mono hull', '#2563eb'],
      ['Catamaran', '#16a34a'],
    ] as const) {
      await page.getByTestId('choice-add').click();
      await page.getByTestId('choice-label').last().fill(label);
      await page.getByTestId('choice-color').last().fill(color);
    }
    await page.getByTestId('field-required').check();
    await page.getByTestId('field-default').fill('monoHull');
  });
  await addField(page, 'Broker', 'RELATION', async () => {
    await page.getByTestId('field-relation-target').selectOption('person');
    await page.getByTestId('field-relation-ondelete').selectOption('RESTRICT');
    await page.getByTestId('field-relation-inverse').fill('brokeredBoats');
  });
  await addField(page, 'Length', 'NUMBER', () => page.getByTestId('field-precision').fill('1'));
  expect(await fieldRow(page, 'price').textContent()).toContain('EUR');
  expect(await fieldRow(page, 'hull').textContent()).toContain('Catamaran');
  expect(await fieldRow(page, 'broker').textContent()).toContain('→ person');
  await screenshot(page, 'admin-fields');

  const { object } = await owner.client.data(`{ object(key: "boat") { labelPlural icon description fields {
    key type required defaultValue settings { precision defaultCurrency choices { key color position }
    relation { targetObjectKey onDelete inverseFieldKey } } } } }`);
  expect(object).toMatchObject({ labelPlural: 'Boats', icon: 'ship', description: 'Boats for sale' });
  const byKey = Object.fromEntries(object.fields.map((f: { key: string }) => [f.key, f]));
  expect(byKey.price.settings).toMatchObject({ precision: 0, defaultCurrency: 'EUR' });
  expect(byKey.hull).toMatchObject({ required: true, defaultValue: 'monoHull' });
  expect(byKey.hull.settings.choices).toEqual([
    { key: 'monoHull', color: '#2563eb', position: 0 },
    { key: 'catamaran', color: '#16a34a', position: 1 },
  ]);
  expect(byKey.broker.settings.relation).toEqual({
    targetObjectKey: 'person',
    onDelete: 'RESTRICT',
    inverseFieldKey: 'brokeredBoats',
  });

  // Edit a field's label, then archive and restore it.
  await fieldRow(page, 'length').getByTestId('admin-field-edit').click();
  await page.getByTestId('field-form-edit').getByTestId('field-label').fill('Length (m)');
  await page.getByTestId('field-form-edit').getByTestId('field-save').click();
  await expect.poll(() => fieldRow(page, 'length').textContent()).toContain('Length (m)');
  await fieldRow(page, 'length').getByTestId('admin-field-archive').click();
  await page.locator('[data-testid="admin-archived-field"][data-field="length"]').waitFor();
  await page.locator('[data-field="length"]').getByTestId('admin-field-restore').click();
  await fieldRow(page, 'length').waitFor();

  // A pipeline with stages, one added, reordered by drag and by the arrows, one with rules.
  await page.getByTestId('admin-tab-pipelines').click();
  await page.getByTestId('pipeline-object').selectOption('boat');
  await page.getByTestId('pipelines-empty').waitFor();
  await page.getByTestId('new-pipeline').click();
  await page.getByTestId('pipeline-label').fill('Boat sales');
  await page.getByTestId('pipeline-stages').fill('Listed, Viewing, Sold, Lost');
  await page.getByTestId('pipeline-save').click();
  await expect.poll(() => stageKeys(page)).toEqual(['listed', 'viewing', 'sold', 'lost']);
  await page.getByTestId('add-stage-label').fill('Survey');
  await page.getByTestId('add-stage').click();
  await expect.poll(() => stageKeys(page)).toEqual(['listed', 'viewing', 'sold', 'lost', 'survey']);
  const stageRow = (key: string) => page.locator(`[data-testid="stage-row"][data-stage="${key}"]`);
  // Dropped on the row's handle, not on one of its inputs, in several moves as a hand would.
  await stageRow('survey')
    .getByTestId('stage-handle')
    .dragTo(stageRow('sold').getByTestId('stage-handle'), { steps: 8 });
  await expect.poll(() => stageKeys(page)).toEqual(['listed', 'viewing', 'survey', 'sold', 'lost']);
  await stageRow('survey').getByTestId('stage-up').click();
  await expect.poll(() => stageKeys(page)).toEqual(['listed', 'survey', 'viewing', 'sold', 'lost']);

  const viewing = stageRow('viewing');
  await viewing.getByTestId('stage-label').fill('Viewing booked');
  await viewing.getByTestId('stage-probability').fill('40');
  await viewing.getByTestId('stage-wip').fill('2');
  await viewing.getByTestId('stage-required').selectOption(['price']);
  await viewing.getByTestId('stage-color').fill('#9333ea');
  await viewing.getByTestId('stage-save').click();
  await expect.poll(() => viewing.getByTestId('stage-save').isEnabled()).toBe(true);
  await stageRow('sold').getByTestId('stage-kind').selectOption('WON');
  await stageRow('sold').getByTestId('stage-probability').fill('100');
  await stageRow('sold').getByTestId('stage-save').click();
  await stageRow('lost').getByTestId('stage-remove').click();
  await expect.poll(() => stageKeys(page)).toEqual(['listed', 'survey', 'viewing', 'sold']);

  // An entry condition without code: Sold takes a boat of 8 m or more (filter rows like a view's).
  const sold = stageRow('sold');
  await sold.getByTestId('stage-conditions').locator('summary').click();
  await expect.poll(() => sold.getByTestId('stage-conditions-count').textContent()).toContain('(0)');
  await sold.getByTestId('stage-condition-add').click();
  await sold.getByTestId('stage-condition-label').fill('At least 8 m long');
  await sold.getByTestId('add-filter').click();
  await sold.getByTestId('filter-field').selectOption('length');
  await sold.getByTestId('filter-op').selectOption('gte');
  await sold.getByTestId('filter-value').fill('8');
  await sold.getByTestId('stage-conditions-save').click();
  await expect
    .poll(() => sold.getByTestId('stage-conditions').locator('summary').textContent())
    .toContain('(1)');
  await screenshot(page, 'admin-pipelines');
  const move = `mutation ($id: ID!) { moveRecord(input: { object: "boat", id: $id, stage: "sold", afterId: null, beforeId: null }) { id } }`;
  const { createBoat: dinghy } = await owner.client.data(
    `mutation { createBoat(input: { name: "Dinghy", stage: "listed", price: { amount: 900 }, length: 3.5 }) { id } }`,
  );
  const refused = await owner.client.request(move, { id: dinghy.id });
  expect(errorOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT' });
  expect(errorOf(refused).message).toContain('At least 8 m long');
  await owner.client.data(`mutation ($id: ID!) { updateBoat(id: $id, input: { length: 8.5 }) { id } }`, {
    id: dinghy.id,
  });
  await owner.client.data(move, { id: dinghy.id });

  const { board } = await owner.client.data(`{ board(object: "boat") { columns { stage {
    key label probability wipLimit requiredFields color kind } } } }`);
  expect(board.columns.map((c: { stage: unknown }) => c.stage)).toEqual([
    {
      key: 'listed',
      label: 'Listed',
      probability: 50,
      wipLimit: null,
      requiredFields: [],
      color: expect.any(String),
      kind: 'OPEN',
    },
    {
      key: 'survey',
      label: 'Survey',
      probability: 50,
      wipLimit: null,
      requiredFields: [],
      color: expect.any(String),
      kind: 'OPEN',
    },
    {
      key: 'viewing',
      label: 'Viewing booked',
      probability: 40,
      wipLimit: 2,
      requiredFields: ['price'],
      color: '#9333ea',
      kind: 'OPEN',
    },
    {
      key: 'sold',
      label: 'Sold',
      probability: 100,
      wipLimit: null,
      requiredFields: [],
      color: expect.any(String),
      kind: 'WON',
    },
  ]);

  // It is a board now: the sidebar links it and it shows the stages as columns.
  await owner.client.data(
    `mutation { createBoat(input: { name: "Blue Moon", stage: "listed", price: { amount: 42000 } }) { id } }`,
  );
  await page.getByTestId('nav-board-boat').click();
  await page.getByTestId('board-columns').waitFor();
  await expect
    .poll(() =>
      page.getByTestId('board-column').evaluateAll((cols) => cols.map((c) => c.getAttribute('data-stage'))),
    )
    .toEqual(['listed', 'survey', 'viewing', 'sold']);
  await page.locator('[data-testid="board-card"][data-title="Blue Moon"]').waitFor();

  // Edit an object's names, archive it (its link leaves the sidebar) and restore it.
  await page.getByTestId('nav-admin').click();
  const boat = page.locator('[data-testid="admin-object"][data-object="boat"]');
  await boat.getByTestId('admin-object-edit').click();
  await page.getByTestId('object-form-edit').getByTestId('object-label-plural').fill('Vessels');
  await page.getByTestId('object-form-edit').getByTestId('object-save').click();
  await expect.poll(() => page.getByTestId('nav-object-boat').textContent()).toContain('Vessels');
  await boat.getByTestId('admin-object-archive').click();
  await page.getByTestId('admin-archived-object').filter({ hasText: 'Vessels' }).waitFor();
  await expect.poll(() => page.getByTestId('nav-object-boat').count()).toBe(0);
  await page.getByTestId('admin-archived-object').getByTestId('admin-object-restore').click();
  await page.getByTestId('nav-object-boat').waitFor();
  await page.context().close();
});

it('changes roles, invites, shares views, and keeps non-admins out', async () => {
  const { createView } = await owner.client.data(
    `mutation { createView(input: { object: "company", name: "Owner's list", type: TABLE }) { id shared } }`,
  );
  expect(createView.shared).toBe(false);
  const page = await openPage(owner, '/admin/members', phone);
  const memberRow = page.locator(`[data-testid="admin-member"][data-email="${member.email}"]`);
  await memberRow.getByTestId('admin-member-role').selectOption('VIEWER');
  await expect
    .poll(
      async () =>
        (await owner.client.data(`{ members { role user { id } } }`)).members.find(
          (m: { user: { id: string } }) => m.user.id === member.userId,
        )?.role,
    )
    .toBe('VIEWER');
  await page.getByTestId('invite-email').fill('new.sailor@example.com');
  await page.getByTestId('invite-submit').click();
  await expect.poll(() => page.getByTestId('invite-token').textContent()).toMatch(/\S{20,}/);
  await page.getByTestId('admin-invitation').waitFor();
  await screenshot(page, 'admin-members-phone');

  // The field builder fits a phone too.
  await page.goto(`${server.url}/admin/objects/company`);
  await page.getByTestId('new-field').click();
  await page.getByTestId('field-type').selectOption('SELECT');
  await page.getByTestId('choice-add').click();
  await page.getByTestId('choice-label').fill('Key account');
  await screenshot(page, 'admin-field-form-phone');

  await page.getByTestId('admin-tab-views').click();
  await page.getByTestId('views-object').selectOption('company');
  const view = page.locator(`[data-testid="admin-view"][data-view="Owner's list"]`);
  await view.getByTestId('admin-view-toggle').click();
  await expect.poll(() => view.getByTestId('admin-view-state').textContent()).toBe('Shared');
  const { view: saved } = await owner.client.data(`query ($id: ID!) { view(id: $id) { shared } }`, {
    id: createView.id,
  });
  expect(saved.shared).toBe(true);
  await page.context().close();

  // The member (a viewer now) sees no Admin link and is turned away from the screens.
  const viewerPage = await openPage(member, '/admin/objects');
  await viewerPage.getByTestId('admin-forbidden').waitFor();
  expect(await viewerPage.getByTestId('nav-admin').count()).toBe(0);
  expect(await viewerPage.getByTestId('new-object').count()).toBe(0);
  await viewerPage.context().close();
});

it(
  'installs a template with its sample data from the gallery, then removes the sample data',
  { timeout: 240_000 },
  async () => {
    const page = await openPage(owner, '/admin/templates');
    const card = page.locator('[data-testid="template-card"][data-template="real-estate"]');
    await card.getByTestId('template-sample-data').check();
    await card.getByTestId('template-preview').click();
    await card.getByTestId('template-plan').waitFor();
    expect(await card.getByTestId('template-plan').textContent()).toMatch(/sample/i);
    await card.getByTestId('template-install').click();
    // Installing a template with its sample data (hundreds of records, their matches) is the longest
    // write of the product: on a loaded machine it takes well over the polls' usual 20 s.
    const installBudget = { timeout: 90_000 };
    await expect
      .poll(() => card.getByTestId('template-status').textContent(), installBudget)
      .toContain(`Installed (version ${shippedTemplateVersion('real-estate')})`);

    // Previewing again: nothing left to do.
    await card.getByTestId('template-preview').click();
    await expect.poll(() => card.getByTestId('template-plan').textContent()).toContain('up to date');
    expect(await card.getByTestId('template-install').count()).toBe(0);

    const removeButton = card.getByTestId('template-remove-samples');
    const [, offered] = /\((\d+)\)/.exec((await removeButton.textContent()) ?? '') ?? [];
    expect(Number(offered)).toBeGreaterThan(0);
    await removeButton.click();
    await expect
      .poll(() => card.getByTestId('template-notice').textContent(), installBudget)
      .toContain(`Removed ${offered} sample records`);
    // Nothing is left to remove, so the button is gone.
    expect(await removeButton.count()).toBe(0);
    await screenshot(page, 'admin-templates');
    await page.context().close();
  },
);
