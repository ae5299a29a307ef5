import { i18n } from '../i18n';
import type { Quote, QuoteStatus } from './operations';

/**
 * A deal's quote list after a pushed change of `quoteId`: the pushed quote replaces the held one
 * (unless the held one is newer), joins the end (the server lists oldest first), or, pushed as
 * null (no longer readable), leaves.
 */
export function withQuote(list: readonly Quote[], quoteId: string, quote: Quote | null): Quote[] {
  const at = list.findIndex((q) => q.id === quoteId);
  if (!quote) return at < 0 ? [...list] : list.filter((q) => q.id !== quoteId);
  if (at < 0) return [...list, quote];
  return list.map((q, n) => (n === at && quote.version >= q.version ? quote : q));
}

export interface StatusMove {
  status: QuoteStatus;
  label: string;
}

/** The moves the server allows from `status` (DRAFT → SENT → ACCEPTED | DECLINED | EXPIRED, SENT → DRAFT). */
export function statusMoves(status: QuoteStatus): StatusMove[] {
  const { t } = i18n.global;
  if (status === 'DRAFT') return [{ status: 'SENT', label: t('quotes.moves.send') }];
  if (status === 'SENT')
    return [
      { status: 'ACCEPTED', label: t('quotes.moves.accept') },
      { status: 'DECLINED', label: t('quotes.moves.decline') },
      { status: 'EXPIRED', label: t('quotes.moves.markExpired') },
      { status: 'DRAFT', label: t('quotes.moves.backToDraft') },
    ];
  return [];
}
