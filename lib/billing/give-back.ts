import type { Tx } from "../db";
import { refundToCard } from "./card-refund";
import { creditServiceInvoices } from "./credit-note";
import { formatAmount, moveBalance } from "./ledger";
import { serviceOfRefund } from "./paid-period";

export type RefundTarget = "balance" | "card";

/**
 * Gives money back for a service as ledger entries in the caller's transaction: a refund to the
 * balance; for a card refund, also the same amount sent back to the card through Stripe (the
 * balance ends where it was). `key` is unique per refund: the same key gives back nothing twice.
 * A refund for a service (key from serviceRefundPrefix) is written as credit notes on its invoices.
 * Returns the client's words for it ("$99.00 returned to your balance"), or null when nothing moved.
 */
export async function giveBack(
  tx: Tx,
  r: { clientId: number; currency: string; amount: number; to: RefundTarget; key: string; invoiceId: number | null; note: string; at: Date; actorUserId: number | null },
): Promise<string | null> {
  if (r.amount <= 0) return null;
  const entry = await moveBalance(tx, { clientId: r.clientId, kind: "refund", amount: r.amount, note: r.note, at: r.at, invoiceId: r.invoiceId, reference: r.key, actorUserId: r.actorUserId });
  if (!entry) return null;
  // Money given back for a service takes back part of the invoices that paid for it: credit notes.
  const serviceId = serviceOfRefund(r.key);
  if (serviceId !== null) await creditServiceInvoices(tx, { serviceId, amount: r.amount, kind: "refund", reason: r.note, at: r.at, balanceEntryId: entry.id });
  const words = formatAmount(r.amount, r.currency);
  if (r.to === "balance") return `${words} returned to your balance`;
  const card = await refundToCard(tx, { invoiceId: r.invoiceId, amount: r.amount, key: r.key, reason: r.note });
  await moveBalance(tx, {
    clientId: r.clientId, kind: "refund", amount: -r.amount, at: r.at, invoiceId: r.invoiceId, actorUserId: r.actorUserId,
    reference: `payout:stripe:${card.refundId}`, note: `Sent back to the card (${words})`,
  });
  return `${words} returned to your card`;
}
