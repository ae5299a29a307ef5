import { useApolloClient, useSubscription } from '@vue/apollo-composable';
import { onScopeDispose, ref, shallowRef } from 'vue';
import { onSocketConnected } from '../apollo';
import { describeError } from '../forms';
import { cellKey, isNewer, rebased, serverError, typed, type Cells, type LineField } from './line-edits';
import {
  ADD_QUOTE_LINE,
  QUOTE,
  QUOTE_CHANGED,
  REMOVE_QUOTE_LINE,
  SET_QUOTE_STATUS,
  UPDATE_QUOTE,
  UPDATE_QUOTE_LINE,
  type LineInput,
  type Quote,
  type QuoteLine,
  type QuoteStatus,
} from './operations';

/**
 * One quote in the editor: read once, then kept by `quoteChanged` pushes (a colleague's edit is
 * applied from the pushed quote, no query; my own echo is skipped) and by the quotes my
 * mutations answer. Cells save one field of one line at the version the user started from; a
 * CONFLICT keeps the typed value beside the colleague's until the user chooses.
 */
export function useQuote(quoteId: string, meId: string) {
  const client = useApolloClient().resolveClient();
  const quote = shallowRef<Quote | null>(null);
  const cells = ref<Cells>({});
  const error = ref<string | null>(null);
  /** Errors of a line as a whole (its product, its removal), by line id. */
  const lineErrors = ref<Record<string, string>>({});

  const live = useSubscription(QUOTE_CHANGED, { quoteId });
  live.onResult(({ data }) => {
    const event = data?.quoteChanged;
    if (!event?.quote) return;
    // My own echo: the mutation's answer is already applied (another tab of mine still applies it).
    // actorId null is the server (an expiry): always applied.
    if (event.actorId === meId && !isNewer(quote.value, event.quote)) return;
    apply(event.quote);
  });
  // A push sent while the socket was down is lost: read again on each (re)connection.
  onScopeDispose(onSocketConnected(client, () => void load()));
  void load();

  return {
    quote,
    cells,
    error,
    lineErrors,
    edit,
    save,
    keepMine,
    takeTheirs,
    setProduct,
    addLine,
    removeLine,
    setStatus,
    updateTerms,
  };

  function apply(next: Quote) {
    if (!isNewer(quote.value, next)) return;
    quote.value = next;
    cells.value = rebased(cells.value, next);
  }

  async function load() {
    try {
      const { data } = await client.query({
        query: QUOTE,
        variables: { id: quoteId },
        fetchPolicy: 'network-only',
      });
      apply(data.quote);
      error.value = null;
    } catch (caught) {
      error.value = describeError(caught).message;
    }
  }

  function edit(line: QuoteLine, field: LineField, value: string) {
    const key = cellKey(line.id, field);
    cells.value = { ...cells.value, [key]: typed(cells.value[key], line, field, value) };
  }

  function patch(key: string, change: Partial<Cells[string]> | null) {
    const next = { ...cells.value };
    if (change === null) delete next[key];
    else if (next[key]) next[key] = { ...next[key], ...change };
    cells.value = next;
  }

  /** Saves the cell's draft, if any, at its base version. */
  async function save(line: QuoteLine, field: LineField) {
    const key = cellKey(line.id, field);
    const cell = cells.value[key];
    if (!cell || cell.saving || cell.conflict) return;
    if (cell.draft === cell.baseValue && cell.baseVersion === line.version) return patch(key, null);
    patch(key, { saving: true, error: null });
    try {
      const { data } = await client.mutate({
        mutation: UPDATE_QUOTE_LINE,
        variables: { id: line.id, version: cell.baseVersion, input: { [field]: cell.draft } },
      });
      apply(data!.updateQuoteLine);
      if (cells.value[key]?.draft === cell.draft) patch(key, null);
      else patch(key, { saving: false });
    } catch (caught) {
      await failed(key, field, caught);
    }
  }

  async function failed(key: string, field: LineField, caught: unknown) {
    const refused = serverError(caught);
    if (refused?.code === 'CONFLICT' && refused.currentVersion !== null) {
      // The colleague's value is shown beside mine: read it if its push has not arrived yet.
      const held = quote.value?.lines.find((l) => l.id === refused.lineId);
      if (!held || held.version < refused.currentVersion) await load();
      patch(key, { saving: false, conflict: true });
      return;
    }
    const onThisCell = !refused?.field || refused.field === field;
    const message = refused?.message ?? describeError(caught).message;
    patch(key, { saving: false, error: onThisCell ? message : `${refused!.field}: ${message}` });
  }

  /** Resends my value at the line's current version. */
  async function keepMine(line: QuoteLine, field: LineField) {
    const key = cellKey(line.id, field);
    patch(key, { conflict: false, baseVersion: line.version, baseValue: line[field] });
    await save(line, field);
  }

  function takeTheirs(line: QuoteLine, field: LineField) {
    patch(cellKey(line.id, field), null);
  }

  /** A product brings its name and price; back to free text keeps the line's. */
  async function setProduct(line: QuoteLine, productId: string | null) {
    const input = productId
      ? { productId }
      : { productId: null, description: line.description, unitPrice: line.unitPrice };
    await lineWrite(line.id, async () => {
      const { data } = await client.mutate({
        mutation: UPDATE_QUOTE_LINE,
        variables: { id: line.id, version: line.version, input },
      });
      return data!.updateQuoteLine;
    });
  }

  async function removeLine(line: QuoteLine) {
    await lineWrite(line.id, async () => {
      const { data } = await client.mutate({
        mutation: REMOVE_QUOTE_LINE,
        variables: { id: line.id, version: line.version },
      });
      return data!.removeQuoteLine;
    });
  }

  async function lineWrite(lineId: string, write: () => Promise<Quote>) {
    const { [lineId]: _, ...rest } = lineErrors.value;
    lineErrors.value = rest;
    try {
      apply(await write());
    } catch (caught) {
      lineErrors.value = { ...lineErrors.value, [lineId]: describeError(caught).message };
    }
  }

  /** Adds a line; answers the server's error (with the field it names) or null. */
  async function addLine(input: LineInput) {
    try {
      const { data } = await client.mutate({ mutation: ADD_QUOTE_LINE, variables: { quoteId, input } });
      apply(data!.addQuoteLine);
      return null;
    } catch (caught) {
      return serverError(caught) ?? { message: describeError(caught).message, field: null };
    }
  }

  /** A draft's title or validity date; answers the server's error (with the field it names) or null. */
  async function updateTerms(input: { title?: string; validUntil?: string | null }) {
    try {
      const { data } = await client.mutate({ mutation: UPDATE_QUOTE, variables: { id: quoteId, input } });
      apply(data!.updateQuote);
      return null;
    } catch (caught) {
      return serverError(caught) ?? { message: describeError(caught).message, field: null };
    }
  }

  async function setStatus(status: QuoteStatus) {
    try {
      const { data } = await client.mutate({
        mutation: SET_QUOTE_STATUS,
        variables: { id: quoteId, status },
      });
      apply(data!.setQuoteStatus);
      return null;
    } catch (caught) {
      return describeError(caught).message;
    }
  }
}

export type QuoteEditing = ReturnType<typeof useQuote>;
