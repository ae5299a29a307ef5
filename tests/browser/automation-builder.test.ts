import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { useBrowserSuite } from '../support/browser-suite.js';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { addFields } from '../support/records.js';

// The no-code automation builder in real Chromium: a rule built in the editor is the one the
// server keeps and runs after a record is created; a refused part shows the server's message
// beside it; a MANUAL rule is a button on the record page.

const { server, openPage } = useBrowserSuite();
let owner: SignedUpUser;

beforeAll(async () => {
  owner = await newUser(server, { name: 'Ada Admin', workspaceName: 'Anvils' });
});

const createCompany = async (name: string) =>
  (
    await owner.client.data<{ createCompany: { id: string } }>(
      `mutation ($name: String!) { createCompany(input: { name: $name }) { id } }`,
      { name },
    )
  ).createCompany.id;

const tasksNamed = async (name: string) =>
  (
    await owner.client.data<{ tasks: { nodes: { id: string; name: string; dueAt: string | null }[] } }>(
      `query ($name: String!) { tasks(filter: { name: { eq: $name } }) { nodes { id name dueAt } } }`,
      { name },
    )
  ).tasks.nodes;

/** Saves the open rule form; fails with the message shown when the server refuses it. */
async function saveRule(page: Page): Promise<string> {
  await page.getByTestId('rule-save').click();
  const alert = page.getByTestId('rule-form').getByRole('alert').first();
  await Promise.race([page.waitForURL(/\/admin\/automation\/(?!new)[^/?]+$/), alert.waitFor()]);
  if (!/\/admin\/automation\/(?!new)[^/?]+$/.test(page.url()))
    throw new Error(`Refused: ${await alert.textContent()}`);
  return page.url().split('/').pop()!;
}

it('builds “when a company is created → create a task”, which runs on the next company', async () => {
  const page = await openPage(owner, '/admin');
  await page.getByTestId('admin-tab-automation').click();
  await page.getByTestId('automation-object').selectOption('company');
  await page.getByTestId('rule-new').click();

  await page.getByTestId('rule-name').fill('Call new companies');
  await page.getByTestId('trigger-kind').selectOption('RECORD_CREATED');
  await page.getByTestId('action-add').selectOption('CREATE_RECORD');
  const action = page.getByTestId('action-item').first();
  await action.getByTestId('action-object').selectOption('task');
  // The task's required title is offered at once, as text with merge fields.
  const title = action.locator('[data-testid="value-row"][data-field="name"]');
  await title.getByTestId('value-template').fill('Call ');
  await title.getByTestId('merge-field').selectOption({ label: 'Name' });
  await expect.poll(() => title.getByTestId('value-template').inputValue()).toBe('Call {{ record.name }}');
  await action.getByTestId('value-add').selectOption('dueAt');
  const due = action.locator('[data-testid="value-row"][data-field="dueAt"]');
  await due.getByTestId('value-mode').selectOption('relativeDate');
  await due.getByTestId('value-amount').fill('2');
  await due.getByTestId('value-unit').selectOption('days');
  await screenshot(page, 'automation-rule-editor');
  const ruleId = await saveRule(page);

  const rule = (
    await owner.client.data<{ automationRule: { trigger: unknown; actions: unknown; enabled: boolean } }>(
      `query ($id: ID!) { automationRule(id: $id) { trigger actions enabled } }`,
      { id: ruleId },
    )
  ).automationRule;
  expect(rule).toEqual({
    enabled: true,
    trigger: { kind: 'RECORD_CREATED' },
    actions: [
      {
        type: 'CREATE_RECORD',
        object: 'task',
        values: { name: { template: 'Call {{ record.name }}' }, dueAt: { relativeDate: { days: 2 } } },
      },
    ],
  });

  const before = Date.now();
  const companyId = await createCompany('Acme Anvils');
  // The run shows up in the rule's runs (pushed), succeeded, and its record links to the company.
  const run = page.getByTestId('run').first();
  await expect.poll(() => run.getAttribute('data-status'), { timeout: 60_000 }).toBe('SUCCEEDED');
  expect(await run.getByTestId('run-record').getAttribute('href')).toBe(`/objects/company/${companyId}`);
  await run.locator('summary').first().click();
  await expect.poll(() => run.getByTestId('run-step').count()).toBe(1);
  await run.getByTestId('run-step').locator('summary').click();
  await expect.poll(() => run.getByTestId('step-output').textContent()).toContain('Call Acme Anvils');
  await screenshot(page, 'automation-runs');

  // A test on a record says what the rule would do there, and writes nothing.
  await page.getByTestId('rule-test-open').click();
  await page.getByTestId('record-picker-search').fill('Acme');
  await page.getByTestId('record-picker-option').filter({ hasText: 'Acme Anvils' }).click();
  const result = page.getByTestId('rule-test-result');
  await expect.poll(() => result.getByTestId('rule-test-status').textContent()).toBe('Succeeded');
  await result.getByTestId('run-step').locator('summary').click();
  await expect.poll(() => result.getByTestId('step-output').textContent()).toContain('wouldCreate');

  const tasks = await tasksNamed('Call Acme Anvils');
  expect(tasks).toHaveLength(1);
  const task = tasks[0];
  const dueIn = Date.parse(task!.dueAt!) - before;
  expect(dueIn).toBeGreaterThan(47 * 3600_000);
  expect(dueIn).toBeLessThan(49 * 3600_000);

  // The rule list says what starts it and shows the run.
  await page.getByTestId('rules-back').click();
  const row = page.locator('[data-testid="rule"][data-rule="Call new companies"]');
  await expect
    .poll(() => row.getByTestId('rule-trigger-summary').textContent())
    .toContain('When a company is created');
  await expect.poll(() => row.getByTestId('rule-last-run').allTextContents()).toContain('Succeeded');
  await screenshot(page, 'automation-rules');
}, 180_000);

