import { beforeAll, expect, it } from 'vitest';
import { useBrowserSuite } from '../support/browser-suite.js';
import { cuttableSocket, screenshot } from '../support/browser.js';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { addFields } from '../support/records.js';

// Live screens in real Chromium: a field an admin adds appears as a column, records changed
// elsewhere update the open table, two people co-edit a note's body and see each other,
// and a viewer gets no edit controls (and the server refuses a forced edit).

const { server, openPage, newPage } = useBrowserSuite();
let owner: SignedUpUser;
let member: SignedUpUser;

beforeAll(async () => {
  owner = await newUser(server, { name: 'Olga Owner', workspaceName: 'Live Co' });
  member = await newMember(server, owner, 'MEMBER');
});

async function createCompany(name: string): Promise<string> {
  const { createCompany } = await owner.client.data(
    `mutation ($name: String!) { createCompany(input: { name: $name }) { id } }`,
    { name },
  );
  return createCompany.id;
}

it('shows a field an admin adds as a new column, and records changed elsewhere, without reload', async () => {
  const acmeId = await createCompany('Acme');
  const page = await openPage(member, '/objects/company');
  await expect.poll(() => page.getByTestId('record-row').count()).toBe(1);

  await addFields(owner.client, 'company', [{ key: 'fit', label: 'Fit', type: 'RATING' }]);
  await page.getByTestId('column-fit').waitFor();

  await owner.client.data(
    `mutation ($id: ID!) { updateCompany(id: $id, input: { fit: 4, industry: "Rockets" }) { id } }`,
    {
      id: acmeId,
    },
  );
  const row = page.locator(`[data-record-id="${acmeId}"]`);
  await expect.poll(() => row.getByTestId('cell-industry').textContent()).toContain('Rockets');
  await expect.poll(() => row.getByTestId('cell-fit').textContent()).toContain('★★★★');

  await createCompany('Brand New Ltd');
  await expect.poll(() => page.getByTestId('record-row').count()).toBe(2);
  await screenshot(page, 'records-table-live');

  // In a searched list a new record joins only if it matches, and the pages loaded stay.
  await page.getByTestId('table-search').fill('Brand');
  await page.getByTestId('table-search').press('Enter');
  await expect.poll(() => page.getByTestId('record-row').count()).toBe(1);
  const pageLoads: unknown[] = [];
  page.on('request', (request) => {
    const body = request.postDataJSON() as { operationName?: string; variables?: { first?: number } } | null;
    if (body?.operationName === 'CompanyList' && body.variables?.first !== 1) pageLoads.push(body);
  });
  await createCompany('Brand Two');
  await createCompany('Unrelated Inc');
  await expect.poll(() => page.getByTestId('record-row').count()).toBe(2);
  await expect.poll(() => page.getByTestId('record-count').textContent()).toContain('2 records');
  expect(pageLoads).toEqual([]);
  await page.context().close();
});

it('reads fields and views again once a dropped socket is back (their feeds take no cursor)', async () => {
  const page = await newPage(member);
  const subscribed = new Set<string>();
  page.on('websocket', (socket) =>
    socket.on('framesent', ({ payload }) => {
      for (const name of ['MetadataChanged', 'ViewChanged'])
        if (String(payload).includes(name)) subscribed.add(name);
    }),
  );
  const socket = await cuttableSocket(page);
  await page.goto(`${server.url}/objects/company`);
  await page.getByTestId('view-picker').waitFor();
  await expect.poll(() => subscribed.size).toBe(2);

  await socket.cut();
  await addFields(owner.client, 'company', [{ key: 'budget', label: 'Budget', type: 'NUMBER' }]);
  await owner.client.data(
    `mutation { createView(input: { object: "company", name: "Shared while away", type: TABLE, shared: true }) { id } }`,
  );
  // Nothing of it reached the page while the socket was down.
  expect(await page.getByTestId('column-budget').count()).toBe(0);

  await socket.restore();
  await page.getByTestId('column-budget').waitFor();
  await expect
    .poll(() => page.getByTestId('view-picker').locator('option').allTextContents())
    .toContainEqual(expect.stringContaining('Shared while away'));
  await page.context().close();
});

