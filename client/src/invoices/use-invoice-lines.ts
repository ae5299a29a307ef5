import { useApolloClient, useSubscription } from '@vue/apollo-composable';
import { isNewer, useLineEditing } from '../lines';
import {
  ADD_INVOICE_LINE,
  INVOICE,
  INVOICE_DOCUMENT_CHANGED,
  REMOVE_INVOICE_LINE,
  UPDATE_INVOICE_LINE,
  type InvoiceDocument,
} from './operations';

/**
 * One invoice's lines in the quotes' line editor: read once, then kept by the deal's
 * `invoiceChanged` pushes of this invoice (my own echo skipped) and by what my writes answer.
 * A draft's lines are edited per cell at their versions; an issued invoice's only shown.
 */
export function useInvoiceLines(invoiceId: string, dealId: string, meId: string) {
  const client = useApolloClient().resolveClient();
  const lines = useLineEditing<InvoiceDocument>({
    read: async () => {
      const query = { query: INVOICE, variables: { id: invoiceId }, fetchPolicy: 'network-only' } as const;
      const { data } = await client.query(query);
      return { document: data.invoice, cursor: data.changeCursor };
    },
    updateLine: async (id, version, input) =>
      (await client.mutate({ mutation: UPDATE_INVOICE_LINE, variables: { id, version, input } })).data!
        .updateInvoiceLine,
    removeLine: async (id, version) =>
      (await client.mutate({ mutation: REMOVE_INVOICE_LINE, variables: { id, version } })).data!
        .removeInvoiceLine,
    addLine: async (input) =>
      (await client.mutate({ mutation: ADD_INVOICE_LINE, variables: { invoiceId, input } })).data!
        .addInvoiceLine,
  });

  // From the cursor read with the invoice (see use-quote.ts).
  const live = useSubscription(
    INVOICE_DOCUMENT_CHANGED,
    () => ({ dealId, after: lines.cursor.value }),
    () => ({ enabled: lines.cursor.value !== null }),
  );
  live.onResult(({ data }) => {
    const event = data?.invoiceChanged;
    if (event?.invoiceId !== invoiceId || !event.invoice) return;
    if (event.actorId === meId && !isNewer(lines.current.value, event.invoice)) return;
    lines.apply(event.invoice);
  });
  void lines.load();
  return { ...lines, invoice: lines.current };
}
