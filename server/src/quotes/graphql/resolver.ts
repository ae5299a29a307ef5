import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { requirePermission } from '../../identity/index.js';
import { AppError, BadInput, parseId } from '../../platform/index.js';
import { DocumentPreviewType } from '../../documents/index.js';
import { resumedFrom } from '../../realtime/index.js';
import { dealFor } from '../deal-access.js';
import { invoicePdf } from '../invoice-pdf.js';
import {
  addInvoiceLine,
  createInvoice,
  createInvoiceFromQuote,
  creditInvoice,
  invoicesOf,
  issueInvoice,
  openBalance,
  readInvoice,
  recordPayment,
  removeInvoiceLine,
  updateInvoice,
  updateInvoiceLine,
  voidInvoice,
} from '../invoices.js';
import { quotesOfDeal } from '../quote-store.js';
import {
  addQuoteLine,
  createQuote,
  readQuote,
  removeQuoteLine,
  setQuoteStatus,
  updateQuote,
  updateQuoteLine,
} from '../quotes.js';
import type { QuotesContext } from '../services.js';
import { linesOfMany } from '../lines.js';
import { addQuoteLinesFrom, quotePackageSources } from '../packages.js';
import { watchInvoices, watchQuotes, type InvoiceChanged, type QuoteChanged } from '../topics.js';
import { toInvoiceType, toQuoteType } from './convert.js';
import {
  BalanceObjectEnum,
  CreateInvoiceInput,
  CreateQuoteInput,
  InvoiceChangeEventType,
  InvoiceChangeKindEnum,
  InvoiceType,
  IssueInvoiceInput,
  LineInput,
  OpenBalanceType,
  PaymentInput,
  QuoteChangeEventType,
  QuoteChangeKindEnum,
  QuotePackageSourceType,
  QuoteStatusEnum,
  QuoteType,
  UpdateInvoiceInput,
  UpdateQuoteInput,
} from './types.js';

/** How the live fields below resume from a read. */
const resumeNote =
  'With `after` (a `changeCursor` read beside what it follows), each one written since that read comes first, as it now is.';

const id = (path: string, value: string) => parseId([path], value);

/** What the subscriber may not read (NOT_FOUND, FORBIDDEN) becomes null; other failures still fail. */
async function unlessRefused<T>(read: Promise<T>): Promise<T | null> {
  return read.catch((error: unknown) => {
    if (error instanceof AppError) return null;
    throw error;
  });
}

@Resolver()
export class QuoteResolver {
  @Query(() => QuoteType, { description: 'A quote, for a reader of its deal.' })
  async quote(@Arg('id', () => ID) quoteId: string, @Ctx() ctx: QuotesContext): Promise<QuoteType> {
    return toQuoteType(await readQuote(ctx, id('id', quoteId)));
  }

  @Query(() => [QuoteType], { description: 'A deal’s quotes, oldest first.' })
  async quotes(@Arg('dealId', () => ID) dealId: string, @Ctx() ctx: QuotesContext): Promise<QuoteType[]> {
    const { access, recordId } = await dealFor(ctx, dealId, 'read', ['dealId']);
    const rows = await quotesOfDeal(ctx.em, access.workspaceId, recordId);
    const lines = await linesOfMany(
      ctx.em,
      'quote',
      rows.map((r) => r.id),
    );
    return rows.map((row) => toQuoteType({ ...row, lines: lines.get(row.id) ?? [] }));
  }

  @Mutation(() => QuoteType, { description: 'A draft quote on a deal (takes updating the deal).' })
  async createQuote(
    @Arg('input', () => CreateQuoteInput) input: CreateQuoteInput,
    @Ctx() ctx: QuotesContext,
  ): Promise<QuoteType> {
    return toQuoteType(await createQuote(ctx, input));
  }

  @Mutation(() => QuoteType, {
    description:
      'Changes a draft quote’s title or validity date. `expected`: the terms as you read them; one changed since is refused (CONFLICT naming the field, with its current value).',
  })
  async updateQuote(
    @Arg('id', () => ID) quoteId: string,
    @Arg('input', () => UpdateQuoteInput) input: UpdateQuoteInput,
    @Arg('expected', () => UpdateQuoteInput, { nullable: true }) expected: UpdateQuoteInput | null,
    @Ctx() ctx: QuotesContext,
  ): Promise<QuoteType> {
    return toQuoteType(await updateQuote(ctx, id('id', quoteId), input, expected ?? {}));
  }

