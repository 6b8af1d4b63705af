import { eq } from "drizzle-orm";
import { operations, serviceHistory, services, tasks } from "../../db/schema";
import { conflict } from "../../errors";
import { audit } from "../audit";
import { lockOperation, operationIdInput } from "./access";
import { now, parseInput, requireStaff, type Ctx } from "../context";

/** Cancels an operation that has not finished; its task, if any, is cancelled with it. */
export async function cancelOperation({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireStaff(ctx.actor);
  const { operationId } = parseInput(operationIdInput, input);
  return ctx.db.transaction(async (tx) => {
    const op = await lockOperation(tx, ctx.actor, operationId);
    if (["done", "cancelled"].includes(op.status)) throw conflict(`The operation is already ${op.status}`);
    const at = now(ctx);
    await tx.update(operations).set({ status: "cancelled", finishedAt: at, updatedAt: at, leaseToken: null, leaseUntil: null }).where(eq(operations.id, op.id));
    await tx.update(tasks).set({ status: "cancelled", closedAt: at }).where(eq(tasks.operationId, op.id));
    const [service] = await tx.update(services).set({ pending: null }).where(eq(services.id, op.serviceId)).returning();
    if (service && op.kind !== "sync") {
      await tx.insert(serviceHistory).values({ serviceId: service.id, fromStatus: service.status, toStatus: service.status, message: "", staffNote: `${op.kind} cancelled by staff` });
    }
    await audit(tx, ctx.actor, { action: "operation.cancel", entity: "operation", entityId: op.id, before: { status: op.status }, after: { status: "cancelled" } });
    return { operationId: op.id };
  });
}