it('shows a refused value beside its row, and keeps nothing', async () => {
  const count = async () =>
    (await owner.client.data<{ automationRules: unknown[] }>(`{ automationRules { id } }`)).automationRules
      .length;
  const before = await count();
  const page = await openPage(owner, '/admin/automation/new?object=company');
  await page.getByTestId('rule-name').fill('Broken website');
  await page.getByTestId('action-add').selectOption('UPDATE_RECORD');
  const action = page.getByTestId('action-item').first();
  await action.getByTestId('value-add').selectOption('domain');
  const website = action.locator('[data-testid="value-row"][data-field="domain"]');
  await website.getByTestId('value-mode').selectOption('value');
  await website.getByTestId('value-literal').fill('not a web address');
  await page.getByTestId('rule-save').click();
  await expect
    .poll(() => website.getByTestId('rule-error').getAttribute('data-path'))
    .toBe('actions.0.values.domain');
  await screenshot(page, 'automation-rule-refused');
  expect(await count()).toBe(before);

  // The cron input says what it reads; a "changes to" value the field refuses sits by its input.
  await action.getByTestId('action-remove').click();
  await page.getByTestId('trigger-kind').selectOption('SCHEDULE');
  await page.getByTestId('trigger-cron').fill('30 8 * * 1-5');
  await expect.poll(() => page.getByTestId('trigger-cron-hint').textContent()).toBe('on weekdays at 08:30');
  await page.getByTestId('trigger-kind').selectOption('RECORD_UPDATED');
  await page.locator('[data-testid="trigger-field"][value="domain"]').check();
  await page.getByTestId('trigger-to-value').fill('not a web address');
  await page.getByTestId('action-add').selectOption('WAIT');
  await page.getByTestId('rule-save').click();
  await expect
    .poll(() => page.getByTestId('rule-trigger').getByTestId('rule-error').getAttribute('data-path'))
    .toBe('trigger.toValue');

  // A schedule that does not parse: its message sits by the cron input.
  await page.getByTestId('trigger-kind').selectOption('SCHEDULE');
  await page.getByTestId('trigger-cron').fill('every day');
  await expect.poll(() => page.getByTestId('trigger-cron-hint').textContent()).toMatch(/five fields/);
  await page.getByTestId('rule-save').click();
  await expect
    .poll(() => page.getByTestId('rule-trigger').getByTestId('rule-error').getAttribute('data-path'))
    .toBe('trigger.cron');
  expect(await count()).toBe(before);
}, 120_000);

it('runs a MANUAL rule from its button on the record page', async () => {
  const companyId = await createCompany('Globex');
  await owner.client.data(
    `mutation ($input: AutomationRuleInput!) { createAutomationRule(input: $input) { id } }`,
    {
      input: {
        name: 'Mark as big',
        objectKey: 'company',
        enabled: true,
        trigger: { kind: 'MANUAL' },
        actions: [{ type: 'UPDATE_RECORD', values: { employees: { value: 5000 } } }],
      },
    },
  );
  const page = await openPage(owner, `/objects/company/${companyId}`);
  const button = page.locator('[data-testid="manual-automation"][data-rule="Mark as big"]');
  await button.click();
  await expect.poll(() => page.getByTestId('manual-automation-outcome').getAttribute('role')).toBe('status');
  await expect
    .poll(() => page.getByTestId('manual-automation-status').textContent(), { timeout: 60_000 })
    .toBe('Succeeded');
  await expect
    .poll(() => page.getByTestId('field-employees').textContent(), { timeout: 60_000 })
    .toContain('5');
  const employees = (
    await owner.client.data<{ company: { employees: number } }>(
      `query ($id: ID!) { company(id: $id) { employees } }`,
      { id: companyId },
    )
  ).company.employees;
  expect(employees).toBe(5000);
  await screenshot(page, 'automation-manual-button');

  // A member sees the run on the record's timeline, and the change it made as the rule's.
  const member = await newMember(server, owner, 'MEMBER');
  const memberPage = await openPage(member, `/objects/company/${companyId}`);
  // The company's creation runs another rule too, and either run may end last: find this one.
  const entry = memberPage
    .getByTestId('timeline-automation-run')
    .filter({ hasText: 'Automation: Mark as big' });
  await expect.poll(() => entry.count(), { timeout: 30_000 }).toBe(1);
  expect(await entry.textContent()).toContain('Succeeded');
  await expect
    .poll(() => memberPage.locator('[data-kind="FIELD_CHANGE"]').first().textContent())
    .toContain('Automation: Mark as big');
  await screenshot(memberPage, 'automation-record-timeline');
}, 120_000);

