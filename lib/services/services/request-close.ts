import { eq } from "drizzle-orm";
import { z } from "zod";
import { operations, serviceHistory, services } from "../../db/schema";
import { closeTerms } from "../../billing/close-terms";
import { giveBack } from "../../billing/give-back";
import { serviceRefundPrefix } from "../../billing/paid-period";
import { conflict } from "../../errors";
import { dispatchOperations } from "../../processing/dispatch";
import { enqueueOperation } from "../../processing/enqueue";
import { audit } from "../audit";
import { actorUserId, now, parseInput, type Ctx } from "../context";
import { loadOwnService } from "./load-own";

export const requestCloseInput = z.object({
  serviceId: z.coerce.number().int().positive().max(2_147_483_647),
  /** Now, or when the paid period ends (the close operation waits until then). */
  when: z.enum(["now", "period_end"]).default("now"),
});

/**
 * The client (or staff) asks to close an active or suspended service, now or at the end of the paid
 * period: auto-renew goes off and a `close` operation is queued (due then). Closing now refunds the
 * unused time to the balance when the tariff says so (see closeTerms). Asking twice queues one operation.
 */
export async function requestClose({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const { serviceId, when } = parseInput(requestCloseInput, input);
  const at = now(ctx);
  const result = await ctx.db.transaction(async (tx) => {
    const service = await loadOwnService(tx, ctx.actor, serviceId, true);
    if (service.status !== "active" && service.status !== "suspended") throw conflict(`A service that is ${service.status} cannot be closed now`);
    await tx.update(services).set({ autoRenew: false, updatedAt: at }).where(eq(services.id, service.id));
    const terms = await closeTerms(tx, service, at);
    const endsAt = when === "period_end" ? terms.endsAt : null;
    // What the closed email tells the client it got back (the refund line replaces it when there is one).
    const clientNote = endsAt ? "It ran until the end of its paid period; nothing is refunded." : "Nothing is refunded for the unused time.";
    const params = { reason: "requested", clientNote, currency: terms.currency, ...(endsAt ? { atPeriodEnd: true } : {}) };
    const op = await enqueueOperation(tx, { serviceId: service.id, kind: "close", params, runAt: endsAt ?? at });
    let refund = 0;
    if (op.created) {
      let message = endsAt ? `Closing at the end of the paid period (${endsAt.toISOString().slice(0, 10)}); nothing is refunded` : "Closing requested";
      if (!endsAt && terms.refund > 0) {
        const words = await giveBack(tx, {
          clientId: service.clientId, currency: terms.currency, amount: terms.refund, to: "balance", key: `${serviceRefundPrefix(service.id)}close:${op.id}`,
          invoiceId: terms.invoiceId, note: `Unused time of service #${service.id}, closed early`, at, actorUserId: actorUserId(ctx.actor),
        });
        if (words) {
          refund = terms.refund;
          message = `Closing requested; ${words} for the unused time`;
          await tx.update(operations).set({ params: { ...params, refund, clientNote: `${words} for the unused time.` } }).where(eq(operations.id, op.id));
        }
      }
      await tx.insert(serviceHistory).values({ serviceId: service.id, fromStatus: service.status, toStatus: service.status, message, actorUserId: actorUserId(ctx.actor), createdAt: at });
      await audit(tx, ctx.actor, { action: "service.request_close", entity: "service", entityId: service.id, after: { operationId: op.id, when, refund } });
    }
    return { operationId: op.id, created: op.created, refund, currency: terms.currency, closesAt: endsAt ?? at };
  });
  await dispatchOperations(result.created ? [result.operationId] : []);
  return result;
}
