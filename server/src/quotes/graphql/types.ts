import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

// Every amount, quantity and rate is a decimal string ("1234.50"): exact, never a float.

export enum QuoteStatusEnum {
  DRAFT = 'DRAFT',
  SENT = 'SENT',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(QuoteStatusEnum, {
  name: 'QuoteStatus',
  description: 'DRAFT → SENT → ACCEPTED | DECLINED | EXPIRED (SENT may go back to DRAFT).',
});

export enum InvoiceStatusEnum {
  DRAFT = 'DRAFT',
  ISSUED = 'ISSUED',
  PARTLY_PAID = 'PARTLY_PAID',
  PAID = 'PAID',
  OVERDUE = 'OVERDUE',
  VOID = 'VOID',
}
registerEnumType(InvoiceStatusEnum, {
  name: 'InvoiceStatus',
  description: 'OVERDUE: issued or partly paid, and past its due date (UTC).',
});

export enum InvoiceKindEnum {
  INVOICE = 'INVOICE',
  CREDIT_NOTE = 'CREDIT_NOTE',
}
registerEnumType(InvoiceKindEnum, { name: 'InvoiceKind' });

export enum QuoteChangeKindEnum {
  QUOTE_CREATED = 'QUOTE_CREATED',
  QUOTE_UPDATED = 'QUOTE_UPDATED',
  LINE_ADDED = 'LINE_ADDED',
  LINE_UPDATED = 'LINE_UPDATED',
  LINE_REMOVED = 'LINE_REMOVED',
}
registerEnumType(QuoteChangeKindEnum, { name: 'QuoteChangeKind' });

export enum InvoiceChangeKindEnum {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  ISSUED = 'ISSUED',
  PAYMENT_RECORDED = 'PAYMENT_RECORDED',
  VOIDED = 'VOIDED',
  CREDITED = 'CREDITED',
  CREDIT_NOTE_ISSUED = 'CREDIT_NOTE_ISSUED',
}
registerEnumType(InvoiceChangeKindEnum, {
  name: 'InvoiceChangeKind',
  description:
    'UPDATED: a draft’s due date or lines; CREDITED: the invoice was voided by a credit note (CREDIT_NOTE_ISSUED follows for the note).',
});

export enum BalanceObjectEnum {
  deal = 'deal',
  company = 'company',
}
registerEnumType(BalanceObjectEnum, { name: 'BalanceObject' });

@ObjectType('DocumentLine', {
  description: 'A line of a quote or invoice, with its amounts computed by the server.',
})
export class DocumentLineType {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: '1, 2, 3… in the order added.' }) position!: number;
  @Field(() => ID, { nullable: true, description: 'The product record; null for a free-text line.' })
  productId!: string | null;
  @Field(() => String) description!: string;
  @Field(() => String) quantity!: string;
  @Field(() => String) unitPrice!: string;
  @Field(() => String, { description: '0–100.' }) discountPercent!: string;
  @Field(() => String, { description: '0–100.' }) taxRate!: string;
  @Field(() => Int, { description: 'Send it back when editing the line: a stale one is a CONFLICT.' })
  version!: number;
  @Field(() => String, { description: 'quantity × unitPrice, to cents.' }) gross!: string;
  @Field(() => String, { description: 'gross × discountPercent, to cents.' }) discount!: string;
  @Field(() => String, { description: 'gross − discount (before tax).' }) net!: string;
  @Field(() => ID, {
    nullable: true,
    description: 'Set on the lines taken together from a unit (a boat package): the package they belong to.',
  })
  packageId!: string | null;
  @Field(() => String, { nullable: true, description: 'The package’s name (“Boat package – Sea Ray 270”).' })
  packageLabel!: string | null;
}

@ObjectType('LinePackage', {
  description: 'Lines taken together from a unit (a boat with its engines and trailer), priced together.',
})
export class LinePackageType {
  @Field(() => ID) id!: string;
  @Field(() => String) label!: string;
  @Field(() => Int) lineCount!: number;
  @Field(() => String, { description: 'The package price: its lines’ net amounts, to cents.' }) net!: string;
  @Field(() => String, { description: 'With tax.' }) total!: string;
}

