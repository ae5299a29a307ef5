import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { desktop, useBrowserSuite } from '../support/browser-suite.js';
import { uniqueEmail } from '../support/client.js';
import { shippedTemplateVersion } from '../support/templates.js';

// The boat dealer's day in real Chromium, through the screens only: sign up, install the
// boat-dealer template from the gallery (its plan shown first), add a boat and a deal, and
// drag the deal through the pipeline; Sea Trial is refused until a sea trial is linked, and Sold
// until the sea-trial and survey contingencies are closed (the refusal names them).

const { server, newContext } = useBrowserSuite();

const column = (page: Page, stage: string): Locator =>
  page.locator(`[data-testid="board-column"][data-stage="${stage}"]`);
const titlesIn = (page: Page, stage: string) =>
  column(page, stage)
    .getByTestId('board-card')
    .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-title')));

async function newRecord(page: Page, object: string, fill: () => Promise<void>) {
  await page.goto(`${server.url}/objects/${object}`);
  await page.getByTestId('new-record').click();
  await fill();
  await page.getByTestId('new-record-submit').click();
  await page.getByTestId('new-record-form').waitFor({ state: 'detached' });
}

async function pickRelation(page: Page, testid: string, search: string, label: string) {
  await page.getByTestId(testid).locator('input').fill(search);
  await page.getByTestId(testid).getByTestId('relation-option').filter({ hasText: label }).click();
}

/** The signed-in page's own GraphQL, with its session cookie and workspace. */
async function graphql(page: Page, query: string) {
  return page.evaluate(async (q) => {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-workspace-id': localStorage.getItem('crm.workspaceId') ?? '',
      },
      body: JSON.stringify({ query: q }),
    });
    return (await response.json()) as { data: Record<string, unknown> };
  }, query);
}

