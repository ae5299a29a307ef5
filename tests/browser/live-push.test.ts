import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite.js';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';

// Push, don't pull (issue 12): a change made elsewhere reaches an open table, board or
// record page as values in the `recordChanged` event and is applied there, with no
// `/graphql` request for it. Each page first sees one change applied (so its subscription
// is live and its first load settled), then counts requests while more changes arrive.

const { server, openPage } = useBrowserSuite();
let owner: SignedUpUser;
let member: SignedUpUser;

beforeAll(async () => {
  owner = await newUser(server, { name: 'Olga Owner', workspaceName: 'Push Co' });
  member = await newMember(server, owner, 'MEMBER');
});

/** The POST /graphql requests the page makes from now on. */
function countGraphqlRequests(page: Page): { operations: string[] } {
  const seen = { operations: [] as string[] };
  page.on('request', (request) => {
    if (request.method() !== 'POST' || new URL(request.url()).pathname !== '/graphql') return;
    const body = request.postDataJSON() as { operationName?: string } | null;
    seen.operations.push(body?.operationName ?? '(unnamed)');
  });
  return seen;
}

async function updateCompany(id: string, input: Record<string, unknown>): Promise<void> {
  await owner.client.data(
    `mutation ($id: ID!, $input: CompanyUpdateInput!) { updateCompany(id: $id, input: $input) { id } }`,
    {
      id,
      input,
    },
  );
}

it('applies ten changes made elsewhere to the rows of an open table without a request', async () => {
  const ids: string[] = [];
  for (let i = 0; i < 10; i += 1) {
    const { createCompany } = await owner.client.data(
      `mutation ($name: String!) { createCompany(input: { name: $name, employees: 1 }) { id } }`,
      { name: `Pushed ${i}` },
    );
    ids.push(createCompany.id);
  }
  const page = await openPage(member, '/objects/company');
  await expect.poll(() => page.getByTestId('record-row').count()).toBe(10);
  const row = (id: string) => page.locator(`[data-record-id="${id}"]`);

  await updateCompany(ids[0]!, { industry: 'Warm-up' });
  await expect.poll(() => row(ids[0]!).getByTestId('cell-industry').textContent()).toContain('Warm-up');
  await page.waitForLoadState('networkidle');
  const requests = countGraphqlRequests(page);

  for (const [i, id] of ids.entries())
    await updateCompany(id, { industry: `Rockets ${i}`, employees: 100 + i });
  for (const [i, id] of ids.entries()) {
    await expect.poll(() => row(id).getByTestId('cell-industry').textContent()).toContain(`Rockets ${i}`);
    await expect.poll(() => row(id).getByTestId('cell-employees').textContent()).toContain(`${100 + i}`);
  }
  expect(requests.operations).toEqual([]);

  // The writer's own edit: its mutation answers with the row, and its event adds nothing.
  await row(ids[3]!).getByTestId('cell-industry').click();
  await row(ids[3]!).getByTestId('cell-industry-editor').fill('Own edit');
  await row(ids[3]!).getByTestId('cell-industry-editor').press('Enter');
  await expect.poll(() => row(ids[3]!).getByTestId('cell-industry').textContent()).toContain('Own edit');
  await updateCompany(ids[4]!, { industry: 'After own edit' });
  await expect
    .poll(() => row(ids[4]!).getByTestId('cell-industry').textContent())
    .toContain('After own edit');
  expect(requests.operations).toEqual(['UpdateCompany']);
  await page.context().close();
});

