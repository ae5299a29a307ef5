import type { Quote } from './operations';

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
