import { useApolloClient, useQuery, useSubscription } from '@vue/apollo-composable';
import { computed, onScopeDispose } from 'vue';
import { onSocketConnected } from '../apollo';
import { DEAL_QUOTES_CHANGED, QUOTES, type Quote } from './operations';
import { withQuote } from './quote-list';

/**
 * A deal's quotes, kept live by `dealQuotesChanged`: a colleague's new quote joins the list and
 * every change (status, terms, totals, an expiry by the server) replaces the held quote from the
 * push itself, no query again. Read again on each socket (re)connection: pushes are not replayed.
 */
export function useDealQuotes(dealId: () => string) {
  const client = useApolloClient().resolveClient();
  const query = useQuery(QUOTES, () => ({ dealId: dealId() }), { fetchPolicy: 'cache-and-network' });
  const live = useSubscription(DEAL_QUOTES_CHANGED, () => ({ dealId: dealId() }));
  live.onResult(({ data }) => {
    const event = data?.dealQuotesChanged;
    if (event) apply(event.quoteId, event.quote);
  });
  onScopeDispose(onSocketConnected(client, () => void query.refetch()));
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
