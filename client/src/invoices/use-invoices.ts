import { useApolloClient, useQuery, useSubscription } from '@vue/apollo-composable';
import { computed } from 'vue';
import {
  CREATE_INVOICE,
  CREDIT_INVOICE,
  DEAL_INVOICES,
  INVOICE_CHANGED,
  INVOICE_PDF,
  ISSUE_INVOICE,
  OPEN_BALANCE,
  RECORD_PAYMENT,
  VOID_INVOICE,
  type Balance,
  type BalanceHolder,
  type InvoiceItem,
  type NewInvoiceValues,
  type PaymentValues,
} from './operations';
import { saveInlineFile } from '../files';
import { withInvoice } from './invoice-list';

/**
 * A deal's invoices and open balance, kept live by `invoiceChanged`: a pushed invoice replaces
 * the held one (or joins the list) and the pushed balance replaces the held one, no query again.
 */
export function useDealInvoices(dealId: string) {
  const client = useApolloClient().resolveClient();
  const query = useQuery(DEAL_INVOICES, { dealId }, { fetchPolicy: 'cache-and-network' });
  // From the cursor read with them: what changed between that read and the subscription comes first.
  const cursor = computed(() => query.result.value?.invoicesCursor ?? null);
  const live = useSubscription(
    INVOICE_CHANGED,
    () => ({ dealId, after: cursor.value }),
    () => ({ enabled: cursor.value !== null }),
  );
  live.onResult(({ data }) => {
    const event = data?.invoiceChanged;
    if (!event) return;
    query.updateQuery((previous) =>
      previous
        ? {
            ...previous,
            invoices: event.invoice ? withInvoice(previous.invoices, event.invoice) : previous.invoices,
            openBalance: event.dealBalance ?? previous.openBalance,
          }
        : previous,
    );
  });

  const invoices = computed<InvoiceItem[]>(() => query.result.value?.invoices ?? []);
  const balance = computed<Balance[]>(() => query.result.value?.openBalance ?? []);
  return {
    invoices,
    balance,
    loading: query.loading,
    error: query.error,
    create,
    issue,
    pay,
    voidIt,
    credit,
    downloadPdf,
  };

  /** A draft from scratch on this deal (the server numbers it when issued). */
  async function create(input: Omit<NewInvoiceValues, 'dealId'>): Promise<void> {
    const { data } = await client.mutate({
      mutation: CREATE_INVOICE,
      variables: { input: { ...input, dealId } },
    });
    if (data) apply(data.createInvoice);
  }

  async function issue(id: string): Promise<void> {
    const { data } = await client.mutate({ mutation: ISSUE_INVOICE, variables: { id } });
    if (data) apply(data.issueInvoice);
  }

  /** Each answer is applied at once; the push that follows brings the balance (for everyone). */
  async function pay(invoiceId: string, input: PaymentValues): Promise<void> {
    const { data } = await client.mutate({ mutation: RECORD_PAYMENT, variables: { invoiceId, input } });
    if (data) apply(data.recordPayment);
  }

  async function voidIt(id: string): Promise<void> {
    const { data } = await client.mutate({ mutation: VOID_INVOICE, variables: { id } });
    if (data) apply(data.voidInvoice);
  }

  async function credit(id: string): Promise<void> {
    const { data } = await client.mutate({ mutation: CREDIT_INVOICE, variables: { id } });
    if (data) apply(data.creditInvoice);
  }

  /** The invoice's PDF, rendered by the server, saved as a download. */
  async function downloadPdf(id: string): Promise<void> {
    const { data } = await client.query({ query: INVOICE_PDF, variables: { id }, fetchPolicy: 'no-cache' });
    saveInlineFile(data.invoicePdf);
  }

  function apply(invoice: InvoiceItem): void {
    query.updateQuery((previous) =>
      previous ? { ...previous, invoices: withInvoice(previous.invoices, invoice) } : previous,
    );
  }
}

/** A deal's or company's open balance, kept live by the holder's `invoiceChanged`. */
export function useOpenBalance(object: BalanceHolder, recordId: string) {
  const query = useQuery(OPEN_BALANCE, { object, recordId }, { fetchPolicy: 'cache-and-network' });
  const cursor = computed(() => query.result.value?.balanceCursor ?? null);
  const live = useSubscription(
    INVOICE_CHANGED,
    () => ({ ...(object === 'deal' ? { dealId: recordId } : { companyId: recordId }), after: cursor.value }),
    () => ({ enabled: cursor.value !== null }),
  );
  live.onResult(({ data }) => {
    const event = data?.invoiceChanged;
    const pushed = object === 'deal' ? event?.dealBalance : event?.companyBalance;
    if (!pushed) return;
    query.updateQuery((previous) => (previous ? { ...previous, openBalance: pushed } : previous));
  });
  const balance = computed<Balance[]>(() => query.result.value?.openBalance ?? []);
  return { balance, error: query.error };
}
