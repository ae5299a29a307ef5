import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite.js';
import { newUser, type SignedUpUser } from '../support/client.js';

// Issue 11, finding 12: the client works under its Content-Security-Policy in real
// Chromium — sign-in, a record page with the co-editor and presence, a board — and the
// browser reports no violation anywhere on the way.

const { server, newContext } = useBrowserSuite();
let owner: SignedUpUser;

beforeAll(async () => {
  owner = await newUser(server, { name: 'Csp Owner', workspaceName: 'Policy Co' });
});

/** Every CSP violation the page reports, from the DOM event and from the console. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation;
      report(
        `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
      );
    });
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

it('signs in, co-edits a record and opens a board without any CSP violation', async () => {
  const response = await fetch(server.url);
  expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  const { createCompany } = await owner.client.data(
    `mutation { createCompany(input: { name: "Policy Ltd", description: "hello" }) { id } }`,
  );
  await owner.client.data(
    `mutation { createDeal(input: { name: "Policy deal", amount: { amount: 10, currency: "EUR" } }) { id } }`,
  );

  const page = await (await newContext()).newPage();
  const violations = await watchViolations(page);
  await page.goto(server.url);
  await page.waitForURL(/sign-in/);
  await page.getByTestId('sign-in-email').fill(owner.email);
  await page.getByTestId('sign-in-password').fill(owner.password);
  await page.getByTestId('sign-in-submit').click();
  await expect.poll(() => page.getByTestId('current-workspace-name').textContent()).toBe('Policy Co');

  await page.goto(`${server.url}/objects/company/${createCompany.id}`);
  const editor = page.getByTestId('collab-description');
  await expect.poll(() => editor.getAttribute('contenteditable')).toBe('true');
  await editor.click();
  await page.keyboard.type(' world');
  await expect.poll(() => editor.textContent()).toContain('world');

  await page.goto(`${server.url}/board/deal`);
  await page.getByTestId('board-columns').waitFor();
  await expect.poll(() => page.getByTestId('board-card').count()).toBeGreaterThan(0);

  expect(violations).toEqual([]);
  await page.context().close();
});
