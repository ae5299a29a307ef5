import { useApolloClient, useSubscription } from '@vue/apollo-composable';
import { describeError } from '../forms';
import { isNewer, useLineEditing } from '../lines';
import {
  ADD_QUOTE_LINE,
  ADD_QUOTE_LINES_FROM,
  QUOTE,
  QUOTE_CHANGED,
  REMOVE_QUOTE_LINE,
  SET_QUOTE_STATUS,
  UPDATE_QUOTE,
  UPDATE_QUOTE_LINE,
  type Quote,
  type QuoteTerms,
  type QuoteStatus,
} from './operations';

/**
 * One quote in the editor: read once, then kept by `quoteChanged` pushes (a colleague's edit is
 * applied from the pushed quote, no query; my own echo is skipped) and by the quotes my
 * mutations answer. The lines are edited per cell (use-lines.ts).
 */
export function useQuote(quoteId: string, meId: string) {
  const client = useApolloClient().resolveClient();
  const lines = useLineEditing<Quote>({
    read: async () => {
      const query = { query: QUOTE, variables: { id: quoteId }, fetchPolicy: 'network-only' } as const;
      const { data } = await client.query(query);
      return { document: data.quote, cursor: data.changeCursor };
    },
    updateLine: async (id, version, input) =>
      (await client.mutate({ mutation: UPDATE_QUOTE_LINE, variables: { id, version, input } })).data!
        .updateQuoteLine,
    removeLine: async (id, version) =>
      (await client.mutate({ mutation: REMOVE_QUOTE_LINE, variables: { id, version } })).data!
        .removeQuoteLine,
    addLine: async (input) =>
      (await client.mutate({ mutation: ADD_QUOTE_LINE, variables: { quoteId, input } })).data!.addQuoteLine,
  });

  // From the cursor read with the quote: what changed between that read and the subscription (or
  // while the socket was down) comes first.
  const live = useSubscription(
    QUOTE_CHANGED,
    () => ({ quoteId, after: lines.cursor.value }),
    () => ({ enabled: lines.cursor.value !== null }),
  );
  live.onResult(({ data }) => {
    const event = data?.quoteChanged;
    if (!event?.quote) return;
    // My own echo: the mutation's answer is already applied (another tab of mine still applies it).
    // actorId null is the server (an expiry): always applied.
    if (event.actorId === meId && !isNewer(lines.current.value, event.quote)) return;
    lines.apply(event.quote);
  });
  void lines.load();

  return { ...lines, quote: lines.current, setStatus, updateTerms, addPackage };

  /**
   * A draft's title or validity date, each at the value the user started from (`expected`); answers
   * the server's error (with the field it names; CONFLICT when a colleague changed it) or null.
   */
  function updateTerms(input: QuoteTerms, expected: QuoteTerms) {
    return lines.write(
      async () =>
        (await client.mutate({ mutation: UPDATE_QUOTE, variables: { id: quoteId, input, expected } })).data!
          .updateQuote,
    );
  }

  /**
   * A unit's lines as one package (`recordId` null: the deal's own unit), at the quote's version
   * as shown: a colleague's change meanwhile is a CONFLICT, and the pushed quote shows it.
   */
  function addPackage(source: string, recordId: string | null) {
    const expectedVersion = lines.current.value?.version ?? 0;
    return lines.write(
      async () =>
        (
          await client.mutate({
            mutation: ADD_QUOTE_LINES_FROM,
            variables: { quoteId, source, recordId, expectedVersion },
          })
        ).data!.addQuoteLinesFrom,
    );
  }

  async function setStatus(status: QuoteStatus) {
    try {
      const { data } = await client.mutate({
        mutation: SET_QUOTE_STATUS,
        variables: { id: quoteId, status },
      });
      lines.apply(data!.setQuoteStatus);
      return null;
    } catch (caught) {
      return describeError(caught).message;
    }
  }
}

export type QuoteEditing = ReturnType<typeof useQuote>;
