import type { Browser, BrowserContext } from 'playwright-core';
import type { SignedUpUser } from './client.js';
import type { TestServer } from './server.js';

export const desktop = { width: 1440, height: 900 };
export const phone = { width: 390, height: 844 };

/**
 * A browser context signed in as `user` (an account made over GraphQL): it gets the
 * session cookie, and the user's workspace is the stored selection, as after a sign-in.
 */
export async function signedInContext(
  browser: Browser,
  server: TestServer,
  user: SignedUpUser,
  viewport = desktop,
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const [name, value] = user.client.cookie!.split('=') as [string, string];
  await context.addCookies([{ name, value, url: server.url }]);
  await context.addInitScript((workspaceId) => {
    if (!localStorage.getItem('crm.workspaceId')) localStorage.setItem('crm.workspaceId', workspaceId);
  }, user.workspaceId);
  return context;
}
