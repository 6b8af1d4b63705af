import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { operations, serviceHistory, services, tasks } from "../../db/schema";
import { conflict } from "../../errors";
import { moveBalance } from "../../billing/ledger";
import { serviceRefundPrefix } from "../../billing/paid-period";
import { audit } from "../audit";
import { actorUserId, now, parseInput, type Ctx } from "../context";
import { loadOwnService } from "./load-own";

export const withdrawCloseInput = z.object({ serviceId: z.coerce.number().int().positive().max(2_147_483_647) });

/**
 * The client (or staff) withdraws a close request that has not started on the panel yet: the
 * queued close operation (or the task waiting for staff) is cancelled and the service stays as
 * it is; a refund made for closing early is taken back from the balance. Once the panel is being
 * asked, it can no longer be withdrawn.
 */
export async function withdrawClose({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const { serviceId } = parseInput(withdrawCloseInput, input);
  const at = now(ctx);
  return ctx.db.transaction(async (tx) => {
    const service = await loadOwnService(tx, ctx.actor, serviceId, true);
    const [op] = await tx
      .select()
      .from(operations)
      .where(and(eq(operations.serviceId, service.id), eq(operations.kind, "close"), inArray(operations.status, ["queued", "running", "waiting", "manual"])))
      .for("update");
    if (!op) throw conflict("There is no close request to withdraw");
    if (op.status === "running" || op.status === "waiting" || op.attempts > 0) throw conflict("Closing has already started and can no longer be withdrawn");
    const refunded = Number(op.params.refund ?? 0);
    if (refunded > 0) {
      await moveBalance(tx, {
        clientId: service.clientId, kind: "adjustment", amount: -refunded, at, reference: `${serviceRefundPrefix(service.id)}back:close:${op.id}`, actorUserId: actorUserId(ctx.actor),
        note: `Close of service #${service.id} withdrawn: the refund for unused time is taken back`,
      });
    }
    await tx.update(operations).set({ status: "cancelled", finishedAt: at, updatedAt: at, leaseToken: null, leaseUntil: null }).where(eq(operations.id, op.id));
    await tx.update(tasks).set({ status: "cancelled", closedAt: at }).where(eq(tasks.operationId, op.id));
    await tx.update(services).set({ pending: null, updatedAt: at }).where(eq(services.id, service.id));
    await tx.insert(serviceHistory).values({ serviceId: service.id, fromStatus: service.status, toStatus: service.status, message: "Close request withdrawn; the service stays", actorUserId: actorUserId(ctx.actor), createdAt: at });
    await audit(tx, ctx.actor, { action: "service.withdraw_close", entity: "service", entityId: service.id, after: { operationId: op.id } });
    return { operationId: op.id };
  });
}
