import { beforeAll, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { phone, useBrowserSuite } from '../support/browser-suite.js';
import { newUser, type SignedUpUser } from '../support/client.js';

// The calendar in Chromium: records placed on their date, month by month, live; a template's
// calendar view of date-times; the phone's list of days.

const { server, openPage } = useBrowserSuite();
let owner: SignedUpUser;

beforeAll(async () => {
  owner = await newUser(server, { name: 'Cal Endar', workspaceName: 'Calendar Realty' });
});

const pad = (n: number) => String(n).padStart(2, '0');
const now = new Date();
const thisMonth = { year: now.getFullYear(), month: now.getMonth() };
const next = new Date(thisMonth.year, thisMonth.month + 1, 1);
const nextMonth = { year: next.getFullYear(), month: next.getMonth() };
const day = (m: { year: number; month: number }, d: number) => `${m.year}-${pad(m.month + 1)}-${pad(d)}`;

async function createDeal(name: string, closeDate: string) {
  await owner.client.data(`mutation ($input: DealCreateInput!) { createDeal(input: $input) { id } }`, {
    input: { name, closeDate },
  });
}

const cell = (page: import('playwright-core').Page, date: string) =>
  page.locator(`[data-testid="calendar-day"][data-day="${date}"]`);

it('places deals on their close date, month by month, and shows new ones live', async () => {
  await createDeal('Alpha deal', day(thisMonth, 10));
  await createDeal('Beta deal', day(nextMonth, 5));
  const page = await openPage(owner, '/objects/deal');
  await page.getByTestId('open-calendar').click();
  await page.waitForURL('**/calendar/deal');
  await expect
    .poll(() => cell(page, day(thisMonth, 10)).getByTestId('calendar-item').allTextContents())
    .toEqual([expect.stringContaining('Alpha deal')]);
  await screenshot(page, 'calendar');

  // A deal made from a day closes on that day.
  await cell(page, day(thisMonth, 20)).hover();
  await cell(page, day(thisMonth, 20)).getByTestId('calendar-add').click();
  expect(await page.getByTestId('new-input-closeDate').inputValue()).toBe(day(thisMonth, 20));
  await page.getByTestId('new-input-name').fill('Delta deal');
  await page.getByTestId('new-record-submit').click();
  await page.getByTestId('new-record-form').waitFor({ state: 'detached' });
  await expect.poll(() => cell(page, day(thisMonth, 20)).textContent()).toContain('Delta deal');

  await page.getByTestId('calendar-next').click();
  await page.waitForURL(`**/calendar/deal?month=${day(nextMonth, 1).slice(0, 7)}`);
  await expect.poll(() => cell(page, day(nextMonth, 5)).textContent()).toContain('Beta deal');
  await createDeal('Gamma deal', day(nextMonth, 12));
  await expect.poll(() => cell(page, day(nextMonth, 12)).textContent()).toContain('Gamma deal');

  await cell(page, day(nextMonth, 5)).getByTestId('calendar-item').click();
  await expect.poll(() => page.getByTestId('record-title').textContent()).toBe('Beta deal');
  await page.context().close();
});

it('shows a template’s calendar view of viewings with their times, and fits a phone', async () => {
  // A fresh agency: the template takes over the deal pipeline only while it has no deals.
  const agent = await newUser(server, { name: 'Agnes Agent', workspaceName: 'Quay Homes' });
  await agent.client.data(`mutation { installTemplate(key: "real-estate") { upToDate } }`);
  const { createProperty } = await agent.client.data(
    `mutation { createProperty(input: { name: "Harbour flat", address: "1 Quay" }) { id } }`,
  );
  const startsAt = new Date(thisMonth.year, thisMonth.month, 15, 14, 30).toISOString();
  await agent.client.data(`mutation ($input: ViewingCreateInput!) { createViewing(input: $input) { id } }`, {
    input: { name: 'Viewing with Ann', property: createProperty.id, startsAt },
  });
  const { views } = await agent.client.data(`{ views(object: "viewing") { id name type } }`);
  const calendarView = views.find((v: { type: string }) => v.type === 'CALENDAR');

  // The template's calendar has its own link in the sidebar.
  const desktopPage = await openPage(agent, '/');
  await desktopPage.getByTestId('nav-calendar').filter({ hasText: calendarView.name }).click();
  await desktopPage.waitForURL(`**/calendar/viewing?view=${calendarView.id}`);
  await expect
    .poll(() => cell(desktopPage, day(thisMonth, 15)).getByTestId('calendar-item').textContent())
    .toMatch(/14:30\s*Viewing with Ann/);
  await desktopPage.context().close();

  const page = await openPage(agent, `/calendar/viewing?view=${calendarView.id}`, phone);
  await expect
    .poll(() => page.getByTestId('calendar-view').locator('option:checked').textContent())
    .toBe(calendarView.name);
  const item = cell(page, day(thisMonth, 15)).getByTestId('calendar-item');
  await expect.poll(() => item.textContent()).toMatch(/14:30\s*Viewing with Ann/);
  // On a phone only the days with something on them are listed.
  expect(await page.locator('[data-testid="calendar-day"]:visible').count()).toBe(1);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, 'calendar-phone');
  await page.context().close();
});
