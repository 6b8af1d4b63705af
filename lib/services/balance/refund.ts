import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { clients, serviceHistory, services } from "../../db/schema";
import { giveBack } from "../../billing/give-back";
import { formatAmount } from "../../billing/ledger";
import { paidFor, serviceRefundPrefix, unusedPart } from "../../billing/paid-period";
import { notFound, unprocessable } from "../../errors";
import { audit } from "../audit";
import { actorUserId, now, parseInput, requireAdmin, type Ctx } from "../context";

const id = z.coerce.number().int().positive().max(2_147_483_647);
const reason = z.string().trim().min(1, "Give a reason").max(500);

export const refundInput = z.union([
  /** What was paid for a service: all that is left of it, or the unused time of the paid period. */
  z.object({ serviceId: id, mode: z.enum(["full", "pro_rata"]), to: z.enum(["balance", "card"]).default("balance"), reason }),
  /** A goodwill amount to a client's balance. */
  z.object({ clientId: id, amount: z.number().int().positive().max(100_000_000), reason }),
]);

/**
 * An admin gives money back as one refund entry on the ledger with its reason: for a service (all
 * that is left of what was paid for it, or pro rata for the unused time of the paid period; never
 * more than was paid), or an amount to a client's balance.
 */
export async function refund({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(refundInput, input);
  const at = now(ctx);
  return ctx.db.transaction(async (tx) => {
    if ("clientId" in data) {
      const [client] = await tx.select().from(clients).where(eq(clients.id, data.clientId));
      if (!client) throw notFound("Client not found");
      const words = await giveBack(tx, { clientId: client.id, currency: client.currency, amount: data.amount, to: "balance", key: `refund:client:${client.id}:${randomUUID()}`, invoiceId: null, note: data.reason, at, actorUserId: actorUserId(ctx.actor) });
      await audit(tx, ctx.actor, { action: "balance.refund", entity: "client", entityId: client.id, after: { amount: data.amount, reason: data.reason } });
      return { amount: data.amount, message: words! };
    }
    const [service] = await tx.select().from(services).where(eq(services.id, data.serviceId)).for("update");
    if (!service) throw notFound("Service not found");
    const [client] = await tx.select().from(clients).where(eq(clients.id, service.clientId));
    const paid = await paidFor(tx, service);
    const left = paid.total - paid.refunded;
    const wanted = data.mode === "full" ? left : unusedPart(paid.period.amount, service, at);
    const amount = Math.min(wanted, left);
    if (amount <= 0) throw unprocessable(data.mode === "full" ? "Everything paid for this service was refunded already" : "No unused paid time is left to refund");
    const words = await giveBack(tx, {
      clientId: service.clientId, currency: client!.currency, amount, to: data.to, key: `${serviceRefundPrefix(service.id)}${randomUUID()}`,
      invoiceId: paid.period.invoiceId, note: `Refund for service #${service.id}: ${data.reason}`, at, actorUserId: actorUserId(ctx.actor),
    });
    await tx.insert(serviceHistory).values({ serviceId: service.id, fromStatus: service.status, toStatus: service.status, message: `Refunded: ${words}`, staffNote: data.reason, actorUserId: actorUserId(ctx.actor), createdAt: at });
    await audit(tx, ctx.actor, { action: "balance.refund", entity: "service", entityId: service.id, after: { amount, mode: data.mode, to: data.to, reason: data.reason } });
    return { amount, message: `${formatAmount(amount, client!.currency)} refunded (${words})` };
  });
}