it('installs the boat-dealer template and drags a deal through the boat sales pipeline', async () => {
  const context = await newContext({ viewport: desktop });
  const page = await context.newPage();
  await page.goto(`${server.url}/sign-up`);
  await page.getByTestId('sign-up-name').fill('Bea Broker');
  await page.getByTestId('sign-up-email').fill(uniqueEmail('broker'));
  await page.getByTestId('sign-up-password').fill('a long enough password');
  await page.getByTestId('sign-up-workspace-name').fill('Harbour Boats');
  await page.getByTestId('sign-up-submit').click();
  await page.getByTestId('nav-admin').click();
  await page.getByTestId('admin-tab-templates').click();

  // The plan comes first; only then is there an install button.
  const card = page.locator('[data-testid="template-card"][data-template="boat-dealer"]');
  await expect.poll(() => card.getByTestId('template-status').textContent()).toContain('Not installed');
  expect(await card.getByTestId('template-install').count()).toBe(0);
  await card.getByTestId('template-preview').click();
  await Promise.race([
    card.getByTestId('template-plan').waitFor(),
    card.getByTestId('template-error').waitFor(),
  ]);
  if (await card.getByTestId('template-error').count())
    throw new Error(`Plan refused: ${await card.getByTestId('template-error').textContent()}`);
  expect(await card.getByTestId('template-plan-step').count()).toBeGreaterThan(3);
  expect(await card.getByTestId('template-plan').textContent()).toContain('seaTrial');
  await screenshot(page, 'templates-plan');
  await card.getByTestId('template-install').click();
  // An install is a long write: on a loaded machine it can take over the polls' usual 20 s.
  await expect
    .poll(() => card.getByTestId('template-notice').textContent(), { timeout: 90_000 })
    .toContain(`Installed version ${shippedTemplateVersion('boat-dealer')}`);
  await expect
    .poll(() => card.getByTestId('template-status').textContent())
    .toContain(`Installed (version ${shippedTemplateVersion('boat-dealer')})`);
  await page.getByTestId('nav-object-boat').waitFor();

  await newRecord(page, 'boat', () => page.getByTestId('new-input-name').fill('Sea Ray SPX 230'));
  await newRecord(page, 'deal', async () => {
    await page.getByTestId('new-input-name').fill('Sea Ray for Ann');
    await page.getByTestId('new-input-stage').selectOption('underOffer');
    await pickRelation(page, 'new-input-boat', 'Sea Ray', 'Sea Ray SPX 230');
  });

  await page.goto(`${server.url}/board/deal?pipeline=boatSales`);
  await expect.poll(() => titlesIn(page, 'underOffer')).toEqual(['Sea Ray for Ann']);
  const deal = page.locator('[data-testid="board-card"][data-title="Sea Ray for Ann"]');
  await deal.dragTo(column(page, 'underContract'));
  await expect.poll(() => titlesIn(page, 'underContract')).toEqual(['Sea Ray for Ann']);

  // Sea Trial wants a sea trial: refused, named, and the card goes back.
  await deal.dragTo(column(page, 'seaTrial'));
  await page.getByTestId('board-refusal').waitFor();
  expect(await page.getByTestId('board-refusal-message').textContent()).toContain('Sea trial');
  await expect.poll(() => titlesIn(page, 'underContract')).toEqual(['Sea Ray for Ann']);
  expect(await titlesIn(page, 'seaTrial')).toEqual([]);
  await screenshot(page, 'boat-dealer-refused');

  // A sea trial is booked in another tab, then linked from the board's form: the move goes through.
  const booking = await context.newPage();
  await newRecord(booking, 'seaTrial', async () => {
    await booking.getByTestId('new-input-name').fill('Trial with Ann');
    await pickRelation(booking, 'new-input-boat', 'Sea Ray', 'Sea Ray SPX 230');
    await booking.getByTestId('new-input-scheduledAt').fill('2026-12-05T10:30');
  });
  await booking.close();
  await pickRelation(page, 'missing-input-seaTrial', 'Trial', 'Trial with Ann');
  await page.getByTestId('missing-field-set').waitFor();
  await page.getByTestId('missing-fields-submit').click();
  await expect.poll(() => titlesIn(page, 'seaTrial')).toEqual(['Sea Ray for Ann']);
  await expect.poll(() => page.getByTestId('board-refusal').count()).toBe(0);

  // Sold waits for the sea-trial and survey contingencies: refused with both named, the card stays.
  await deal.dragTo(column(page, 'sold'));
  await page.getByTestId('board-refusal').waitFor();
  const reason = await page.getByTestId('board-refusal-message').textContent();
  expect(reason).toContain('To move to “Sold”, first: Sea trial passed or waived');
  expect(reason).toContain('Survey passed or waived');
  await expect.poll(() => titlesIn(page, 'seaTrial')).toEqual(['Sea Ray for Ann']);
  expect(await titlesIn(page, 'sold')).toEqual([]);
  await screenshot(page, 'boat-dealer-contingencies');
  await page.getByTestId('board-refusal-dismiss').click();

  // The buyer accepts the sea trial and waives the survey; then the move goes through.
  const dealId = await deal.getAttribute('data-card-id');
  const closed = await graphql(
    page,
    `mutation { updateDeal(id: "${dealId}", input: { seaTrialOutcome: "passed", surveyOutcome: "waived" }) { id version } }`,
  );
  expect(closed.data).toEqual({ updateDeal: { id: dealId, version: expect.any(Number) } });
  // The card holds the version the change made (pushed) before it is dragged: a drag at the
  // version before would be refused as a conflict with that change.
  const version = String((closed.data as { updateDeal: { version: number } }).updateDeal.version);
  await expect.poll(() => deal.getAttribute('data-version')).toBe(version);
  await deal.dragTo(column(page, 'sold'));
  await expect.poll(() => titlesIn(page, 'sold')).toEqual(['Sea Ray for Ann']);
  await expect.poll(() => page.getByTestId('board-refusal').count()).toBe(0);
  await screenshot(page, 'boat-dealer-board');

  // The card moved at once; the server's answer follows.
  const stored = async () =>
    (
      await graphql(
        page,
        '{ deals(filter: { name: { eq: "Sea Ray for Ann" } }) { nodes { stage boat { name } seaTrial { name status } } } }',
      )
    ).data;
  await expect.poll(stored).toEqual({
    deals: {
      nodes: [
        {
          stage: 'sold',
          boat: { name: 'Sea Ray SPX 230' },
          seaTrial: { name: 'Trial with Ann', status: 'booked' },
        },
      ],
    },
  });
  await context.close();
  // A whole day's journey (sign-up, template install, records, five drags) in one test.
}, 180_000);
