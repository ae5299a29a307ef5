import { beforeAll, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite.js';
import { screenshot } from '../support/browser.js';
import { newUser, type SignedUpUser } from '../support/client.js';

// Large tables page in as they scroll; rows group by a select field; bulk edit and delete.

const { server, openPage } = useBrowserSuite();
let owner: SignedUpUser;

beforeAll(async () => {
  owner = await newUser(server, { name: 'Bulk Betty' });
});

it('loads more rows on scroll, groups by status, bulk-edits and bulk-deletes', async () => {
  const inputs = Array.from({ length: 120 }, (_, i) => ({
    name: `Task ${String(i).padStart(3, '0')}`,
    status: i < 3 ? 'done' : 'open',
  }));
  await owner.client.data(`mutation ($inputs: [TaskCreateInput!]!) { createTasks(inputs: $inputs) { id } }`, {
    inputs,
  });
  const page = await openPage(owner, '/objects/task');
  await expect.poll(() => page.getByTestId('record-count').textContent()).toContain('120');
  const loaded = () => page.getByTestId('table-scroll').getAttribute('data-loaded');
  const rendered = () => page.getByTestId('record-row').count();
  await expect.poll(loaded).toBe('50');
  const firstId = () => page.getByTestId('record-row').first().getAttribute('data-record-id');
  const topId = await firstId();
  // Keyset paging: each time the end of the list scrolls into view, the next page loads.
  for (const expected of ['100', '120']) {
    await page.getByTestId('load-more').scrollIntoViewIfNeeded();
    await expect.poll(loaded).toBe(expected);
  }
  expect(await page.getByTestId('load-more').count()).toBe(0);
  // Virtual scrolling: only the rows near the scrolled-to window are in the page.
  expect(await rendered()).toBeGreaterThan(5);
  expect(await rendered()).toBeLessThan(60);
  expect(await firstId()).not.toBe(topId);
  await page.getByTestId('table-scroll').evaluate((el) => el.scrollTo(0, 0));
  await expect.poll(firstId).toBe(topId);

  // An edit left open while its row scrolls out of the table is saved, not lost.
  const topRow = page.locator(`[data-testid="record-row"][data-record-id="${topId}"]`);
  await topRow.getByTestId('cell-name').click();
  await topRow.getByTestId('cell-name-editor').fill('Renamed while scrolling');
  await page.getByTestId('table-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect.poll(() => topRow.count()).toBe(0);
  await expect
    .poll(
      async () =>
        (await owner.client.data(`query ($id: ID!) { task(id: $id) { name } }`, { id: topId })).task.name,
    )
    .toBe('Renamed while scrolling');
  expect(await page.getByTestId('table-unsaved').count()).toBe(0);
  await page.getByTestId('table-scroll').evaluate((el) => el.scrollTo(0, 0));

  await page.getByTestId('toggle-filters').click();
  await page.getByTestId('group-by').selectOption('status');
  const groupHeaders = () => page.getByTestId('group-row').allTextContents();
  await expect.poll(groupHeaders).toEqual([expect.stringMatching(/Open\s*117/)]);
  await page.getByTestId('toggle-filters').click();
  // The done group comes last: scroll down to it.
  await page.getByTestId('table-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect.poll(groupHeaders).toEqual([expect.stringMatching(/Done\s*3/)]);

  // Bulk edit: the three done tasks get priority "urgent".
  const done = page.getByTestId('record-row').filter({ hasText: 'Done' });
  for (let i = 0; i < 3; i++) await done.nth(i).getByTestId('select-row').check();
  await expect.poll(() => page.getByTestId('bulk-count').textContent()).toBe('3 selected');
  await page.getByTestId('bulk-field').selectOption('priority');
  await page.getByTestId('bulk-input').selectOption('urgent');
  await page.getByTestId('bulk-apply').click();
  await expect
    .poll(async () => {
      const { tasks } = await owner.client.data(
        `{ tasks(filter: { priority: { eq: "urgent" } }) { nodes { status } } }`,
      );
      return tasks.nodes.map((t: { status: string }) => t.status);
    })
    .toEqual(['done', 'done', 'done']);
  // The edited rows show the new value in place, with no error and the loaded pages kept.
  await expect.poll(() => done.first().getByTestId('cell-priority').textContent()).toContain('Urgent');
  expect(await page.getByTestId('bulk-error').count()).toBe(0);
  expect(await loaded()).toBe('120');
  await screenshot(page, 'records-bulk');

  // Bulk delete them.
  await page.getByTestId('bulk-delete').click();
  await page.getByTestId('bulk-delete-confirm').click();
  await expect.poll(loaded).toBe('117');
  await expect.poll(() => page.getByTestId('record-count').textContent()).toContain('117');
  const { tasks } = await owner.client.data(`{ tasks(first: 500) { totalCount } }`);
  expect(tasks.totalCount).toBe(117);

  // Groups count the whole table, not just the rows loaded so far.
  await page.reload();
  await expect.poll(loaded).toBe('50');
  await page.getByTestId('toggle-filters').click();
  await page.getByTestId('group-by').selectOption('status');
  await expect.poll(groupHeaders).toEqual([expect.stringMatching(/Open\s*117/)]);
  expect(await loaded()).toBe('50');
  await page.context().close();
});
