import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newMember, newUser, type SignedUpUser } from '../support/client.js';
import { query } from '../support/database.js';
import { pdfText } from '../support/pdf.js';
import { errorOf } from '../support/records.js';
import { createDeal, draftInvoice, issueInvoice } from '../support/quotes.js';
import { newServer, type TestServer } from '../support/server.js';
import { collect, eventually, newSocketClient } from '../support/ws.js';

// Issue 19 parts 2–3, the live half: invoiceChanged with balances, the quotes' expiry job, and
// the standard objects installed into a workspace made before product and price existed.

const eventFields = `kind invoiceId dealId companyId actorId
  invoice { id status paid balance } dealBalance { currency amount } companyBalance { currency amount }`;
const onDeal = `subscription ($id: ID!) { invoiceChanged(dealId: $id) { ${eventFields} } }`;
const onCompany = `subscription ($id: ID!) { invoiceChanged(companyId: $id) { ${eventFields} } }`;
const pay = `mutation ($id: ID!, $input: PaymentInput!) { recordPayment(invoiceId: $id, input: $input) { status balance } }`;
const install = `mutation { installStandardObjects { installed alreadyPresent } }`;

interface Balance {
  currency: string;
  amount: string;
}
interface InvoiceEvent {
  invoiceChanged: {
    kind: string;
    invoiceId: string;
    actorId: string;
    invoice: { id: string; status: string; paid: string; balance: string } | null;
    dealBalance: Balance[] | null;
    companyBalance: Balance[] | null;
  };
}

