import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite.js';
import { newUser, uniqueEmail, type SignedUpUser } from '../support/client.js';
import { rfc822, startImapServer, type ImapTestServer } from '../support/imap.js';

// The inbound mail admin screen in real Chromium against a real IMAP server: the forwarding
// address is shown, a wrong password shows the server's refusal, the right one connects, and
// a delivered message appears on the person's timeline while the record page is open.

let imap: ImapTestServer;
beforeAll(async () => {
  imap = await startImapServer();
});
afterAll(() => imap.close());
const { server, openPage } = useBrowserSuite(() => ({
  MAIL_SECRET_KEY: randomBytes(32).toString('hex'),
  INBOUND_DOMAIN: 'in.crm.test',
  IMAP_POLL_SECONDS: '1',
}));
let owner: SignedUpUser;

beforeAll(async () => {
  owner = await newUser(server, { name: 'Ada Admin', workspaceName: 'Marina' });
});

it('connects a mailbox from the admin screen and shows received mail on the timeline', async () => {
  const email = uniqueEmail('pia');
  const { createPerson } = await owner.client.data(
    `mutation ($input: PersonCreateInput!) { createPerson(input: $input) { id } }`,
    { input: { name: 'Pia Person', email } },
  );
  const page = await openPage(owner, '/admin/inbound-mail');
  await expect
    .poll(() => page.getByTestId('inbound-forwarding-address').textContent())
    .toMatch(/^marina\+[0-9a-f]{18}@in\.crm\.test$/);
  const form = page.getByTestId('inbound-mailbox-form');
  await form.getByTestId('inbound-host').fill(imap.host);
  await form.getByTestId('inbound-security').selectOption('NONE');
  await form.getByTestId('inbound-port').fill(String(imap.port));
  await form.getByTestId('inbound-username').fill(imap.username);
  await form.getByTestId('inbound-password').fill('wrong');
  await form.getByTestId('inbound-create-object').selectOption('person');
  await form.getByTestId('inbound-connect').click();
  await expect
    .poll(() => page.getByTestId('inbound-mailbox-error').textContent(), { timeout: 30_000 })
    .toMatch(/Login refused by .*check the user name and password/);

  await form.getByTestId('inbound-password').fill(imap.password);
  await form.getByTestId('inbound-connect').click();
  await expect.poll(() => page.getByTestId('inbound-mailbox-ok').count(), { timeout: 30_000 }).toBe(1);

  const record = await openPage(owner, `/objects/person/${createPerson.id}`);
  await expect
    .poll(() => record.getByTestId('timeline-entry').count(), { timeout: 30_000 })
    .toBeGreaterThan(0);
  await imap.deliver(
    rfc822(
      { From: `Pia Person <${email}>`, To: imap.username, Subject: 'Is the boat for sale?' },
      'Hello there.',
    ),
  );
  const entry = record.getByTestId('timeline-email-received');
  await expect.poll(() => entry.count(), { timeout: 30_000 }).toBe(1);
  expect(await entry.textContent()).toMatch(
    /Pia Person <.*> wrote Is the boat for sale\?[\s\S]*Hello there\./,
  );
});
