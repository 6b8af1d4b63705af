import { and, eq } from "drizzle-orm";
import type { Tx } from "../../db";
import { invoices, paymentSessions, payments } from "../../db/schema";
import { AppError } from "../../errors";
import { payOrderTx } from "../orders/pay";
import { payRenewalInvoiceTx } from "../invoices/pay-renewal";

type Payment = typeof payments.$inferSelect;

/**
 * After a gateway payment is credited, in the same transaction: the card payment session it
 * completes is marked paid, and the unpaid order (or renewal) invoice it was for is paid from the balance. When
 * that order can no longer be paid (the domain was taken meanwhile, the client paid it already,
 * the client was suspended) the money simply stays on the balance.
 */
export async function settleSession(tx: Tx, payment: Payment, at: Date, paymentIntentId?: string | null): Promise<{ operationIds: number[]; note?: string }> {
  const [session] = await tx.select().from(paymentSessions).where(eq(paymentSessions.externalId, payment.reference)).for("update");
  if (!session || session.clientId !== payment.clientId) return { operationIds: [] };
  if (session.status === "paid") return { operationIds: [] };
  await tx
    .update(paymentSessions)
    .set({ status: "paid", paymentId: payment.id, completedAt: at, failureReason: null, paymentIntentId: paymentIntentId ?? session.paymentIntentId })
    .where(eq(paymentSessions.id, session.id));
  if (!session.invoiceId) return { operationIds: [] };
  const [invoice] = await tx.select().from(invoices).where(and(eq(invoices.id, session.invoiceId), eq(invoices.status, "unpaid")));
  if (!invoice || (!invoice.orderId && invoice.kind !== "renewal")) return { operationIds: [] };
  try {
    // A savepoint: a refused order (or renewal) leaves the credited payment in place.
    const paid = await tx.transaction((sp): Promise<{ operationIds: number[] }> =>
      invoice.kind === "renewal" ? payRenewalInvoiceTx(sp, { type: "system" }, invoice.id, at) : payOrderTx(sp, { type: "system" }, invoice.orderId!, at));
    return { operationIds: paid.operationIds };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    await tx.update(paymentSessions).set({ failureReason: `Kept on the balance: ${error.message}` }).where(eq(paymentSessions.id, session.id));
    return { operationIds: [], note: error.message };
  }
}
