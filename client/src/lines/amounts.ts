import { formatMoney, formatNumber } from '../i18n';

// The server sends every amount, quantity and rate as a decimal string it computed; these show
// them in the user's language. A double holds any amount of a quote to the cent, so the digits
// shown are the server's.

/** "€1,250.00", "1.250,00 €" from "1250.00" and "EUR". */
export function formatAmount(amount: string, currency: string): string {
  return formatMoney(Number(amount), currency);
}

/** A rate in percent, "19" → "19%", "19 %" in German. */
export function formatRate(percent: string): string {
  return formatNumber(Number(percent) / 100, { style: 'percent', maximumFractionDigits: 4 });
}

/** A quantity as the language writes numbers: "1.5", "1,5". */
export function formatQuantity(quantity: string): string {
  return formatNumber(Number(quantity));
}
