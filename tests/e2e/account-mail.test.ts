import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, signUpMutation, TestClient, uniqueEmail } from '../support/client.js';
import { query } from '../support/database.js';
import { useServer } from '../support/server.js';
import { linkIn, startSmtpCatcher, type SmtpCatcher } from '../support/smtp.js';
import { eventually } from '../support/ws.js';

// Account mail over a real SMTP server: password reset (single use, every session ended),
// address verification, invitations that sign up in one step, and no answer that tells
// whether an address has an account.

const requestReset = `mutation ($email: String!) { requestPasswordReset(email: $email) }`;
const resetPassword = `mutation ($token: String!, $password: String!) { resetPassword(token: $token, password: $password) }`;
const signIn = `mutation ($input: SignInInput!) { signIn(input: $input) { user { id } } }`;
const me = `{ me { user { email } emailVerified } }`;

describe('account mail', () => {
  let smtp: SmtpCatcher;
  beforeAll(async () => {
    smtp = await startSmtpCatcher();
  });
  afterAll(() => smtp.close());
  const server = useServer(() => ({ SMTP_URL: smtp.url, MAIL_FROM: 'accounts@example.test' }));

  it('resets a password once from the mailed link and ends every session of the account', async () => {
    const user = await newUser(server);
    const otherTab = new TestClient(server);
    await otherTab.data(signIn, { input: { email: user.email, password: user.password } });

    const anonymous = new TestClient(server);
    expect((await anonymous.request(requestReset, { email: user.email.toUpperCase() })).body).toEqual({
      data: { requestPasswordReset: true },
    });
    const mail = await smtp.waitFor(user.email, (m) => m.parsed.subject === 'Reset your password');
    const link = new URL(linkIn(mail, `${server.url}/reset-password?`));
    const token = link.searchParams.get('token')!;

    await anonymous.data(resetPassword, { token, password: 'a brand new passphrase' });
    expect((await user.client.data(me)).me).toBeNull();
    expect((await otherTab.data(me)).me).toBeNull();
    const old = await anonymous.request(signIn, { input: { email: user.email, password: user.password } });
    expect(old.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await anonymous.data(signIn, { input: { email: user.email, password: 'a brand new passphrase' } });
    expect((await anonymous.data(me)).me.user.email).toBe(user.email);

    const again = await new TestClient(server).request(resetPassword, {
      token,
      password: 'yet another passphrase',
    });
    expect(again.body.errors?.[0]).toMatchObject({
      message: 'This link is unknown, already used or expired.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    // The outbox no longer holds the link (once the sender has marked it SENT, just after the
    // SMTP server took it).
    const row = async () =>
      (
        await query<{ text_body: string; status: string }>(
          server.databaseUrl,
          `select text_body, status from mail_message where to_address = $1 and subject = 'Reset your password'`,
          [user.email],
        )
      )[0];
    await eventually(async () => (await row())?.status === 'SENT');
    expect(await row()).toEqual({ text_body: '', status: 'SENT' });
  });

  it('answers a reset request for an unknown address exactly as for a known one, and sends nothing', async () => {
    const user = await newUser(server);
    const unknown = uniqueEmail('nobody');
    const known = await new TestClient(server).request(requestReset, { email: user.email });
    const other = await new TestClient(server).request(requestReset, { email: unknown });
    expect(other.status).toBe(known.status);
    expect(other.body).toEqual(known.body);
    expect(other.headers.get('content-type')).toBe(known.headers.get('content-type'));
    expect(other.headers.getSetCookie()).toEqual(known.headers.getSetCookie());
    await smtp.waitFor(user.email, (m) => m.parsed.subject === 'Reset your password');
    const queued = await query(server.databaseUrl, 'select 1 from mail_message where to_address = $1', [
      unknown,
    ]);
    expect(queued).toEqual([]);
    const tokens = await query(server.databaseUrl, 'select 1 from account_token where email = $1', [unknown]);
    expect(tokens).toEqual([]);
  });

  it('sends a verification link at sign-up that marks the address verified', async () => {
    const user = await newUser(server);
    expect((await user.client.data(me)).me.emailVerified).toBe(false);
    const mail = await smtp.waitFor(user.email, (m) => m.parsed.subject === 'Confirm your e-mail address');
    const token = new URL(linkIn(mail, `${server.url}/verify-email?`)).searchParams.get('token')!;
    await new TestClient(server).data(`mutation ($token: String!) { verifyEmail(token: $token) }`, { token });
    expect((await user.client.data(me)).me.emailVerified).toBe(true);
  });

  it('signs an invited person up in one step from the mailed link, verified', async () => {
    const owner = await newUser(server, { name: 'Olive Owner', workspaceName: 'Orchard' });
    const email = uniqueEmail('joiner');
    await owner.client.data(
      `mutation ($input: InviteMemberInput!) { inviteMember(input: $input) { token } }`,
      {
        input: { email, role: 'MEMBER' },
      },
    );
    const mail = await smtp.waitFor(email);
    expect(mail.parsed.subject).toBe('Olive Owner invited you to Orchard');
    const link = new URL(linkIn(mail, `${server.url}/sign-up?`));
    expect(link.searchParams.get('email')).toBe(email);
    const joiner = new TestClient(server);
    const { signUp } = await joiner.data(signUpMutation, {
      input: {
        email,
        password: 'a long enough password',
        name: 'Joy Joiner',
        invitationToken: link.searchParams.get('invitation'),
      },
    });
    expect(signUp.workspace).toEqual({ id: owner.workspaceId, name: 'Orchard' });
    expect((await joiner.data(me)).me.emailVerified).toBe(true);
  });
});