it('moves a card another person moved, with the column totals, without reloading the board', async () => {
  const deal = async (name: string, amount: number, stage: string) => {
    const { createDeal } = await owner.client.data(
      `mutation ($input: DealCreateInput!) { createDeal(input: $input) { id } }`,
      { input: { name, stage, amount: { amount, currency: 'EUR' } } },
    );
    return createDeal.id as string;
  };
  const sloop = await deal('Sloop', 1000, 'lead');
  await deal('Ketch', 2000, 'lead');
  const page = await openPage(member, '/board/deal?pipeline=sales');
  const column = (stage: string) => page.locator(`[data-testid="board-column"][data-stage="${stage}"]`);
  const titlesIn = (stage: string) =>
    column(stage)
      .getByTestId('board-card')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-title')));
  await expect.poll(() => titlesIn('lead')).toEqual(['Sloop', 'Ketch']);

  await owner.client.data(
    `mutation ($id: ID!) { updateDeal(id: $id, input: { name: "Big Sloop" }) { id } }`,
    {
      id: sloop,
    },
  );
  await expect.poll(() => titlesIn('lead')).toEqual(['Big Sloop', 'Ketch']);
  await page.waitForLoadState('networkidle');
  const requests = countGraphqlRequests(page);

  await owner.client.data(
    `mutation ($id: ID!) { moveRecord(input: { object: "deal", id: $id, stage: "proposal", afterId: null, beforeId: null }) { id } }`,
    { id: sloop },
  );
  await expect.poll(() => titlesIn('proposal')).toEqual(['Big Sloop']);
  expect(await titlesIn('lead')).toEqual(['Ketch']);
  await expect.poll(() => column('proposal').getByTestId('column-count').textContent()).toBe('1');
  expect(await column('lead').getByTestId('column-count').textContent()).toBe('1');
  expect(await column('proposal').getByTestId('column-sum').textContent()).toBe('€1,000');
  expect(await column('lead').getByTestId('column-sum').textContent()).toBe('€2,000');
  expect(requests.operations).toEqual([]);
  await page.context().close();
});

it('updates a record page from a change made elsewhere, field and history, without refetching', async () => {
  const { createCompany } = await owner.client.data(
    `mutation { createCompany(input: { name: "Record Push Ltd" }) { id } }`,
  );
  const id = createCompany.id as string;
  const page = await openPage(member, `/objects/company/${id}`);
  await page.getByTestId('record-title').waitFor();
  await updateCompany(id, { industry: 'Warm-up' });
  await expect.poll(() => page.getByTestId('field-industry').textContent()).toContain('Warm-up');
  // The field and its history entry arrive as separate pushes; count only once both are in.
  await expect.poll(() => page.getByTestId('timeline-entry').first().textContent()).toContain('Warm-up');
  await page.waitForLoadState('networkidle');
  const entries = await page.getByTestId('timeline-entry').count();
  const requests = countGraphqlRequests(page);

  await updateCompany(id, { industry: 'Shipping', employees: 42 });
  await expect.poll(() => page.getByTestId('field-industry').textContent()).toContain('Shipping');
  await expect.poll(() => page.getByTestId('field-employees').textContent()).toContain('42');
  await expect.poll(() => page.getByTestId('timeline-entry').count()).toBe(entries + 1);
  expect(await page.getByTestId('timeline-entry').first().textContent()).toContain('Shipping');
  expect(requests.operations).toEqual([]);
  await page.context().close();
});

it('moves a calendar entry to the day another person set, without reading the month again', async () => {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = (d: number) => `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(d)}`;
  const month = day(1).slice(0, 7);
  const { createDeal } = await owner.client.data(
    `mutation ($input: DealCreateInput!) { createDeal(input: $input) { id } }`,
    { input: { name: 'Calendar Sloop', closeDate: day(10) } },
  );
  const page = await openPage(member, `/calendar/deal?month=${month}`);
  const items = (d: number) =>
    page.locator(`[data-testid="calendar-day"][data-day="${day(d)}"]`).getByTestId('calendar-item');
  await expect.poll(() => items(10).allTextContents()).toEqual([expect.stringContaining('Calendar Sloop')]);

  const setDeal = (input: Record<string, unknown>) =>
    owner.client.data(
      `mutation ($id: ID!, $input: DealUpdateInput!) { updateDeal(id: $id, input: $input) { id } }`,
      {
        id: createDeal.id,
        input,
      },
    );
  await setDeal({ name: 'Calendar Ketch' });
  await expect.poll(() => items(10).allTextContents()).toEqual([expect.stringContaining('Calendar Ketch')]);
  await page.waitForLoadState('networkidle');
  const requests = countGraphqlRequests(page);

  await setDeal({ closeDate: day(20) });
  await expect.poll(() => items(20).allTextContents()).toEqual([expect.stringContaining('Calendar Ketch')]);
  expect(await items(10).count()).toBe(0);
  expect(requests.operations).toEqual([]);
  await page.context().close();
});
