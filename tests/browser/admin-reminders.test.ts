import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite.js';
import { newUser, type SignedUpUser } from '../support/client.js';

// Reminders set by an admin without code in real Chromium: a rule on a task's due date made
// in the field screen is the one the server keeps; an invalid one shows the server's message
// beside its input.

const { server, openPage } = useBrowserSuite();
let owner: SignedUpUser;

beforeAll(async () => {
  owner = await newUser(server, { name: 'Ada Admin', workspaceName: 'Marina' });
});

interface Rule {
  field: string;
  minutesBefore: number;
  recipients: string[];
  doneField: string | null;
  doneValues: string[];
}
const taskRules = async () =>
  (
    await owner.client.data<{ reminderRules: Rule[] }>(
      `{ reminderRules(object: "task") { field minutesBefore recipients doneField doneValues } }`,
    )
  ).reminderRules.filter((r) => r.field === 'dueAt');

const dueAtReminders = (page: Page) => page.locator('[data-testid="reminders"][data-field="dueAt"]');

it('adds a reminder on a task’s due date 30 minutes before to the assignee', async () => {
  const before = await taskRules();
  const page = await openPage(owner, '/admin/objects/task');
  const reminders = dueAtReminders(page);
  await reminders.getByTestId('reminder-add').click();
  const form = reminders.getByTestId('reminder-form');
  await form.getByTestId('reminder-amount').fill('30');
  await form.getByTestId('reminder-unit').selectOption('minutes');
  await form.locator('[data-testid="reminder-recipient"][value="assignee"]').check();
  await form.getByTestId('reminder-done-field').selectOption('status');
  await form.locator('[data-testid="reminder-done-value"][value="done"]').check();
  await form.getByTestId('reminder-save').click();
  // Either the form closes, or the test fails with the server's message shown in it.
  const alert = form.getByRole('alert').first();
  await Promise.race([form.waitFor({ state: 'detached' }), alert.waitFor()]);
  if (await form.count()) throw new Error(`Refused: ${await alert.textContent()}`);

  await expect
    .poll(() => reminders.getByTestId('reminder-words').allTextContents())
    .toContain('30 minutes before, to Assignee, until Status is Done');
  const after = await taskRules();
  expect(after).toHaveLength(before.length + 1);
  expect(after).toContainEqual({
    field: 'dueAt',
    minutesBefore: 30,
    recipients: ['assignee'],
    doneField: 'status',
    doneValues: ['done'],
  });
});

it('shows the server’s message beside the input it is about, and keeps nothing', async () => {
  const before = await taskRules();
  const page = await openPage(owner, '/admin/objects/task');
  const reminders = dueAtReminders(page);
  await reminders.getByTestId('reminder-add').click();
  const form = reminders.getByTestId('reminder-form');
  // 400 days: beyond the year and a day the server allows.
  await form.getByTestId('reminder-amount').fill('400');
  await form.getByTestId('reminder-unit').selectOption('days');
  await form.locator('[data-testid="reminder-recipient"][value="assignee"]').check();
  await form.getByTestId('reminder-save').click();
  const alert = form.getByTestId('reminder-amount').locator('xpath=ancestor::label').getByRole('alert');
  await expect.poll(() => alert.textContent()).toMatch(/minutesBefore: a whole number from 0 to 527040/);

  // Without a recipient, the message sits by the recipients.
  await form.getByTestId('reminder-amount').fill('1');
  await form.locator('[data-testid="reminder-recipient"][value="assignee"]').uncheck();
  await form.getByTestId('reminder-save').click();
  await expect
    .poll(() => form.locator('fieldset').first().getByRole('alert').textContent())
    .toMatch(/recipients: 1 to/);
  expect(await taskRules()).toEqual(before);
});