  @Mutation(() => QuoteType, { description: 'Moves a quote to another status (legal moves only).' })
  async setQuoteStatus(
    @Arg('id', () => ID) quoteId: string,
    @Arg('status', () => QuoteStatusEnum) status: QuoteStatusEnum,
    @Ctx() ctx: QuotesContext,
  ): Promise<QuoteType> {
    return toQuoteType(await setQuoteStatus(ctx, id('id', quoteId), status));
  }

  @Mutation(() => QuoteType, {
    description: 'Adds a line to a draft quote; answers the quote with its totals.',
  })
  async addQuoteLine(
    @Arg('quoteId', () => ID) quoteId: string,
    @Arg('input', () => LineInput) input: LineInput,
    @Ctx() ctx: QuotesContext,
  ): Promise<QuoteType> {
    return toQuoteType(await addQuoteLine(ctx, id('quoteId', quoteId), input));
  }

  @Query(() => [QuotePackageSourceType], {
    description:
      'Where the quote can take a package of lines from (a boat package), with the deal’s own unit.',
  })
  quotePackageSources(
    @Arg('quoteId', () => ID) quoteId: string,
    @Ctx() ctx: QuotesContext,
  ): Promise<QuotePackageSourceType[]> {
    return quotePackageSources(ctx, id('quoteId', quoteId));
  }

  @Mutation(() => QuoteType, {
    description:
      'Adds a unit’s lines to a draft quote at once (a boat, its engines and trailer, each at its price, as one package), in one transaction. `source`: a QuotePackageSource key; `recordId`: the unit (the deal’s own when absent); `expectedVersion`: the quote’s version as you read it (CONFLICT with currentVersion when it moved on).',
  })
  async addQuoteLinesFrom(
    @Arg('quoteId', () => ID) quoteId: string,
    @Arg('source', () => String) source: string,
    @Arg('recordId', () => ID, { nullable: true }) recordId: string | null,
    @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: QuotesContext,
  ): Promise<QuoteType> {
    return toQuoteType(
      await addQuoteLinesFrom(ctx, id('quoteId', quoteId), source, recordId ?? null, expectedVersion ?? null),
    );
  }

  @Mutation(() => QuoteType, {
    description:
      'Edits a line at the `version` you read: a line changed since is refused (CONFLICT with lineId and currentVersion).',
  })
  async updateQuoteLine(
    @Arg('id', () => ID) lineId: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => LineInput) input: LineInput,
    @Ctx() ctx: QuotesContext,
  ): Promise<QuoteType> {
    return toQuoteType(await updateQuoteLine(ctx, id('id', lineId), version, input));
  }

  @Mutation(() => QuoteType, { description: 'Removes a line at the `version` you read.' })
  async removeQuoteLine(
    @Arg('id', () => ID) lineId: string,
    @Arg('version', () => Int) version: number,
    @Ctx() ctx: QuotesContext,
  ): Promise<QuoteType> {
    return toQuoteType(await removeQuoteLine(ctx, id('id', lineId), version));
  }

  @Subscription(() => QuoteChangeEventType, {
    description: `Each change to one quote or its lines, by anyone, with the quote as it then is. ${resumeNote}`,
    subscribe: async ({ args, context }) => {
      const ctx = context as QuotesContext;
      const { quoteId, after } = args as { quoteId: string; after?: string | null };
      const since = resumedFrom(after);
      const quote = await readQuote(ctx, id('quoteId', quoteId));
      // Its catch-up reads after this call returns: an entity manager of its own.
      return watchQuotes(ctx.services.events, ctx.em.fork(), quote.workspaceId, { quoteId: quote.id }, since);
    },
  })
  quoteChanged(
    @Root() event: QuoteChanged,
    @Arg('quoteId', () => ID) _quoteId: string,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
    @Ctx() ctx: QuotesContext,
  ): Promise<QuoteChangeEventType> {
    return quoteEvent(ctx, event);
  }

  @Subscription(() => QuoteChangeEventType, {
    description: `Each change to any quote of one deal (created, status, terms, lines), by anyone or the server (expiry), with the quote as it then is. Takes reading the deal. ${resumeNote}`,
    subscribe: async ({ args, context }) => {
      const ctx = context as QuotesContext;
      const { dealId, after } = args as { dealId: string; after?: string | null };
      const since = resumedFrom(after);
      const { access, recordId } = await dealFor(ctx, dealId, 'read', ['dealId']);
      return watchQuotes(ctx.services.events, ctx.em.fork(), access.workspaceId, { dealId: recordId }, since);
    },
  })
  dealQuotesChanged(
    @Root() event: QuoteChanged,
    @Arg('dealId', () => ID) _dealId: string,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
    @Ctx() ctx: QuotesContext,
  ): Promise<QuoteChangeEventType> {
    return quoteEvent(ctx, event);
  }
}

