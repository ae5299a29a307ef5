import { readFile } from 'node:fs/promises';
import type { Page, Request } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite.js';
import { cuttableSocket } from '../support/browser.js';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';

// Reports in real Chromium: a report built without code (deals, grouped by month of the
// expected close date, sum of amount, as bars), saved to a new dashboard; another member's deal
// grows the bar live (its result pushed, not asked for); the bar opens its records; the exported CSV's total is the chart's.

const { server, openPage, newPage } = useBrowserSuite();
let owner: SignedUpUser;
let member: SignedUpUser;
let harbour: string;

// The 15th of this month (UTC, like the browser and the report's zone here): one bar.
const now = new Date();
const month = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
const createDeal = `mutation ($input: DealCreateInput!) { createDeal(input: $input) { id } }`;
const deal = (name: string, amount: number) => ({
  input: { name, stage: 'lead', amount: { amount, currency: 'USD' }, closeDate: `${month}-15` },
});

beforeAll(async () => {
  owner = await newUser(server, { name: 'Rita Reports', workspaceName: 'Charts Co' });
  member = await newMember(server, owner, 'MEMBER');
  harbour = (await owner.client.data<{ createDeal: { id: string } }>(createDeal, deal('Harbour deal', 1000)))
    .createDeal.id;
});
const setAmount = (id: string, amount: number) =>
  owner.client.data(
    `mutation ($id: ID!, $input: DealUpdateInput!) { updateDeal(id: $id, input: $input) { id } }`,
    {
      id,
      input: { amount: { amount, currency: 'USD' } },
    },
  );

/** The chart's figures, from the table every canvas chart carries for screen readers. */
const chartValues = (page: Page) =>
  page
    .getByTestId('chart-data')
    .first()
    .locator('td')
    .evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-value'))));

