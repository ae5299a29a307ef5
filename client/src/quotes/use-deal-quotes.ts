import { useQuery, useSubscription } from '@vue/apollo-composable';
import { computed } from 'vue';
import { DEAL_QUOTES_CHANGED, QUOTES, type Quote } from './operations';
import { withQuote } from './quote-list';

/**
 * A deal's quotes, kept live by `dealQuotesChanged`: a colleague's new quote joins the list and
 * every change (status, terms, totals, an expiry by the server) replaces the held quote from the
 * push itself, no query again. It subscribes from the cursor read with the list, so what changed
 * between that read and the subscription (or while the socket was down) comes first.
 */
export function useDealQuotes(dealId: () => string) {
  const query = useQuery(QUOTES, () => ({ dealId: dealId() }), { fetchPolicy: 'cache-and-network' });
  const cursor = computed(() => query.result.value?.quotesCursor ?? null);
  const live = useSubscription(
    DEAL_QUOTES_CHANGED,
    () => ({ dealId: dealId(), after: cursor.value }),
    () => ({ enabled: cursor.value !== null }),
  );
  live.onResult(({ data }) => {
    const event = data?.dealQuotesChanged;
    if (event) apply(event.quoteId, event.quote);
  });
  const quotes = computed<Quote[]>(() => query.result.value?.quotes ?? []);
  /** Holds a quote my own mutation answered (its push may come later, or first: either is kept once). */
  const hold = (quote: Quote) => apply(quote.id, quote);
  return { quotes, loading: query.loading, error: query.error, hold };

  function apply(quoteId: string, quote: Quote | null) {
    query.updateQuery((previous) =>
      previous ? { ...previous, quotes: withQuote(previous.quotes, quoteId, quote) } : previous,
    );
  }
}
