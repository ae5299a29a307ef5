import { beforeAll, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite.js';
import { cuttableSocket } from '../support/browser.js';
import { muteNotifications, newMember, newUser, type SignedUpUser } from '../support/client.js';

// The bell: a reminder due for the member shows up live in the header, links to its record,
// and is marked read by following it.

const { server, newPage } = useBrowserSuite();
let owner: SignedUpUser;
let member: SignedUpUser;

/** Jobs and pushes on a busy 2-core machine: generous, and only a ceiling. */
const fireTimeout = 60_000;

beforeAll(async () => {
  owner = await newUser(server, { name: 'Olga Owner', workspaceName: 'Bell Co' });
  member = await newMember(server, owner, 'MEMBER');
  // The task is assigned to them: this test counts the reminder only.
  await muteNotifications(member, ['ASSIGNMENT']);
  await owner.client.data(
    `mutation { setReminderRules(object: "task", field: "remindAt", rules: [{ recipients: ["assignee"] }]) { id } }`,
  );
});

it(
  'shows a reminder live in the bell, links to the task and marks it read',
  { timeout: 180_000 },
  async () => {
    const page = await newPage(member);
    // Once the bell's subscription is sent, a reminder reaches it.
    let subscribed = false;
    page.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => {
        if (String(payload).includes('NotificationAdded')) subscribed = true;
      }),
    );
    await page.goto(`${server.url}/`);
    await expect.poll(() => page.getByTestId('notification-bell').isVisible()).toBe(true);
    await expect.poll(() => subscribed).toBe(true);
    expect(await page.getByTestId('notification-count').count()).toBe(0);

    const { createTask } = await owner.client.data<{ createTask: { id: string } }>(
      `mutation ($input: TaskCreateInput!) { createTask(input: $input) { id } }`,
      {
        input: {
          name: 'Ring the surveyor',
          assignee: member.userId,
          remindAt: new Date(Date.now() + 4_000).toISOString(),
        },
      },
    );
    await expect
      .poll(() => page.getByTestId('notification-count').textContent(), { timeout: fireTimeout })
      .toBe('1');

    await page.getByTestId('notification-bell').click();
    const item = page.getByTestId('notification-item');
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.textContent()).toContain('Ring the surveyor');
    await item.getByRole('link').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/objects/task/${createTask.id}`);
    await expect.poll(() => page.getByTestId('notification-count').count()).toBe(0);
    const { notifications } = await member.client.data(`{ notifications { unreadCount } }`);
    expect(notifications.unreadCount).toBe(0);
  },
);

it(
  'shows, once the socket reconnects, a reminder pushed while it was down (the bell resumes from its cursor)',
  { timeout: 180_000 },
  async () => {
    const page = await newPage(member);
    let subscribed = false;
    page.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => {
        if (String(payload).includes('NotificationAdded')) subscribed = true;
      }),
    );
    const socket = await cuttableSocket(page);
    await page.goto(`${server.url}/`);
    await expect.poll(() => page.getByTestId('notification-bell').isVisible()).toBe(true);
    await expect.poll(() => subscribed).toBe(true);
    const { notifications: before } = await member.client.data<{ notifications: { unreadCount: number } }>(
      `{ notifications { unreadCount } }`,
    );
    await expect.poll(() => page.getByTestId('notification-count').count()).toBe(before.unreadCount ? 1 : 0);

    subscribed = false;
    await socket.cut();
    await owner.client.data(`mutation ($input: TaskCreateInput!) { createTask(input: $input) { id } }`, {
      input: {
        name: 'Call back while offline',
        assignee: member.userId,
        remindAt: new Date(Date.now() + 2_000).toISOString(),
      },
    });
    await expect
      .poll(
        async () =>
          (
            await member.client.data<{ notifications: { unreadCount: number } }>(
              `{ notifications { unreadCount } }`,
            )
          ).notifications.unreadCount,
        { timeout: fireTimeout },
      )
      .toBe(before.unreadCount + 1);
    const shownWhileDown = await page.getByTestId('notification-count').count();
    expect(shownWhileDown ? await page.getByTestId('notification-count').textContent() : '0').toBe(
      String(before.unreadCount),
    );

    await socket.restore();
    await expect
      .poll(() => page.getByTestId('notification-count').textContent(), { timeout: fireTimeout })
      .toBe(String(before.unreadCount + 1));
  },
);
