import type { invoices } from "../db/schema";
import { serviceEmail, type ServiceEmailEvent } from "../email/service-emails";
import { money } from "../services/services/charge-renewal";
import type { ServiceRow } from "../services/services/load-own";
import { formatAmount } from "./ledger";
import { invoiceName } from "./invoice-format";

type Invoice = typeof invoices.$inferSelect;

/** What the history and the email say of an unpaid renewal invoice just issued. */
export function unpaidInvoiceWords(invoice: Pick<Invoice, "number" | "id" | "amount" | "currency" | "dueAt">) {
  const name = invoiceName(invoice);
  const amount = formatAmount(invoice.amount, invoice.currency);
  const due = invoice.dueAt!.toISOString().slice(0, 10);
  return {
    history: `Renewal invoice ${name} issued: ${amount} due ${due}`,
    sentence: ` Invoice ${name} for ${amount} is due on ${due}: pay it from your invoices (by card or from the balance) and the service is renewed.`,
  };
}

/** Why an auto-renewal failed for want of money, with the unpaid invoice's sentence. */
export const notCovered = (balance: number, price: number, currency: string, invoiceSentence: string) =>
  `The balance (${money(balance, currency)}) does not cover the renewal (${money(price, currency)}).${invoiceSentence}`;

/** What the history says of a service the sweep suspends or closes. */
export const stopMessages = { suspend: "Not paid by the expiry date; being suspended", close: "Not renewed within the grace period; being closed" } as const;

export type RenewalRow = { service: ServiceRow; tariffName: string; email: string };

/** A renewal email of a service ("expiring", "renewal-failed"), built without reading anything. */
export function renewalMail(row: RenewalRow, event: ServiceEmailEvent, dedupeKey: string, at: Date, reason?: string) {
  const { service } = row;
  const mail = serviceEmail(
    event,
    { id: service.id, productType: service.productType, tariffName: row.tariffName, details: service.details, secrets: {}, params: service.params, expiresAt: service.expiresAt },
    { reason },
  );
  return { dedupeKey, to: row.email, ...mail, clientId: service.clientId, serviceId: service.id, runAt: at };
}