it('lets two people co-edit a note body live, each seeing the other', async () => {
  const { createNote } = await owner.client.data(
    `mutation { createNote(input: { name: "Kick-off" }) { id } }`,
  );
  const path = `/objects/note/${createNote.id}`;
  const [ownerPage, memberPage] = await Promise.all([openPage(owner, path), openPage(member, path)]);
  const ownerBody = ownerPage.getByTestId('collab-body');
  const memberBody = memberPage.getByTestId('collab-body');
  await expect.poll(() => ownerBody.getAttribute('contenteditable')).toBe('true');
  await expect.poll(() => memberBody.getAttribute('contenteditable')).toBe('true');

  await expect
    .poll(() => ownerPage.getByTestId('presence-avatar').getAttribute('data-name'))
    .toBe('A MEMBER');
  await expect
    .poll(() => memberPage.getByTestId('presence-avatar').getAttribute('data-name'))
    .toBe('Olga Owner');

  await ownerBody.click();
  await ownerPage.keyboard.type('Hello from Olga.');
  await expect.poll(() => memberBody.textContent()).toBe('Hello from Olga.');
  await memberBody.click();
  await memberPage.keyboard.press('End');
  await memberPage.keyboard.type(' And from the member.');
  await expect.poll(() => ownerPage.getByTestId('editing-now').textContent()).toContain('A MEMBER editing');
  // The member's caret shows in Olga's editor while both type.
  await ownerPage.keyboard.press('Home');
  await ownerPage.keyboard.type('>> ');
  const expected = '>> Hello from Olga. And from the member.';
  await expect.poll(() => ownerBody.textContent()).toBe(expected);
  await expect.poll(() => memberBody.textContent()).toBe(expected);
  await expect.poll(() => ownerPage.getByTestId('collab-caret').count()).toBeGreaterThan(0);
  await screenshot(ownerPage, 'record-coediting');

  // The text is projected into the record, so the API and the change log have it.
  await expect
    .poll(
      async () =>
        (await owner.client.data(`query ($id: ID!) { note(id: $id) { body } }`, { id: createNote.id })).note
          .body,
    )
    .toBe(expected);
  await ownerPage.context().close();
  await memberPage.context().close();
});

it('shows a viewer no edit controls, and the server refuses a forced edit', async () => {
  const viewer = await newMember(server, owner, 'VIEWER');
  const acmeId = await createCompany('Viewer Test Inc');
  const page = await openPage(viewer, '/objects/company');
  await page.getByTestId('record-table').waitFor();
  expect(await page.getByTestId('new-record').count()).toBe(0);
  expect(await page.getByTestId('select-row').count()).toBe(0);
  await page.locator(`[data-record-id="${acmeId}"]`).getByTestId('cell-name').click();
  expect(await page.getByTestId('cell-name-editor').count()).toBe(0);
  await page.keyboard.press('n');
  expect(await page.getByTestId('new-record-form').count()).toBe(0);

  await page.goto(`${server.url}/objects/company/${acmeId}`);
  await page.getByTestId('record-title').waitFor();
  expect(await page.getByTestId('delete-record').count()).toBe(0);
  await page.getByTestId('field-industry').click();
  expect(await page.getByTestId('field-industry-editor').count()).toBe(0);
  await expect
    .poll(() => page.getByTestId('collab-description').getAttribute('contenteditable'))
    .toBe('false');
  await screenshot(page, 'record-page-viewer');

  const answer = await page.evaluate(async (id) => {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation ($id: ID!) { updateCompany(id: $id, input: { name: "Hacked" }) { id } }',
        variables: { id },
      }),
    });
    return (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  }, acmeId);
  expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const { company } = await owner.client.data(`query ($id: ID!) { company(id: $id) { name } }`, {
    id: acmeId,
  });
  expect(company.name).toBe('Viewer Test Inc');
  await page.context().close();
});