@ObjectType('QuotePackageSource', {
  description:
    'Where a quote can take a package of lines from (a deal’s boat package), with the deal’s own unit.',
})
export class QuotePackageSourceType {
  @Field(() => String, { description: 'Pass it as `source` to addQuoteLinesFrom.' }) key!: string;
  @Field(() => String) label!: string;
  @Field(() => String, { description: 'The unit object’s key (boat): any of its records can be picked.' })
  unitObject!: string;
  @Field(() => ID, { nullable: true, description: 'The unit the deal names (the default pick).' })
  dealUnitId!: string | null;
  @Field(() => String, { nullable: true }) dealUnitLabel!: string | null;
}

@ObjectType('TaxTotal', { description: 'The tax of one rate, on the sum of the net amounts at that rate.' })
export class TaxTotalType {
  @Field(() => String) rate!: string;
  @Field(() => String) base!: string;
  @Field(() => String) tax!: string;
}

@ObjectType('DocumentTotals', { description: 'A quote’s or invoice’s totals, to cents.' })
export class DocumentTotalsType {
  @Field(() => String, { description: 'The lines’ gross amounts.' }) subtotal!: string;
  @Field(() => String, { description: 'The lines’ discounts.' }) discount!: string;
  @Field(() => String, { description: 'subtotal − discount.' }) net!: string;
  @Field(() => [TaxTotalType], { description: 'Per tax rate, highest first.' }) taxes!: TaxTotalType[];
  @Field(() => String) tax!: string;
  @Field(() => String, { description: 'net + tax.' }) total!: string;
}

@ObjectType('Quote')
export class QuoteType {
  @Field(() => ID) id!: string;
  @Field(() => ID) dealId!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { description: 'ISO 4217.' }) currency!: string;
  @Field(() => String, { description: 'Where product prices are looked up (the price object’s priceBook).' })
  priceBook!: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' }) validUntil!: string | null;
  @Field(() => QuoteStatusEnum) status!: QuoteStatusEnum;
  @Field(() => Int, { description: 'Bumped by every change to the quote or its lines.' }) version!: number;
  @Field(() => [DocumentLineType]) lines!: DocumentLineType[];
  @Field(() => [LinePackageType], { description: 'The packages among the lines, with their totals.' })
  packages!: LinePackageType[];
  @Field(() => DocumentTotalsType) totals!: DocumentTotalsType;
  @Field(() => DateTimeResolver) createdAt!: Date;
  @Field(() => DateTimeResolver) updatedAt!: Date;
}

@ObjectType('InvoicePayment')
export class PaymentType {
  @Field(() => ID) id!: string;
  @Field(() => String) amount!: string;
  @Field(() => String, { description: 'YYYY-MM-DD.' }) paidOn!: string;
  @Field(() => String) reference!: string;
}

@ObjectType('Invoice')
export class InvoiceType {
  @Field(() => ID) id!: string;
  @Field(() => InvoiceKindEnum) kind!: InvoiceKindEnum;
  @Field(() => String, {
    nullable: true,
    description: '“YYYY-NNNNN”, gapless per workspace and year; null for a draft.',
  })
  number!: string | null;
  @Field(() => ID, { nullable: true }) dealId!: string | null;
  @Field(() => ID, { nullable: true, description: 'The deal’s company when the invoice was made.' })
  companyId!: string | null;
  @Field(() => ID, { nullable: true }) quoteId!: string | null;
  @Field(() => ID, { nullable: true, description: 'For a credit note: the invoice it cancels.' })
  creditOf!: string | null;
  @Field(() => String) currency!: string;
  @Field(() => InvoiceStatusEnum) status!: InvoiceStatusEnum;
  @Field(() => String, { nullable: true }) issueDate!: string | null;
  @Field(() => String, { nullable: true }) dueDate!: string | null;
  @Field(() => [DocumentLineType]) lines!: DocumentLineType[];
  @Field(() => DocumentTotalsType) totals!: DocumentTotalsType;
  @Field(() => String, { description: 'The payments’ sum.' }) paid!: string;
  @Field(() => String, {
    description: 'total − paid while open (issued, partly paid, overdue); 0 otherwise.',
  })
  balance!: string;
  @Field(() => [PaymentType]) payments!: PaymentType[];
  @Field(() => Int, { description: 'Bumped by every change to the invoice, its lines or its payments.' })
  version!: number;
  @Field(() => DateTimeResolver) createdAt!: Date;
}

@ObjectType('OpenBalance', { description: 'What open invoices still owe, in one currency.' })
export class OpenBalanceType {
  @Field(() => String) currency!: string;
  @Field(() => String) amount!: string;
}

