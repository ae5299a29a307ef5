import { beforeAll, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite.js';
import { screenshot } from '../support/browser.js';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';

// The record page's timeline in real Chromium: a call logged from the page lands on it as a
// done call task linked to the record; another member's change appears without a reload;
// kind chips filter, and "Show more" pages back.

const { server, openPage } = useBrowserSuite();
let owner: SignedUpUser;
let member: SignedUpUser;

beforeAll(async () => {
  owner = await newUser(server, { name: 'Olga Owner', workspaceName: 'Timeline Co' });
  member = await newMember(server, owner, 'MEMBER');
});

async function createDeal(name: string): Promise<string> {
  const { createDeal } = await owner.client.data<{ createDeal: { id: string } }>(
    `mutation ($input: DealCreateInput!) { createDeal(input: $input) { id } }`,
    { input: { name } },
  );
  return createDeal.id;
}

async function updateDeal(id: string, input: Record<string, unknown>): Promise<void> {
  await owner.client.data(
    `mutation ($id: ID!, $input: DealUpdateInput!) { updateDeal(id: $id, input: $input) { id } }`,
    {
      id,
      input,
    },
  );
}

it('logs a call from the record page, and shows another member’s change live', async () => {
  const id = await createDeal('Harbour berth');
  const page = await openPage(member, `/objects/deal/${id}`);
  await page.getByTestId('record-title').waitFor();
  await expect.poll(() => page.getByTestId('timeline-entry').count()).toBeGreaterThanOrEqual(2);
  // Set on this document: still there after the pushes below means the page was never reloaded.
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  await page.getByTestId('quick-call').click();
  await page.getByTestId('quick-title').fill('Call with the buyer');
  await page.getByTestId('quick-text').fill('Wants a berth by May.');
  await page.getByTestId('quick-save').click();
  await page.getByTestId('quick-form').waitFor({ state: 'detached' });
  const first = page.getByTestId('timeline-entry').first();
  await expect.poll(() => first.textContent()).toContain('Call with the buyer');
  expect(await first.getAttribute('data-kind')).toBe('TASK');
  expect(await first.textContent()).toMatch(/Call\s*Call with the buyer/);

  // Through the API: a done call task, linked to the deal, assigned to the member.
  const { tasks } = await owner.client.data<{
    tasks: {
      nodes: {
        name: string;
        type: string;
        status: string;
        deal: { id: string } | null;
        assignee: { id: string } | null;
      }[];
    };
  }>(`{ tasks(first: 10) { nodes { name type status deal { id } assignee { id } } } }`);
  expect(tasks.nodes).toEqual([
    {
      name: 'Call with the buyer',
      type: 'call',
      status: 'done',
      deal: { id },
      assignee: { id: member.userId },
    },
  ]);

  await updateDeal(id, { stage: 'qualified' });
  await expect.poll(() => first.textContent()).toMatch(/moved Stage from\s*Lead\s*to\s*Qualified/);
  await updateDeal(id, { name: 'Harbour berth (two boats)' });
  await expect.poll(() => first.textContent()).toContain('two boats');
  expect(await first.getAttribute('data-kind')).toBe('FIELD_CHANGE');
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  await screenshot(page, 'record-timeline');
  await page.context().close();
});

it('filters by kind with the chips and pages back with Show more', async () => {
  const id = await createDeal('Many changes');
  for (let i = 1; i <= 24; i++) await updateDeal(id, { probability: i });
  const page = await openPage(member, `/objects/deal/${id}`);
  await expect.poll(() => page.getByTestId('timeline-entry').count()).toBe(20);
  await page.getByTestId('timeline-more').click();
  // 24 changes, the creation and the first stage.
  await expect.poll(() => page.getByTestId('timeline-entry').count()).toBe(26);
  await page.getByTestId('timeline-more').waitFor({ state: 'detached' });

  await page.getByTestId('timeline-kind-FIELD_CHANGE').click();
  await expect.poll(() => page.getByTestId('timeline-entry').count()).toBe(1);
  expect(await page.getByTestId('timeline-entry').first().getAttribute('data-kind')).toBe('STAGE_MOVE');
  await page.context().close();
});

it('adds a note and a task with a due date and a reminder from the record page', async () => {
  const id = await createDeal('Quick actions');
  const page = await openPage(member, `/objects/deal/${id}`);
  await page.getByTestId('record-title').waitFor();

  await page.getByTestId('quick-note').click();
  await page.getByTestId('quick-title').fill('Budget confirmed');
  await page.getByTestId('quick-text').fill('Up to 40k.');
  await page.getByTestId('quick-save').click();
  const first = page.getByTestId('timeline-entry').first();
  await expect.poll(() => first.textContent()).toContain('Budget confirmed');
  expect(await first.getAttribute('data-kind')).toBe('NOTE');

  await page.getByTestId('quick-task').click();
  await page.getByTestId('quick-title').fill('Send the contract');
  await page.getByTestId('quick-due').fill('2030-05-06T09:30');
  await page.getByTestId('quick-remind').fill('2030-05-06T08:30');
  await page.getByTestId('quick-save').click();
  await expect.poll(() => first.textContent()).toContain('Send the contract');
  expect(await first.getAttribute('data-kind')).toBe('TASK');

  const expected = await page.evaluate(() => [
    new Date('2030-05-06T09:30').toISOString(),
    new Date('2030-05-06T08:30').toISOString(),
  ]);
  const { tasks, notes } = await owner.client.data<{
    tasks: { nodes: { name: string; type: string; status: string; dueAt: string; remindAt: string }[] };
    notes: { nodes: { name: string; body: string }[] };
  }>(
    `query ($deal: ID!) {
      tasks(filter: { deal: { eq: $deal } }) { nodes { name type status dueAt remindAt } }
      notes(filter: { deal: { eq: $deal } }) { nodes { name body } }
    }`,
    { deal: id },
  );
  expect(tasks.nodes).toEqual([
    { name: 'Send the contract', type: 'todo', status: 'open', dueAt: expected[0], remindAt: expected[1] },
  ]);
  expect(notes.nodes).toEqual([{ name: 'Budget confirmed', body: 'Up to 40k.' }]);
  await page.context().close();
});

it('shows comments with mentions by name, live, behind their own chip, and leads to the thread', async () => {
  const id = await createDeal('Talked through');
  const comment = `mutation ($recordId: ID!, $body: String!) { addComment(object: "deal", recordId: $recordId, body: $body) { id } }`;
  const { addComment } = await owner.client.data<{ addComment: { id: string } }>(comment, {
    recordId: id,
    body: `<@${owner.userId}> will send the survey`,
  });
  const page = await openPage(member, `/objects/deal/${id}`);
  const comments = page.locator('[data-testid="timeline-entry"][data-kind="COMMENT"]');
  await expect.poll(() => comments.count()).toBe(1);
  expect(await comments.first().textContent()).toMatch(
    /Olga Owner\s*commented\s*@Olga Owner will send the survey/,
  );
  expect(await comments.first().textContent()).not.toContain(owner.userId);

  // Edited and deleted elsewhere: the entry follows without a reload.
  await owner.client.data(`mutation ($id: ID!) { editComment(id: $id, body: "Survey sent") { id } }`, {
    id: addComment.id,
  });
  await expect.poll(() => comments.first().textContent()).toMatch(/\(edited\)\s*Survey sent/);
  const { addComment: second } = await owner.client.data<{ addComment: { id: string } }>(comment, {
    recordId: id,
    body: 'Buyer replied',
  });
  await expect.poll(() => comments.count()).toBe(2);
  expect(await page.getByTestId('timeline-entry').first().getAttribute('data-kind')).toBe('COMMENT');
  await owner.client.data(`mutation ($id: ID!) { deleteComment(id: $id) }`, { id: second.id });
  await expect.poll(() => comments.count()).toBe(1);

  // The link brings the comment in the thread below into view; the chip hides comments.
  await screenshot(page, 'record-timeline-comments');
  expect(await page.getByTestId('timeline-comment-open').textContent()).toContain('Reply in the thread');
  await page.getByTestId('timeline-comment-open').click();
  const inThread = page.locator(`[data-comment-id="${addComment.id}"]`);
  await expect.poll(() => inThread.isVisible()).toBe(true);
  await expect
    .poll(() =>
      inThread.evaluate((el) => {
        const box = el.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
      }),
    )
    .toBe(true);
  await page.getByTestId('timeline-kind-COMMENT').click();
  await expect.poll(() => comments.count()).toBe(0);
  expect(await page.getByTestId('timeline-entry').count()).toBeGreaterThan(0);
  await page.context().close();
});
