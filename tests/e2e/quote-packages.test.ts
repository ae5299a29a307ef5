import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { query } from '../support/database.js';
import { errorOf, expectBadInput, expectCode } from '../support/records.js';
import { lineFields, totalsFields } from '../support/quotes.js';
import { useServer } from '../support/server.js';
import { copyShippedTemplate } from '../support/templates.js';
import { collect, eventually, newSocketClient } from '../support/ws.js';

// A boat dealer's quote takes a boat's package in one action (issue 22): the boat, each engine and
// the trailer as lines at their own prices, grouped as one package with its total; in one
// transaction, at the quote's version, live for a colleague's open editor.

let templatesDir: string;
beforeAll(async () => {
  templatesDir = await mkdtemp(path.join(os.tmpdir(), 'crm-quote-packages-'));
  await copyShippedTemplate('boat-dealer', templatesDir);
});
afterAll(() => rm(templatesDir, { recursive: true, force: true }));
const server = useServer(() => ({ TEMPLATES_DIR: templatesDir }));

const quoteFields = `id status version lines { ${lineFields} packageId packageLabel }
  packages { id label lineCount net total } ${totalsFields}`;
const addFrom = `mutation ($quoteId: ID!, $source: String!, $recordId: ID, $expectedVersion: Int) {
  addQuoteLinesFrom(quoteId: $quoteId, source: $source, recordId: $recordId, expectedVersion: $expectedVersion) {
    ${quoteFields} } }`;

interface Quote {
  id: string;
  version: number;
  lines: {
    description: string;
    unitPrice: string;
    net: string;
    packageId: string | null;
    packageLabel: string | null;
  }[];
  packages: { id: string; label: string; lineCount: number; net: string; total: string }[];
  totals: { total: string };
}