/** A pushed change with the quote as the subscriber may now read it (null: no longer readable). */
async function quoteEvent(ctx: QuotesContext, event: QuoteChanged): Promise<QuoteChangeEventType> {
  requirePermission(ctx, 'records.read');
  // Read through a fork: each event is its own unit of work on the socket's long-lived context.
  const quote = await unlessRefused(readQuote({ ...ctx, em: ctx.em.fork() }, event.quoteId));
  return {
    kind: event.kind as QuoteChangeKindEnum,
    quoteId: event.quoteId,
    lineId: event.lineId,
    actorId: event.actorId,
    quote: quote && toQuoteType(quote),
  };
}

@Resolver()
export class InvoiceResolver {
  @Query(() => InvoiceType, { description: 'An invoice or credit note, for a reader of its deal.' })
  async invoice(@Arg('id', () => ID) invoiceId: string, @Ctx() ctx: QuotesContext): Promise<InvoiceType> {
    return toInvoiceType(ctx.em, await readInvoice(ctx, id('id', invoiceId)));
  }

  @Query(() => DocumentPreviewType, {
    description: 'An invoice or credit note as a PDF (base64), for a reader of its deal; nothing is stored.',
  })
  async invoicePdf(
    @Arg('id', () => ID) invoiceId: string,
    @Ctx() ctx: QuotesContext,
  ): Promise<DocumentPreviewType> {
    const pdf = await invoicePdf(ctx, id('id', invoiceId));
    return { name: pdf.name, contentType: 'application/pdf', data: pdf.content.toString('base64') };
  }

  @Query(() => [InvoiceType], { description: 'A deal’s invoices and credit notes, oldest first.' })
  async invoices(@Arg('dealId', () => ID) dealId: string, @Ctx() ctx: QuotesContext): Promise<InvoiceType[]> {
    const invoices = await invoicesOf(ctx, dealId);
    return Promise.all(invoices.map((i) => toInvoiceType(ctx.em, i)));
  }

  @Query(() => [OpenBalanceType], {
    description: 'What the open invoices of a deal or company still owe, per currency (empty: nothing).',
  })
  openBalance(
    @Arg('object', () => BalanceObjectEnum) object: BalanceObjectEnum,
    @Arg('recordId', () => ID) recordId: string,
    @Ctx() ctx: QuotesContext,
  ): Promise<OpenBalanceType[]> {
    return openBalance(ctx, object, recordId);
  }

  @Mutation(() => InvoiceType, { description: 'A draft invoice copying an accepted quote’s lines.' })
  async createInvoiceFromQuote(
    @Arg('quoteId', () => ID) quoteId: string,
    @Arg('dueDate', () => String, { nullable: true }) dueDate: string | null,
    @Ctx() ctx: QuotesContext,
  ): Promise<InvoiceType> {
    return toInvoiceType(ctx.em, await createInvoiceFromQuote(ctx, id('quoteId', quoteId), { dueDate }));
  }

  @Mutation(() => InvoiceType, { description: 'A draft invoice on a deal, from scratch.' })
  async createInvoice(
    @Arg('input', () => CreateInvoiceInput) input: CreateInvoiceInput,
    @Ctx() ctx: QuotesContext,
  ): Promise<InvoiceType> {
    return toInvoiceType(ctx.em, await createInvoice(ctx, input));
  }

  @Mutation(() => InvoiceType, { description: 'Changes a draft invoice (FORBIDDEN once issued).' })
  async updateInvoice(
    @Arg('id', () => ID) invoiceId: string,
    @Arg('input', () => UpdateInvoiceInput) input: UpdateInvoiceInput,
    @Ctx() ctx: QuotesContext,
  ): Promise<InvoiceType> {
    return toInvoiceType(ctx.em, await updateInvoice(ctx, id('id', invoiceId), input));
  }

  @Mutation(() => InvoiceType, { description: 'Adds a line to a draft invoice.' })
  async addInvoiceLine(
    @Arg('invoiceId', () => ID) invoiceId: string,
    @Arg('input', () => LineInput) input: LineInput,
    @Ctx() ctx: QuotesContext,
  ): Promise<InvoiceType> {
    return toInvoiceType(ctx.em, await addInvoiceLine(ctx, id('invoiceId', invoiceId), input));
  }

  @Mutation(() => InvoiceType, { description: 'Edits a draft invoice’s line at the `version` you read.' })
  async updateInvoiceLine(
    @Arg('id', () => ID) lineId: string,
    @Arg('version', () => Int) version: number,
    @Arg('input', () => LineInput) input: LineInput,
    @Ctx() ctx: QuotesContext,
  ): Promise<InvoiceType> {
    return toInvoiceType(ctx.em, await updateInvoiceLine(ctx, id('id', lineId), version, input));
  }