describe('invoices live, quote expiry, standard objects', { timeout: 240_000 }, () => {
  let server: TestServer;
  let owner: SignedUpUser;
  let colleague: SignedUpUser;
  const sockets: Client[] = [];

  beforeAll(async () => {
    server = await newServer();
    owner = await newUser(server, { name: 'Olive Owner' });
    colleague = await newMember(server, owner, 'MEMBER');
  }, 120_000);

  afterAll(async () => {
    await Promise.all(sockets.map((socket) => socket.dispose()));
    await server?.close();
  });

  const socketOf = (user: SignedUpUser) => {
    const { client } = newSocketClient(server, {
      cookie: user.client.cookie,
      workspaceId: owner.workspaceId,
    });
    sockets.push(client);
    return client;
  };

  async function newCompany(name: string): Promise<string> {
    const { createCompany } = await owner.client.data(
      `mutation ($name: String!) { createCompany(input: { name: $name }) { id } }`,
      { name },
    );
    return createCompany.id;
  }

  /** An issued invoice of `amount` EUR on the deal. */
  async function issued(dealId: string, amount: string): Promise<string> {
    const id = await draftInvoice(owner.client, dealId, amount);
    await owner.client.data(issueInvoice, { id });
    return id;
  }

  it('pushes a payment with the invoice’s, the deal’s and the company’s new balances', async () => {
    const companyId = await newCompany('Harbour Ltd');
    const dealId = await createDeal(owner.client, 'Harbour fit-out', companyId);
    const first = await issued(dealId, '100.00');
    const live = collect<InvoiceEvent>(socketOf(colleague), onDeal, { id: dealId });
    const company = collect<InvoiceEvent>(socketOf(colleague), onCompany, { id: companyId });
    // Both subscriptions are open once an event made after them arrives: poke with drafts until so.
    await eventually(async () => {
      await draftInvoice(owner.client, dealId, '1.00');
      return live.results.length > 0 && company.results.length > 0;
    });
    expect(live.results[0]!.data!.invoiceChanged).toMatchObject({ kind: 'CREATED', actorId: owner.userId });

    const paid = await owner.client.data(pay, { id: first, input: { amount: '40.00' } });
    expect(paid.recordPayment).toEqual({ status: 'PARTLY_PAID', balance: '60.00' });
    const payment = (r: (typeof live.results)[number]) => r.data?.invoiceChanged.kind === 'PAYMENT_RECORDED';
    await eventually(() => live.results.some(payment) && company.results.some(payment));
    const event = live.results.find(payment)!.data!.invoiceChanged;
    expect(event).toMatchObject({
      invoiceId: first,
      actorId: owner.userId,
      invoice: { id: first, status: 'PARTLY_PAID', paid: '40.00', balance: '60.00' },
      dealBalance: [{ currency: 'EUR', amount: '60.00' }],
      companyBalance: [{ currency: 'EUR', amount: '60.00' }],
    });
    expect(company.results.find(payment)!.data!.invoiceChanged.companyBalance).toEqual([
      { currency: 'EUR', amount: '60.00' },
    ]);

    // Issue, void and credit are pushed too, each with the balance after it.
    const second = await issued(dealId, '50.00');
    await eventually(() =>
      live.results.some(
        (r) =>
          r.data?.invoiceChanged.kind === 'ISSUED' &&
          r.data.invoiceChanged.invoiceId === second &&
          r.data.invoiceChanged.dealBalance?.[0]?.amount === '110.00',
      ),
    );
    await owner.client.data(`mutation ($id: ID!) { voidInvoice(id: $id) { id } }`, { id: second });
    await eventually(() =>
      live.results.some(
        (r) => r.data?.invoiceChanged.kind === 'VOIDED' && r.data.invoiceChanged.invoice?.status === 'VOID',
      ),
    );
    const { creditInvoice } = await owner.client.data(
      `mutation ($id: ID!) { creditInvoice(id: $id) { id } }`,
      { id: first },
    );
    await eventually(() => {
      const kinds = live.results.map((r) => r.data?.invoiceChanged);
      return (
        kinds.some((e) => e?.kind === 'CREDITED' && e.invoiceId === first && e.dealBalance?.length === 0) &&
        kinds.some((e) => e?.kind === 'CREDIT_NOTE_ISSUED' && e.invoiceId === creditInvoice.id)
      );
    });
    live.stop();
    company.stop();
  });

  it('refuses a subscriber who cannot read the deal, and hides the invoice from a company-only reader', async () => {
    const companyId = await newCompany('Quay plc');
    const dealId = await createDeal(owner.client, 'Quay refit', companyId);
    const invoiceId = await issued(dealId, '80.00');
    // A member whose profile reads only their own deals (companies: all).
    const agent = await newMember(server, owner, 'MEMBER');
    const { savePermissionProfile } = await owner.client.data(
      `mutation ($input: PermissionProfileInput!) { savePermissionProfile(input: $input) { id } }`,
      {
        input: {
          name: 'Own deals',
          objects: [{ objectKey: 'deal', read: 'OWN', create: true, update: 'OWN', delete: 'OWN' }],
          fields: [],
        },
      },
    );
    await owner.client.data(
      `mutation ($userId: ID!, $profileId: ID) { assignMemberProfile(userId: $userId, profileId: $profileId) }`,
      { userId: agent.userId, profileId: savePermissionProfile.id },
    );
    const socket = socketOf(agent);
    const refused = collect<InvoiceEvent>(socket, onDeal, { id: dealId });
    await eventually(() => refused.results.length > 0 || refused.error() !== undefined);
    expect(JSON.stringify(refused.results[0]?.errors ?? refused.error())).toContain('NOT_FOUND');
    expect(refused.results.some((r) => r.data?.invoiceChanged)).toBe(false);

    // On the company they read: the balance, never the invoice nor the deal's balance.
    const company = collect<InvoiceEvent>(socket, onCompany, { id: companyId });
    await eventually(async () => {
      await draftInvoice(owner.client, dealId, '1.00');
      return company.results.length > 0;
    });
    await owner.client.data(pay, { id: invoiceId, input: { amount: '30.00' } });
    const payment = (r: (typeof company.results)[number]) =>
      r.data?.invoiceChanged.kind === 'PAYMENT_RECORDED';
    await eventually(() => company.results.some(payment));
    expect(company.results.find(payment)!.data!.invoiceChanged).toMatchObject({
      invoice: null,
      dealBalance: null,
      companyBalance: [{ currency: 'EUR', amount: '50.00' }],
    });
    // Neither id given, or both: refused with the argument named.
    const neither = collect<InvoiceEvent>(socket, `subscription { invoiceChanged { kind } }`);
    await eventually(() => neither.results.length > 0 || neither.error() !== undefined);
    expect(JSON.stringify(neither.results[0]?.errors ?? neither.error())).toContain('BAD_USER_INPUT');
    company.stop();
  });

  it('expires a sent quote past its date by the durable job, pushes it, and does it once', async () => {
    const dealId = await createDeal(owner.client, 'Old offer');
    const make = async (validUntil: string) => {
      const { createQuote } = await owner.client.data(
        `mutation ($input: CreateQuoteInput!) { createQuote(input: $input) { id } }`,
        {
          input: {
            dealId,
            currency: 'EUR',
            validUntil,
            lines: [{ description: 'Work', quantity: '1', unitPrice: '10.00' }],
          },
        },
      );
      await owner.client.data(`mutation ($id: ID!) { setQuoteStatus(id: $id, status: SENT) { id } }`, {
        id: createQuote.id,
      });
      return createQuote.id as string;
    };
    const past = await make('2020-01-31');
    const current = await make('2999-12-31');
    const live = collect<{
      quoteChanged: { kind: string; actorId: string | null; quote: { status: string; version: number } };
    }>(
      socketOf(colleague),
      `subscription ($id: ID!) { quoteChanged(quoteId: $id) { kind actorId quote { status version } } }`,
      { id: past },
    );
    // The subscription is open once an edit after it arrives: move the quote to draft and back.
    await eventually(async () => {
      for (const status of ['DRAFT', 'SENT'])
        await owner.client.data(
          `mutation ($id: ID!, $s: QuoteStatus!) { setQuoteStatus(id: $id, status: $s) { id } }`,
          {
            id: past,
            s: status,
          },
        );
      return live.results.length > 0;
    });
    await eventually(() => live.results.at(-1)?.data?.quoteChanged.quote.status === 'SENT');
    const heard = live.results.length;

    // The job is due at once (as the hourly run would be): it expires the past one only.
    const runNow = () =>
      query(
        server.databaseUrl,
        `select graphile_worker.add_job('quotes.expire', '{}'::json, job_key := 'quotes-expire', run_at := now())`,
      );
    await runNow();
    await eventually(
      () => live.results.slice(heard).some((r) => r.data?.quoteChanged.quote.status === 'EXPIRED'),
      60_000,
    );
    const expired = live.results.slice(heard).find((r) => r.data?.quoteChanged.quote.status === 'EXPIRED')!;
    expect(expired.data!.quoteChanged).toMatchObject({ kind: 'QUOTE_UPDATED', actorId: null });
    const statusOf = async (id: string) =>
      (await owner.client.data(`query ($id: ID!) { quote(id: $id) { status version } }`, { id })).quote;
    const after = await statusOf(past);
    expect(after.status).toBe('EXPIRED');
    expect((await statusOf(current)).status).toBe('SENT');
    // It plans its next run an hour on.
    const nextRun = () =>
      query(
        server.databaseUrl,
        `select 1 from graphile_worker.jobs where key = 'quotes-expire' and run_at > now() + interval '50 minutes'`,
      );
    await eventually(async () => (await nextRun()).length === 1, 60_000);

    // Run again: nothing left to expire, the quote keeps its version and nobody hears of it.
    await runNow();
    await eventually(async () => (await nextRun()).length === 1, 60_000);
    expect(await statusOf(past)).toEqual(after);
    expect(live.results.filter((r) => r.data?.quoteChanged.quote.status === 'EXPIRED')).toHaveLength(1);
    // An expired quote is final.
    const reopen = await owner.client.request(
      `mutation ($id: ID!) { setQuoteStatus(id: $id, status: ACCEPTED) { id } }`,
      { id: past },
    );
    expect(errorOf(reopen).code).toBe('FORBIDDEN');
    live.stop();
  });

  it('expires each quote once when three runs over two processes overlap, and pushes each once', async () => {
    // A second process on the same database runs jobs too; whichever runs a batch, the bus
    // (PostgreSQL NOTIFY here) brings the push to the subscriber on the first.
    const second = await newServer({ DATABASE_URL: server.databaseUrl });
    try {
      const dealId = await createDeal(owner.client, 'Many old offers');
      const ids: string[] = [];
      for (let i = 0; i < 6; i += 1) {
        const { createQuote } = await owner.client.data(
          `mutation ($input: CreateQuoteInput!) { createQuote(input: $input) { id } }`,
          {
            input: {
              dealId,
              currency: 'EUR',
              validUntil: '2021-06-30',
              lines: [{ description: 'Work', quantity: '1', unitPrice: '10.00' }],
            },
          },
        );
        await owner.client.data(`mutation ($id: ID!) { setQuoteStatus(id: $id, status: SENT) { id } }`, {
          id: createQuote.id,
        });
        ids.push(createQuote.id);
      }
      const socket = socketOf(colleague);
      const lives = ids.map((id) =>
        collect<{ quoteChanged: { quote: { status: string } } }>(
          socket,
          `subscription ($id: ID!) { quoteChanged(quoteId: $id) { quote { status } } }`,
          { id },
        ),
      );
      // The deal's quote list hears each expiry too, as the server's (actorId null).
      const onDeal = collect<{
        dealQuotesChanged: { quoteId: string; actorId: string | null; quote: { status: string } };
      }>(
        socket,
        `subscription ($id: ID!) { dealQuotesChanged(dealId: $id) { quoteId actorId quote { status } } }`,
        { id: dealId },
      );
      // Open once an edit after them arrives: back to draft and sent again, each.
      await eventually(async () => {
        for (const id of ids)
          for (const s of ['DRAFT', 'SENT'])
            await owner.client.data(
              `mutation ($id: ID!, $s: QuoteStatus!) { setQuoteStatus(id: $id, status: $s) { id } }`,
              { id, s },
            );
        return lives.every((l) => l.results.length > 0) && onDeal.results.length > 0;
      });
      const versions = async () =>
        new Map(
          (
            await query<{ id: string; version: number; status: string }>(
              server.databaseUrl,
              'select id, version, status from quote where id = any($1::uuid[])',
              [ids],
            )
          ).map((r) => [r.id, r]),
        );
      const before = await versions();
      const heard = lives.map((l) => l.results.length);
      // Three runs due at once (two under other keys), taken by the two processes' workers.
      await query(
        server.databaseUrl,
        `select graphile_worker.add_job('quotes.expire', '{}'::json, job_key := k, run_at := now())
         from unnest(array['quotes-expire', 'quotes-expire-a', 'quotes-expire-b']) k`,
      );
      await eventually(
        async () => [...(await versions()).values()].every((q) => q.status === 'EXPIRED'),
        60_000,
      );
      await eventually(
        async () =>
          (
            await query(
              server.databaseUrl,
              `select 1 from graphile_worker.jobs where key like 'quotes-expire-%'`,
            )
          ).length === 0,
        60_000,
      );
      const after = await versions();
      for (const id of ids) expect(after.get(id)!.version).toBe(before.get(id)!.version + 1);
      await eventually(() =>
        lives.every((l, i) =>
          l.results.slice(heard[i]).some((r) => r.data?.quoteChanged.quote.status === 'EXPIRED'),
        ),
      );
      for (const [i, live] of lives.entries()) {
        // The push of the last SENT above may still have been on its way when `heard` was counted.
        const since = live.results.slice(heard[i]).map((r) => r.data?.quoteChanged.quote.status);
        expect(since.filter((status) => status !== 'SENT')).toEqual(['EXPIRED']);
        live.stop();
      }
      // Each quote's expiry once, by the server; pokes from the loop above carry the owner's id.
      const expiries = () =>
        onDeal.results.map((r) => r.data!.dealQuotesChanged).filter((e) => e.actorId === null);
      await eventually(() => expiries().length === ids.length);
      expect(
        expiries()
          .map((e) => e.quoteId)
          .sort(),
      ).toEqual([...ids].sort());
      expect(expiries().every((e) => e.quote.status === 'EXPIRED')).toBe(true);
      onDeal.stop();
    } finally {
      await second.close();
    }
  });

  /** Makes the admin's workspace look like one created before product and price were standard. */
  async function withoutProductAndPrice(admin: SignedUpUser): Promise<void> {
    const db = server.databaseUrl;
    const objects = await query<{ id: string; table_name: string; schema_name: string }>(
      db,
      `select o.id, o.table_name, w.schema_name from object_def o join workspace w on w.id = o.workspace_id
       where o.workspace_id = $1 and o.key in ('product', 'price')`,
      [admin.workspaceId],
    );
    expect(objects).toHaveLength(2);
    const ids = objects.map((o) => o.id);
    await query(db, 'delete from field_def where object_id = any($1::uuid[])', [ids]);
    await query(db, 'delete from object_def where id = any($1::uuid[])', [ids]);
    for (const o of objects) await query(db, `drop table "${o.schema_name}"."${o.table_name}" cascade`);
    await query(db, 'update workspace set metadata_version = metadata_version + 1 where id = $1', [
      admin.workspaceId,
    ]);
  }

  const objectKeys = async (admin: SignedUpUser) =>
    (
      (await admin.client.data(`{ objects { key standard } }`)).objects as {
        key: string;
        standard: boolean;
      }[]
    ).filter((o) => ['product', 'price'].includes(o.key));

  it('installs product and price into an old workspace, twice without duplicating', async () => {
    const admin = await newUser(server);
    await withoutProductAndPrice(admin);
    expect(await objectKeys(admin)).toEqual([]);
    const first = (await admin.client.data(install)).installStandardObjects;
    expect(first.installed).toEqual(['product', 'price']);
    expect(first.alreadyPresent).toEqual(expect.arrayContaining(['company', 'person', 'deal']));
    const second = (await admin.client.data(install)).installStandardObjects;
    expect(second.installed).toEqual([]);
    expect(second.alreadyPresent).toEqual(expect.arrayContaining(['product', 'price', 'deal']));
    expect(await objectKeys(admin)).toEqual([
      { key: 'product', standard: true },
      { key: 'price', standard: true },
    ]);
    // They work as the standard ones do: a priced product fills a quote line.
    const { createProduct } = await admin.client.data(
      `mutation { createProduct(input: { name: "Widget", sku: "W-1" }) { id } }`,
    );
    await admin.client.data(`mutation ($input: PriceCreateInput!) { createPrice(input: $input) { id } }`, {
      input: { product: createProduct.id, unitPrice: { amount: 19.99, currency: 'EUR' } },
    });
    const dealId = await createDeal(admin.client, 'First deal');
    const { createQuote } = await admin.client.data(
      `mutation ($input: CreateQuoteInput!) { createQuote(input: $input) { lines { unitPrice } } }`,
      { input: { dealId, currency: 'EUR', lines: [{ productId: createProduct.id, quantity: '1' }] } },
    );
    expect(createQuote.lines).toEqual([{ unitPrice: '19.99' }]);
    // Only an admin installs.
    const member = await newMember(server, admin, 'MEMBER');
    expect(errorOf(await member.client.request(install)).code).toBe('FORBIDDEN');
  });

  it('refuses to install beside an admin’s own object keyed `product`, naming the clash', async () => {
    const admin = await newUser(server);
    await withoutProductAndPrice(admin);
    await admin.client.data(
      `mutation { createObject(input: { key: "product", labelSingular: "Catalogue item" }) { id } }`,
    );
    const refused = errorOf(await admin.client.request(install));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.extensions).toMatchObject({
      reason: 'STANDARD_OBJECT_CLASH',
      standardObject: 'product',
      clashingObject: 'product',
    });
    expect(refused.message).toContain('Catalogue item');
    // Nothing was added, and the admin's object is untouched.
    expect(await objectKeys(admin)).toEqual([{ key: 'product', standard: false }]);
  });

  it('renders an invoice as a PDF with its number, customer, lines, totals and open balance; only for readers of its deal', async () => {
    const { createCompany } = await owner.client.data(
      `mutation { createCompany(input: { name: "Pelican Marine Ltd" }) { id } }`,
    );
    const dealId = await createDeal(owner.client, 'Pelican refit', createCompany.id);
    const { createInvoice } = await owner.client.data(
      `mutation ($input: CreateInvoiceInput!) { createInvoice(input: $input) { id } }`,
      {
        input: {
          dealId,
          currency: 'EUR',
          lines: [
            { description: 'Hull survey', quantity: '2', unitPrice: '450.00', taxRate: '20' },
            { description: 'Antifouling', quantity: '1', unitPrice: '1200.50', taxRate: '10' },
          ],
        },
      },
    );
    const pdfOf = async (user: SignedUpUser, id: string) => {
      const { invoicePdf } = await user.client.data(
        `query ($id: ID!) { invoicePdf(id: $id) { name contentType data } }`,
        { id },
      );
      expect(invoicePdf.contentType).toBe('application/pdf');
      return { name: invoicePdf.name as string, text: await pdfText(Buffer.from(invoicePdf.data, 'base64')) };
    };
    const draft = await pdfOf(owner, createInvoice.id);
    expect(draft.name).toBe('invoice-draft.pdf');
    expect(draft.text).toContain('Invoice (draft, not issued)');

    const { issueInvoice: issued } = await owner.client.data(issueInvoice, { id: createInvoice.id });
    await owner.client.data(pay, { id: createInvoice.id, input: { amount: '500.00' } });
    const { name, text } = await pdfOf(colleague, createInvoice.id);
    expect(name).toBe(`invoice-${issued.number}.pdf`);
    expect(text).toContain(`Invoice ${issued.number}`);
    expect(text).toContain('Pelican Marine Ltd');
    expect(text).toContain('Pelican refit');
    expect(text).toContain('Hull survey');
    // 900 + 1,200.50 net; tax 180 + 120.05; total 2,400.55; 500 paid leaves 1,900.55.
    expect(text).toContain('€2,100.50');
    expect(text).toContain('€180.00');
    expect(text).toContain('€120.05');
    expect(text).toContain('Total €2,400.55');
    expect(text).toContain('Open balance €1,900.55');

    const stranger = await newUser(server);
    expect(
      errorOf(
        await stranger.client.request(`query ($id: ID!) { invoicePdf(id: $id) { name } }`, {
          id: createInvoice.id,
        }),
      ).extensions?.code,
    ).toBe('NOT_FOUND');
  });
});
