import { and, eq, gte, isNotNull, sql } from "drizzle-orm";
import type { Tx } from "../db";
import { paymentSessions } from "../db/schema";
import { conflict, unprocessable } from "../errors";
import { stripeClient } from "./stripe";

/** The Stripe card payment that paid an invoice and still has `amount` left to give back, if any. */
export async function cardPaymentFor(tx: Tx, invoiceId: number | null, amount: number) {
  if (!invoiceId) return undefined;
  const [session] = await tx
    .select()
    .from(paymentSessions)
    .where(and(eq(paymentSessions.invoiceId, invoiceId), eq(paymentSessions.gateway, "stripe"), eq(paymentSessions.status, "paid"), isNotNull(paymentSessions.paymentIntentId), gte(sql`${paymentSessions.amount} - ${paymentSessions.refunded}`, amount)))
    .for("update");
  return session;
}

/**
 * Gives `amount` of an invoice's card payment back to the card through Stripe's refunds API and
 * records it on the session, so Stripe's later `charge.refunded` event takes nothing twice. The
 * idempotency key makes a repeated call return the first refund.
 */
export async function refundToCard(tx: Tx, input: { invoiceId: number | null; amount: number; key: string; reason: string }) {
  const session = await cardPaymentFor(tx, input.invoiceId, input.amount);
  if (!session) throw conflict("This was not paid by card through Stripe (or the card payment was refunded already): refund it to the balance");
  const stripe = stripeClient();
  if (!stripe) throw unprocessable("Card payments through Stripe are not set up here: refund it to the balance");
  const refund = await stripe.refunds.create(
    { payment_intent: session.paymentIntentId!, amount: input.amount, metadata: { paymentSessionId: String(session.id), reason: input.reason.slice(0, 400) } },
    { idempotencyKey: input.key },
  );
  await tx.update(paymentSessions).set({ refunded: sql`${paymentSessions.refunded} + ${input.amount}` }).where(eq(paymentSessions.id, session.id));
  return { refundId: refund.id, sessionId: session.id };
}
