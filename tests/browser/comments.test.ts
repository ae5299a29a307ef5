import { beforeAll, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite.js';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';

// Two members on one record page: one comments with an @mention picked from the suggestions,
// the other sees the comment appear live and gets the mention in the bell.

const { server, newPage } = useBrowserSuite();
let owner: SignedUpUser;
let member: SignedUpUser;
let companyId: string;

beforeAll(async () => {
  owner = await newUser(server, { name: 'Olga Owner', workspaceName: 'Thread Co' });
  member = await newMember(server, owner, 'MEMBER');
  const { createCompany } = await owner.client.data<{ createCompany: { id: string } }>(
    `mutation { createCompany(input: { name: "Harbour Views" }) { id } }`,
  );
  companyId = createCompany.id;
});

it(
  'mentions a member chosen from the suggestions; they see it live and in the bell',
  { timeout: 180_000 },
  async () => {
    const path = `/objects/company/${companyId}`;
    const reader = await newPage(member);
    // Live once both subscriptions are sent.
    const sent = new Set<string>();
    reader.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => {
        for (const name of ['CommentChanged', 'NotificationAdded'])
          if (String(payload).includes(name)) sent.add(name);
      }),
    );
    await reader.goto(`${server.url}${path}`);
    await expect.poll(() => reader.getByTestId('comments-empty').isVisible()).toBe(true);
    await expect.poll(() => sent.size, { timeout: 30_000 }).toBe(2);

    const writer = await newPage(owner);
    await writer.goto(`${server.url}${path}`);
    const input = writer.getByTestId('comment-input');
    await input.click();
    await input.pressSequentially('Please call @mem');
    const option = writer.getByTestId('mention-option');
    await expect.poll(() => option.count()).toBe(1);
    expect(await option.textContent()).toContain('A MEMBER');
    await option.click();
    await input.pressSequentially('today');
    expect(await input.inputValue()).toBe('Please call @A MEMBER today');
    await writer.getByTestId('comment-submit').click();
    await expect
      .poll(() => writer.getByTestId('comment-body').textContent())
      .toBe('Please call @A MEMBER today');
    // Cleared once the server has answered, which may come after the comment arrives live.
    await expect.poll(() => input.inputValue()).toBe('');

    // The reader's page shows it without a reload, the mention as a mention.
    await expect
      .poll(() => reader.getByTestId('comment-body').textContent(), { timeout: 30_000 })
      .toBe('Please call @A MEMBER today');
    expect(await reader.getByTestId('comment-thread').getByTestId('comment-mention').textContent()).toBe(
      '@A MEMBER',
    );
    // Not theirs: no edit or delete.
    expect(await reader.getByTestId('comment-edit').count()).toBe(0);
    expect(await reader.getByTestId('comment-delete').count()).toBe(0);

    await expect
      .poll(() => reader.getByTestId('notification-count').textContent(), { timeout: 30_000 })
      .toBe('1');
    await reader.getByTestId('notification-bell').click();
    const item = reader.getByTestId('notification-item');
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.textContent()).toContain('Harbour Views');
    expect(await item.getByTestId('notification-text').textContent()).toBe(
      'Olga Owner mentioned you: “Please call @A MEMBER today”',
    );

    // The author edits their comment; the reader sees the new text live.
    await writer.getByTestId('comment-edit').click();
    const editor = writer.getByTestId('comment').getByTestId('comment-input');
    await editor.fill('Please call @A MEMBER tomorrow');
    await writer.getByTestId('comment').getByTestId('comment-submit').click();
    await expect
      .poll(() => reader.getByTestId('comment-body').textContent(), { timeout: 30_000 })
      .toBe('Please call @A MEMBER tomorrow');
    const { comments } = await member.client.data(
      `query ($id: ID!) { comments(object: "company", recordId: $id) { nodes { mentions { userId } } } }`,
      { id: companyId },
    );
    expect(comments.nodes[0].mentions).toEqual([{ userId: member.userId }]);
  },
);

it('turns a kind off on the account page', { timeout: 60_000 }, async () => {
  const page = await newPage(member);
  await page.goto(`${server.url}/account`);
  const mentions = page.locator('[data-testid="notification-setting"][data-kind="MENTION"]');
  await expect.poll(() => mentions.getByTestId('setting-in-app').isChecked()).toBe(true);
  await mentions.getByTestId('setting-in-app').uncheck();
  await mentions.getByTestId('setting-email').check();
  await expect
    .poll(async () => {
      const { notificationSettings } = await member.client.data<{
        notificationSettings: { kind: string; inApp: boolean; email: boolean }[];
      }>(`{ notificationSettings { kind inApp email } }`);
      return notificationSettings.find((s) => s.kind === 'MENTION');
    })
    .toEqual({ kind: 'MENTION', inApp: false, email: true });
});
