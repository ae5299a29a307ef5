import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMember, newUser, type SignedUpUser, type TestClient } from '../support/client.js';
import { query } from '../support/database.js';
import { errorOf, expectBadInput, expectCode } from '../support/records.js';
import { createDeal, draftInvoice, invoiceFields, issueInvoice, quoteFields } from '../support/quotes.js';
import { newServer, type TestServer } from '../support/server.js';
import { collect, eventually, newSocketClient } from '../support/ws.js';

// Quotes with co-edited lines and exact totals, invoices with gapless numbers, payments and
// balances, through GraphQL over HTTP and graphql-ws (issue 19, parts 2 and 3).

const createQuote = `mutation ($input: CreateQuoteInput!) { createQuote(input: $input) { ${quoteFields} } }`;
const addLine = `mutation ($quoteId: ID!, $input: LineInput!) { addQuoteLine(quoteId: $quoteId, input: $input) { ${quoteFields} } }`;
const updateLine = `mutation ($id: ID!, $version: Int!, $input: LineInput!) {
  updateQuoteLine(id: $id, version: $version, input: $input) { ${quoteFields} } }`;
const setStatus = `mutation ($id: ID!, $status: QuoteStatus!) { setQuoteStatus(id: $id, status: $status) { id status } }`;
const readQuote = `query ($id: ID!) { quote(id: $id) { ${quoteFields} } }`;
const fromQuote = `mutation ($quoteId: ID!) { createInvoiceFromQuote(quoteId: $quoteId) { ${invoiceFields} } }`;
const readInvoice = `query ($id: ID!) { invoice(id: $id) { ${invoiceFields} } }`;
const pay = `mutation ($id: ID!, $input: PaymentInput!) { recordPayment(invoiceId: $id, input: $input) { ${invoiceFields} } }`;
const balance = `query ($object: BalanceObject!, $id: ID!) { openBalance(object: $object, recordId: $id) { currency amount } }`;

interface Line {
  id: string;
  version: number;
  quantity: string;
  description: string;
  gross: string;
  discount: string;
  net: string;
}
interface Quote {
  id: string;
  status: string;
  version: number;
  lines: Line[];
  totals: { subtotal: string; discount: string; net: string; taxes: unknown[]; tax: string; total: string };
}

const year = new Date().toISOString().slice(0, 4);
const numbered = (n: number) => `${year}-${String(n).padStart(5, '0')}`;