  @Mutation(() => InvoiceType, { description: 'Removes a draft invoice’s line at the `version` you read.' })
  async removeInvoiceLine(
    @Arg('id', () => ID) lineId: string,
    @Arg('version', () => Int) version: number,
    @Ctx() ctx: QuotesContext,
  ): Promise<InvoiceType> {
    return toInvoiceType(ctx.em, await removeInvoiceLine(ctx, id('id', lineId), version));
  }

  @Mutation(() => InvoiceType, {
    description:
      'Issues a draft: gives it the next number of its year (gapless per workspace) and fixes its total.',
  })
  async issueInvoice(
    @Arg('id', () => ID) invoiceId: string,
    @Arg('input', () => IssueInvoiceInput, { nullable: true }) input: IssueInvoiceInput | null,
    @Ctx() ctx: QuotesContext,
  ): Promise<InvoiceType> {
    return toInvoiceType(ctx.em, await issueInvoice(ctx, id('id', invoiceId), input ?? {}));
  }

  @Mutation(() => InvoiceType, {
    description: 'Voids a draft or an unpaid issued invoice (its number stays used).',
  })
  async voidInvoice(@Arg('id', () => ID) invoiceId: string, @Ctx() ctx: QuotesContext): Promise<InvoiceType> {
    return toInvoiceType(ctx.em, await voidInvoice(ctx, id('id', invoiceId)));
  }

  @Mutation(() => InvoiceType, {
    description:
      'Cancels an issued invoice with a credit note (answered; numbered like invoices); the invoice becomes VOID.',
  })
  async creditInvoice(
    @Arg('id', () => ID) invoiceId: string,
    @Ctx() ctx: QuotesContext,
  ): Promise<InvoiceType> {
    return toInvoiceType(ctx.em, await creditInvoice(ctx, id('id', invoiceId)));
  }

  @Mutation(() => InvoiceType, { description: 'Records a payment: the invoice becomes PARTLY_PAID or PAID.' })
  async recordPayment(
    @Arg('invoiceId', () => ID) invoiceId: string,
    @Arg('input', () => PaymentInput) input: PaymentInput,
    @Ctx() ctx: QuotesContext,
  ): Promise<InvoiceType> {
    return toInvoiceType(ctx.em, await recordPayment(ctx, id('invoiceId', invoiceId), input));
  }

  @Subscription(() => InvoiceChangeEventType, {
    description: `Each change to the invoices of one deal (\`dealId\`) or one company (\`companyId\`): issue, payment, void, credit note, draft edits; with the invoice and the open balances as they then are. Takes reading that deal or company. ${resumeNote}`,
    subscribe: async ({ args, context }) => {
      const ctx = context as QuotesContext;
      const { dealId, companyId, after } = args as {
        dealId?: string | null;
        companyId?: string | null;
        after?: string | null;
      };
      if (!dealId === !companyId)
        throw new BadInput(['dealId'], 'Give either dealId or companyId (one of them).');
      const since = resumedFrom(after);
      const holder = dealId ? 'deal' : 'company';
      const path = [dealId ? 'dealId' : 'companyId'];
      const { access, recordId } = await dealFor(ctx, (dealId ?? companyId)!, 'read', path, holder);
      return watchInvoices(ctx.services.events, ctx.em.fork(), access.workspaceId, holder, recordId, since);
    },
  })
  async invoiceChanged(
    @Root() event: InvoiceChanged,
    @Arg('dealId', () => ID, { nullable: true }) _dealId: string | null,
    @Arg('companyId', () => ID, { nullable: true }) _companyId: string | null,
    @Arg('after', () => String, { nullable: true }) _after: string | null,
    @Ctx() context: QuotesContext,
  ): Promise<InvoiceChangeEventType> {
    requirePermission(context, 'records.read');
    // Read through a fork under the subscriber's own scope: what it may not read comes as null.
    const ctx = { ...context, em: context.em.fork() };
    const invoice = await unlessRefused(readInvoice(ctx, event.invoiceId));
    const dealBalance = event.dealId ? await unlessRefused(openBalance(ctx, 'deal', event.dealId)) : null;
    const companyBalance = event.companyId
      ? await unlessRefused(openBalance(ctx, 'company', event.companyId))
      : null;
    return {
      ...event,
      kind: event.kind as InvoiceChangeKindEnum,
      invoice: invoice && (await toInvoiceType(ctx.em, invoice)),
      dealBalance,
      companyBalance,
    };
  }
}
