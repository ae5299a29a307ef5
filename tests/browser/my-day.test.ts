import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { screenshot } from '../support/browser.js';
import { desktop, useBrowserSuite } from '../support/browser-suite.js';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';

// "My day" is the home page: my tasks due today or overdue, my appointments on the objects with a
// calendar view, my notifications and open deals, every list a records query with relative
// filters (isMe, within) read in my time zone, and live.

const { server, newContext } = useBrowserSuite();
let agent: SignedUpUser;
let colleague: SignedUpUser;

/** Pushes and jobs on a busy 2-core machine: generous, and only a ceiling. */
const liveTimeout = 30_000;
const hourIn = (zone: string) =>
  Number(
    new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone: zone })
      .formatToParts(new Date())
      .find((part) => part.type === 'hour')!.value,
  );
/**
 * Chromium's zone, far from the server's UTC, and one where it is before 18:00 now: the tasks
 * due in the next hours (the template rule's, 4 h after the viewing is booked) must still fall
 * today there, whatever the hour the run starts. Auckland from 00:00 to 05:00 UTC and after
 * 11:00, Tokyo until 09:00, Los Angeles between; in Auckland at 21:00 the rule's task was due
 * tomorrow and left My day.
 */
const browserZone = ['Pacific/Auckland', 'Asia/Tokyo', 'America/Los_Angeles'].find(
  (zone) => hourIn(zone) < 18,
)!;
const hour = 3_600_000;

beforeAll(async () => {
  agent = await newUser(server, { name: 'Agnes Agent', workspaceName: 'Harbour Homes' });
  colleague = await newMember(server, agent, 'MEMBER');
  // The real-estate template brings viewings and their calendar view.
  await agent.client.data(`mutation { installTemplate(key: "real-estate") { upToDate } }`);
  await agent.client.data(
    `mutation { setReminderRules(object: "task", field: "remindAt", rules: [{ recipients: ["assignee"] }]) { id } }`,
  );
});

async function createTask(user: SignedUpUser, input: Record<string, unknown>): Promise<void> {
  await user.client.data(`mutation ($input: TaskCreateInput!) { createTask(input: $input) { id } }`, {
    input,
  });
}

/** Chromium in `browserZone`, signed in as the agent, as after a sign-in in that browser. */
async function agentPage(): Promise<Page> {
  const context = await newContext({ viewport: desktop, timezoneId: browserZone });
  const [name, value] = agent.client.cookie!.split('=') as [string, string];
  await context.addCookies([{ name, value, url: server.url }]);
  await context.addInitScript((id) => localStorage.setItem('crm.workspaceId', id), agent.workspaceId);
  return context.newPage();
}

const rows = (page: Page, testid: string) => page.getByTestId(`${testid}-row`).allTextContents();

it(
  'shows my tasks of today and a viewing another member books a moment later, without a reload',
  { timeout: 180_000 },
  async () => {
    const now = Date.now();
    const me = agent.userId;
    await createTask(agent, { name: 'Call the bank', assignee: me, dueAt: new Date(now + 60_000) });
    await createTask(agent, { name: 'Old follow-up', assignee: me, dueAt: new Date(now - 2 * 24 * hour) });
    await createTask(agent, { name: 'Next week', assignee: me, dueAt: new Date(now + 7 * 24 * hour) });
    await createTask(agent, { name: 'Already done', assignee: me, status: 'done', dueAt: new Date(now) });
    await createTask(agent, { name: 'Not mine', assignee: colleague.userId, dueAt: new Date(now) });

    const page = await agentPage();
    let subscriptions = 0;
    page.on('websocket', (socket) =>
      socket.on('framesent', ({ payload }) => {
        if (String(payload).includes('"subscribe"') && String(payload).includes('recordChanged'))
          subscriptions++;
      }),
    );
    await page.goto(`${server.url}/`);
    await expect
      .poll(() => rows(page, 'myday-tasks'), { timeout: liveTimeout })
      .toEqual([expect.stringContaining('Old follow-up'), expect.stringContaining('Call the bank')]);
    // The browser's zone became the agent's on this first visit.
    await expect
      .poll(async () => (await agent.client.data(`{ me { timeZone } }`)).me.timeZone)
      .toBe(browserZone);
    await expect.poll(() => page.getByTestId('myday-appointments-viewing-empty').isVisible()).toBe(true);
    // The day is the browser zone's, whatever the server's clock says.
    // English dates are British (docs/i18n.md, Formats).
    const browserDay = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeZone: browserZone });
    expect(await page.getByTestId('myday-date').textContent()).toBe(browserDay.format(new Date()));
    // Every list follows its object's changes before anyone writes.
    await expect.poll(() => subscriptions, { timeout: liveTimeout }).toBeGreaterThanOrEqual(2);

    const { createProperty } = await colleague.client.data(
      `mutation { createProperty(input: { name: "Harbour flat", address: "1 Quay" }) { id } }`,
    );
    const booked = Date.now();
    await colleague.client.data(
      `mutation ($input: ViewingCreateInput!) { createViewing(input: $input) { id } }`,
      {
        input: {
          name: 'Viewing with Ann',
          property: createProperty.id,
          agent: me,
          startsAt: new Date(booked + 3 * hour),
        },
      },
    );
    await expect
      .poll(() => rows(page, 'myday-appointments-viewing'), { timeout: liveTimeout })
      .toEqual([expect.stringContaining('Viewing with Ann')]);
    console.log(`viewing on My day ${Date.now() - booked} ms after createViewing returned`);
    // The real-estate template's "Viewing booked" rule gives the agent a task to confirm it.
    await expect
      .poll(() => rows(page, 'myday-tasks'), { timeout: liveTimeout })
      .toEqual([
        expect.stringContaining('Old follow-up'),
        expect.stringContaining('Call the bank'),
        expect.stringContaining('Confirm viewing: Viewing with Ann'),
      ]);

    // A task the colleague assigns me for today joins too; one for them does not. Both are
    // decided in the browser (isMe and today made absolute): no list is asked about them.
    const asked: string[] = [];
    page.on('request', (request) => {
      const body = request.postData() ?? '';
      if (request.method() === 'POST' && body.includes('"first":1')) asked.push(body);
    });
    await createTask(colleague, {
      name: 'Sign the lease',
      assignee: me,
      dueAt: new Date(Date.now() + 30 * 60_000),
    });
    await createTask(colleague, { name: 'Their own', assignee: colleague.userId, dueAt: new Date() });
    await expect
      .poll(() => rows(page, 'myday-tasks'), { timeout: liveTimeout })
      .toEqual([
        expect.stringContaining('Old follow-up'),
        expect.stringContaining('Call the bank'),
        expect.stringContaining('Sign the lease'),
        expect.stringContaining('Confirm viewing: Viewing with Ann'),
      ]);
    expect(asked).toEqual([]);
    // Done leaves the list, live.
    const { tasks } = await agent.client.data(
      `{ tasks(filter: { name: { eq: "Call the bank" } }) { nodes { id } } }`,
    );
    await agent.client.data(
      `mutation ($id: ID!, $input: TaskUpdateInput!) { updateTask(id: $id, input: $input) { id } }`,
      { id: tasks.nodes[0].id, input: { status: 'done' } },
    );
    await expect
      .poll(() => rows(page, 'myday-tasks'), { timeout: liveTimeout })
      .toEqual([
        expect.stringContaining('Old follow-up'),
        expect.stringContaining('Sign the lease'),
        expect.stringContaining('Confirm viewing: Viewing with Ann'),
      ]);
    await screenshot(page, 'my-day');
    expect(await page.getByTestId('member-row').count()).toBe(2);
    await page.context().close();
  },
);