it('builds a report without code, shows it live on a dashboard, drills down and exports its totals', async () => {
  const page = await newPage(owner);
  const socket = await cuttableSocket(page);
  await page.goto(`${server.url}/reports/new`);
  await page.getByTestId('report-object').selectOption('deal');
  await page.getByTestId('group-field-0').selectOption('closeDate');
  await expect.poll(() => page.getByTestId('group-bucket-0').inputValue()).toBe('MONTH');
  await page.getByTestId('measure-kind-0').selectOption('SUM');
  await expect.poll(() => page.getByTestId('measure-field-0').inputValue()).toBe('amount');
  await page.getByTestId('report-chart-type').selectOption('BAR');
  // The live preview runs the unsaved definition.
  await expect.poll(() => chartValues(page), { timeout: 20_000 }).toEqual([1000]);

  await page.getByTestId('report-name').fill('Deals by month');
  await page.getByTestId('report-save').click();
  await page.waitForURL(/\/reports\/[0-9a-f-]{36}/);
  await page.getByTestId('new-dashboard-name').fill('Sales floor');
  await page.getByTestId('add-to-dashboard-button').click();
  await page.waitForURL(/\/dashboards\/[0-9a-f-]{36}/);
  await expect.poll(() => page.getByTestId('dashboard-title').textContent()).toBe('Sales floor');
  await expect.poll(() => chartValues(page), { timeout: 20_000 }).toEqual([1000]);

  // Another member's deal: the bar grows, its new result pushed by dashboardRefresh, with no
  // reload and no request of the page's own (the event carries the widget's result).
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  const asked: string[] = [];
  // The shell's objects and saved views are read again after a reconnect (their feeds take no
  // cursor); the dashboard itself asks nothing.
  const shellReads = new Set(['Objects', 'AllViews']);
  const watchRequests = (request: Request) => {
    if (new URL(request.url()).pathname !== '/graphql') return;
    const body = request.postDataJSON() as { operationName?: string } | null;
    if (!shellReads.has(body?.operationName ?? '')) asked.push(request.postData() ?? request.url());
  };
  page.on('request', watchRequests);
  await member.client.data(createDeal, deal('Marina deal', 500));
  await expect.poll(() => chartValues(page), { timeout: 30_000 }).toEqual([1500]);

  // A change while the socket is down shows once it is back: the subscription resumes from the
  // cursor read with the dashboard (graphql-ws subscribes again with it), still with no request.
  await socket.cut();
  await setAmount(harbour, 1200);
  await socket.restore();
  await expect.poll(() => chartValues(page), { timeout: 30_000 }).toEqual([1700]);
  page.off('request', watchRequests);
  expect(asked).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  // As it was, for what follows (the next test's totals too).
  await setAmount(harbour, 1000);
  await expect.poll(() => chartValues(page), { timeout: 30_000 }).toEqual([1500]);

  // The bar (one category: the middle of the plot, low enough to be inside it) opens its records.
  const canvas = page.locator('[data-chart-type="BAR"] canvas').first();
  const box = (await canvas.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height * 0.75);
  await page.waitForURL(/\/objects\/deal\?filter=/);
  await page.getByTestId('drill-banner').waitFor();
  await expect.poll(() => page.getByTestId('record-count').textContent()).toBe('2 records');
  const names = await page.getByTestId('record-row').getByTestId('cell-name').allTextContents();
  expect(names.map((n) => n.trim()).sort()).toEqual(['Harbour deal', 'Marina deal']);

  // The widget's CSV (the server's export of the same query): its total is the chart's.
  await page.goBack();
  await expect.poll(() => chartValues(page), { timeout: 20_000 }).toEqual([1500]);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-report-csv').first().click(),
  ]);
  expect(download.suggestedFilename()).toBe('Deals by month.csv');
  const lines = (await readFile((await download.path())!, 'utf8')).trim().split(/\r?\n/);
  expect(lines[0]).toBe('Expected close,Currency,Sum of Amount');
  const total = lines.find((line) => line.startsWith('Total,'))!.split(',');
  expect(Number(total.at(-1))).toBe((await chartValues(page)).reduce((a, b) => a + b, 0));

  // The chart as PNG, from its canvas.
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('chart-png').first().click(),
  ]);
  expect(png.suggestedFilename()).toBe('Deals by month.png');
  expect((await readFile((await png.path())!)).subarray(1, 4).toString()).toBe('PNG');

  // Edit layout: the widget dragged by its header (about its width) to the right half is saved there.
  await page.getByTestId('dashboard-edit').click();
  const header = page.locator('.chart-panel-header').first();
  const from = (await header.boundingBox())!;
  await page.mouse.move(from.x + 40, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 40 + from.width, from.y + from.height / 2, { steps: 10 });
  await page.mouse.up();
  const placed = async () => {
    const { dashboards } = await owner.client.data<{ dashboards: { widgets: { x: number }[] }[] }>(
      `query { dashboards { widgets { x } } }`,
    );
    return dashboards[0]!.widgets[0]!.x;
  };
  await expect.poll(placed, { timeout: 20_000 }).toBeGreaterThanOrEqual(10);
});

it('shows the forecast and the pipeline analytics of the deals', async () => {
  // After the first test: two lead deals (10 % probability) closing this month, 1,500 in all.
  const page = await openPage(owner, '/forecast/deal');
  await expect.poll(() => page.getByTestId('forecast-count').textContent(), { timeout: 20_000 }).toBe('2');
  expect(await page.getByTestId('forecast-amount').textContent()).toMatch(/1,500/);
  expect(await page.getByTestId('forecast-weighted').textContent()).toMatch(/150/);
  expect(await chartValues(page)).toEqual([1500, 150]);

  await page.getByTestId('nav-analytics').click();
  await page.getByTestId('analytics-win-rate').waitFor();
  await expect.poll(() => page.locator('[data-chart-type="FUNNEL"] canvas').count()).toBe(1);
});
