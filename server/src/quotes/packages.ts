import { randomUUID } from 'node:crypto';
import type { LineSource, UnitPackage } from '../documents/index.js';
import { requirePermission, type WorkspaceAccess } from '../identity/index.js';
import { activeObjects, type WorkspaceMetadata } from '../metadata/index.js';
import { BadInput, Conflict, parseId } from '../platform/index.js';
import { callerView, type RecordContext } from '../records/index.js';
import { dealFor } from './deal-access.js';
import { maxLinesPerDocument } from './line-input.js';
import { insertLines, linesOf, type Line, type LineValues } from './lines.js';
import { documentTotals } from './money.js';
import { dealOfQuote, requireDraft, writeQuote, type Quote } from './quotes.js';
import type { QuotesContext } from './services.js';

/**
 * Quote lines taken from a unit sold as one (a boat with its engines and trailer): one line per
 * item at the item's price, sharing a package id and label, so the quote shows each part's price
 * and the package's total. The items come from the deal's line sources that price a package
 * (the documents' `boatPackage`), read in the caller's scope.
 */

/** A deal line source a quote can take a package from, with the unit the deal names. */
export interface PackageSource {
  key: string;
  label: string;
  /** The unit's object key (a boat). */
  unitObject: string;
  /** The unit the deal names (its boat), when set and readable. */
  dealUnitId: string | null;
  dealUnitLabel: string | null;
}

/** A quote's package: its lines' count and totals (the package price, before and after tax). */
export interface LinePackage {
  id: string;
  label: string;
  lineCount: number;
  /** After discounts, before tax: the package price. */
  net: string;
  total: string;
}

const packageSources = (ctx: QuotesContext) =>
  ctx.services.lineSources.filter(
    (s): s is LineSource & { package: UnitPackage } => s.objectKey === 'deal' && !!s.package,
  );

/** The caller's view of the records (their scope and the fields they may see), for reading units. */
async function recordContext(
  ctx: QuotesContext,
  access: WorkspaceAccess,
  metadata: WorkspaceMetadata,
): Promise<RecordContext> {
  const view = await callerView(ctx.services.recordAccess, access, metadata);
  return {
    em: ctx.em,
    metadata: view.metadata,
    actorId: access.caller.user.id,
    ...(view.scope ? { scope: view.scope } : {}),
  };
}

/** The packages a quote can take lines from, each with the deal's own unit (the default pick). */
export async function quotePackageSources(ctx: QuotesContext, quoteId: string): Promise<PackageSource[]> {
  const {
    access,
    metadata,
    recordId: dealId,
  } = await dealFor(ctx, await dealOfQuote(ctx, quoteId), 'read', ['quoteId']);
  const records = await recordContext(ctx, access, metadata);
  const sources: PackageSource[] = [];
  for (const source of packageSources(ctx)) {
    const unit = source.package.unitObject(records.metadata);
    if (!unit) continue;
    const dealUnitId = await source.package.unitOf(records, dealId);
    const found = dealUnitId ? await source.package.items(records, dealUnitId) : null;
    sources.push({
      key: source.key,
      label: source.label,
      unitObject: unit.key,
      dealUnitId: found ? dealUnitId : null,
      dealUnitLabel: found?.unitLabel ?? null,
    });
  }
  return sources;
}

/**
 * Adds a unit's lines to a draft quote in one transaction: `recordId` picks the unit (the deal's
 * own when absent); `expectedVersion`, when given, must be the quote's version (else CONFLICT).
 * An item priced in another currency than the quote's is refused, naming it; one without a price
 * comes at 0 for the editor to fill in.
 */
export function addQuoteLinesFrom(
  ctx: QuotesContext,
  quoteId: string,
  sourceKey: string,
  recordIdText: string | null,
  expectedVersion: number | null,
): Promise<Quote> {
  return writeQuote(ctx, quoteId, async (em, quote, metadata) => {
    if (expectedVersion !== null && quote.version !== expectedVersion)
      throw new Conflict(
        `The quote was changed by someone else since version ${expectedVersion}; it is now at version ${quote.version}.`,
        { currentVersion: quote.version, argumentPath: ['expectedVersion'] },
      );
    requireDraft(quote, ['source']);
    const source = packageSources(ctx).find((s) => s.key === sourceKey);
    const access = requirePermission(ctx, 'records.write');
    const records = { ...(await recordContext(ctx, access, metadata)), em };
    const unitObject = source?.package.unitObject(records.metadata);
    if (!source || !unitObject || !activeObjects(records.metadata).some((o) => o.id === unitObject.id))
      throw new BadInput(
        ['source'],
        `No package source "${sourceKey}" on deals (known: ${
          packageSources(ctx)
            .map((s) => s.key)
            .join(', ') || 'none'
        }).`,
      );
    const unitId = recordIdText
      ? parseId(['recordId'], recordIdText)
      : await source.package.unitOf(records, quote.dealId);
    if (!unitId)
      throw new BadInput(
        ['recordId'],
        `The deal names no ${unitObject.labelSingular.toLowerCase()}: pick one to take its package.`,
      );
    const found = await source.package.items(records, unitId);
    if (!found)
      throw new BadInput(['recordId'], `No ${unitObject.labelSingular.toLowerCase()} with this id.`);
    const foreign = found.items.find((i) => i.amount !== null && i.currency && i.currency !== quote.currency);
    if (foreign)
      throw new BadInput(
        ['recordId'],
        `“${foreign.label}” is priced in ${foreign.currency}, the quote in ${quote.currency}: change the price or make a quote in ${foreign.currency}.`,
      );
    const existing = await linesOf(em, { quoteId });
    if (existing.length + found.items.length > maxLinesPerDocument)
      throw new BadInput(['recordId'], `A quote holds at most ${maxLinesPerDocument} lines.`);
    const packageId = randomUUID();
    const packageLabel = `${source.label} – ${found.unitLabel}`;
    const lines: LineValues[] = found.items.map((item) => ({
      productId: null,
      description: item.label.trim() || unitObject.labelSingular,
      quantity: '1',
      unitPrice: item.amount ?? '0',
      discountPercent: '0',
      taxRate: '0',
      packageId,
      packageLabel,
    }));
    const [lineId] = await insertLines(em, quote.workspaceId, { quoteId }, lines);
    return { kind: 'LINE_ADDED', lineId: lineId! };
  });
}

/** The packages among a quote's lines, in the order their first line comes, with their totals. */
export function packagesOf(lines: readonly Line[]): LinePackage[] {
  const byId = new Map<string, Line[]>();
  for (const line of lines)
    if (line.packageId) byId.set(line.packageId, [...(byId.get(line.packageId) ?? []), line]);
  return [...byId.entries()].map(([id, parts]) => {
    const totals = documentTotals(parts);
    return {
      id,
      label: parts[0]!.packageLabel ?? '',
      lineCount: parts.length,
      net: totals.net,
      total: totals.total,
    };
  });
}