it('lists a reminder that fires among my recent notifications, live', { timeout: 180_000 }, async () => {
  const page = await agentPage();
  await page.goto(`${server.url}/`);
  await page.getByTestId('myday-tasks').waitFor();
  await createTask(colleague, {
    name: 'Ring Ann back',
    assignee: agent.userId,
    remindAt: new Date(Date.now() + 3_000),
  });
  await expect
    .poll(() => page.getByTestId('myday-notification').allTextContents(), { timeout: 90_000 })
    // The assignment notifies the agent too; the reminder is its own line.
    .toEqual(expect.arrayContaining([expect.stringMatching(/Ring Ann back\s*Reminder, due/)]));
  await page.context().close();
});

it('offers "is me" and "is within" in the filter builder, and the time zone on the account page', async () => {
  const page = await agentPage();
  await page.goto(`${server.url}/objects/task`);
  await page.getByTestId('toggle-filters').click();
  await page.getByTestId('add-filter').click();
  await page.getByTestId('filter-field').selectOption('assignee');
  await page.getByTestId('filter-op').selectOption('isMe');
  await page.getByTestId('add-filter').click();
  await page.getByTestId('filter-field').nth(1).selectOption('dueAt');
  await page.getByTestId('filter-op').nth(1).selectOption('within');
  await page.getByTestId('filter-period').selectOption('OVERDUE');
  const names = async () =>
    (await page.getByTestId('record-row').getByTestId('cell-name').allTextContents()).map((t) => t.trim());
  // Polled whole: until the new filter applies, the table still shows the rows of the one before.
  const shows = (wanted: string[], unwanted: string) => async () => {
    const now = await names();
    return wanted.every((name) => now.includes(name)) && !now.includes(unwanted);
  };
  await expect
    .poll(shows(['Old follow-up', 'Already done'], 'Next week'), { timeout: liveTimeout })
    .toBe(true);
  await page.getByTestId('filter-period').selectOption('next:7');
  await page.getByTestId('filter-next-days').fill('30');
  await page.getByTestId('filter-next-days').press('Tab');
  await expect
    .poll(shows(['Next week', 'Sign the lease'], 'Old follow-up'), { timeout: liveTimeout })
    .toBe(true);
  await page.getByTestId('view-save-as').click();
  await page.getByTestId('view-name').fill('My month');
  await page.getByTestId('view-name-submit').click();
  await expect
    .poll(async () => (await agent.client.data(`{ views(object: "task") { name filter } }`)).views)
    .toContainEqual({
      name: 'My month',
      filter: { and: [{ assignee: { isMe: true } }, { dueAt: { within: { nextDays: 30 } } }] },
    });

  await page.goto(`${server.url}/account`);
  await expect.poll(() => page.getByTestId('time-zone').inputValue()).toBe(browserZone);
  await page.getByTestId('time-zone').selectOption('Europe/Lisbon');
  await page.getByTestId('time-zone-save').click();
  await expect
    .poll(async () => (await agent.client.data(`{ me { timeZone } }`)).me.timeZone)
    .toBe('Europe/Lisbon');
  await page.context().close();
});