it('turns a rule off and on from the list, and says why a broken rule is off', async () => {
  const { score } = await addFields(owner.client, 'deal', [{ key: 'score', type: 'NUMBER' }]);
  const create = (name: string, values: Record<string, unknown>) =>
    owner.client.data(
      `mutation ($input: AutomationRuleInput!) { createAutomationRule(input: $input) { id } }`,
      {
        input: {
          name,
          objectKey: 'deal',
          enabled: true,
          trigger: { kind: 'RECORD_CREATED' },
          actions: [{ type: 'UPDATE_RECORD', values }],
        },
      },
    );
  await create('Score new deals', { score: { value: 1 } });
  await create('Name new deals', { name: { template: 'Deal {{ record.name }}' } });
  await owner.client.data(`mutation ($id: ID!) { archiveField(id: $id) { id } }`, { id: score });

  const page = await openPage(owner, '/admin/automation?object=deal');
  const broken = page.locator('[data-testid="rule"][data-rule="Score new deals"]');
  await expect.poll(() => broken.getByTestId('rule-disabled-reason').textContent()).toMatch(/score/i);
  expect(await broken.getByTestId('rule-state').textContent()).toBe('Off until fixed');

  const named = page.locator('[data-testid="rule"][data-rule="Name new deals"]');
  await expect.poll(() => named.getByTestId('rule-enabled-toggle').isChecked()).toBe(true);
  await named.getByTestId('rule-enabled-toggle').click();
  await expect.poll(() => named.getByTestId('rule-state').textContent()).toBe('Off');
  const enabledOf = async (name: string) =>
    (
      await owner.client.data<{ automationRules: { name: string; enabled: boolean }[] }>(
        `{ automationRules(objectKey: "deal") { name enabled } }`,
      )
    ).automationRules.find((r) => r.name === name)?.enabled;
  await expect.poll(() => enabledOf('Name new deals')).toBe(false);
  await named.getByTestId('rule-enabled-toggle').click();
  await expect.poll(() => named.getByTestId('rule-state').textContent()).toBe('On');
  await expect.poll(() => enabledOf('Name new deals')).toBe(true);
  await screenshot(page, 'automation-rules-broken');

  // A run shows in the open list as it happens: pushed, nothing polls or reloads.
  await owner.client.data(`mutation { createDeal(input: { name: "Kettle" }) { id } }`);
  await expect
    .poll(() => named.getByTestId('rule-last-run').allTextContents(), { timeout: 60_000 })
    .toContain('Succeeded');
}, 180_000);

it('re-runs a failed run once what failed it is fixed', async () => {
  const { createAutomationRule: rule } = await owner.client.data<{ createAutomationRule: { id: string } }>(
    `mutation ($input: AutomationRuleInput!) { createAutomationRule(input: $input) { id } }`,
    {
      input: {
        name: 'Task per job title',
        objectKey: 'person',
        enabled: true,
        trigger: { kind: 'RECORD_CREATED' },
        // An empty job title makes an empty task title, which the task refuses.
        actions: [
          { type: 'CREATE_RECORD', object: 'task', values: { name: { template: '{{ record.jobTitle }}' } } },
        ],
      },
    },
  );
  const { createPerson: person } = await owner.client.data<{ createPerson: { id: string } }>(
    `mutation { createPerson(input: { name: "Nadia No-Title" }) { id } }`,
  );
  const page = await openPage(owner, `/admin/automation/${rule.id}`);
  const run = page.getByTestId('run').first();
  await expect.poll(() => run.getAttribute('data-status'), { timeout: 60_000 }).toBe('FAILED');
  await run.locator('summary').first().click();
  await expect.poll(() => run.getByTestId('step-error').count()).toBe(1);

  await owner.client.data(
    `mutation ($id: ID!) { updatePerson(id: $id, input: { jobTitle: "Buyer" }) { id } }`,
    { id: person.id },
  );
  await run.getByTestId('run-rerun').click();
  await expect
    .poll(() => page.getByTestId('run').first().getAttribute('data-status'), { timeout: 60_000 })
    .toBe('SUCCEEDED');
  expect(await tasksNamed('Buyer')).toHaveLength(1);
  await screenshot(page, 'automation-rerun');
}, 120_000);
