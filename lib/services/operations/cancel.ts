import { eq } from "drizzle-orm";
import { operations, serviceHistory, services, tasks } from "../../db/schema";
import { conflict } from "../../errors";
import { undoPlanChange } from "../../billing/plan-change-undo";
import { audit } from "../audit";
import { cancelSetupTx } from "../services/cancel-setup";
import { lockOperation, operationIdInput } from "./access";
import { actorUserId, now, parseInput, requireStaff, type Ctx } from "../context";

/**
 * Cancels an operation that has not finished; its task, if any, is cancelled with it. Cancelling the
 * set-up of a service still being set up cancels the set-up: the service is closed and what was
 * paid goes back to the balance, so nothing paid is left waiting.
 */
export async function cancelOperation({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireStaff(ctx.actor);
  const { operationId } = parseInput(operationIdInput, input);
  return ctx.db.transaction(async (tx) => {
    const op = await lockOperation(tx, ctx.actor, operationId);
    if (["done", "cancelled"].includes(op.status)) throw conflict(`The operation is already ${op.status}`);
    const at = now(ctx);
    if (op.kind === "open") {
      const [svc] = await tx.select({ status: services.status }).from(services).where(eq(services.id, op.serviceId));
      if (svc?.status === "processing" || svc?.status === "ordered") {
        const setup = await cancelSetupTx(tx, ctx.actor, { serviceId: op.serviceId, to: "balance", reason: "Set-up cancelled in Current operations", at });
        await audit(tx, ctx.actor, { action: "operation.cancel", entity: "operation", entityId: op.id, before: { status: op.status }, after: { status: "cancelled", setupCancelled: true } });
        return { operationId: op.id, setup };
      }
    }
    await tx.update(operations).set({ status: "cancelled", finishedAt: at, updatedAt: at, leaseToken: null, leaseUntil: null }).where(eq(operations.id, op.id));
    await tx.update(tasks).set({ status: "cancelled", closedAt: at }).where(eq(tasks.operationId, op.id));
    const [service] = await tx.update(services).set({ pending: null }).where(eq(services.id, op.serviceId)).returning();
    if (service && op.kind !== "sync") {
      await tx.insert(serviceHistory).values({ serviceId: service.id, fromStatus: service.status, toStatus: service.status, message: "", staffNote: `${op.kind} cancelled by staff` });
    }
    // A plan change that will not happen gives the difference back.
    const planChange = op.kind === "change_tariff" ? await undoPlanChange(tx, op, at, actorUserId(ctx.actor)) : undefined;
    await audit(tx, ctx.actor, { action: "operation.cancel", entity: "operation", entityId: op.id, before: { status: op.status }, after: { status: "cancelled", ...(planChange ? { planChange } : {}) } });
    return { operationId: op.id, setup: null };
  });
}
