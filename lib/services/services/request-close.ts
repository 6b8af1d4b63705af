import { eq } from "drizzle-orm";
import { z } from "zod";
import { serviceHistory, services } from "../../db/schema";
import { conflict } from "../../errors";
import { dispatchOperations } from "../../processing/dispatch";
import { enqueueOperation } from "../../processing/enqueue";
import { audit } from "../audit";
import { actorUserId, now, parseInput, type Ctx } from "../context";
import { loadOwnService } from "./load-own";

export const requestCloseInput = z.object({ serviceId: z.coerce.number().int().positive().max(2_147_483_647) });

/**
 * The client (or staff) asks to close an active or suspended service: auto-renew goes off and a
 * `close` operation is queued. Asking twice queues one operation.
 */
export async function requestClose({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const { serviceId } = parseInput(requestCloseInput, input);
  const at = now(ctx);
  const result = await ctx.db.transaction(async (tx) => {
    const service = await loadOwnService(tx, ctx.actor, serviceId, true);
    if (service.status !== "active" && service.status !== "suspended") throw conflict(`A service that is ${service.status} cannot be closed now`);
    await tx.update(services).set({ autoRenew: false, updatedAt: at }).where(eq(services.id, service.id));
    const op = await enqueueOperation(tx, { serviceId: service.id, kind: "close", params: { reason: "requested" }, runAt: at });
    if (op.created) {
      await tx.insert(serviceHistory).values({ serviceId: service.id, fromStatus: service.status, toStatus: service.status, message: "Closing requested", actorUserId: actorUserId(ctx.actor), createdAt: at });
      await audit(tx, ctx.actor, { action: "service.request_close", entity: "service", entityId: service.id, after: { operationId: op.id } });
    }
    return { operationId: op.id, created: op.created };
  });
  await dispatchOperations(result.created ? [result.operationId] : []);
  return result;
}
