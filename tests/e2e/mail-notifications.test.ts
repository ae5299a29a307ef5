import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { query } from '../support/database.js';
import { useServer } from '../support/server.js';
import { startSmtpCatcher, type SmtpCatcher } from '../support/smtp.js';
import { eventually } from '../support/ws.js';

// The e-mail notification channel and the daily digest, received by a real SMTP server. The
// digest's job is made due at once (its run_at moved to now), so it runs as it would at its hour.

const addComment = `mutation ($recordId: ID!, $body: String!) { addComment(object: "company", recordId: $recordId, body: $body) { id } }`;
const setSettings = `mutation ($settings: [NotificationSettingInput!]!) { setNotificationSettings(settings: $settings) { kind } }`;

describe('notifications by e-mail', () => {
  let smtp: SmtpCatcher;
  beforeAll(async () => {
    smtp = await startSmtpCatcher();
  });
  afterAll(() => smtp.close());
  const server = useServer(() => ({ SMTP_URL: smtp.url }));
  let admin: SignedUpUser;
  let member: SignedUpUser;
  let companyId: string;

  beforeAll(async () => {
    admin = await newUser(server, { name: 'Alma Author', workspaceName: 'Northwind' });
    member = await newMember(server, admin, 'MEMBER');
    const { createCompany } = await admin.client.data(
      `mutation { createCompany(input: { name: "Globex" }) { id } }`,
    );
    companyId = createCompany.id;
  });

  it('mails a mention to a member who chose e-mail for mentions, and not to one who did not', async () => {
    await member.client.data(setSettings, { settings: [{ kind: 'MENTION', inApp: true, email: true }] });
    await admin.client.data(addComment, { recordId: companyId, body: `Over to you <@${member.userId}>` });
    const mail = await smtp.waitFor(member.email, (m) => m.parsed.subject?.includes('mentioned') ?? false);
    expect(mail.parsed.subject).toBe('Alma Author mentioned you on Globex');
    expect(mail.parsed.text).toContain('Over to you @A MEMBER');
    expect(mail.parsed.from?.value[0]?.name).toBe('Northwind');

    await member.client.data(setSettings, { settings: [{ kind: 'MENTION', inApp: true, email: false }] });
    await admin.client.data(addComment, { recordId: companyId, body: `Again <@${member.userId}>` });
    await eventually(
      async () =>
        (await query(server.databaseUrl, `select 1 from notification where excerpt like 'Again%'`)).length ===
        1,
    );
    const mails = await query(
      server.databaseUrl,
      `select subject from mail_message where to_address = $1 and subject like '%mentioned%'`,
      [member.email],
    );
    expect(mails).toEqual([{ subject: 'Alma Author mentioned you on Globex' }]);
  });

  it('sends one daily digest of the unread notifications, at the member’s hour, then schedules the next', async () => {
    const reader = await newMember(server, admin, 'MEMBER');
    expect(
      (await reader.client.data(`mutation { setNotificationDigest(hour: 8) }`)).setNotificationDigest,
    ).toBe(8);
    expect((await reader.client.data(`{ notificationDigest }`)).notificationDigest).toBe(8);
    const [job] = await query<{ run_at: Date }>(
      server.databaseUrl,
      `select run_at from graphile_worker._private_jobs where key = $1`,
      [`digest:${admin.workspaceId}:${reader.userId}`],
    );
    // 08:00 UTC (no time zone chosen), the next one ahead.
    expect(job!.run_at.getUTCHours()).toBe(8);
    expect(job!.run_at.getTime()).toBeGreaterThan(Date.now());

    await admin.client.data(addComment, { recordId: companyId, body: `First <@${reader.userId}>` });
    await admin.client.data(addComment, { recordId: companyId, body: `Second <@${reader.userId}>` });
    await eventually(
      async () =>
        (await query(server.databaseUrl, 'select 1 from notification where user_id = $1', [reader.userId]))
          .length === 2,
    );

    await query(
      server.databaseUrl,
      `update graphile_worker._private_jobs set run_at = now() where key = $1`,
      [`digest:${admin.workspaceId}:${reader.userId}`],
    );
    const digest = await smtp.waitFor(reader.email, (m) => m.parsed.subject?.includes('unread') ?? false);
    expect(digest.parsed.subject).toBe('2 unread notifications in Northwind');
    expect(digest.parsed.text).toBe(
      '- Alma Author mentioned you on Globex\n- Alma Author mentioned you on Globex\n\n' +
        'You get this daily digest because you turned it on; turn it off on your account page.\n',
    );
    // The next digest is due at the next 08:00.
    await eventually(async () => {
      const [next] = await query<{ run_at: Date }>(
        server.databaseUrl,
        `select run_at from graphile_worker._private_jobs where key = $1`,
        [`digest:${admin.workspaceId}:${reader.userId}`],
      );
      return Boolean(next && next.run_at.getTime() > Date.now() && next.run_at.getUTCHours() === 8);
    });

    expect(
      (await reader.client.data(`mutation { setNotificationDigest(hour: null) }`)).setNotificationDigest,
    ).toBeNull();
    const jobs = await query(
      server.databaseUrl,
      `select 1 from graphile_worker._private_jobs where key = $1`,
      [`digest:${admin.workspaceId}:${reader.userId}`],
    );
    expect(jobs).toEqual([]);
  });
});
