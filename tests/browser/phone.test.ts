import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { phone, useBrowserSuite } from '../support/browser-suite.js';
import { newUser, type SignedUpUser } from '../support/client.js';

// Issue 21, part 4: every main screen is usable with a thumb on a 390×844 phone. Nothing pushes
// the page sideways (wide content scrolls inside its own box: the table, the board's columns),
// and the menu, its links and each screen's main buttons are at least 44 px each way.

const { server, newContext } = useBrowserSuite();
let owner: SignedUpUser;
let companyId: string;

/** Apple's and WCAG 2.5.5's minimum touch target. */
const minTarget = 44;

beforeAll(async () => {
  owner = await newUser(server, { name: 'Thumb Owner', workspaceName: 'Pocket Co' });
  const { createCompany } = await owner.client.data<{ createCompany: { id: string } }>(
    `mutation { createCompany(input: { name: "Pocket Industries with a rather long name", industry: "Phones", domain: "https://pocket.example.com/a/very/long/path/that/does/not/wrap" }) { id } }`,
  );
  companyId = createCompany.id;
  const closeDate = new Date().toISOString().slice(0, 10);
  for (const name of ['Small deal', 'Large deal with a long descriptive name'])
    await owner.client.data(`mutation ($input: DealCreateInput!) { createDeal(input: $input) { id } }`, {
      input: { name, closeDate, amount: { amount: 12000, currency: 'EUR' } },
    });
});

/**
 * What sticks out of the viewport sideways: the document itself if it scrolls, and each visible
 * element whose box leaves the screen without an ancestor that scrolls or clips it (a table or
 * a board may be wider than the phone inside its own scrolling box; the page may not).
 */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > width) found.push(`document is ${root.scrollWidth}px wide`);
    const clippedByAncestor = (element: Element) => {
      for (let a = element.parentElement; a && a !== document.body; a = a.parentElement) {
        const style = getComputedStyle(a);
        if (style.overflowX !== 'visible' || style.position === 'fixed') return true;
      }
      return false;
    };
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (box.left >= -1 && box.right <= width + 1) continue;
      // Not drawn (a closed <details>' content, visibility: hidden), or inside a scrolling box.
      if (!element.checkVisibility({ visibilityProperty: true }) || clippedByAncestor(element)) continue;
      const id = element.getAttribute('data-testid') ?? element.className.toString();
      found.push(
        `<${element.tagName.toLowerCase()} ${id}> spans ${Math.round(box.left)}–${Math.round(box.right)}`,
      );
    }
    return found;
  });
}

/** Visible targets among `selector` smaller than the minimum either way. */
function smallTargets(page: Page, selector: string): Promise<string[]> {
  return page.evaluate(
    ([selector, min]) =>
      [...document.querySelectorAll(selector)]
        .map((element) => ({ element, box: element.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && box.height > 0)
        .filter(({ box }) => box.width < min || box.height < min)
        .map(
          ({ element, box }) =>
            `${element.getAttribute('data-testid') ?? element.textContent?.trim()} is ${Math.round(box.width)}×${Math.round(box.height)}`,
        ),
    [selector, minTarget] as const,
  );
}

/** The screen fits the phone, its main targets are big enough, and a screenshot is kept. */
async function expectThumbFriendly(page: Page, name: string, primary: string[]): Promise<void> {
  await expect.poll(() => overflowing(page), { message: name }).toEqual([]);
  expect(await smallTargets(page, primary.join(', ')), name).toEqual([]);
  await screenshot(page, `phone-${name}`);
}

const topBar = ['[data-testid="menu-button"]', '[data-testid="notification-bell"]'];

it(
  'walks the main screens at 390×844 without sideways scrolling, with thumb-sized targets',
  { timeout: 240_000 },
  async () => {
    const context = await newContext({ viewport: phone, hasTouch: true, isMobile: true });
    const page = await context.newPage();

    await page.goto(`${server.url}/sign-in`);
    await page.getByTestId('sign-in-form').waitFor();
    await expectThumbFriendly(page, 'sign-in', [
      '[data-testid="sign-in-submit"]',
      '[data-testid="sign-in-email"]',
    ]);
    await page.getByTestId('sign-in-email').fill(owner.email);
    await page.getByTestId('sign-in-password').fill(owner.password);
    await page.getByTestId('sign-in-submit').click();

    // My day, the home page.
    await page.getByTestId('myday-date').waitFor();
    await expectThumbFriendly(page, 'my-day', topBar);

    // The menu: its links are the thumb's way around.
    await page.getByTestId('menu-button').click();
    await page.getByTestId('nav-object-company').waitFor();
    await expectThumbFriendly(page, 'menu', ['.side-nav .nav-link']);
    await page.getByTestId('nav-object-company').click();

    // The records list.
    await page.getByTestId('record-row').first().waitFor();
    await expectThumbFriendly(page, 'records', [...topBar, '[data-testid="new-record"]']);

    // A record page.
    await page.goto(`${server.url}/objects/company/${companyId}`);
    await expect.poll(() => page.getByTestId('record-title').textContent()).toContain('Pocket Industries');
    await expectThumbFriendly(page, 'record', [...topBar, '[data-testid="send-mail"]']);

    // The board scrolls column by column inside itself.
    await page.goto(`${server.url}/board/deal`);
    await page.getByTestId('board-card').first().waitFor();
    await expectThumbFriendly(page, 'board', topBar);
    const snap = await page
      .getByTestId('board-column')
      .first()
      .evaluate((c) => getComputedStyle(c).scrollSnapAlign);
    expect(snap).toContain('start');

    // The calendar.
    await page.goto(`${server.url}/calendar/deal`);
    await page.getByTestId('calendar-item').first().waitFor();
    await expectThumbFriendly(page, 'calendar', topBar);

    // Admin.
    await page.goto(`${server.url}/admin/objects`);
    await page.getByTestId('admin-object').first().waitFor();
    await expectThumbFriendly(page, 'admin', [...topBar, '[data-testid^="admin-tab-"]']);
  },
);
