import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { desktop, phone, useBrowserSuite } from '../support/browser-suite.js';
import { TestClient, uniqueEmail } from '../support/client.js';

// The record table in real Chromium: create through the generated form, edit inline, filter,
// sort, save a view, export CSV, and the record page; then the same screens on a phone.

const { server, newContext } = useBrowserSuite();
const email = uniqueEmail('table');
const password = 'a long enough password';

const rowNames = (page: Page) => page.getByTestId('record-row').getByTestId('cell-name').allTextContents();
const trimmed = async (page: Page) => (await rowNames(page)).map((t) => t.trim());

/** A row by its record id, so it stays found while its text turns into an editor. */
async function rowOf(page: Page, text: string) {
  const id = await page.getByTestId('record-row').filter({ hasText: text }).getAttribute('data-record-id');
  return page.locator(`[data-record-id="${id}"]`);
}

async function createCompany(page: Page, name: string, employees: string) {
  await page.getByTestId('new-record').click();
  await page.getByTestId('new-input-name').fill(name);
  await page.getByTestId('new-input-employees').fill(employees);
  await page.getByTestId('new-record-submit').click();
  await page.getByTestId('new-record-form').waitFor({ state: 'detached' });
}

/** The server's view of the workspace, as the signed-up user. */
async function apiClient(): Promise<TestClient> {
  const client = new TestClient(server);
  await client.data(`mutation ($input: SignInInput!) { signIn(input: $input) { user { id } } }`, {
    input: { email, password },
  });
  return client;
}

