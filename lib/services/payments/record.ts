import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { demoGatewayEnabled } from "../../billing/card-gateway";
import { balanceEntries, clients, payments } from "../../db/schema";
import { paymentMethods } from "../../vocabulary";
import { conflict, notFound, unprocessable } from "../../errors";
import { audit } from "../audit";
import { dispatchOperations } from "../../processing/dispatch";
import { actorUserId, now, parseInput, requireAdmin, type Ctx } from "../context";
import { settleSession } from "./settle";

export const recordPaymentInput = z.object({
  clientId: z.coerce.number().int().positive().max(2_147_483_647),
  amount: z.number().int().positive().max(100_000_000),
  currency: z.string().trim().toUpperCase().length(3),
  /** The gateway's payment id: the same reference is recorded once, however often it arrives. */
  reference: z.string().trim().min(1).max(200),
  method: z.enum(paymentMethods).default("gateway"),
  raw: z.record(z.string(), z.unknown()).optional(),
  /** Stripe's payment intent of the session, kept to match its later refunds. */
  paymentIntentId: z.string().max(200).optional(),
});
export type RecordPaymentInput = z.input<typeof recordPaymentInput>;

/**
 * Money received for a client (a gateway payment, or an admin recording one): in one transaction
 * the payment, the balance and its ledger entry. The same reference again returns the first
 * payment and credits nothing; a reference reused for another client or amount is a conflict.
 */
export async function recordPayment({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(recordPaymentInput, input);
  const result = await ctx.db.transaction(async (tx) => {
    const [target] = await tx.select({ currency: clients.currency }).from(clients).where(eq(clients.id, data.clientId)).for("update");
    if (!target) throw notFound("Client not found");
    const [payment] = await tx
      .insert(payments)
      .values({ clientId: data.clientId, method: data.method, amount: data.amount, currency: data.currency, reference: data.reference, raw: data.raw ?? null })
      .onConflictDoNothing({ target: payments.reference })
      .returning();
    if (!payment) {
      const [existing] = await tx.select().from(payments).where(eq(payments.reference, data.reference));
      if (!existing || existing.clientId !== data.clientId || existing.amount !== data.amount || existing.currency !== data.currency) {
        throw conflict(`Payment ${data.reference} was already recorded with other details`);
      }
      return { payment: existing, created: false, operationIds: [] as number[] };
    }
    if (target.currency !== data.currency) throw unprocessable(`The client pays in ${target.currency}, not ${data.currency}`);
    const [client] = await tx
      .update(clients)
      .set({ balance: sql`${clients.balance} + ${data.amount}` })
      .where(eq(clients.id, data.clientId))
      .returning();
    if (!client) throw notFound("Client not found");
    const note = data.method === "admin" ? `Payment recorded by admin (${data.reference})` : data.method === "stripe" ? "Card payment" : data.reference.startsWith("demo_") && demoGatewayEnabled() ? "Demo gateway payment (no money moved)" : `Payment ${data.reference}`;
    await tx.insert(balanceEntries).values({
      clientId: client.id, kind: "payment", amount: data.amount, currency: data.currency, balanceAfter: client.balance,
      reference: `payment:${data.reference}`, note, actorUserId: actorUserId(ctx.actor),
    });
    await audit(tx, ctx.actor, { action: "payment.record", entity: "client", entityId: client.id, before: { balance: client.balance - data.amount }, after: { balance: client.balance, payment: data.reference } });
    const settled = await settleSession(tx, payment, now(ctx), data.paymentIntentId);
    return { payment, created: true, operationIds: settled.operationIds };
  });
  await dispatchOperations(result.operationIds);
  return result;
}
