import { eq, or, sql } from "drizzle-orm";
import type { Tx } from "../../db";
import { balanceEntries, clients, paymentSessions } from "../../db/schema";
import type { Stripe } from "../../billing/stripe";
import { audit } from "../audit";
import { now, requireAdmin, type Ctx } from "../context";
import { recordPayment } from "./record";
import { formatAmount } from "../../billing/ledger";

type Session = typeof paymentSessions.$inferSelect;
export type StripeEventResult = { handled: boolean; sessionId?: number; detail?: string };

const idOf = (v: string | { id: string } | null | undefined) => (typeof v === "string" ? v : (v?.id ?? null));

async function lockSession(tx: Tx, where: { externalId?: string; intentId?: string | null; sessionId?: string }): Promise<Session | undefined> {
  const id = Number(where.sessionId);
  const conditions = [
    where.externalId ? eq(paymentSessions.externalId, where.externalId) : undefined,
    where.intentId ? eq(paymentSessions.paymentIntentId, where.intentId) : undefined,
    Number.isInteger(id) && id > 0 && id < 2 ** 31 ? eq(paymentSessions.id, id) : undefined,
  ].filter((c) => c !== undefined);
  if (conditions.length === 0) return undefined;
  const [row] = await tx.select().from(paymentSessions).where(or(...conditions)).for("update");
  return row?.gateway === "stripe" ? row : undefined;
}

/**
 * Applies one verified Stripe event. A paid Checkout session becomes one payment (its session id is
 * the reference, so retried or duplicated events credit once) that also pays its invoice; a session
 * waiting for the bank stays open; failed and expired ones say so; a refund is taken back from the
 * balance as a ledger entry. Other events are acknowledged and ignored.
 */
export async function applyStripeEvent({ ctx, input }: { ctx: Ctx; input: Stripe.Event }): Promise<StripeEventResult> {
  requireAdmin(ctx.actor);
  const event = input;
  const at = now(ctx);
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded": {
      const cs = event.data.object;
      const intentId = idOf(cs.payment_intent);
      const session = await ctx.db.transaction(async (tx) => {
        const row = await lockSession(tx, { externalId: cs.id, sessionId: cs.metadata?.paymentSessionId });
        if (row && intentId && !row.paymentIntentId) await tx.update(paymentSessions).set({ paymentIntentId: intentId, externalId: cs.id }).where(eq(paymentSessions.id, row.id));
        return row;
      });
      if (!session) return { handled: false, detail: "not one of our payment sessions" };
      if (cs.payment_status !== "paid") return { handled: true, sessionId: session.id, detail: "waiting for the bank" };
      const amount = cs.amount_total ?? session.amount;
      const currency = (cs.currency ?? session.currency).toUpperCase();
      await recordPayment({ ctx, input: { clientId: session.clientId, amount, currency, reference: cs.id, method: "stripe", paymentIntentId: intentId ?? undefined, raw: { event: event.id, type: event.type, session: cs.id } } });
      return { handled: true, sessionId: session.id };
    }
    case "checkout.session.async_payment_failed":
    case "checkout.session.expired": {
      const cs = event.data.object;
      const failed = event.type === "checkout.session.async_payment_failed";
      return ctx.db.transaction(async (tx) => {
        const row = await lockSession(tx, { externalId: cs.id, sessionId: cs.metadata?.paymentSessionId });
        if (!row) return { handled: false };
        if (row.status === "open" || (failed && row.status !== "paid")) {
          await tx.update(paymentSessions).set({ status: failed ? "failed" : "expired", failureReason: failed ? "The bank did not complete the payment" : "The payment page expired before paying", completedAt: at }).where(eq(paymentSessions.id, row.id));
        }
        return { handled: true, sessionId: row.id };
      });
    }
    case "payment_intent.payment_failed": {
      const pi = event.data.object;
      return ctx.db.transaction(async (tx) => {
        const row = await lockSession(tx, { intentId: pi.id, sessionId: pi.metadata?.paymentSessionId });
        if (!row) return { handled: false };
        if (row.status !== "paid") {
          const reason = pi.last_payment_error?.message ?? "The card was declined";
          await tx.update(paymentSessions).set({ status: "failed", failureReason: reason.slice(0, 500), paymentIntentId: row.paymentIntentId ?? pi.id }).where(eq(paymentSessions.id, row.id));
        }
        return { handled: true, sessionId: row.id };
      });
    }
    case "charge.refunded": {
      const charge = event.data.object;
      return ctx.db.transaction((tx) => refund(tx, ctx, charge, at));
    }
    default:
      return { handled: false, detail: `ignored ${event.type}` };
  }
}

async function refund(tx: Tx, ctx: Ctx, charge: Stripe.Charge, at: Date): Promise<StripeEventResult> {
  const row = await lockSession(tx, { intentId: idOf(charge.payment_intent), sessionId: charge.metadata?.paymentSessionId });
  if (!row || row.status !== "paid") return { handled: false };
  const total = Math.min(charge.amount_refunded, row.amount);
  const delta = total - row.refunded;
  if (delta <= 0) return { handled: true, sessionId: row.id, detail: "already recorded" };
  await tx.update(paymentSessions).set({ refunded: total }).where(eq(paymentSessions.id, row.id));
  // The balance never goes below zero: what was spent already stays spent, and the note says so.
  const [client] = await tx.select({ balance: clients.balance }).from(clients).where(eq(clients.id, row.clientId)).for("update");
  const taken = Math.min(delta, client!.balance);
  const short = delta - taken;
  const note = `Card payment refunded (${formatAmount(delta, row.currency)})${short > 0 ? `; ${formatAmount(short, row.currency)} had already been spent` : ""}`;
  if (taken > 0) {
    const [after] = await tx.update(clients).set({ balance: sql`${clients.balance} - ${taken}` }).where(eq(clients.id, row.clientId)).returning({ balance: clients.balance });
    await tx.insert(balanceEntries).values({ clientId: row.clientId, kind: "refund", amount: -taken, currency: row.currency, balanceAfter: after!.balance, reference: `refund:${charge.id}:${total}`, note, createdAt: at });
  }
  await audit(tx, ctx.actor, { action: "payment.refund", entity: "client", entityId: row.clientId, after: { sessionId: row.id, refunded: total, taken, short } });
  return { handled: true, sessionId: row.id, detail: note };
}
