import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite.js';
import { newUser, type SignedUpUser } from '../support/client.js';

// Issue 21's acceptance: in German, Italian and Chinese, the main screens show no English
// message and no message key missing in the language, and dates and amounts in its format.

const { server, openPage } = useBrowserSuite();

/** Standard labels as shipped in English, which the server answers translated (metadata/standard-labels.ts). */
const englishLabels = ['Companies', 'People', 'Deals', 'Tasks', 'Expected close', 'Created by', 'Amount'];

const expected = {
  de: { money: '12.500,00 €', date: '24.12.2026' },
  it: { money: '12.500,00 €', date: '24 dic 2026' },
  zh: { money: '€12,500.00', date: '2026年12月24日' },
} as const;
type Language = keyof typeof expected;

const createDeal = `mutation ($input: DealCreateInput!) { createDeal(input: $input) { id } }`;

async function seed(user: SignedUpUser): Promise<string> {
  await user.client.data(`mutation { createCompany(input: { name: "Nordhafen Immobilien" }) { id } }`);
  await user.client.data(
    `mutation { createTask(input: { name: "Exposé prüfen", dueAt: "2026-12-20T09:30:00Z" }) { id } }`,
  );
  const { createDeal: deal } = await user.client.data(createDeal, {
    input: { name: 'Villa am See', amount: { amount: 12500, currency: 'EUR' }, closeDate: '2026-12-24' },
  });
  return deal.id as string;
}

/** What the page shows that is not in `language`: English messages on screen, keys missing in it. */
async function untranslated(page: Page, language: Language): Promise<string[]> {
  return page.evaluate(
    ({ language, englishLabels }) => {
      const w = window as unknown as {
        __missingMessages: Set<string>;
        __untranslatedCandidates: () => string[];
      };
      const english = new Set([...w.__untranslatedCandidates(), ...englishLabels]);
      const shown = new Set<string>();
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement;
        if (!element || element.closest('[contenteditable], script, style, [hidden]')) continue;
        if (!(element as HTMLElement).offsetParent && element.tagName !== 'OPTION') continue;
        const text = node.textContent?.trim();
        if (text) shown.add(text);
      }
      for (const element of document.querySelectorAll('[placeholder], [aria-label], [title]'))
        for (const attribute of ['placeholder', 'aria-label', 'title']) {
          const text = element.getAttribute(attribute)?.trim();
          if (text) shown.add(text);
        }
      const missing = [...w.__missingMessages].filter((key) => key.startsWith(`${language}:`));
      return [...missing.map((key) => `missing ${key}`), ...[...shown].filter((text) => english.has(text))];
    },
    { language, englishLabels },
  );
}

async function screen(page: Page, path: string, ready: string, language: Language): Promise<void> {
  await page.evaluate((to) => {
    history.pushState({}, '', to);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await page.getByTestId(ready).first().waitFor({ state: 'attached', timeout: 30_000 });
  await expect.poll(() => untranslated(page, language), { timeout: 20_000, message: path }).toEqual([]);
}

describe.each(['de', 'it', 'zh'] as const)('the app in %s', (language) => {
  it('walks the main screens without an English word, in the language’s formats', async () => {
    const user = await newUser(server, { name: 'Mira', workspaceName: 'Agentur' });
    const dealId = await seed(user);
    await user.client.data(`mutation ($language: String!) { setLanguage(language: $language) }`, {
      language,
    });
    const page = await openPage(user, '/');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);

    await screen(page, '/', 'myday-date', language);
    await screen(page, '/objects/company', 'record-row', language);
    await screen(page, '/objects/deal', 'record-row', language);
    await screen(page, `/objects/deal/${dealId}`, 'record-title', language);
    const record = await page.locator('main').innerText();
    expect(record).toContain(expected[language].money);
    expect(record).toContain(expected[language].date);
    await screen(page, '/board/deal', 'board-card', language);
    await screen(page, '/objects/task', 'record-row', language);
    await screen(page, '/reports', 'report-list', language);
    await screen(page, '/dashboards', 'dashboard-list', language);
    await screen(page, '/account', 'language-section', language);
    await screen(page, '/admin', 'admin-page', language);
  });
});