describe('quote lines from a boat package', { timeout: 300_000 }, () => {
  let owner: SignedUpUser;
  let colleague: SignedUpUser;
  let boston: { id: string; name: string };
  let otherBoat: { id: string; name: string };
  let dealId: string;
  const sockets: Client[] = [];

  beforeAll(async () => {
    owner = await newUser(server);
    await owner.client.data(
      `mutation { installTemplate(key: "boat-dealer", withSampleData: true) { toVersion } }`,
    );
    colleague = await newMember(server, owner, 'MEMBER');
    const { boats } = await owner.client.data(`query { boats(first: 50) { nodes { id name hin } } }`);
    boston = boats.nodes.find((b: { hin: string }) => b.hin === 'BWCE2801L324');
    otherBoat = boats.nodes.find((b: { hin: string }) => b.hin !== 'BWCE2801L324');
    const { createDeal } = await owner.client.data(
      `mutation ($boat: ID!) { createDeal(input: { name: "Boston for the Smiths", boat: $boat }) { id } }`,
      { boat: boston.id },
    );
    dealId = createDeal.id;
  }, 240_000);
  afterAll(() => Promise.all(sockets.map((s) => s.dispose())));

  const newQuote = async (currency = 'USD'): Promise<Quote> =>
    (
      await owner.client.data(
        `mutation ($input: CreateQuoteInput!) { createQuote(input: $input) { ${quoteFields} } }`,
        { input: { dealId, currency, title: 'Package' } },
      )
    ).createQuote;

  it('offers the deal’s boat package with the deal’s boat as the default pick', async () => {
    const quote = await newQuote();
    const { quotePackageSources } = await owner.client.data(
      `query ($id: ID!) { quotePackageSources(quoteId: $id) { key label unitObject dealUnitId dealUnitLabel } }`,
      { id: quote.id },
    );
    expect(quotePackageSources).toEqual([
      {
        key: 'boatPackage',
        label: 'Boat package',
        unitObject: 'boat',
        dealUnitId: boston.id,
        dealUnitLabel: boston.name,
      },
    ]);
  });

  it('adds the deal’s boat, its engines and trailer as one package, each at its price, with the total', async () => {
    const quote = await newQuote();
    await owner.client.data(
      `mutation ($id: ID!) { addQuoteLine(quoteId: $id, input: { description: "Delivery", quantity: "1", unitPrice: "450" }) { id } }`,
      { id: quote.id },
    );
    const { addQuoteLinesFrom: added } = await owner.client.data<{ addQuoteLinesFrom: Quote }>(addFrom, {
      quoteId: quote.id,
      source: 'boatPackage',
    });
    // The delivery line first, then hull, two engines and the trailer, by the sample's prices.
    expect(added.lines.map((l) => [l.description, l.unitPrice])).toEqual([
      ['Delivery', '450'],
      [`Hull – ${boston.name}`, '289000'],
      ['Mercury Verado 300 (port)', '32500'],
      ['Mercury Verado 300 (starboard)', '32500'],
      ['2024 Karavan tandem axle', '8900'],
    ]);
    const [delivery, ...parts] = added.lines;
    expect(delivery!.packageId).toBeNull();
    expect(new Set(parts.map((l) => l.packageId)).size).toBe(1);
    expect(added.packages).toEqual([
      {
        id: parts[0]!.packageId,
        label: `Boat package – ${boston.name}`,
        lineCount: 4,
        net: '362900.00',
        total: '362900.00',
      },
    ]);
    expect(added.totals.total).toBe('363350.00');

    // Another boat picked on purpose: a second package beside the first.
    const { addQuoteLinesFrom: two } = await owner.client.data<{ addQuoteLinesFrom: Quote }>(addFrom, {
      quoteId: quote.id,
      source: 'boatPackage',
      recordId: otherBoat.id,
      expectedVersion: added.version,
    });
    expect(two.packages.map((p) => p.label)).toEqual([
      `Boat package – ${boston.name}`,
      `Boat package – ${otherBoat.name}`,
    ]);
    expect(two.lines.find((l) => l.description === `Hull – ${otherBoat.name}`)).toBeDefined();
  });

  it('refuses a stale version, an unknown source, a missing boat and a foreign currency, adding nothing', async () => {
    const quote = await newQuote();
    const count = async () =>
      Number(
        (
          await query<{ n: string }>(
            server.databaseUrl,
            'select count(*) as n from document_line where quote_id = $1',
            [quote.id],
          )
        )[0]!.n,
      );
    const stale = await owner.client.request(addFrom, {
      quoteId: quote.id,
      source: 'boatPackage',
      expectedVersion: quote.version - 1,
    });
    expect(errorOf(stale)).toMatchObject({ code: 'CONFLICT', argumentPath: ['expectedVersion'] });
    expect(errorOf(stale).extensions.currentVersion).toBe(quote.version);
    expectBadInput(await owner.client.request(addFrom, { quoteId: quote.id, source: 'trailerPackage' }), [
      'source',
    ]);
    expectBadInput(
      await owner.client.request(addFrom, {
        quoteId: quote.id,
        source: 'boatPackage',
        recordId: '00000000-0000-4000-8000-000000000000',
      }),
      ['recordId'],
    );
    expectBadInput(
      await owner.client.request(addFrom, { quoteId: quote.id, source: 'boatPackage', recordId: 'x' }),
      ['recordId'],
    );
    const euro = await newQuote('EUR');
    const foreign = await owner.client.request(addFrom, { quoteId: euro.id, source: 'boatPackage' });
    expectBadInput(foreign, ['recordId']);
    expect(errorOf(foreign).message).toContain('USD');
    // A deal with no boat: the caller must pick one.
    const { createDeal } = await owner.client.data(
      `mutation { createDeal(input: { name: "No boat yet" }) { id } }`,
    );
    const { createQuote: bare } = await owner.client.data(
      `mutation ($dealId: ID!) { createQuote(input: { dealId: $dealId, currency: "USD" }) { id } }`,
      { dealId: createDeal.id },
    );
    expectBadInput(await owner.client.request(addFrom, { quoteId: bare.id, source: 'boatPackage' }), [
      'recordId',
    ]);
    expect(await count()).toBe(0);
    // A sent quote's lines do not change.
    await owner.client.data(
      `mutation ($id: ID!) { addQuoteLine(quoteId: $id, input: { description: "Fee", quantity: "1", unitPrice: "1" }) { id } }`,
      { id: quote.id },
    );
    await owner.client.data(`mutation ($id: ID!) { setQuoteStatus(id: $id, status: SENT) { id } }`, {
      id: quote.id,
    });
    expectCode(
      await owner.client.request(addFrom, { quoteId: quote.id, source: 'boatPackage' }),
      'FORBIDDEN',
    );
    expect(await count()).toBe(1);
  });

  it('pushes the package to a colleague’s open quote', async () => {
    const quote = await newQuote();
    const { client } = newSocketClient(server, {
      cookie: colleague.client.cookie,
      workspaceId: owner.workspaceId,
    });
    sockets.push(client);
    const live = collect<{ quoteChanged: { kind: string; actorId: string; quote: Quote } }>(
      client,
      `subscription ($id: ID!) { quoteChanged(quoteId: $id) { kind actorId quote { ${quoteFields} } } }`,
      { id: quote.id },
    );
    // Open once a change made after subscribing arrives.
    await eventually(async () => {
      await owner.client.data(
        `mutation ($id: ID!) { updateQuote(id: $id, input: { title: "Package v2" }) { id } }`,
        {
          id: quote.id,
        },
      );
      return live.results.length > 0;
    });
    await owner.client.data(addFrom, { quoteId: quote.id, source: 'boatPackage' });
    await eventually(() => live.results.some((r) => r.data?.quoteChanged.kind === 'LINE_ADDED'));
    const event = live.results.find((r) => r.data?.quoteChanged.kind === 'LINE_ADDED')!.data!.quoteChanged;
    expect(event.actorId).toBe(owner.userId);
    expect(event.quote.lines).toHaveLength(4);
    expect(event.quote.packages[0]).toMatchObject({ lineCount: 4, net: '362900.00' });
    live.stop();
  });
});
