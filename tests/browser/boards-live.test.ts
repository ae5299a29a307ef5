import type { Locator, Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { phone, useBrowserSuite } from '../support/browser-suite.js';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';

// The board in real Chromium: cards dragged between and within columns (native HTML5 drag
// and drop), a stage rule refusing a move until its field is filled, a WIP limit warning,
// and two people on one board seeing each other's moves and drags live.

const { server, openPage } = useBrowserSuite();
let owner: SignedUpUser;
let member: SignedUpUser;

beforeAll(async () => {
  owner = await newUser(server, { name: 'Olga Owner', workspaceName: 'Boats Co' });
  member = await newMember(server, owner, 'MEMBER');
  await owner.client.data(`mutation {
    createPipeline(input: { object: "deal", pipeline: { key: "boats", label: "Boat sales", stages: [
      { key: "offer", label: "Offer", probability: 20 },
      { key: "contract", label: "Contract", probability: 60, wipLimit: 1 },
      { key: "trial", label: "Trial", probability: 80, requiredFields: ["closeDate"] },
      { key: "sold", label: "Sold", kind: WON }
    ] } }) { key }
  }`);
});

async function createDeal(name: string, amount: number, stage = 'offer'): Promise<string> {
  const { createDeal } = await owner.client.data(
    `mutation ($input: DealCreateInput!) { createDeal(input: $input) { id } }`,
    { input: { name, stage, amount: { amount, currency: 'EUR' } } },
  );
  return createDeal.id;
}

async function openBoard(user: SignedUpUser, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await openPage(user, '/board/deal?pipeline=boats', viewport);
  await page.getByTestId('board-columns').waitFor();
  return page;
}

const column = (page: Page, stage: string): Locator =>
  page.locator(`[data-testid="board-column"][data-stage="${stage}"]`);
const card = (page: Page, title: string): Locator =>
  page.locator(`[data-testid="board-card"][data-title="${title}"]`);
const titlesIn = (page: Page, stage: string) =>
  column(page, stage)
    .getByTestId('board-card')
    .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-title')));

it('moves cards by drag and drop, live for a second person, with presence and drags shown', async () => {
  await createDeal('Sloop', 1000);
  await createDeal('Ketch', 2000);
  await createDeal('Yawl', 3000);
  const [ownerPage, memberPage] = await Promise.all([openBoard(owner), openBoard(member)]);
  await expect.poll(() => titlesIn(ownerPage, 'offer')).toEqual(['Sloop', 'Ketch', 'Yawl']);
  expect(await column(ownerPage, 'offer').getByTestId('column-sum').textContent()).toBe('€6,000');
  expect(await column(ownerPage, 'offer').getByTestId('column-weighted').textContent()).toContain('1,200');

  // Each sees the other on the board.
  await expect
    .poll(() => ownerPage.getByTestId('board-presence-avatar').getAttribute('data-name'))
    .toBe('A MEMBER');
  await expect
    .poll(() => memberPage.getByTestId('board-presence-avatar').getAttribute('data-name'))
    .toBe('Olga Owner');

  // Within a column: Yawl dropped on the top half of Sloop goes first.
  await card(ownerPage, 'Yawl').dragTo(card(ownerPage, 'Sloop'), { targetPosition: { x: 20, y: 5 } });
  await expect.poll(() => titlesIn(ownerPage, 'offer')).toEqual(['Yawl', 'Sloop', 'Ketch']);
  await expect.poll(() => titlesIn(memberPage, 'offer')).toEqual(['Yawl', 'Sloop', 'Ketch']);

  // While Olga holds a card, the member sees who moves which card.
  const box = (await card(ownerPage, 'Ketch').boundingBox())!;
  await ownerPage.mouse.move(box.x + 20, box.y + 10);
  await ownerPage.mouse.down();
  const target = (await column(ownerPage, 'contract').boundingBox())!;
  await ownerPage.mouse.move(target.x + 40, target.y + 60, { steps: 5 });
  await expect
    .poll(() => card(memberPage, 'Ketch').getByTestId('card-dragged-by').getAttribute('data-name'))
    .toBe('Olga Owner');
  await screenshot(memberPage, 'board-presence');
  await ownerPage.mouse.up();
  await expect.poll(() => titlesIn(ownerPage, 'contract')).toEqual(['Ketch']);
  await expect.poll(() => titlesIn(memberPage, 'contract')).toEqual(['Ketch']);
  await expect.poll(() => card(memberPage, 'Ketch').getByTestId('card-dragged-by').count()).toBe(0);
  await expect.poll(() => column(memberPage, 'contract').getByTestId('column-count').textContent()).toBe('1');

  // The member moves one too: over Contract's limit of 1, the move is made and flagged.
  // Dropped on the lower half of Ketch: below it. (A point near the column's foot, measured
  // before the drag, can move: the columns shrink as Sloop leaves the taller one.)
  const ketch = (await card(memberPage, 'Ketch').boundingBox())!;
  await card(memberPage, 'Sloop').dragTo(card(memberPage, 'Ketch'), {
    targetPosition: { x: 20, y: ketch.height - 4 },
  });
  await memberPage.getByTestId('board-warning').waitFor();
  expect(await memberPage.getByTestId('board-warning').textContent()).toContain('over its limit of 1');
  await column(memberPage, 'contract').getByTestId('column-over-limit').waitFor();
  // Both in Contract: where in it a drop near Ketch's edge lands is not what this checks.
  await expect.poll(async () => (await titlesIn(ownerPage, 'contract')).sort()).toEqual(['Ketch', 'Sloop']);
  await screenshot(ownerPage, 'board');
  await ownerPage.context().close();
  await memberPage.context().close();
});

it('refuses a move into a stage whose rule wants a field, puts the card back, and moves it once filled', async () => {
  const id = await createDeal('Schooner', 5000, 'contract');
  const page = await openBoard(owner);
  await card(page, 'Schooner').dragTo(column(page, 'trial'));
  await page.getByTestId('board-refusal').waitFor();
  expect(await page.getByTestId('board-refusal-message').textContent()).toContain('Expected close');
  // Rolled back: still under Contract.
  await expect.poll(() => titlesIn(page, 'contract')).toContain('Schooner');
  expect(await titlesIn(page, 'trial')).toEqual([]);
  await screenshot(page, 'board-stage-rule');

  await page.getByTestId('missing-input-closeDate').fill('2026-12-24');
  await page.getByTestId('missing-fields-submit').click();
  await expect.poll(() => titlesIn(page, 'trial')).toEqual(['Schooner']);
  await expect.poll(() => page.getByTestId('board-refusal').count()).toBe(0);
  // The card shows in its new column at once; the server's answer follows.
  await expect
    .poll(async () => {
      const { deal } = await owner.client.data(`query ($id: ID!) { deal(id: $id) { stage closeDate } }`, {
        id,
      });
      return deal;
    })
    .toEqual({ stage: 'trial', closeDate: '2026-12-24' });

  // The keyboard and phone way: the stage picker on the card.
  await card(page, 'Schooner').getByTestId('card-move').selectOption('sold');
  await expect.poll(() => titlesIn(page, 'sold')).toEqual(['Schooner']);

  // An admin's change to the pipeline shows on the open board.
  await owner.client.data(
    `mutation { updateStage(object: "deal", stage: "sold", input: { label: "Sold at last", probability: 100 }) { key } }`,
  );
  await expect.poll(() => column(page, 'sold').locator('h2').textContent()).toContain('Sold at last');
  await page.context().close();
});

it('works on a phone, columns side by side in a scroller', async () => {
  const page = await openBoard(owner, phone);
  await expect.poll(() => column(page, 'offer').getByTestId('board-card').count()).toBeGreaterThan(0);
  await screenshot(page, 'board-phone');

  // The other pipeline of deals, from the header's select.
  await page.getByTestId('board-pipeline').selectOption('sales');
  await page.waitForURL('**/board/deal?pipeline=sales');
  await column(page, 'lead').waitFor();
  await page.context().close();
});

it('shows a viewer the board without drag handles or stage pickers', async () => {
  const viewer = await newMember(server, owner, 'VIEWER');
  const page = await openBoard(viewer);
  await expect.poll(() => column(page, 'offer').getByTestId('board-card').count()).toBeGreaterThan(0);
  expect(await card(page, 'Yawl').getAttribute('draggable')).toBe('false');
  expect(await page.getByTestId('card-move').count()).toBe(0);
  await page.context().close();
});

it('shows more of a long column on request, and narrows the board by a search', async () => {
  const dealer = await newUser(server, { name: 'Long Column', workspaceName: 'Many Deals' });
  const inputs = Array.from({ length: 105 }, (_, i) => ({
    name: `Lead ${String(i).padStart(3, '0')}`,
    stage: 'lead',
  }));
  await dealer.client.data(
    `mutation ($inputs: [DealCreateInput!]!) { createDeals(inputs: $inputs) { id } }`,
    {
      inputs,
    },
  );
  const page = await openPage(dealer, '/board/deal?pipeline=sales');
  const lead = column(page, 'lead');
  await expect.poll(() => lead.getByTestId('column-count').textContent()).toBe('105');
  await expect.poll(() => lead.getByTestId('board-card').count()).toBe(100);
  await expect.poll(() => lead.getByTestId('column-show-more').textContent()).toContain('5 not shown');
  await lead.getByTestId('column-show-more').click();
  await expect.poll(() => lead.getByTestId('board-card').count()).toBe(105);
  expect(await lead.getByTestId('column-show-more').count()).toBe(0);
  expect(new Set(await titlesIn(page, 'lead')).size).toBe(105);

  await page.getByTestId('board-search').fill('Lead 042');
  await page.getByTestId('board-search').press('Enter');
  await expect.poll(() => titlesIn(page, 'lead')).toEqual(['Lead 042']);
  await expect.poll(() => lead.getByTestId('column-count').textContent()).toBe('1');
  await page.getByTestId('board-search').fill('');
  await page.getByTestId('board-search').press('Enter');
  await expect.poll(() => lead.getByTestId('board-card').count()).toBe(100);
  await page.context().close();
});

it('shows records from before the pipeline in a No stage column, and drags them into a stage', async () => {
  const admin = await newUser(server, { name: 'Late Pipeline', workspaceName: 'Accounts Co' });
  // One at a time: records created together share their creation time.
  for (const name of ['Older', 'Newer'])
    await admin.client.data(`mutation ($name: String!) { createCompany(input: { name: $name }) { id } }`, {
      name,
    });

  await admin.client.data(`mutation {
    createPipeline(input: { object: "company", pipeline: { key: "accounts", label: "Accounts", stages: [
      { key: "prospect", label: "Prospect" }, { key: "customer", label: "Customer", kind: WON }
    ] } }) { key }
  }`);
  const page = await openPage(admin, '/board/company');
  const noStage = column(page, '');
  await expect.poll(() => titlesIn(page, '')).toEqual(['Older', 'Newer']);
  await noStage.getByTestId('column-unstaged-hint').waitFor();
  expect(await page.getByTestId('board-totals').textContent()).toContain('0 open');

  // Dropped on the empty column's placeholder, as a person aiming at the middle would.
  await card(page, 'Older').dragTo(column(page, 'prospect').locator('.column-placeholder'), { force: true });
  await expect.poll(() => titlesIn(page, 'prospect')).toEqual(['Older']);
  await expect.poll(() => titlesIn(page, '')).toEqual(['Newer']);
  // The card moved at once; the server's answer follows.
  await expect
    .poll(async () => {
      const { companies } = await admin.client.data(
        `{ companies(filter: { stage: { eq: "prospect" } }) { nodes { name } } }`,
      );
      return companies.nodes;
    })
    .toEqual([{ name: 'Older' }]);

  // Nothing goes back into No stage; once every record has a stage the column is gone.
  await card(page, 'Older').dragTo(noStage);
  await expect.poll(() => titlesIn(page, 'prospect')).toEqual(['Older']);
  await card(page, 'Newer').dragTo(column(page, 'customer'));
  await expect.poll(() => column(page, '').count()).toBe(0);
  await screenshot(page, 'board-no-stage');
  await page.context().close();
});