describe('quotes and invoices', { timeout: 240_000 }, () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let colleague: SignedUpUser;
  let outsider: SignedUpUser;
  let companyId: string;
  let dealId: string;
  let productId: string;
  const sockets: Client[] = [];

  beforeAll(async () => {
    server = await newServer();
    owner = await newUser(server, { name: 'Olive Owner' });
    colleague = await newMember(server, owner, 'MEMBER');
    outsider = await newUser(server);
    const { createCompany } = await owner.client.data(
      `mutation { createCompany(input: { name: "Harbour Ltd" }) { id } }`,
    );
    companyId = createCompany.id;
    dealId = await createDeal(owner.client, 'Harbour fit-out', companyId);
    const { createProduct } = await owner.client.data(
      `mutation { createProduct(input: { name: "Widget", sku: "W-1" }) { id } }`,
    );
    productId = createProduct.id;
    await owner.client.data(`mutation ($input: PriceCreateInput!) { createPrice(input: $input) { id } }`, {
      input: { product: productId, priceBook: 'standard', unitPrice: { amount: 19.99, currency: 'EUR' } },
    });
  }, 120_000);

  afterAll(async () => {
    await Promise.all(sockets.map((socket) => socket.dispose()));
    await server?.close();
  });

  const threeLines = () => [
    { productId, quantity: '3', taxRate: '20' },
    {
      description: 'Installation',
      quantity: '2.5',
      unitPrice: '80.00',
      discountPercent: '10',
      taxRate: '20',
    },
    { description: 'Manual', quantity: '1', unitPrice: '12.345', taxRate: '7' },
  ];

  async function newQuote(client: TestClient = owner.client): Promise<Quote> {
    const { createQuote: quote } = await client.data<{ createQuote: Quote }>(createQuote, {
      input: { dealId, currency: 'EUR', title: 'Fit-out', lines: threeLines() },
    });
    return quote;
  }

  async function count(table: string): Promise<number> {
    const [row] = await query<{ n: string }>(server.databaseUrl, `select count(*) as n from ${table}`, []);
    return Number(row!.n);
  }

  it('computes a three-line quote’s totals exactly, with mixed tax rates and a discount', async () => {
    const quote = await newQuote();
    expect(quote.status).toBe('DRAFT');
    expect(quote.lines.map((l) => [l.description, l.gross, l.discount, l.net])).toEqual([
      ['Widget', '59.97', '0.00', '59.97'],
      ['Installation', '200.00', '20.00', '180.00'],
      // 12.345 rounds half up to 12.35.
      ['Manual', '12.35', '0.00', '12.35'],
    ]);
    expect(quote.totals).toEqual({
      subtotal: '272.32',
      discount: '20.00',
      net: '252.32',
      taxes: [
        { rate: '20', base: '239.97', tax: '47.99' },
        { rate: '7', base: '12.35', tax: '0.86' },
      ],
      tax: '48.85',
      total: '301.17',
    });
  });

  it('refuses bad lines with the argument path, storing nothing half-way', async () => {
    const quote = await newQuote();
    const before = [await count('quote'), await count('document_line')];
    const line = (input: Record<string, unknown>) =>
      owner.client.request(addLine, {
        quoteId: quote.id,
        input: { description: 'x', unitPrice: '1', ...input },
      });
    expectBadInput(await line({ quantity: '-1' }), ['input', 'quantity']);
    expectBadInput(await line({ quantity: '1', taxRate: '100.5' }), ['input', 'taxRate']);
    expectBadInput(await line({ quantity: '1', taxRate: '-1' }), ['input', 'taxRate']);
    expectBadInput(await line({ quantity: '1', discountPercent: '101' }), ['input', 'discountPercent']);
    expectBadInput(await line({ quantity: '1.5e2' }), ['input', 'quantity']);
    expectBadInput(await line({ quantity: '1', productId: crypto.randomUUID() }), ['input', 'productId']);
    expectBadInput(await line({ quantity: '1', description: '' }), ['input', 'description']);
    // Widget is priced in EUR only: a USD quote cannot take its price.
    const mismatch = await owner.client.request(createQuote, {
      input: {
        dealId,
        currency: 'USD',
        lines: [
          { description: 'ok', quantity: '1', unitPrice: '5' },
          { productId, quantity: '1' },
        ],
      },
    });
    expectBadInput(mismatch, ['input', 'lines', '1', 'productId']);
    expect(errorOf(mismatch).extensions.reason).toBe('CURRENCY_MISMATCH');
    expectBadInput(await owner.client.request(createQuote, { input: { dealId, currency: 'euro' } }), [
      'input',
      'currency',
    ]);
    expect([await count('quote'), await count('document_line')]).toEqual(before);
  });

  it('accept → invoice copies the lines and, issued, takes the next number; an issued invoice is not edited', async () => {
    const quote = await newQuote();
    expectCode(await owner.client.request(fromQuote, { quoteId: quote.id }), 'BAD_USER_INPUT');
    expectCode(await owner.client.request(setStatus, { id: quote.id, status: 'ACCEPTED' }), 'FORBIDDEN');
    await owner.client.data(setStatus, { id: quote.id, status: 'SENT' });
    await owner.client.data(setStatus, { id: quote.id, status: 'ACCEPTED' });
    expectCode(await owner.client.request(setStatus, { id: quote.id, status: 'DRAFT' }), 'FORBIDDEN');
    const { createInvoiceFromQuote: draft } = await owner.client.data(fromQuote, { quoteId: quote.id });
    expect(draft).toMatchObject({ status: 'DRAFT', number: null, quoteId: quote.id });
    expect(draft.totals.total).toBe('301.17');
    expectCode(await owner.client.request(fromQuote, { quoteId: quote.id }), 'CONFLICT');

    const { issueInvoice: issued } = await owner.client.data(issueInvoice, { id: draft.id });
    expect(issued).toMatchObject({ status: 'ISSUED', number: numbered(1) });
    const second = await draftInvoice(owner.client, dealId);
    expect((await owner.client.data(issueInvoice, { id: second })).issueInvoice.number).toBe(numbered(2));

    const edit = await owner.client.request(
      `mutation ($id: ID!) { updateInvoice(id: $id, input: { dueDate: "2099-01-01" }) { id } }`,
      { id: draft.id },
    );
    expect(errorOf(edit)).toMatchObject({ code: 'FORBIDDEN', argumentPath: ['input', 'dueDate'] });
    const addToIssued = await owner.client.request(
      `mutation ($id: ID!) { addInvoiceLine(invoiceId: $id, input: { description: "extra", quantity: "1", unitPrice: "1" }) { id } }`,
      { id: draft.id },
    );
    expect(errorOf(addToIssued).code).toBe('FORBIDDEN');
    const { invoice } = await owner.client.data(readInvoice, { id: draft.id });
    expect(invoice.lines).toHaveLength(3);

    // Payments: partly paid, then paid; the deal's and company's open balance follow.
    expectBadInput(await owner.client.request(pay, { id: draft.id, input: { amount: '400' } }), [
      'input',
      'amount',
    ]);
    expectBadInput(
      await owner.client.request(pay, { id: draft.id, input: { amount: '1', currency: 'USD' } }),
      ['input', 'currency'],
    );
    const { recordPayment: partly } = await owner.client.data(pay, {
      id: draft.id,
      input: { amount: '100' },
    });
    expect(partly).toMatchObject({ status: 'PARTLY_PAID', paid: '100.00', balance: '201.17' });
    expect((await owner.client.data(balance, { object: 'company', id: companyId })).openBalance).toEqual([
      { currency: 'EUR', amount: '211.17' },
    ]);
    const { recordPayment: paid } = await owner.client.data(pay, {
      id: draft.id,
      input: { amount: '201.17' },
    });
    expect(paid).toMatchObject({ status: 'PAID', balance: '0.00' });
    expect((await owner.client.data(balance, { object: 'deal', id: dealId })).openBalance).toEqual([
      { currency: 'EUR', amount: '10.00' },
    ]);
    // A credit note cancels the unpaid one: numbered next, the invoice void, nothing owed.
    const { creditInvoice: credit } = await owner.client.data(
      `mutation ($id: ID!) { creditInvoice(id: $id) { ${invoiceFields} } }`,
      { id: second },
    );
    expect(credit).toMatchObject({ kind: 'CREDIT_NOTE', number: numbered(3), creditOf: second });
    expect(credit.totals.total).toBe('-10.00');
    expect((await owner.client.data(readInvoice, { id: second })).invoice.status).toBe('VOID');
    expect((await owner.client.data(balance, { object: 'deal', id: dealId })).openBalance).toEqual([]);
  });

  it('numbers invoices issued at once by 8 clients with no gap and no duplicate', async () => {
    const clients = [owner.client, colleague.client];
    while (clients.length < 8) clients.push((await newMember(server, owner, 'MEMBER')).client);
    const [counter] = await query<{ last: number }>(
      server.databaseUrl,
      'select last from invoice_counter where workspace_id = $1',
      [owner.workspaceId],
    );
    const last = counter!.last;
    const drafts = await Promise.all(Array.from({ length: 48 }, () => draftInvoice(owner.client, dealId)));
    const numbers = (
      await Promise.all(
        clients.map(async (client, c) => {
          const mine: string[] = [];
          for (let i = c; i < drafts.length; i += clients.length)
            mine.push((await client.data(issueInvoice, { id: drafts[i] })).issueInvoice.number);
          return mine;
        }),
      )
    ).flat();
    expect(numbers.sort()).toEqual(Array.from({ length: 48 }, (_, i) => numbered(Number(last) + 1 + i)));
    // Issuing twice is refused and takes no number.
    expectCode(await owner.client.request(issueInvoice, { id: drafts[0] }), 'FORBIDDEN');
    const next = await draftInvoice(owner.client, dealId);
    expect((await owner.client.data(issueInvoice, { id: next })).issueInvoice.number).toBe(
      numbered(Number(last) + 49),
    );
  });

  it('refuses a stale line version with CONFLICT naming the line; a second client sees line edits live', async () => {
    const quote = await newQuote();
    const line = quote.lines[1]!;
    const { client } = newSocketClient(server, {
      cookie: colleague.client.cookie,
      workspaceId: owner.workspaceId,
    });
    sockets.push(client);
    const live = collect<{ quoteChanged: { kind: string; lineId: string; actorId: string; quote: Quote } }>(
      client,
      `subscription ($id: ID!) { quoteChanged(quoteId: $id) { kind lineId actorId quote { ${quoteFields} } } }`,
      { id: quote.id },
    );
    // The subscription is open once a change made after it arrives: poke until one does.
    await eventually(async () => {
      await owner.client.data(
        `mutation ($id: ID!) { updateQuote(id: $id, input: { title: "Fit-out v2" }) { id } }`,
        {
          id: quote.id,
        },
      );
      return live.results.length > 0;
    });
    const { updateQuoteLine: edited } = await owner.client.data<{ updateQuoteLine: Quote }>(updateLine, {
      id: line.id,
      version: line.version,
      input: { quantity: '3' },
    });
    expect(edited.lines[1]).toMatchObject({ quantity: '3', version: line.version + 1, gross: '240.00' });
    await eventually(() => live.results.some((r) => r.data?.quoteChanged.kind === 'LINE_UPDATED'));
    const event = live.results.find((r) => r.data?.quoteChanged.kind === 'LINE_UPDATED')!.data!.quoteChanged;
    expect(event).toMatchObject({ lineId: line.id, actorId: owner.userId });
    expect(event.quote.lines[1]).toMatchObject({ quantity: '3', version: line.version + 1 });
    expect(event.quote.totals.total).toBe(edited.totals.total);

    // The colleague edits with the version they saw before: refused, naming the line.
    const stale = await colleague.client.request(updateLine, {
      id: line.id,
      version: line.version,
      input: { quantity: '4' },
    });
    expect(errorOf(stale)).toMatchObject({ code: 'CONFLICT' });
    expect(errorOf(stale).extensions).toMatchObject({ lineId: line.id, currentVersion: line.version + 1 });
    // Another line at its own version is not blocked by the first one's edit.
    const other = quote.lines[0]!;
    await colleague.client.data(updateLine, {
      id: other.id,
      version: other.version,
      input: { discountPercent: '5' },
    });
    const { quote: now } = await owner.client.data<{ quote: Quote }>(readQuote, { id: quote.id });
    expect(now.lines.map((l) => l.quantity)).toEqual(['3', '3', '1']);

    // Terms at the value each editor read: a title changed since is refused, naming it; line
    // edits meanwhile are no conflict, and a term not expected is not checked.
    const terms = `mutation ($id: ID!, $input: UpdateQuoteInput!, $expected: UpdateQuoteInput) {
      updateQuote(id: $id, input: $input, expected: $expected) { title validUntil } }`;
    await owner.client.data(terms, {
      id: quote.id,
      input: { title: 'Mine' },
      expected: { title: 'Fit-out v2' },
    });
    const late = await colleague.client.request(terms, {
      id: quote.id,
      input: { title: 'Theirs', validUntil: '2027-01-31' },
      expected: { title: 'Fit-out v2', validUntil: null },
    });
    expect(errorOf(late)).toMatchObject({ code: 'CONFLICT', argumentPath: ['expected', 'title'] });
    expect(errorOf(late).extensions).toMatchObject({ field: 'title', current: 'Mine' });
    const { updateQuote: kept } = await colleague.client.data(terms, {
      id: quote.id,
      input: { validUntil: '2027-01-31' },
      expected: { validUntil: null },
    });
    expect(kept).toEqual({ title: 'Mine', validUntil: '2027-01-31' });
    live.stop();
  });

  it('follows the deal’s scope, and another workspace sees nothing', async () => {
    const quote = await newQuote();
    const draft = await draftInvoice(owner.client, dealId);
    // The outsider's own workspace holds none of them: the same answer as an id that never existed.
    const client = outsider.client;
    expectCode(await client.request(readQuote, { id: quote.id }), 'NOT_FOUND');
    expectCode(await client.request(readInvoice, { id: draft }), 'NOT_FOUND');
    expectCode(
      await client.request(`query ($d: ID!) { quotes(dealId: $d) { id } }`, { d: dealId }),
      'NOT_FOUND',
    );
    expectCode(await client.request(balance, { object: 'deal', id: dealId }), 'NOT_FOUND');
    expectCode(await client.request(pay, { id: draft, input: { amount: '1' } }), 'NOT_FOUND');
    // A member whose profile reads only their own deals cannot read this deal's quotes or invoices.
    const agent = await newMember(server, owner, 'MEMBER');
    const reader = await newMember(server, owner, 'MEMBER');
    const profile = (dealRead: string) => ({
      name: `Deals ${dealRead}`,
      objects: [{ objectKey: 'deal', read: dealRead, create: true, update: 'OWN', delete: 'OWN' }],
      fields: [],
    });
    const save = `mutation ($input: PermissionProfileInput!) { savePermissionProfile(input: $input) { id } }`;
    const assign = `mutation ($userId: ID!, $profileId: ID) { assignMemberProfile(userId: $userId, profileId: $profileId) }`;
    const own = (await owner.client.data(save, { input: profile('OWN') })).savePermissionProfile.id;
    const all = (await owner.client.data(save, { input: profile('ALL') })).savePermissionProfile.id;
    await owner.client.data(assign, { userId: agent.userId, profileId: own });
    await owner.client.data(assign, { userId: reader.userId, profileId: all });
    expectCode(await agent.client.request(readQuote, { id: quote.id }), 'NOT_FOUND');
    expectCode(await agent.client.request(readInvoice, { id: draft }), 'NOT_FOUND');
    // Reading all deals but updating only their own: the quote reads, its lines do not change.
    expect((await reader.client.data(readQuote, { id: quote.id })).quote.id).toBe(quote.id);
    expectCode(
      await reader.client.request(addLine, {
        quoteId: quote.id,
        input: { description: 'x', quantity: '1', unitPrice: '1' },
      }),
      'FORBIDDEN',
    );
    // Their own deal is theirs to quote.
    const mine = await createDeal(agent.client, 'Agent deal');
    const { createQuote: theirs } = await agent.client.data(createQuote, {
      input: { dealId: mine, currency: 'EUR' },
    });
    expect(theirs.lines).toEqual([]);
  });

  it('pushes every quote of a deal to its readers: a colleague’s new quote and its status moves', async () => {
    const deal = await createDeal(owner.client, 'Live quote list');
    const socket = (user: SignedUpUser, workspaceId: string) => {
      const { client } = newSocketClient(server, { cookie: user.client.cookie, workspaceId });
      sockets.push(client);
      return client;
    };
    type DealEvent = {
      dealQuotesChanged: { kind: string; quoteId: string; actorId: string | null; quote: Quote | null };
    };
    const onDeal = `subscription ($id: ID!) { dealQuotesChanged(dealId: $id) { kind quoteId actorId quote { id status } } }`;
    const live = collect<DealEvent>(socket(colleague, owner.workspaceId), onDeal, { id: deal });
    const create = () =>
      owner.client.data<{ createQuote: Quote }>(createQuote, {
        input: {
          dealId: deal,
          currency: 'EUR',
          lines: [{ description: 'Work', quantity: '1', unitPrice: '5' }],
        },
      });
    // Open once a quote made after it arrives: create until one does.
    await eventually(async () => {
      await create();
      return live.results.length > 0;
    });
    const { createQuote: quote } = await create();
    const about = (kind: string) => (r: (typeof live.results)[number]) =>
      r.data?.dealQuotesChanged.quoteId === quote.id && r.data.dealQuotesChanged.kind === kind;
    await eventually(() => live.results.some(about('QUOTE_CREATED')));
    expect(live.results.find(about('QUOTE_CREATED'))!.data!.dealQuotesChanged).toMatchObject({
      actorId: owner.userId,
      quote: { id: quote.id, status: 'DRAFT' },
    });
    await owner.client.data(setStatus, { id: quote.id, status: 'SENT' });
    await eventually(() =>
      live.results.some(
        (r) => about('QUOTE_UPDATED')(r) && r.data!.dealQuotesChanged.quote?.status === 'SENT',
      ),
    );
    // Another deal's quote does not reach this list (checked once a later change of this deal's arrived).
    const elsewhere = await newQuote();
    await owner.client.data(setStatus, { id: quote.id, status: 'DRAFT' });
    await eventually(() =>
      live.results.some(
        (r) => about('QUOTE_UPDATED')(r) && r.data!.dealQuotesChanged.quote?.status === 'DRAFT',
      ),
    );
    expect(live.results.some((r) => r.data?.dealQuotesChanged.quoteId === elsewhere.id)).toBe(false);
    live.stop();

    // Gated like quoteChanged: a deal of another workspace is NOT_FOUND.
    const refused = collect<DealEvent>(socket(outsider, outsider.workspaceId), onDeal, { id: deal });
    await eventually(() => refused.results.length > 0 || refused.error() !== undefined);
    expect(JSON.stringify(refused.results[0]?.errors ?? refused.error())).toContain('NOT_FOUND');
  });

  it('brings, from a changeCursor, the quotes and invoices written before the subscription began', async () => {
    const deal = await createDeal(owner.client, 'Resumed deal', companyId);
    const onDealQuote = (title: string) =>
      owner.client.data<{ createQuote: Quote }>(createQuote, {
        input: {
          dealId: deal,
          currency: 'EUR',
          title,
          lines: [{ description: 'Work', quantity: '1', unitPrice: '5' }],
        },
      });
    const { createQuote: kept } = await onDealQuote('Kept');
    const { createQuote: changed } = await onDealQuote('Changed');
    const keptInvoice = await draftInvoice(owner.client, deal);
    const { changeCursor } = await colleague.client.data<{ changeCursor: string }>(
      `query ($id: ID!) { quotes(dealId: $id) { id } invoices(dealId: $id) { id } changeCursor }`,
      { id: deal },
    );
    // Nobody listens yet: what a page would miss between its read and its subscriptions.
    const { createQuote: added } = await onDealQuote('Added');
    await owner.client.data(setStatus, { id: changed.id, status: 'SENT' });
    const newInvoice = await draftInvoice(owner.client, deal, '25.00');

    const { client: socket } = newSocketClient(server, {
      cookie: colleague.client.cookie,
      workspaceId: owner.workspaceId,
    });
    sockets.push(socket);
    type Event = {
      kind: string;
      quoteId: string;
      actorId: string | null;
      quote: { id: string; status: string } | null;
    };
    const onDeal = `subscription ($id: ID!, $after: String) {
      dealQuotesChanged(dealId: $id, after: $after) { kind quoteId actorId quote { id status } } }`;
    const refused = collect(socket, onDeal, { id: deal, after: 'not a cursor' });
    await eventually(() => refused.results.length > 0 || !!refused.error());
    expect(refused.results[0]?.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argumentPath: ['after'],
    });

    const dealLive = collect<{ dealQuotesChanged: Event }>(socket, onDeal, { id: deal, after: changeCursor });
    const onQuote = `subscription ($id: ID!, $after: String) {
      quoteChanged(quoteId: $id, after: $after) { kind quoteId actorId quote { id status } } }`;
    const quoteLive = collect<{ quoteChanged: Event }>(socket, onQuote, {
      id: changed.id,
      after: changeCursor,
    });
    const keptLive = collect<{ quoteChanged: Event }>(socket, onQuote, { id: kept.id, after: changeCursor });
    type InvoiceEvent = {
      kind: string;
      invoiceId: string;
      actorId: string | null;
      invoice: { id: string; status: string } | null;
    };
    const onInvoices = `subscription ($deal: ID, $company: ID, $after: String) {
      invoiceChanged(dealId: $deal, companyId: $company, after: $after) { kind invoiceId actorId invoice { id status } } }`;
    const dealInvoices = collect<{ invoiceChanged: InvoiceEvent }>(socket, onInvoices, {
      deal,
      after: changeCursor,
    });
    const companyInvoices = collect<{ invoiceChanged: InvoiceEvent }>(socket, onInvoices, {
      company: companyId,
      after: changeCursor,
    });

    await eventually(() => dealLive.results.length >= 2 && quoteLive.results.length >= 1);
    await eventually(() => dealInvoices.results.length >= 1 && companyInvoices.results.length >= 1);
    // Each written since the read, once, as it now is; what the read saw does not come again.
    expect(dealLive.results.map((r) => r.data!.dealQuotesChanged)).toEqual([
      { kind: 'QUOTE_UPDATED', quoteId: added.id, actorId: null, quote: { id: added.id, status: 'DRAFT' } },
      {
        kind: 'QUOTE_UPDATED',
        quoteId: changed.id,
        actorId: null,
        quote: { id: changed.id, status: 'SENT' },
      },
    ]);
    expect(quoteLive.results.map((r) => r.data!.quoteChanged)).toEqual([
      {
        kind: 'QUOTE_UPDATED',
        quoteId: changed.id,
        actorId: null,
        quote: { id: changed.id, status: 'SENT' },
      },
    ]);
    for (const invoices of [dealInvoices, companyInvoices])
      expect(invoices.results.map((r) => r.data!.invoiceChanged)).toEqual([
        {
          kind: 'UPDATED',
          invoiceId: newInvoice,
          actorId: null,
          invoice: { id: newInvoice, status: 'DRAFT' },
        },
      ]);

    // Then live, and the kept quote's first event is a change made now.
    await owner.client.data(setStatus, { id: kept.id, status: 'SENT' });
    await eventually(() => keptLive.results.length >= 1);
    expect(keptLive.results[0]!.data!.quoteChanged).toMatchObject({
      quoteId: kept.id,
      actorId: owner.userId,
    });
    await owner.client.data(issueInvoice, { id: keptInvoice });
    await eventually(() =>
      dealInvoices.results.some((r) => r.data?.invoiceChanged.invoiceId === keptInvoice),
    );
    expect(dealInvoices.results.at(-1)!.data!.invoiceChanged).toMatchObject({
      kind: 'ISSUED',
      actorId: owner.userId,
    });
    for (const live of [dealLive, quoteLive, keptLive, dealInvoices, companyInvoices]) {
      expect(live.error()).toBeUndefined();
      live.stop();
    }
  });
});