@ObjectType('QuoteChangeEvent', { description: 'A quote or one of its lines changed.' })
export class QuoteChangeEventType {
  @Field(() => QuoteChangeKindEnum) kind!: QuoteChangeKindEnum;
  @Field(() => ID) quoteId!: string;
  @Field(() => ID, { nullable: true }) lineId!: string | null;
  @Field(() => ID, {
    nullable: true,
    description:
      'Who made the change; null: the server (expiry), or not known (a change brought to a subscription resumed with `after`).',
  })
  actorId!: string | null;
  @Field(() => QuoteType, {
    nullable: true,
    description: 'The quote as it is now, lines and totals included.',
  })
  quote!: QuoteType | null;
}

@ObjectType('InvoiceChangeEvent', {
  description:
    'An invoice or credit note of the deal (or company) changed, with the open balances as they now are.',
})
export class InvoiceChangeEventType {
  @Field(() => InvoiceChangeKindEnum) kind!: InvoiceChangeKindEnum;
  @Field(() => ID) invoiceId!: string;
  @Field(() => ID, { nullable: true }) dealId!: string | null;
  @Field(() => ID, { nullable: true }) companyId!: string | null;
  @Field(() => ID, {
    nullable: true,
    description:
      'Who made the change; null: not known (a change brought to a subscription resumed with `after`).',
  })
  actorId!: string | null;
  @Field(() => InvoiceType, {
    nullable: true,
    description: 'The invoice as it is now; null when you may not read its deal.',
  })
  invoice!: InvoiceType | null;
  @Field(() => [OpenBalanceType], {
    nullable: true,
    description: 'The deal’s open balance now (as `openBalance(deal)`); null when you may not read the deal.',
  })
  dealBalance!: OpenBalanceType[] | null;
  @Field(() => [OpenBalanceType], {
    nullable: true,
    description:
      'The company’s open balance now (as `openBalance(company)`); null without a company or when you may not read it.',
  })
  companyBalance!: OpenBalanceType[] | null;
}

@InputType({
  description: 'Amounts as decimal strings. A product line takes its name and price unless given.',
})
export class LineInput {
  @Field(() => ID, { nullable: true }) productId?: string | null;
  @Field(() => String, { nullable: true, description: 'Required without a product; up to 2000 characters.' })
  description?: string | null;
  @Field(() => String, { nullable: true, description: '≥ 0, up to 4 decimals; required for a new line.' })
  quantity?: string | null;
  @Field(() => String, {
    nullable: true,
    description: '≥ 0; default: the product’s price in the quote’s price book and currency.',
  })
  unitPrice?: string | null;
  @Field(() => String, { nullable: true, description: '0–100, default 0.' }) discountPercent?: string | null;
  @Field(() => String, { nullable: true, description: '0–100, default 0.' }) taxRate?: string | null;
}

@InputType()
export class CreateQuoteInput {
  @Field(() => ID) dealId!: string;
  @Field(() => String, { description: 'ISO 4217, e.g. "EUR".' }) currency!: string;
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true, description: 'Default "standard".' }) priceBook?: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' }) validUntil?: string | null;
  @Field(() => [LineInput], { nullable: true, description: 'At most 200.' }) lines?: LineInput[] | null;
}

@InputType({ description: 'A draft quote’s terms; only what is given changes.' })
export class UpdateQuoteInput {
  @Field(() => String, { nullable: true }) title?: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null clears it.' }) validUntil?:
    string | null;
}

@InputType()
export class CreateInvoiceInput {
  @Field(() => ID) dealId!: string;
  @Field(() => String) currency!: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; default: issue date + 30 days.' })
  dueDate?: string | null;
  @Field(() => [LineInput], { nullable: true }) lines?: LineInput[] | null;
}

@InputType({ description: 'A draft invoice’s terms; an issued invoice refuses any change (FORBIDDEN).' })
export class UpdateInvoiceInput {
  @Field(() => String, { nullable: true }) dueDate?: string | null;
}

@InputType()
export class IssueInvoiceInput {
  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD, default today (UTC); its year numbers the invoice.',
  })
  issueDate?: string | null;
  @Field(() => String, { nullable: true }) dueDate?: string | null;
}

@InputType()
export class PaymentInput {
  @Field(() => String, { description: '> 0, at most the open balance, in cents.' }) amount!: string;
  @Field(() => String, { nullable: true, description: 'When given, must be the invoice’s currency.' })
  currency?: string | null;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, default today.' }) paidOn?: string | null;
  @Field(() => String, { nullable: true }) reference?: string | null;
}