it('creates, edits, filters, sorts, saves a view and exports CSV through the table', async () => {
  const context = await newContext({ viewport: desktop, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(`${server.url}/sign-up`);
  await page.getByTestId('sign-up-name').fill('Tess Table');
  await page.getByTestId('sign-up-email').fill(email);
  await page.getByTestId('sign-up-password').fill(password);
  await page.getByTestId('sign-up-workspace-name').fill('Table Co');
  await page.getByTestId('sign-up-submit').click();
  await expect.poll(() => page.getByTestId('current-workspace-name').textContent()).toBe('Table Co');

  await page.getByTestId('nav-object-company').click();
  await page.getByTestId('table-empty').waitFor();

  // Required fields are marked and checked beside the field.
  await page.getByTestId('new-record').click();
  await expect.poll(() => page.getByTestId('new-field-name').textContent()).toContain('*');
  await page.getByTestId('new-record-submit').click();
  await expect.poll(() => page.getByTestId('new-error-name').textContent()).toContain('required');
  await page.keyboard.press('Escape');
  await page.getByTestId('new-record-form').waitFor({ state: 'detached' });

  await createCompany(page, 'Acme', '50');
  await createCompany(page, 'Globex', '10');
  await createCompany(page, 'Initech', '200');
  await expect.poll(() => page.getByTestId('record-row').count()).toBe(3);

  // Inline edit: click the cell, type, Enter.
  const globex = await rowOf(page, 'Globex');
  await globex.getByTestId('cell-name').click();
  await globex.getByTestId('cell-name-editor').fill('Globex Corp');
  await globex.getByTestId('cell-name-editor').press('Enter');
  await expect.poll(() => trimmed(page)).toContain('Globex Corp');
  const api = await apiClient();
  const { companies } = await api.data(`{ companies(sort: [{ field: name }]) { nodes { name employees } } }`);
  expect(companies.nodes).toEqual([
    { name: 'Acme', employees: 50 },
    { name: 'Globex Corp', employees: 10 },
    { name: 'Initech', employees: 200 },
  ]);

  // A refused value shows the server's message beside the cell.
  const acme = await rowOf(page, 'Acme');
  await acme.getByTestId('cell-domain').click();
  await acme.getByTestId('cell-domain-editor').fill('not a url');
  await acme.getByTestId('cell-domain-editor').press('Enter');
  await expect.poll(() => acme.getByTestId('cell-domain-error').textContent()).toMatch(/url/i);
  await acme.getByTestId('cell-domain-editor').press('Escape');

  // Filter employees ≥ 20, sort by employees descending.
  await page.getByTestId('toggle-filters').click();
  await page.getByTestId('add-filter').click();
  await page.getByTestId('filter-field').selectOption('employees');
  await page.getByTestId('filter-op').selectOption('gte');
  await page.getByTestId('filter-value').fill('20');
  await page.getByTestId('filter-value').press('Tab');
  await expect.poll(async () => (await trimmed(page)).sort()).toEqual(['Acme', 'Initech']);
  await page.getByTestId('add-sort').click();
  await page.getByTestId('sort-field').selectOption('employees');
  await page.getByTestId('sort-direction').selectOption('DESC');
  await expect.poll(() => trimmed(page)).toEqual(['Initech', 'Acme']);
  // A second condition narrows (all) or widens (any) the match.
  await page.getByTestId('add-filter').click();
  await page.getByTestId('filter-field').nth(1).selectOption('name');
  await page.getByTestId('filter-op').nth(1).selectOption('startsWith');
  await page.getByTestId('filter-value').nth(1).fill('Glo');
  await page.getByTestId('filter-value').nth(1).press('Tab');
  await expect.poll(() => page.getByTestId('table-empty').textContent()).toContain('No records match');
  await page.getByTestId('filter-match').selectOption('any');
  await expect.poll(() => trimmed(page)).toEqual(['Initech', 'Acme', 'Globex Corp']);
  await page.getByTestId('filter-row').nth(1).getByRole('button', { name: 'Remove condition' }).click();
  await expect.poll(() => trimmed(page)).toEqual(['Initech', 'Acme']);
  expect(await page.getByTestId('filter-match').count()).toBe(0);
  await screenshot(page, 'records-table');

  // Save it as a view.
  await page.getByTestId('view-save-as').click();
  await page.getByTestId('view-name').fill('Big companies');
  await page.getByTestId('view-name-submit').click();
  await expect
    .poll(() => page.getByTestId('view-picker').locator('option:checked').textContent())
    .toContain('Big companies');
  const { views } = await api.data(`{ views(object: "company") { name filter sort } }`);
  expect(views).toEqual([
    {
      name: 'Big companies',
      filter: { employees: { gte: 20 } },
      sort: [{ field: 'employees', direction: 'DESC' }],
    },
  ]);

  // Export the view: every page, its filter, sort and columns.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-csv').click(),
  ]);
  expect(download.suggestedFilename()).toBe('companies.csv');
  const csv = await readFile((await download.path())!, 'utf8');
  const lines = csv.trim().split('\r\n');
  expect(lines[0]).toMatch(/^Name,Website,Industry,Employees,/);
  expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['Initech', 'Acme']);
  expect(lines[1]).toContain(',200,');

  // Back to all records, then the saved view restores filter and sort.
  await page.getByTestId('view-picker').selectOption('');
  await expect.poll(() => page.getByTestId('record-row').count()).toBe(3);
  // A column header sorts: ascending, then descending.
  await page.getByTestId('column-name').getByRole('button').click();
  await expect.poll(() => trimmed(page)).toEqual(['Acme', 'Globex Corp', 'Initech']);
  await page.getByTestId('column-name').getByRole('button').click();
  await expect.poll(() => trimmed(page)).toEqual(['Initech', 'Globex Corp', 'Acme']);
  await page.getByTestId('view-picker').selectOption({ label: 'Big companies' });
  await expect.poll(() => trimmed(page)).toEqual(['Initech', 'Acme']);

  // A person linked to Acme through the relation picker, then Acme's page lists them.
  await page.getByTestId('nav-object-person').click();
  await page.getByTestId('table-empty').waitFor();
  await page.keyboard.press('n');
  await page.getByTestId('new-input-name').fill('Bea Buyer');
  await page.getByTestId('new-input-email').fill('not-an-email');
  await page.getByTestId('new-field-company').getByRole('searchbox').fill('Acm');
  await page
    .getByTestId('new-field-company')
    .getByTestId('relation-option')
    .filter({ hasText: 'Acme' })
    .click();
  await page.getByTestId('new-record-submit').click();
  await expect.poll(() => page.getByTestId('new-error-email').textContent()).toMatch(/e-mail/i);
  await page.getByTestId('new-input-email').fill('bea@example.com');
  await page.getByTestId('new-record-submit').click();
  await page.getByTestId('new-record-form').waitFor({ state: 'detached' });
  await expect
    .poll(() => page.getByTestId('record-row').getByTestId('cell-company').textContent())
    .toContain('Acme');

  await page.getByTestId('record-row').getByTestId('cell-company').getByRole('link').click();
  await expect.poll(() => page.getByTestId('record-title').textContent()).toBe('Acme');
  await expect.poll(() => page.getByTestId('related-people').textContent()).toContain('Bea Buyer');
  await expect.poll(() => page.getByTestId('timeline-entry').count()).toBeGreaterThanOrEqual(1);
  await page.getByTestId('field-industry').click();
  await page.getByTestId('field-industry-editor').fill('Anvils');
  await page.getByTestId('field-industry-editor').press('Enter');
  await expect.poll(() => page.getByTestId('timeline-entry').first().textContent()).toContain('Anvils');
  await screenshot(page, 'record-page');

  // Global search finds records across objects; recent records list the visited one.
  await page.keyboard.press('/');
  await page.keyboard.type('Bea');
  await expect
    .poll(() => page.getByTestId('search-hit').allTextContents())
    .toEqual([expect.stringContaining('Bea Buyer')]);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId('record-title').textContent()).toBe('Bea Buyer');
  await expect
    .poll(() => page.getByTestId('nav-recent').allTextContents())
    .toEqual([expect.stringContaining('Bea Buyer'), expect.stringContaining('Acme')]);

  // Her company changes on her page; the history names both companies.
  await page.getByTestId('field-company').click();
  await page.getByTestId('field-company').getByRole('searchbox').fill('Glo');
  await page
    .getByTestId('field-company')
    .getByTestId('relation-option')
    .filter({ hasText: 'Globex' })
    .click();
  await expect
    .poll(() => page.getByTestId('timeline-entry').first().textContent())
    .toMatch(/Company:\s*Acme\s*→\s*Globex Corp/);
  await context.close();
});

it('fits a phone: the sidebar opens from the menu button and nothing overflows', async () => {
  const context = await newContext({ viewport: phone, isMobile: true });
  const page = await context.newPage();
  await page.goto(`${server.url}/sign-in`);
  await page.getByTestId('sign-in-email').fill(email);
  await page.getByTestId('sign-in-password').fill(password);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('current-workspace-name').waitFor();

  expect(await page.getByTestId('sidebar').isVisible()).toBe(false);
  await page.getByTestId('menu-button').click();
  await screenshot(page, 'shell-phone-menu');
  await page.getByTestId('nav-object-company').click();
  await expect.poll(() => page.getByTestId('sidebar').isVisible()).toBe(false);
  await expect.poll(() => page.getByTestId('record-row').count()).toBe(3);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, 'records-table-phone');

  await page.getByTestId('record-row').first().getByTestId('open-record').click();
  await page.getByTestId('record-title').waitFor();
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
  ).toBeLessThanOrEqual(0);
  await screenshot(page, 'record-page-phone');
  await context.close();
});
